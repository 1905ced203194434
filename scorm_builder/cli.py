"""The `scorm-builder` command: a thin shell over the library."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ScormBuilderError


def _fail(error: ScormBuilderError) -> None:
    click.echo(str(error), err=True)
    sys.exit(error.exit_code)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorm-builder")
@click.option("-v", "--verbose", is_flag=True, help="Say what each step does.")
def main(verbose: bool) -> None:
    """Compile a course written in YAML into SCORM 1.2 packages for Moodle and other LMSs.

    \b
    Example:
      scorm-builder build course/ -o dist/
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")


@main.command()
@click.argument("course_dir", default="course", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="dist", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the zip(s) into.")
def build(course_dir: Path, out_dir: Path) -> None:
    """Build COURSE_DIR (default: course/) into OUT/<course-id>-<version>.zip.

    \b
    Example:
      scorm-builder build course/ -o dist/
    Exit status: 0 built, 1 the course has errors (each shown as file:line:col), 2 wrong usage.
    """
    from .build import build as run_build

    try:
        result = run_build(course_dir, out_dir)
    except ScormBuilderError as error:
        _fail(error)
    for warning in result.warnings:
        click.echo(warning, err=True)
    names = ", ".join(str(p) for p in result.packages)
    click.echo(f"built {names}: {result.pages} pages, {result.questions} questions, {result.files} files, "
               f"{_size(result.size)}, suspend_data ≤ {result.suspend_data_max}/4096 chars, {result.seconds:.2f} s")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the course files (for editor completion).

    \b
    Example:
      scorm-builder schema > course/course.schema.json
    then start each YAML file with
      # yaml-language-server: $schema=course.schema.json
    """
    from .schema import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
