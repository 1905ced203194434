"""What the tests of each block type (tests/components/test_<type>.py) share: a one-page course holding the
blocks given as YAML, built (its launch page) or refused (its errors)."""
from __future__ import annotations

import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from scorm_builder import CourseError, build

COURSE = """id: block-case
version: "1.0"
title: Block case
language: {language}
modules:
  - module.yaml
"""
MODULE = """id: case
title: Case
pages:
  - id: page
    title: The page
    blocks:
{blocks}
"""


def course(tmp_path: Path, blocks: str, language: str = "en", files: dict | None = None) -> Path:
    """A course folder whose one page has `blocks` (YAML list items, written from column 0)."""
    folder = tmp_path / "course"
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(COURSE.format(language=language), encoding="utf-8")
    (folder / "module.yaml").write_text(MODULE.format(blocks=textwrap.indent(textwrap.dedent(blocks).strip(), " " * 6)),
                                        encoding="utf-8")
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def page(tmp_path: Path, blocks: str, **options):
    """The built page's section (lxml element) and the package's file names."""
    built = build(course(tmp_path, blocks, **options), tmp_path / "out")
    with zipfile.ZipFile(built.packages[0]) as z:
        names = set(z.namelist())
        doc = lxml_html.fromstring(z.read("index.html"))
    return doc.get_element_by_id("p-page"), names


def errors(tmp_path: Path, blocks: str, **options) -> list[str]:
    """The errors of the course, each 'file:line:col: error: ... (fix)'; nothing may be written."""
    with pytest.raises(CourseError) as info:
        build(course(tmp_path, blocks, **options), tmp_path / "out")
    assert not (tmp_path / "out").exists()
    return [str(d) for d in info.value.diagnostics]
