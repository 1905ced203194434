"""Typed answers as Arabic and French learners write them, against scorm-again as the LMS: each is marked right,
and the response the LMS records (and suspend_data keeps) is the text typed."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import SAMPLE, copy_course
from lms_harness import assert_clean, interactions
from test_runtime import Package, lms_for  # noqa: F401  (the fixture)

TYPED = ["٣،٥", "3,5", "٣٫٥", "3.5"]


@pytest.fixture(scope="module")
def typed_course(tmp_path_factory):
    """The sample course with numeric answer 3.5 and fill-in answer مسؤول."""
    work = tmp_path_factory.mktemp("typed")
    course = copy_course(SAMPLE, work / "course")
    mod = course / "modules" / "practice.yaml"
    data = yaml.safe_load(mod.read_text(encoding="utf-8"))
    for q in data["quiz"]["questions"]:
        if q["id"] == "num":
            q["correct"] = 3.5
        elif q["id"] == "fill":
            q["answers"] = ["مسؤول"]
    mod.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Package(course, work)


@pytest.mark.parametrize("number", TYPED)
def test_typed_numbers_and_hamza_are_right_and_recorded_as_typed(lms_for, typed_course, number):
    run = lms_for(typed_course)()
    ui = run.ui
    ui.go(ui.quiz_page("practice-quiz"))
    ui.fieldset("practice-quiz", "num").locator("input").fill(number)
    ui.fieldset("practice-quiz", "fill").locator("input").fill(" مسئول ")
    ui.submit("practice-quiz")
    for qid in ("num", "fill"):
        assert ui.fieldset("practice-quiz", qid).locator(".qfb.ok").count() == 1, qid
    host = run.close_sco()
    assert_clean(host)
    got = {it["id"]: it for it in interactions(host).values()}
    assert (got["practice-quiz_num"]["student_response"], got["practice-quiz_num"]["result"]) == (number, "correct")
    assert got["practice-quiz_num"]["correct_responses.0.pattern"] == "3.5"
    assert (got["practice-quiz_fill"]["student_response"], got["practice-quiz_fill"]["result"]) == ("مسئول", "correct")
    saved = json.loads(host["tracks"]["cmi.suspend_data"])["q"]["practice-quiz"]["r"]
    assert saved["num"] == number


def test_persian_digit(lms_for, typed_course):
    run = lms_for(typed_course)()
    ui = run.ui
    ui.go(ui.quiz_page("practice-quiz"))
    ui.fieldset("practice-quiz", "num").locator("input").fill("۳٫۵")
    ui.submit("practice-quiz")
    assert ui.fieldset("practice-quiz", "num").locator(".qfb.ok").count() == 1
    assert run.frame.evaluate("SB.answers.readNumber('۳').value") == 3


def test_two_readings_are_asked_not_guessed(lms_for, typed_course):
    """'1,000' is one thousand or one: the learner is told under the field and the quiz is not submitted; a wrong
    number typed is still recorded as typed, never as an empty response."""
    run = lms_for(typed_course)()
    ui = run.ui
    ui.go(ui.quiz_page("practice-quiz"))
    field = ui.fieldset("practice-quiz", "num")
    field.locator("input").fill("1,000")
    problem = field.locator(".problem")
    assert "1000" in problem.inner_text() and "1.000" in problem.inner_text()
    assert field.locator("input").get_attribute("aria-describedby").split()[-1] == problem.get_attribute("id")
    ui.box("practice-quiz").locator("[data-action=submit]").click()
    assert ui.box("practice-quiz").locator("[data-result]").count() == 0
    assert run.frame.evaluate("document.activeElement.closest('fieldset').dataset.question") == "num"
    field.locator("input").fill("٧ ك")
    assert problem.inner_text() == ""
    ui.submit("practice-quiz")
    host = run.close_sco()
    got = {it["id"]: it for it in interactions(host).values()}
    assert (got["practice-quiz_num"]["student_response"], got["practice-quiz_num"]["result"]) == ("٧ ك", "wrong")
