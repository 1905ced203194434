"""Where the builder's own files are, and safe resolution of paths written in a course."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from . import locations

TEMPLATES = Path(locations.TEMPLATES)
XSD_DIR = Path(locations.XSD_DIR)


def inside(course_dir: Path, written: str) -> tuple[Path | None, str, str]:
    """Resolve a path written in the course; returns (path, problem, hint): path is None when refused."""
    shown = written if len(written) <= 60 else written[:59] + "…"
    if "\\" in written:
        return None, f"'{shown}' uses backslashes", "write paths with '/'"
    pure = PurePosixPath(written)
    if pure.is_absolute() or (len(written) > 1 and written[1] == ":"):
        return None, f"'{shown}' is an absolute path", "write the path relative to the course folder"
    if ".." in pure.parts:
        return None, f"'{shown}' leaves the course folder", "keep every file inside the course folder"
    try:
        root = course_dir.resolve()
        target = (course_dir / pure).resolve()
        if target != root and root not in target.parents:
            return (None, f"'{shown}' is a link that points outside the course folder",
                    "copy the file into the course folder")
        if target.is_dir():
            return None, f"'{shown}' is a folder", "name a file inside it"
        if target.exists() and not target.is_file():
            return None, f"'{shown}' is not a regular file", "name an ordinary file"
        if not target.is_file():
            return None, f"'{shown}' does not exist", f"check the file name; paths are relative to {course_dir.name}/"
    except RuntimeError:  # a symbolic link loop, before Python 3.13
        return None, f"'{shown}' is a link that leads to itself", "replace the link with the file"
    except OSError as exc:  # a name too long, a link loop (Python 3.13+), ...
        return None, f"'{shown}' cannot be opened: {exc.strerror or exc}", "check the name; keep it short and simple"
    if not os.access(target, os.R_OK):
        return None, f"'{shown}' cannot be read", "check its permissions"
    return target, "", ""
