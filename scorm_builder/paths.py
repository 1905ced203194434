"""Where the builder's own files are, and safe resolution of paths written in a course."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

_HERE = Path(__file__).resolve().parent
# Installed wheels carry the templates inside the package; a source checkout keeps them at the top level.
TEMPLATES = _HERE / "templates" if (_HERE / "templates").is_dir() else _HERE.parent / "templates"
XSD_DIR = _HERE / "xsd"


def inside(course_dir: Path, written: str) -> tuple[Path | None, str, str]:
    """Resolve a path written in the course; returns (path, problem, hint): path is None when refused."""
    if "\\" in written:
        return None, f"'{written}' uses backslashes", "write paths with '/'"
    pure = PurePosixPath(written)
    if pure.is_absolute() or (len(written) > 1 and written[1] == ":"):
        return None, f"'{written}' is an absolute path", "write the path relative to the course folder"
    if ".." in pure.parts:
        return None, f"'{written}' leaves the course folder", "keep every file inside the course folder"
    root = course_dir.resolve()
    target = (course_dir / pure).resolve()
    if target != root and root not in target.parents:
        return None, f"'{written}' points outside the course folder (a link)", "copy the file into the course folder"
    if not target.is_file():
        return None, f"'{written}' does not exist", f"check the file name; paths are relative to {course_dir.name}/"
    if not os.access(target, os.R_OK):
        return None, f"'{written}' cannot be read", "check its permissions"
    return target, "", ""
