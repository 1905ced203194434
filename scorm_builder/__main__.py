from .cli import main

main(prog_name="scorm-builder")
