"""Shared helpers for the test suite."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SAMPLE = TESTS / "courses" / "sample"
SEED = ROOT / "course"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}


def copy_course(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def manifest(zip_path: Path) -> etree._Element:
    with zipfile.ZipFile(zip_path) as zf:
        return etree.fromstring(zf.read("imsmanifest.xml"))


def build_errors(course: Path, out: Path) -> list[str]:
    """The diagnostics of a course that must not build, as printed; nothing is written to `out`."""
    from scorm_builder import CourseError, build
    try:
        build(course, out)
    except CourseError as error:
        assert not out.exists()
        return [str(d) for d in error.diagnostics]
    raise AssertionError(f"{course} built")
