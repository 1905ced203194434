"""What the trainer writes is what the course says: YAML 1.2 core types, text as written where text is expected,
true-false words of the course's language, numbers with Arabic-Indic digits, and where messages point."""
from __future__ import annotations

import pytest

from scorm_builder import CourseError, structure
from scorm_builder.loader import load_course
from scorm_builder.schema import COURSE, QUIZ
from scorm_builder.yamlsource import format_path, parse
from helpers import SAMPLE, copy_course, edit


def read(text: str, shape=COURSE):
    source, problems = parse(text.encode("utf-8"), "t.yaml")
    assert problems == []
    return source, structure.check(source, shape)


@pytest.mark.parametrize("written, value", [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"), ("Yes", "Yes"),
    ("true", True), ("False", False), ("TRUE", True),
    ("010", 10), ("0o17", 15), ("0x1F", 31), ("1_000", "1_000"), ("1:30", "1:30"), ("+7", 7),
    ("1.10", 1.1), ("1e3", 1000.0), (".5", 0.5), ("2025-01-01", "2025-01-01"), ("~", None), ("", None),
    ("٣", 3), ("٣٫٥", 3.5), ("۳.۵", 3.5), ("٣،٥", "٣،٥"), ("=", "="),
])
def test_plain_values_follow_the_yaml_1_2_core_schema(written, value):
    source, _ = parse(f"x: {written}\n".encode("utf-8"), "t.yaml")
    assert source.data["x"] == value and type(source.data["x"]) is type(value)


def test_text_is_taken_as_written_where_text_is_expected():
    source, errors = read('id: c\nversion: 1.0\ntitle: No\nlanguage: fr\nmodules: [m.yaml]\n'
                          'objectives: [1.10, 010, 2025-01-01, yes, ٣]\norganisation: 1.0\nui: {strings: {next: 2}}\n'
                          'pass_mark: ٧٠\n')
    assert errors == []
    d = source.data
    assert (d["version"], d["title"], d["organisation"], d["pass_mark"]) == ("1.0", "No", "1.0", 70)
    assert d["objectives"] == ["1.10", "010", "2025-01-01", "yes", "٣"]
    assert d["ui"]["strings"] == {"next": "2"}


def test_choices_answers_and_items_are_text_as_written():
    source, errors = read("id: q\ntitle: 2025\nquestions:\n"
                          "  - {id: a, type: single, prompt: 1.0, choices: [Yes, No, 1.10], correct: c}\n"
                          "  - {id: b, type: fill-in, prompt: p, answers: [010, on]}\n"
                          "  - {id: c, type: ordering, prompt: p, items: [1.0, 1.10, 2.0]}\n"
                          "  - {id: d, type: numeric, prompt: p, correct: 1.10}\n", QUIZ)
    assert errors == []
    q = source.data["questions"]
    assert source.data["title"] == "2025" and q[0]["prompt"] == "1.0"
    assert q[0]["choices"] == ["Yes", "No", "1.10"] and q[1]["answers"] == ["010", "on"]
    assert q[2]["items"] == ["1.0", "1.10", "2.0"] and q[3]["correct"] == 1.1  # a number where one is expected


def test_a_number_expected_but_written_with_a_comma_says_what_to_write():
    _, errors = read("id: q\ntitle: t\nquestions:\n  - {id: d, type: numeric, prompt: p, correct: 3, tolerance: '0,5'}\n", QUIZ)
    assert [e.hint for e in errors] == ["write 0.5: digits 0-9 (or ٠-٩), and a dot before the decimals"]


@pytest.mark.parametrize("language, written, value", [
    ("fr", "vrai", True), ("fr", "Faux", False), ("ar", "صح", True), ("ar", "خطأ", False), ("ar", "خطا", False),
    ("en", "true", True), ("fr", "false", False),
])
def test_true_false_words_of_the_course_language(tmp_path, language, written, value):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "language: en", f"language: {language}")
    edit(course / "final.yaml", "    correct: true\n", f"    correct: {written}\n")
    quiz = load_course(course).assessment
    assert quiz.questions[0].correct is value


def test_true_false_words_of_another_language_are_refused(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "final.yaml", "    correct: true\n", "    correct: vrai\n")
    with pytest.raises(CourseError) as caught:
        load_course(course)
    (only,) = caught.value.diagnostics
    assert only.message == "should be true or false, not 'vrai'"
    assert only.hint == "write 'correct: true' or 'correct: false'"


def test_numeric_answer_in_arabic_indic_digits(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "final.yaml", "    correct: 4\n", "    correct: ٣٫٥\n    tolerance: ٠٫٥\n")
    q = load_course(course).assessment.questions[4]
    assert (q.correct, q.tolerance) == (3.5, 0.5)


def test_paths_are_named_as_trainers_count():
    data = {"id": "m", "pages": [{"id": "bienvenue", "media": [{}, {"src": "x"}]}, {"title": "t"}],
            "quiz": {"id": "quiz-x", "questions": [{}, {}, {"id": "q3", "choices": ["a", {"id": "agree"}],
                                                            "correct": ["a", "b"]}]}}
    assert format_path(("quiz", "questions", 2, "correct"), data) == "question 3 (q3) of quiz 'quiz-x', correct"
    assert format_path(("quiz", "questions", 2, "correct", 1), data) == (
        "entry 2 of correct of question 3 (q3) of quiz 'quiz-x'")
    assert format_path(("quiz", "questions", 2, "choices", 1), data) == (
        "choice 2 (agree) of question 3 (q3) of quiz 'quiz-x'")
    assert format_path(("quiz", "questions", 2, "choices", 0), data) == "choice 1 (a) of question 3 (q3) of quiz 'quiz-x'"
    assert format_path(("pages", 0, "title"), data) == "page 'bienvenue', title"
    assert format_path(("pages", 0, "media", 1, "src"), data) == "media 2 of page 'bienvenue', src"
    assert format_path(("pages", 1), data) == "page 2"
    assert format_path(("quiz", "draw"), data) == "quiz 'quiz-x', draw"
    assert format_path(("ui", "strings", "nxt"), {}) == "ui.strings.nxt"
    assert format_path(("questions", 0, "id"), {"id": "final", "questions": [{"id": "f1"}]}) == (
        "question 1 (f1) of quiz 'final', id")
    assert format_path(("modules", 1), None) == "module file 2"
    assert "[" not in format_path(("quiz", "questions", 4, "pairs", 1, "right"), data)


def test_a_misspelt_required_key_is_one_message():
    _, errors = read("id: q\ntitle: t\nquestions:\n  - {id: a, type: true-false, promt: p, correct: true}\n", QUIZ)
    assert [(e.path, e.message, e.hint) for e in errors] == [
        ("question 1 (a) of quiz 'q', promt", "unknown key 'promt'", "did you mean 'prompt'? 'prompt:' is required")]
