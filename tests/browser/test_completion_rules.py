"""Completion rules (course.yaml `completion:`, the final's `requires: all-pages`) under scorm-again with the Moodle
profile: what the learner sees, and the status, score and mastery score Moodle gets."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE, copy_course
from test_runtime import Package, lms_for, statuses  # noqa: F401 (fixture)


def package(tmp_path: Path, course_yaml: str = "", final_yaml: str = "") -> Package:
    course = copy_course(SAMPLE, tmp_path / "course")
    for name, extra in (("course.yaml", course_yaml), ("final.yaml", final_yaml)):
        path = course / name
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return Package(course, tmp_path / "built")


def test_the_final_opens_once_every_page_was_seen(tmp_path, lms_for):  # noqa: F811
    pkg = package(tmp_path, "completion:\n  pages: all\n", "requires: all-pages\n")
    run = lms_for(pkg)()
    ui = run.ui
    ui.go(ui.quiz_page("final"))
    box = ui.box("final")
    locked = box.locator("[data-locked]")
    assert "opens once you have seen every page" in locked.inner_text()
    missing = locked.locator("a").evaluate_all("links => links.map(a => a.dataset.goto)")
    assert missing == [e for e in ui.nav if e not in ("home", "final")]
    assert box.locator("fieldset").count() == 0
    locked.locator("a").first.click()  # each entry leads to its page
    assert ui.current() == missing[0]
    for page_id in ui.nav[:-1]:
        ui.go(page_id)
    ui.go(ui.quiz_page("final"))
    assert box.locator("[data-locked]").count() == 0
    ui.answer_quiz("final", True)
    assert ui.submit("final") == (100, True)
    host = run.close_sco()
    assert statuses(host)[-1] == "passed"


def test_submitting_the_final_completes_the_course_whatever_the_score(tmp_path, lms_for):  # noqa: F811
    pkg = package(tmp_path, "completion:\n  assessment: submit\n")
    assert pkg.mastery is None  # no masteryscore: Moodle keeps "completed" as sent
    run = lms_for(pkg)()
    ui = run.ui
    ui.go(ui.quiz_page("final"))
    ui.answer_quiz("final", False)
    assert ui.submit("final")[1] is False
    host = run.close_sco()
    assert statuses(host)[-1] == "completed"
    assert host["override"] is None


def test_a_share_of_pages_holds_the_result_until_seen(tmp_path, lms_for):  # noqa: F811
    pkg = package(tmp_path, "completion:\n  pages: 80%\n")
    launch = lms_for(pkg)
    run = launch()
    ui = run.ui
    ui.go(ui.quiz_page("final"))
    ui.answer_quiz("final", True)
    assert ui.submit("final") == (100, True)
    calls = run.frame.evaluate("SB.lms.info().status")
    assert calls == "incomplete"  # passed, but 80 % of the pages are not seen yet
    for page_id in ui.nav[: int(len(ui.nav) * 0.8) + 1]:
        ui.go(page_id)
    assert run.frame.evaluate("SB.lms.info().status") == "passed"
