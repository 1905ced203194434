"""The `scorm-builder` program. `build` of unchanged courses is answered before click and the rest load,
so that a rebuild with nothing to do costs little more than starting Python."""
from __future__ import annotations

import os
import sys
import time


def main() -> None:
    if not _unchanged_build(sys.argv[1:]):
        from .cli import main as cli

        cli(prog_name="scorm-builder")


def _plain_build_args(args: list[str]) -> tuple[list[str], str] | None:
    """Course folders and output folder of `build [DIR ...] [-o OUT]`; None for any other form."""
    if not args or args[0] != "build":
        return None
    dirs, out, rest = [], "dist", args[1:]
    while rest:
        arg = rest.pop(0)
        if arg in ("-o", "--out") and rest:
            out = rest.pop(0)
        elif arg.startswith("--out="):
            out = arg[len("--out="):]
        elif arg.startswith("-"):
            return None
        else:
            dirs.append(arg)
    return dirs or ["course"], out


def _unchanged_build(args: list[str]) -> bool:
    parsed = _plain_build_args(args)
    if parsed is None:
        return False
    from . import i18n, incremental, leftovers, summary
    from .catalogue import language_from_env

    i18n.set_language(language_from_env())
    started = time.time()
    dirs, out = parsed
    found = []
    for course in dirs:
        recorded = incremental.up_to_date(course, out) if os.path.isfile(os.path.join(course, "course.yaml")) else None
        if recorded is None:
            return False
        found.append(recorded)
    leftovers.remove_leftovers(out, started)  # what builds killed outright left: a build would remove it too
    for recorded in found:
        for warning in recorded["warnings"]:
            print(warning, file=sys.stderr)
        print(summary.line(recorded, skipped=True))
    if len(found) > 1:
        print(summary.total_line(len(found), []))
    return True
