"""A quiz that draws its whole pool (the seed's module quizzes: draw = number of questions) asks every question,
in a new order at each attempt, and still scores and resumes by question id (under scorm-again)."""
from __future__ import annotations

import json

import yaml

from conftest import SEED
from lms_harness import assert_clean

from test_runtime import lms_for, seed  # noqa: F401  (fixtures)


def test_a_whole_pool_draw_shuffles_the_questions_at_each_attempt(lms_for, seed):  # noqa: F811
    module = yaml.safe_load((SEED / "modules" / "01-concepts.yaml").read_text(encoding="utf-8"))
    ids = [q["id"] for q in module["quiz"]["questions"]]
    assert module["quiz"]["draw"] == len(ids)
    launch = lms_for(seed)
    run = launch()
    ui = run.ui
    ui.go(ui.quiz_page("concepts-quiz"))
    orders = []
    for attempt in range(6):
        order = ui.drawn("concepts-quiz")
        assert sorted(order) == sorted(ids), order  # every question, once
        orders.append(order)
        ui.answer_quiz("concepts-quiz", True)
        assert ui.submit("concepts-quiz") == (100, True)
        ui.retry("concepts-quiz")
    # 8 questions: six attempts in one same order would happen once in 40320**5 runs
    assert len({tuple(o) for o in orders}) > 1, orders
    # the order of the current attempt is saved and comes back on resume
    shown = ui.drawn("concepts-quiz")
    host = run.close_sco()
    assert_clean(host)
    assert json.loads(host["tracks"]["cmi.suspend_data"])["q"]["concepts-quiz"]["d"] == shown
    again = launch(prev=host["tracks"])
    again.ui.go(again.ui.quiz_page("concepts-quiz"))
    assert again.ui.drawn("concepts-quiz") == shown
    assert run.errors == [] and again.errors == []
