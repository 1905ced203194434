"""Saved answers follow choices that have ids (suspend_data keeps choice answers by id): a rebuilt package that
moves such choices resumes with the same choices chosen, and data saved by older builds (by letter) is still read."""
from __future__ import annotations

import json

from conftest import SAMPLE, copy_course
from lms_harness import Launch, assert_clean, install_host, install_sco, interactions
from test_runtime import Package

LETTERS = "        - {id: a, text: Money only}\n        - {id: b, text: Information}\n"
MOVED = "        - {id: b, text: Information}\n        - {id: a, text: Money only}\n"


def edit_text(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _package(tmp_path, name, choices, correct="b"):
    course = copy_course(SAMPLE, tmp_path / name)
    edit_text(course / "modules" / "basics.yaml", "        - Money only\n        - Information\n", choices)
    edit_text(course / "modules" / "basics.yaml", "      correct: b\n", f"      correct: {correct}\n")
    return Package(course, tmp_path / f"{name}-out")


def _checked(ui) -> list[str]:
    return ui.fieldset("basics-quiz", "q1").locator("input:checked").evaluate_all("l => l.map(x => x.value)")


def test_moved_choices_with_ids_keep_saved_answers(new_context, site, tmp_path):
    before, after = _package(tmp_path, "v1", LETTERS), _package(tmp_path, "v2", MOVED)
    install_host(site.root)
    install_sco(site.root, before.dir)
    context = new_context()
    run = Launch(context.new_page(), site, mastery=before.mastery)
    run.ui.go(run.ui.quiz_page("basics-quiz"))
    run.ui.fieldset("basics-quiz", "q1").locator('input[value="b"]').check()
    host = run.close_sco()
    assert_clean(host)
    assert json.loads(host["tracks"]["cmi.suspend_data"])["q"]["basics-quiz"]["r"]["q1"] == "b"

    install_sco(site.root, after.dir, "sco-r2")
    run2 = Launch(context.new_page(), site, sco="sco-r2/index.html", mastery=after.mastery, prev=host["tracks"])
    ui = run2.ui
    ui.go(ui.quiz_page("basics-quiz"))
    assert _checked(ui) == ["b"]
    assert ui.fieldset("basics-quiz", "q1").locator("label").first.inner_text() == "Information"  # now first
    assert ui.submit("basics-quiz")[0] > 0
    host2 = run2.close_sco()
    got = {it["id"]: it for it in interactions(host2).values()}
    assert (got["basics-quiz_q1"]["student_response"], got["basics-quiz_q1"]["result"]) == ("a", "correct")
    assert run2.errors == []


def test_answers_saved_by_letter_by_an_older_build_are_read(new_context, site, tmp_path):
    package = _package(tmp_path, "named", "        - {id: money, text: Money only}\n        - {id: info, text: Information}\n",
                       "info")
    install_host(site.root)
    install_sco(site.root, package.dir)
    saved = {"v": 1, "l": "basics-quiz", "p": ["home", "basics-quiz"],
             "q": {"basics-quiz": {"n": 0, "b": 0, "s": -1, "f": 0, "d": ["q1", "q2", "q3"], "r": {"q1": "b"}}}}
    prev = {"cmi.suspend_data": json.dumps(saved), "cmi.core.lesson_location": "basics-quiz",
            "cmi.core.exit": "suspend", "cmi.core.entry": "resume", "cmi.core.lesson_status": "incomplete"}
    run = Launch(new_context().new_page(), site, mastery=package.mastery, prev=prev)
    assert _checked(run.ui) == ["info"]
    assert run.errors == []

