"""The longest cmi.suspend_data a SCO can write (version 1 of the format in docs/runtime.md).

SCORM 1.2 guarantees 4096 characters; the Moodle app and many LMSs cut or refuse longer values, so the build
refuses a course that could need more.
"""
from __future__ import annotations

import json

from .model import Question, Quiz
from .plan import Sco

LIMIT = 4096
FILL_IN_MAX = 80
NUMERIC_MAX = 20
UNLIMITED_ATTEMPTS = 9999  # the runtime stops counting there


def _worst_response(q: Question) -> str:
    if q.type == "true-false":
        return "t"
    if q.type == "single":  # choices are saved by id (runtime.md)
        return max((c.id for c in q.choices), key=len)
    if q.type == "multiple":
        return ",".join(c.id for c in q.choices)
    if q.type == "fill-in":
        return '"' * FILL_IN_MAX  # every character escaped in JSON: the longest 80 typed characters can be
    if q.type == "numeric":
        return '"' * NUMERIC_MAX
    if q.type == "matching":
        return ",".join(f"{p.key}.{p.right_key}" for p in q.pairs)
    return ",".join(i.key for i in q.items)


def _cost(q: Question) -> int:
    return len(json.dumps(q.id)) * 2 + len(json.dumps(_worst_response(q), ensure_ascii=False)) + 2


def _quiz_state(quiz: Quiz) -> dict:
    drawn = sorted(quiz.questions, key=_cost, reverse=True)[: quiz.drawn]
    return {"n": quiz.attempts or UNLIMITED_ATTEMPTS, "b": 100, "s": 100, "f": 1,
            "d": [q.id for q in drawn], "r": {q.id: _worst_response(q) for q in drawn}}


# sb-lms.js's session clock at its largest: total_time at launch (9999 h), session seconds (one day)
SESSION_CLOCK_MAX = (35999999, 86400)


def worst_case(sco: Sco) -> int:
    """Length in characters of the longest suspend_data the runtime can write for this SCO."""
    pages = [e.id for e in sco.nav]
    state = {"v": 1, "l": max(pages, key=len), "p": pages,
             "q": {e.quiz.id: _quiz_state(e.quiz) for e in sco.nav if e.quiz},
             "t": [SESSION_CLOCK_MAX[0], SESSION_CLOCK_MAX[1]]}
    return len(json.dumps(state, ensure_ascii=False, separators=(",", ":")))
