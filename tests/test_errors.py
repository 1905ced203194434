"""Every class of course mistake is reported as file:line:col: error: path: message (hint), all at once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import SAMPLE, copy_course, edit
from scorm_builder import CourseError, build


@pytest.fixture
def course(tmp_path) -> Path:
    return copy_course(SAMPLE, tmp_path / "course")


def line_of(path: Path, snippet: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if snippet in line:
            return number
    raise AssertionError(f"{snippet!r} not in {path}")


def errors_of(course: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(CourseError) as info:
        build(course, tmp_path / "out")
    assert not (tmp_path / "out").exists(), "nothing may be written when the course has errors"
    return [str(d) for d in info.value.diagnostics]


def only_error(course: Path, tmp_path: Path) -> str:
    found = errors_of(course, tmp_path)
    assert len(found) == 1, found
    return found[0]


def test_yaml_syntax_error(course, tmp_path):
    module = course / "modules" / "basics.yaml"
    edit(module, "title: Basics\n", "title: Basics\n  bad: [unclosed\n")
    error = only_error(course, tmp_path)
    assert error.startswith(f"{module.as_posix()}:{line_of(module, 'bad: [unclosed')}:")
    assert "YAML syntax error" in error


def test_tab_indentation(course, tmp_path):
    module = course / "modules" / "basics.yaml"
    edit(module, "objectives:\n  - Define", "objectives:\n\t- Define")
    error = only_error(course, tmp_path)
    assert f":{line_of(module, chr(9) + '- Define')}:1: error:" in error
    assert "never tabs" in error


def test_duplicate_key(course, tmp_path):
    module = course / "modules" / "basics.yaml"
    edit(module, "title: Basics\n", "title: Basics\ntitle: Again\n")
    error = only_error(course, tmp_path)
    assert error == (f"{module.as_posix()}:{line_of(module, 'title: Again')}:1: error: title: "
                     "duplicate key 'title' (keep only one of them)")


def test_unknown_key_suggests_the_right_one(course, tmp_path):
    edit(course / "course.yaml", "pass_mark: 70", "pass_mrk: 70")
    error = only_error(course, tmp_path)
    line = line_of(course / "course.yaml", "pass_mrk")
    assert error == f"{(course / 'course.yaml').as_posix()}:{line}:1: error: pass_mrk: unknown key 'pass_mrk' (did you mean 'pass_mark'?)"


def test_duplicate_ids(course, tmp_path):
    module = course / "modules" / "practice.yaml"
    edit(module, "  - id: steps\n", "  - id: kinds\n")
    edit(module, "see: steps", "see: kinds")
    edit(module, "see: steps", "see: kinds")
    error = only_error(course, tmp_path)
    assert error.startswith(f"{module.as_posix()}:{line_of(module, '- id: kinds')}:9: error: page 'kinds', id: page id 'kinds' is already used")


def test_correct_answer_names_no_choice(course, tmp_path):
    module = course / "modules" / "basics.yaml"
    edit(module, "correct: b\n", "correct: z\n")
    error = only_error(course, tmp_path)
    assert error == (f"{module.as_posix()}:{line_of(module, 'correct: z')}:16: error: question 1 (q1) of quiz 'basics-quiz', correct: "
                     "'z' names no choice of this question (use one of: a, b, none)")


def test_missing_required_field(course, tmp_path):
    module = course / "modules" / "practice.yaml"
    edit(module, "    title: Steps\n", "")
    error = only_error(course, tmp_path)
    assert error == (f"{module.as_posix()}:{line_of(module, '- id: steps')}:5: error: page 'steps': "
                     "missing required key 'title' (add 'title:')")


def test_empty_required_field(course, tmp_path):
    edit(course / "course.yaml", "title: Sample course", 'title: "  "')
    error = only_error(course, tmp_path)
    assert ":4:8: error: title: must not be empty" in error


def test_wrong_type(course, tmp_path):
    edit(course / "course.yaml", "pass_mark: 70", "pass_mark: seventy")
    assert "pass_mark: expected a number, found text (write a number such as 70)" in only_error(course, tmp_path)


def test_id_not_a_slug(course, tmp_path):
    edit(course / "modules" / "basics.yaml", "id: basics", "id: أساسيات")
    assert "id: 'أساسيات' is not a valid id (use lower-case ASCII letters" in only_error(course, tmp_path)


@pytest.mark.parametrize("src,message", [
    ("media/missing.png", "'media/missing.png' does not exist"),
    ("/etc/passwd", "'/etc/passwd' is an absolute path"),
    ("../outside.png", "'../outside.png' leaves the course folder"),
])
def test_bad_media_paths(course, tmp_path, src, message):
    module = course / "modules" / "basics.yaml"
    edit(module, "src: media/dot.png", f"src: {src}")
    error = only_error(course, tmp_path)
    assert error.startswith(f"{module.as_posix()}:{line_of(module, 'src: ')}:")
    assert f"media 1 of page 'what-is', src: {message}" in error


def test_symlink_leaving_the_course(course, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"x")
    os.symlink(secret, course / "media" / "link.png")
    edit(course / "modules" / "basics.yaml", "src: media/dot.png", "src: media/link.png")
    assert "points outside the course folder" in only_error(course, tmp_path)


def test_missing_module_file_and_module_listed_twice(course, tmp_path):
    edit(course / "course.yaml", "  - modules/practice.yaml\n", "  - modules/basics.yaml\n  - modules/nope.yaml\n")
    found = errors_of(course, tmp_path)
    assert any("module file 2: 'modules/basics.yaml' is listed twice" in e for e in found)
    assert any("module file 3: 'modules/nope.yaml' does not exist" in e for e in found)


def test_all_errors_collected_before_stopping(course, tmp_path):
    edit(course / "course.yaml", "pass_mark: 70", "pass_mark: 170")
    edit(course / "modules" / "basics.yaml", "correct: b\n", "correct: z\n")
    edit(course / "modules" / "practice.yaml", "    title: Steps\n", "")
    found = errors_of(course, tmp_path)
    # structure errors in two files, and the check across files (an unknown choice) in the sound one, together
    assert len(found) == 3, found
    assert any("pass_mark: 170 is out of range" in e for e in found)
    assert any("missing required key 'title'" in e for e in found)
    assert any("basics.yaml" in e and "'z'" in e for e in found)


def test_checks_across_files_run_while_another_file_is_broken(course, tmp_path):
    edit(course / "modules" / "practice.yaml", "    title: Steps\n", "")
    edit(course / "final.yaml", "draw: 3", "draw: 9")
    found = errors_of(course, tmp_path)
    assert len(found) == 2, found
    assert any("missing required key 'title'" in e for e in found)
    assert any("cannot draw 9 questions from a pool of 5" in e for e in found)


def test_pool_smaller_than_draw(course, tmp_path):
    edit(course / "final.yaml", "draw: 3", "draw: 9")
    assert "draw: cannot draw 9 questions from a pool of 5" in only_error(course, tmp_path)


def test_see_names_a_missing_page(course, tmp_path):
    edit(course / "modules" / "practice.yaml", "see: steps", "see: step")
    assert "no page has the id 'step' (did you mean 'steps'?)" in only_error(course, tmp_path)


def test_key_of_another_question_type(course, tmp_path):
    edit(course / "modules" / "basics.yaml", "      correct: false\n", "      correct: false\n      answers: [x]\n")
    assert "'answers' does not apply to a true-false question (remove it or change 'type')" in only_error(course, tmp_path)


def test_markdown_image_missing(course, tmp_path):
    edit(course / "modules" / "practice.yaml", "then find resources.", "then find resources. ![map](media/map.png)")
    assert "'media/map.png' does not exist" in only_error(course, tmp_path)


def test_not_utf8(course, tmp_path):
    (course / "modules" / "practice.yaml").write_bytes("id: practice\ntitle: caf\xe9\n".encode("latin-1"))
    assert "practice.yaml:2:11: error: the file is not UTF-8 but most likely Windows-1252 (Western European) (save it as UTF-8: in Notepad" in only_error(course, tmp_path)


def test_failed_build_leaves_the_previous_zip_untouched(course, tmp_path):
    out = tmp_path / "dist"
    first = build(course, out).packages[0]
    before = first.read_bytes()
    edit(course / "modules" / "basics.yaml", "correct: b\n", "correct: z\n")
    with pytest.raises(CourseError):
        build(course, out)
    assert first.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [".scorm-builder", first.name]  # the cache of the first build
    assert not list(out.rglob("*.part"))


def test_arabic_file_saved_by_a_windows_editor_names_its_encoding(course, tmp_path):
    (course / "modules" / "practice.yaml").write_bytes("id: practice\ntitle: التشبيك\n".encode("cp1256"))
    message = only_error(course, tmp_path)
    assert "practice.yaml:2:8: error: the file is not UTF-8 but most likely Windows-1256 (Arabic)" in message
    assert "'Save with Encoding', UTF-8" in message
