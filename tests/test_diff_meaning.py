"""`diff` compares what answers mean, not only ids: a corpus of edits to the sample course, each with the verdict
it must get and a sentence the report must hold. docs/moodle.md shows the same corpus as a table; the test keeps
the two equal."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from scorm_builder import build
from scorm_builder.cli import main
from scorm_builder.diff import diff
from helpers import ROOT, SAMPLE, copy_course, edit

BASICS, PRACTICE, FINAL = "modules/basics.yaml", "modules/practice.yaml", "final.yaml"

# (what the trainer did, as in docs/moodle.md; safe?; [(file, old, new)]; a sentence the report holds)
CORPUS = [
    ("a choice inserted first", False,
     [(BASICS, "        - Money only\n", "        - Goods\n        - Money only\n")],
     "question 1 (q1) of quiz 'basics-quiz': the correct answer is now 'Money only' (was 'Information')"),
    ("a choice inserted first, `correct:` updated", False,
     [(BASICS, "        - Money only\n", "        - Goods\n        - Money only\n"), (BASICS, "correct: b\n", "correct: c\n")],
     "so a learner who chose 'Money only' would now have 'Goods' chosen"),
    ("two choices swapped", False,
     [(BASICS, "        - Money only\n        - Information\n", "        - Information\n        - Money only\n"),
      (BASICS, "correct: b\n", "correct: a\n")],
     "choices moved ('Money only' a -> b, 'Information' b -> a)"),
    ("a choice removed", False,
     [(BASICS, "        - Joining is compulsory\n", ""), (BASICS, "correct: [a, c]", "correct: [a, b]")],
     "choice 'Joining is compulsory' (b) is gone"),
    ("the correct choice changed", False, [(BASICS, "correct: b\n", "correct: a\n")],
     "the correct answer is now 'Money only' (was 'Information')"),
    ("a choice reworded", True, [(BASICS, "        - Information\n", "        - Information and news\n")],
     "choice b reworded ('Information' -> 'Information and news'): answers that chose it keep it"),
    ("a choice added at the end", True,
     [(BASICS, "        - Joining is voluntary\n", "        - Joining is voluntary\n        - Members share a goal\n")],
     "choice 'Members share a goal' (d) is new"),
    ("choices given ids other than their letters", False,
     [(BASICS, "        - Money only\n        - Information\n",
       "        - {id: money, text: Money only}\n        - {id: info, text: Information}\n"),
      (BASICS, "correct: b\n", "correct: info\n")],
     "choices moved ('Money only' a -> money, 'Information' b -> info)"),
    ("choices given their letters as ids", True,
     [(BASICS, "        - Money only\n        - Information\n",
       "        - {id: a, text: Money only}\n        - {id: b, text: Information}\n")], None),
    ("choices with ids reordered", True,
     [(BASICS, "        - Money only\n        - Information\n",
       "        - {id: b, text: Information}\n        - {id: a, text: Money only}\n")],
     "choices with ids moved and saved answers follow them"),
    ("a matching pair added", False,
     [(PRACTICE, "          right: informal\n", "          right: informal\n        - left: Duration\n          right: lasting\n")],
     "question 3 (match) of quiz 'practice-quiz': new pairs 'Duration -> lasting': answers already given do not place them"),
    ("a matching pair reworded", True, [(PRACTICE, "right: informal\n", "right: informal (no statutes)\n")],
     "pair 3 reworded ('Legal form -> informal' -> 'Legal form -> informal (no statutes)')"),
    ("matching answers swapped", False,
     [(PRACTICE, "right: horizontal\n        - left: Geography\n          right: local\n",
       "right: local\n        - left: Geography\n          right: horizontal\n")],
     "the pairs changed ('Level -> horizontal' / 'Geography -> local' / 'Legal form -> informal' become"),
    ("ordering items moved", False,
     [(PRACTICE, "items: [Vision, Organisation, Activities, Resources]", "items: [Vision, Activities, Organisation, Resources]")],
     "question 4 (order) of quiz 'practice-quiz': the items changed"),
    ("the numeric answer changed", False, [(PRACTICE, "correct: 4\n", "correct: 5\n")],
     "the accepted number is now 5 (was 4)"),
    ("the numeric tolerance changed", False, [(PRACTICE, "tolerance: 0\n", "tolerance: 1\n")],
     "the accepted number is now 4 ± 1 (was 4)"),
    ("a fill-in answer accepted too", False, [(PRACTICE, "answers: [vision, the vision]", "answers: [vision, the vision, a vision]")],
     "the accepted answers are now 'vision', 'the vision', 'a vision'"),
    ("a true-false answer flipped", False, [(BASICS, "      correct: false\n      feedback: Joining is voluntary.\n",
                                            "      correct: true\n      feedback: Joining is voluntary.\n")],
     "question 3 (q3) of quiz 'basics-quiz': the correct answer is now true"),
    ("a question's type changed", False,
     [(BASICS, "      type: single\n      prompt: What do", "      type: multiple\n      prompt: What do")],
     "question 1 (q1) of quiz 'basics-quiz' is now a multiple question (was single)"),
    ("a prompt reworded", True, [(BASICS, "prompt: Which are true of a network?", "prompt: Which of these are true of a network?")],
     None),
    ("a question added to the pool", True,
     [(FINAL, "questions:\n", "questions:\n  - {id: f9, type: true-false, prompt: Networks share goals., correct: true}\n")],
     "question 1 (f9) of quiz 'final' is new: attempts already started keep the questions they drew"),
    ("more questions drawn", True, [(FINAL, "draw: 3\n", "draw: 4\n")],
     "quiz 'final' now asks 4 questions per attempt (was 3)"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return build(SAMPLE, tmp_path_factory.mktemp("published")).packages[0]


@pytest.mark.parametrize("what, safe, edits, said", CORPUS, ids=[c[0] for c in CORPUS])
def test_edit_gets_its_verdict(published, tmp_path, what, safe, edits, said):
    course = copy_course(SAMPLE, tmp_path / "c")
    for file, old, new in edits:
        edit(course / file, old, new)
    report = diff(published, build(course, tmp_path / "new").packages[0])
    lines = report.lost + report.misread + report.changed + report.notes
    assert report.safe is safe, (report.verdict, lines)
    if said is None:
        assert not report.misread and not report.changed, lines
    else:
        assert any(said in line for line in lines), lines
    if not safe:
        assert report.verdict == "NOT SAFE: answers learners already gave would be read as other answers"
        assert report.misread and not report.lost


def test_the_admin_guide_shows_this_corpus():
    guide = (ROOT / "docs" / "moodle.md").read_text(encoding="utf-8")
    section = guide.split("What `diff` says of common edits")[1]
    table = next(block for block in section.split("\n\n") if block.startswith("| edit |"))
    rows = [[cell.strip() for cell in row.strip("|").split("|")] for row in table.splitlines()[2:]]
    assert [(r[0], r[1]) for r in rows] == [(what, "SAFE" if safe else "NOT SAFE") for what, safe, _, _ in CORPUS]


def test_cli_says_what_saved_answers_would_mean(published, tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / BASICS, "        - Money only\n", "        - Goods\n        - Money only\n")
    new = build(course, tmp_path / "new").packages[0]
    result = CliRunner().invoke(main, ["diff", str(published), str(new)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "NOT SAFE: answers learners already gave would be read as other answers"
    moved = next(line for line in lines if "choices moved" in line)
    # `none` has an id of its own: it moved to the fourth place, yet saved answers still name it
    assert moved.startswith("  misread: question 1 (q1) of quiz 'basics-quiz': choices moved ('Money only' a -> b, "
                            "'Information' b -> c): saved answers name choices by letter (or id)")
    assert "would now have 'Goods' chosen" in moved and "(- {id: b, text: ...})" in moved
    assert not re.search(r"\[\d+\]", result.output)
