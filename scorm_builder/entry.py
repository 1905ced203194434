"""The `scorm-builder` program. `build` of unchanged courses is answered before click and the rest load,
so that a rebuild with nothing to do costs little more than starting Python."""
from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    if not _unchanged_build(sys.argv[1:]):
        from .cli import main as cli

        cli(prog_name="scorm-builder")


def _plain_build_args(args: list[str]) -> tuple[list[Path], Path] | None:
    """Course folders and output folder of `build [DIR ...] [-o OUT]`; None for any other form."""
    if not args or args[0] != "build":
        return None
    dirs, out, rest = [], Path("dist"), args[1:]
    while rest:
        arg = rest.pop(0)
        if arg in ("-o", "--out") and rest:
            out = Path(rest.pop(0))
        elif arg.startswith("--out="):
            out = Path(arg[len("--out="):])
        elif arg.startswith("-"):
            return None
        else:
            dirs.append(Path(arg))
    return dirs or [Path("course")], out


def _unchanged_build(args: list[str]) -> bool:
    parsed = _plain_build_args(args)
    if parsed is None:
        return False
    from . import incremental
    from .batch import Outcome, total_line

    dirs, out = parsed
    outcomes = []
    for course in dirs:
        summary = incremental.up_to_date(course, out) if (course / "course.yaml").is_file() else None
        if summary is None:
            return False
        outcomes.append(Outcome(str(course), summary, skipped=True))
    for outcome in outcomes:
        print(outcome.line())
    if len(outcomes) > 1:
        print(total_line(outcomes))
    return True
