"""`scorm-builder new`: a small, valid, commented course in Arabic, French or English that builds and passes check."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from helpers import ROOT, edit
from scorm_builder import build
from scorm_builder.check import check
from scorm_builder.cli import main
from scorm_builder.errors import CourseError, UsageError
from scorm_builder.paths import TEMPLATES
from scorm_builder.scaffold import LANGUAGES, course_id_for, id_note, scaffold
from scorm_builder.schema import QUESTION_TYPES, json_schema

# A phrase of each language's comments, to show the comments are in the chosen language.
COMMENT_PHRASE = {"en": "This file describes your course", "fr": "Ce fichier décrit votre cours",
                  "ar": "يصف هذا الملف دورتك التدريبية"}


def _yaml_files(course):
    return [course / "course.yaml", *sorted((course / "modules").glob("*.yaml"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_builds_and_passes_check(tmp_path, language):
    course = tmp_path / "my-course"
    written = scaffold(course, language)
    assert {p.relative_to(course).as_posix() for p in written} >= {"course.yaml", "course.schema.json"}
    assert [p for p in written if p.parent.name == "modules"], "a module file"

    result = build(course, tmp_path / "dist")
    assert [p.name for p in result.packages] == ["my-course-1.0.0.zip"]
    assert result.pages == 2 and result.questions == 7
    report = check(result.packages[0])
    assert not report.errors, report.findings

    top = yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))
    assert top["language"] == language and top["id"] == "my-course"
    assert COMMENT_PHRASE[language] in (course / "course.yaml").read_text(encoding="utf-8")
    html = zipfile.ZipFile(result.packages[0]).read("index.html").decode()
    assert f'lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_scaffold_is_commented_and_shows_an_intro_a_lesson_and_every_question_type(tmp_path, language):
    course = tmp_path / "c"
    scaffold(course, language)
    for path in _yaml_files(course):
        comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
        assert len(comments) >= 8, f"{path.name} should explain itself"
    (module_file,) = (course / "modules").glob("*.yaml")
    module = yaml.safe_load(module_file.read_text(encoding="utf-8"))
    assert len(module["pages"]) == 2
    assert {q["type"] for q in module["quiz"]["questions"]} == set(QUESTION_TYPES)  # every type, as an example


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_schema_is_written_and_named_by_each_file(tmp_path, language):
    course = tmp_path / "c"
    scaffold(course, language)
    schema_text = (course / "course.schema.json").read_text(encoding="utf-8")
    # the same as `scorm-builder schema` in the course's language
    assert schema_text == CliRunner().invoke(main, ["schema", "--lang", language]).output
    validator = jsonschema.Draft7Validator(json.loads(schema_text))
    assert json.loads(schema_text) == json_schema(language)
    first_lines = {p.relative_to(course).as_posix(): p.read_text(encoding="utf-8").splitlines()[0]
                   for p in _yaml_files(course)}
    for name, line in first_lines.items():
        target = "course.schema.json" if "/" not in name else "../course.schema.json"
        assert line == f"# yaml-language-server: $schema={target}", name
        data = yaml.safe_load((course / name).read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), name


def test_course_id_comes_from_the_folder_name(tmp_path):
    assert course_id_for(tmp_path / "My Course 2") == "my-course-2"
    assert course_id_for(tmp_path / "teamwork") == "teamwork"
    assert course_id_for(tmp_path / "Cours Équipe 2025") == "cours-equipe-2025"  # accents folded
    assert course_id_for(tmp_path / "Œuvre  collective") == "oeuvre-collective"
    assert course_id_for(tmp_path / "دورتي") == "dwrty"  # Arabic script in Latin letters
    assert course_id_for(tmp_path / "دَورة الشبكات ٢") == "dwra-alshbkat-2"
    assert course_id_for(tmp_path / "2025") == "my-course"  # an id starts with a letter
    assert id_note(tmp_path / "Cours Équipe") is None and id_note(tmp_path / "teamwork") is None
    assert id_note(Path("دورتي")) == ("the course id is 'dwrty', the folder name 'دورتي' in Latin letters (an id is "
                                      "ASCII); change 'id:' in دورتي/course.yaml before you publish the course, never after")
    assert "gives no id" in id_note(Path("2025")) and "'my-course'" in id_note(Path("2025"))
    course = tmp_path / "Team Work"
    scaffold(course, "en")
    assert yaml.safe_load((course / "course.yaml").read_text())["id"] == "team-work"
    assert "scorm-builder build '" in (course / "course.yaml").read_text()  # the folder quoted in the hint


def test_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path):
    course = tmp_path / "busy"
    course.mkdir()
    (course / "notes.txt").write_text("mine")
    with pytest.raises(UsageError) as caught:
        scaffold(course, "ar")
    assert caught.value.exit_code == 2
    assert "not empty" in str(caught.value) and "busy" in str(caught.value)
    assert [p.name for p in course.iterdir()] == ["notes.txt"]
    assert (course / "notes.txt").read_text() == "mine"

    a_file = tmp_path / "file.yaml"
    a_file.write_text("x")
    with pytest.raises(UsageError):
        scaffold(a_file, "en")
    with pytest.raises(UsageError):
        scaffold(tmp_path / "new", "de")
    assert not (tmp_path / "new").exists()


def test_an_existing_empty_folder_is_used(tmp_path):
    course = tmp_path / "empty"
    course.mkdir()
    scaffold(course, "fr")
    assert (course / "course.yaml").is_file()


def test_new_command(tmp_path):
    runner = CliRunner()
    course = tmp_path / "cours"
    result = runner.invoke(main, ["new", str(course), "--language", "fr"])
    assert result.exit_code == 0, result.output
    assert f"created {course / 'course.yaml'}" in result.stdout
    assert f"scorm-builder build {course} -o dist/" in result.stdout
    assert yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))["language"] == "fr"

    arabic = tmp_path / "دورة الشبكات"
    said = runner.invoke(main, ["new", str(arabic), "--language", "ar"])
    assert said.exit_code == 0, said.output
    assert f"note: the course id is 'dwra-alshbkat', the folder name 'دورة الشبكات' in Latin letters" in said.stdout
    assert f"next: edit '{arabic / 'course.yaml'}', then run: scorm-builder build '{arabic}' -o dist/" in said.stdout
    assert yaml.safe_load((arabic / "course.yaml").read_text(encoding="utf-8"))["id"] == "dwra-alshbkat"

    again = runner.invoke(main, ["new", str(course)])
    assert again.exit_code == 2
    assert "not empty" in again.stderr and "Traceback" not in again.output
    assert runner.invoke(main, ["new", str(tmp_path / "x"), "--language", "de"]).exit_code == 2
    assert not (tmp_path / "x").exists()


def test_templates_live_under_templates_scaffold():
    # templates/ is force-included in the wheel (pyproject.toml), so the scaffold ships with it
    assert 'force-include]\n"templates" = "scorm_builder/templates"' in (ROOT / "pyproject.toml").read_text()
    for language in LANGUAGES:
        assert (TEMPLATES / "scaffold" / language / "course.yaml").is_file()


def test_the_error_shown_in_the_arabic_quick_start_is_real(tmp_path, monkeypatch):
    """docs/authoring.ar.md shows the message a wrong `correct:` gives in the Arabic scaffold; keep it exact."""
    monkeypatch.chdir(tmp_path)
    scaffold(tmp_path / "my-course", "ar")
    edit(tmp_path / "my-course" / "modules" / "01-first-steps.yaml", "      correct: b", "      correct: d")
    with pytest.raises(CourseError) as caught:
        build(tmp_path / "my-course", tmp_path / "dist")
    (message,) = [str(d).replace(str(tmp_path) + "/", "") for d in caught.value.diagnostics]
    shown = re.search(r"```text\n(.*?)\n```", (ROOT / "docs" / "authoring.ar.md").read_text(encoding="utf-8"),
                      re.S).group(1)
    assert shown == message
