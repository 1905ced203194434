"""The guides travel with the tool: `scorm-builder docs` finds them and shows them as web pages."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner

from helpers import ROOT, edit
from scorm_builder.cli import main
from scorm_builder.guide import GUIDES, as_web_page, guide_path


def test_docs_prints_the_guide_in_the_language_asked():
    for language, name in (("ar", "authoring.ar.md"), ("fr", "authoring.fr.md"), ("en", "authoring.md")):
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
    assert '<html lang="ar" dir="rtl">' in text and "<h1" in text
    assert '<html lang="fr" dir="ltr">' in (tmp_path / "authoring.fr.html").read_text(encoding="utf-8")
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


# The guides in French and Arabic: the whole English guide, section by section --------------------------------

DOCS = ROOT / "docs"
TRANSLATED = {"fr": DOCS / "authoring.fr.md", "ar": DOCS / "authoring.ar.md"}
_FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```", re.M | re.S)


def _outline(path: Path) -> list[int]:
    """How many `###` sections each `##` section holds, in order (code blocks left out)."""
    outline: list[int] = []
    for line in _FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        if line.startswith("## "):
            outline.append(0)
        elif line.startswith("### ") and outline:
            outline[-1] += 1
    return outline


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_translated_guide_has_every_section_of_the_english_one(language):
    english = _outline(DOCS / "authoring.md")
    assert len(english) >= 18
    assert _outline(TRANSLATED[language]) == english


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_translated_guide_lists_every_message_key_with_its_wording(language):
    keys = json.loads((ROOT / "templates" / "i18n" / "en.json").read_text(encoding="utf-8"))
    wording = json.loads((ROOT / "templates" / "i18n" / f"{language}.json").read_text(encoding="utf-8"))
    text = TRANSLATED[language].read_text(encoding="utf-8")
    table = re.search(r"^\|[^|\n]+\| English \|[^|\n]+\|\n\|---\|---\|---\|\n((?:\|.*\n)+)", text, re.M).group(1)
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| .*? \| (.*?) \|$", table, re.M))
    assert set(rows) == set(keys)
    assert all(rows[key].startswith(wording[key]) for key in keys), "a wording differs from the catalogue"


@pytest.mark.parametrize("language, module, block", [("fr", "01-premiers-pas.yaml", 0),
                                                      ("ar", "01-first-steps.yaml", 1)])
def test_the_error_the_translated_guide_explains_is_the_one_the_tool_prints(tmp_path, monkeypatch, language,
                                                                         module, block):
    """The guide takes apart a wrong `correct:` in the scaffold, as the tool says it in the guide's language."""
    monkeypatch.chdir(tmp_path)
    course = "mon-cours" if language == "fr" else "my-course"
    assert CliRunner().invoke(main, ["new", course, "--language", language]).exit_code == 0
    edit(tmp_path / course / "modules" / module, "      correct: b", "      correct: d")
    result = CliRunner().invoke(main, ["build", course, "-o", "dist", "--lang", language])
    assert result.exit_code == 1
    shown = re.findall(r"```text\n(.*?)\n```", TRANSLATED[language].read_text(encoding="utf-8"), re.S)[block]
    assert shown == result.stderr.splitlines()[0]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_the_new_course_points_to_the_guide_in_the_trainers_language(tmp_path, language):
    assert CliRunner().invoke(main, ["new", str(tmp_path / "c"), "--language", language]).exit_code == 0
    command = "scorm-builder docs --open" + ("" if language == "en" else f" --language {language}")
    for name in ("course.yaml", *(p.relative_to(tmp_path / "c").as_posix()
                                  for p in (tmp_path / "c" / "modules").glob("*.yaml"))):
        text = (tmp_path / "c" / name).read_text(encoding="utf-8")
        assert f"`{command}`" in text, name
