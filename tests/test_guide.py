"""The guides travel with the tool: `scorm-builder docs` finds them and shows them as web pages."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.guide import GUIDES, as_web_page, guide_path


def test_docs_prints_the_guide_in_the_language_asked():
    for language, name in (("ar", "authoring.ar.md"), ("en", "authoring.md")):
        result = CliRunner().invoke(main, ["docs", "--language", language])
        assert result.exit_code == 0, result.output
        path = Path(result.output.strip())
        assert path.name == name and path.is_file()
    assert guide_path("moodle", "ar").name == "moodle.md"  # no Arabic Moodle guide yet: the English one


def test_every_named_guide_exists():
    for name, files in GUIDES.items():
        assert guide_path(name, "en").is_file(), name


def test_web_pages_link_to_each_other_and_to_pictures_that_exist(tmp_path):
    page = as_web_page(guide_path("authoring", "ar"), tmp_path)
    text = page.read_text(encoding="utf-8")
    assert 'dir="rtl"' in text and "<h1" in text
    pages = {p.name for p in tmp_path.glob("*.html")}
    for html_file in tmp_path.glob("*.html"):
        for attribute, target in re.findall(r'(href|src)="([^"#]+)', html_file.read_text(encoding="utf-8")):
            if target.startswith("file:"):
                assert Path(unquote(urlparse(target).path)).exists(), (html_file.name, target)
            elif target.endswith(".html") and "/" not in target:
                assert target in pages, (html_file.name, target)


def test_new_says_where_the_guide_is(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "c"), "--language", "fr"])
    assert result.exit_code == 0, result.output
    assert "scorm-builder docs --open --language fr" in result.output
