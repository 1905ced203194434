"""scorm-builder lint: spelling with Hunspell (Debian's dictionaries, installed by `make test`) and authoring
habits, each finding at file:line:col; --json; --strict; a missing dictionary named, never a traceback."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from helpers import SAMPLE, SEED, copy_course, edit
from scorm_builder import spelling
from scorm_builder.cli import main
from scorm_builder.lint import lint


def run(*args):
    return CliRunner().invoke(main, list(args))


def messages(found):
    return [f"{d.file.rsplit('/', 1)[-1]}:{d.line}:{d.col}: {d.message}" for d in found]


def test_the_seed_course_lints_clean_with_its_word_list():
    result = run("lint", str(SEED), "--strict")
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.stdout
    words = (SEED / "words.txt").read_text(encoding="utf-8").split("\n")
    assert 0 < len([w for w in words if w and not w.startswith("#")]) <= 15  # short and reviewed


def test_a_misspelling_planted_in_a_copy_of_the_seed_is_found_at_its_place(tmp_path):
    course = copy_course(SEED, tmp_path / "seed")
    concepts = course / "modules" / "01-concepts.yaml"
    edit(concepts, "1. تبادل الخبرات", "1. تبادل الخبرت")
    lines = concepts.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "الخبرت" in text)
    col = lines[line - 1].index("الخبرت") + 1
    result = run("lint", str(course), "--strict")
    assert result.exit_code == 1
    assert f"01-concepts.yaml:{line}:{col}: warning: unknown word 'الخبرت' (did you mean " in result.stderr
    assert "1 finding in" in result.stdout
    # a word the trainer knows to be right goes into words.txt, and is no longer reported
    with open(course / "words.txt", "a", encoding="utf-8") as words:
        words.write("الخبرت\n")
    assert run("lint", str(course), "--strict").exit_code == 0


def test_a_misspelling_inside_a_quoted_prompt_with_diacritics(tmp_path):
    course = copy_course(SEED, tmp_path / "seed")
    path = course / "assessment.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n, text = next((n, t) for n, t in enumerate(lines, 1) if t.strip().startswith('prompt: "'))
    word = text.split('"', 1)[1].split()[0]
    edit(path, f'prompt: "{word}', 'prompt: "الشبكةة')
    col = text.index('"') + 2  # after the opening quote
    assert f"assessment.yaml:{n}:{col}: unknown word 'الشبكةة'" in messages(lint(course))


def test_words_carrying_arabic_diacritics_are_read_whole():
    assert spelling.WORD.findall("تُنظَّم العلاقات، يُعِدّ l’école well-known ٣") == \
        ["تُنظَّم", "العلاقات", "يُعِدّ", "l’école", "well-known"]
    assert spelling.misspelt({spelling.comparable("تُنظَّم"), "يعد"}, "ar") == {}


def test_french_and_english_dictionaries():
    found = spelling.misspelt({"réseau", "associations", "résau"}, "fr")
    assert list(found) == ["résau"] and found["résau"][0] == "réseau"
    assert list(spelling.misspelt({"network", "netwrok", "members"}, "en")) == ["netwrok"]


def test_authoring_habits_in_the_sample_course(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "sample")
    (course / "words.txt").write_text("# British spellings\nCentre\norganise\norganisation\n", encoding="utf-8")
    edit(course / "modules" / "basics.yaml", "prompt: Which are true of a network?",
         "prompt: Which are true of a network? (choose all that apply)")
    edit(course / "modules" / "basics.yaml", "alt: A small red dot", "alt: image")
    found = messages(lint(course))
    assert "final.yaml:12:5: question 'f2' of quiz 'final' asks the same as 'q3' of quiz 'basics-quiz' " \
        "(" + str(course / "modules" / "basics.yaml") + ":54)" in found
    assert "basics.yaml:43:7: question 'q2' says to choose all that apply" in found
    assert "basics.yaml:54:7: question 'q3' names no page to review" in found
    assert "basics.yaml:54:7: question 'q3' has one feedback for right and wrong answers" in found
    assert "basics.yaml:14:9: the picture 'media/dot.png' has no meaningful description ('image')" in found
    # q1 says right and wrong apart, names its page and has a single right answer: nothing about it
    assert not [m for m in found if "'q1'" in m]
    assert not [m for m in found if "unknown word" in m]


def test_the_right_choice_always_at_the_same_place(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "sample")
    final = course / "final.yaml"
    questions = "".join(f"""
  - id: k{n}
    type: single
    see: what-is
    prompt: Question number {n} about {topic}?
    choices: [The right one {n}, A wrong one {n}, Another wrong one {n}]
    correct: a
    feedback: {{correct: Right., incorrect: Read the page again.}}
""" for n, topic in enumerate(["members", "joining", "charters", "levels"], 1))
    final.write_text(final.read_text(encoding="utf-8").replace("questions:\n", "questions:" + questions + "\n", 1),
                     encoding="utf-8")
    found = messages(lint(course, spell=False))
    assert [m for m in found if "right choice" in m] == \
        ["final.yaml:1:1: the right choice is choice 1 in 4 of the 5 single-choice questions of quiz 'final'"]
    edit(final, "choices: [The right one 2, A wrong one 2, Another wrong one 2]\n    correct: a",
         "choices: [A wrong one 2, Another wrong one 2, The right one 2]\n    correct: c")
    assert not [m for m in messages(lint(course, spell=False)) if "right choice" in m]


def test_json_and_strict(tmp_path):
    result = run("lint", str(SAMPLE), "--json", "--no-spelling")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found and {"file", "line", "col", "message", "hint", "severity"} <= set(found[0])
    assert {f["severity"] for f in found} == {"warning"}
    assert run("lint", str(SAMPLE), "--no-spelling", "--strict").exit_code == 1


def test_missing_hunspell_names_what_to_install(monkeypatch):
    monkeypatch.setattr(spelling.shutil, "which", lambda name: None)
    result = run("lint", str(SEED))
    assert result.exit_code == 2
    assert "apt-get install hunspell hunspell-ar" in result.stderr and "--no-spelling" in result.stderr
    assert "Traceback" not in result.output
    assert run("lint", str(SEED), "--no-spelling").exit_code == 0


def test_missing_dictionary_names_its_package(monkeypatch, tmp_path):
    monkeypatch.setattr(spelling, "_SEARCH", (str(tmp_path),))
    monkeypatch.setenv("DICPATH", "")
    result = run("lint", str(SAMPLE))
    assert result.exit_code == 2
    assert "the en_US spelling dictionary is not installed" in result.stderr
    assert "apt-get install hunspell-en-us" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("language", ["de"])
def test_a_language_without_a_dictionary(language):
    with pytest.raises(spelling.ToolMissing, match="no spelling dictionary is known for the language 'de'"):
        spelling.dictionary_for(language)


def test_a_course_with_errors_is_reported_as_for_build(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "pass_mark: 70", "pass_mrk: 70")
    result = run("lint", str(course))
    assert result.exit_code == 1 and "unknown key 'pass_mrk'" in result.stderr and "Traceback" not in result.output


def test_a_misspelling_in_a_text_folded_over_two_lines(tmp_path):
    course = copy_course(SEED, tmp_path / "seed")
    edit(course / "modules" / "02-founding.yaml", "  - الإلمام بمنهجية بناء الشبكة",
         "  - الإلمام بمنهجية بناء\n    الشبكةة في العمل")
    assert "02-founding.yaml:6:5: unknown word 'الشبكةة'" in messages(lint(course))


def test_a_missing_folder_is_wrong_usage(tmp_path):
    result = run("lint", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no such folder" in result.stderr and "Traceback" not in result.output
