"""Simulated learners answering a course the way the runtime reports it, for the report tests and bench.

A learner of ability theta knows a question of difficulty b with probability 1 / (1 + exp(-1.7 (theta - b)))
(a two-parameter logistic model); one who does not know picks a distractor, types a common wrong answer, or
guesses true/false. `truth` keeps, per learner, whether each first answer is right as the simulator decided
it, for reference computations independent of the report's code.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from moodle_exports import Attempt, Learner, Track
from scorm_builder.report.questions import is_correct

WRONG_WORDS = ["الرسمية", "المنشط", "التمويل", "العمودي", "الأعضاء", "غير واضح", "لا أعرف"]


@dataclass
class Plant:
    miskeyed: str | None = None  # interaction id: strong learners choose another option than the key
    true_key: str = "b"  # what the strong learners choose there
    unused: tuple[str, str] | None = None  # (interaction id, option key) nobody chooses


@dataclass
class Cohort:
    learners: list[Learner]
    truth: dict[int, dict[str, bool]] = field(default_factory=dict)


def _tashkeel(word: str) -> str:
    return word[:1] + "\u064E" + word[1:] if word else word  # a fatha: same answer once normalised


def _response(rng, entry, knows: bool, plant: Plant) -> str:
    q, key = entry.question, entry.pattern
    keys = [k for k, _ in entry.options]
    if q.type in ("single", "multiple"):
        unused = plant.unused[1] if plant.unused and plant.unused[0] == entry.id else None
        distractors = [k for k in keys if k not in key.split(",") and k != unused]
        if entry.id == plant.miskeyed:
            if knows:
                return plant.true_key
            others = [k for k in keys if k != plant.true_key]
            return key if rng.random() < 0.7 else rng.choice(others)
        if knows:
            return key
        if q.type == "single":
            return rng.choice(distractors)
        chosen = key.split(",")
        chosen.remove(rng.choice(chosen))
        chosen.append(rng.choice(distractors))
        return ",".join(sorted(set(chosen)))
    if q.type == "true-false":
        return key if knows else rng.choice("tf")
    if q.type == "fill-in":
        if knows:
            answer = rng.choice(q.answers)
            return _tashkeel(answer) if rng.random() < 0.2 else answer
        return rng.choice(WRONG_WORDS)
    if q.type == "numeric":
        return key if knows else str(int(float(key)) + rng.choice((-2, -1, 1, 2)))
    parts = key.split(",")  # matching, ordering: two parts swapped when not known
    if not knows and len(parts) > 1:
        i, j = rng.sample(range(len(parts)), 2)
        if q.type == "matching":
            a, b = parts[i].split("."), parts[j].split(".")
            parts[i], parts[j] = f"{a[0]}.{b[1]}", f"{b[0]}.{a[1]}"
        else:
            parts[i], parts[j] = parts[j], parts[i]
    return ",".join(parts)


def _right(entry, response: str) -> bool:
    """The simulator's own judgement, as the runtime's isCorrect() defines it for these responses."""
    q = entry.question
    if q.type == "fill-in":
        bare = response.replace("\u064E", "")
        return bare in q.answers
    return response == entry.pattern


def simulate(entries: dict, n: int, seed: int = 7, plant: Plant = Plant(), retry_share: float = 0.1,
             absent_share: float = 0.05, sco_count: int = 1) -> Cohort:
    rng = random.Random(seed)
    difficulty = {iid: rng.uniform(-0.8, 0.8) for iid in entries}
    quizzes: dict[str, list] = {}
    for e in entries.values():
        quizzes.setdefault(e.quiz.id, []).append(e)
    cohort = Cohort([])
    for uid in range(2, n + 2):  # Moodle's user ids start after the admin's
        name = f"متعلم {uid}"
        if rng.random() < absent_share:
            cohort.learners.append(Learner(uid, name, f"l{uid}@example.org", []))
            continue
        theta = rng.gauss(0, 1)
        truth: dict[str, bool] = {}
        interactions = []
        for quiz_entries in quizzes.values():
            quiz = quiz_entries[0].quiz
            drawn = rng.sample(quiz_entries, quiz.draw) if quiz.draw else quiz_entries
            tries = 2 if rng.random() < retry_share else 1
            for attempt in range(tries):
                boost = 1.0 if attempt else 0.0  # a retry after feedback goes better
                for e in drawn:
                    p = 1 / (1 + math.exp(-1.7 * (theta + boost - difficulty[e.id])))
                    response = _response(rng, e, rng.random() < p, plant)
                    right = _right(e, response)
                    if attempt == 0:
                        truth[e.id] = right
                    interactions.append((e.id, response, e.pattern, "correct" if right else "wrong"))
        score = round(100 * sum(truth.values()) / len(truth))
        track = Track("passed" if score >= 70 else "failed", str(score), "100", interactions)
        cohort.learners.append(Learner(uid, name, f"l{uid}@example.org",
                                       [Attempt(1, (2026, 11, 2, 9, 0), (2026, 11, 2, 10, 5), score,
                                                [track] + [None] * (sco_count - 1))]))
        cohort.truth[uid] = truth
    return cohort


# The fixture scenario: six learners of the Arabic seed course, with what real exports carry ------------------

def _answers(entries: dict, quiz: str, changes: dict[str, str] | None = None, only=None) -> list[tuple]:
    """Every question of `quiz` answered with its key, except `changes` {question id: response}."""
    changes = changes or {}
    out = []
    for e in entries.values():
        if e.quiz.id != quiz or (only and e.question.id not in only):
            continue
        response = changes.get(e.question.id, e.pattern)
        # the result cell is what the runtime sent: its own judgement, which is_correct() mirrors
        out.append((e.id, response, e.pattern, "correct" if is_correct(e, response) else "wrong"))
    return out


def fixture_learners(entries: dict) -> list[Learner]:
    day = (2026, 11, 2, 9, 5), (2026, 11, 2, 10, 40)
    final = {"f1", "f2", "f4", "f6", "f8", "f9", "f11", "f13", "f14", "f16", "f20", "f23"}  # one draw of 12
    sara = (_answers(entries, "final", {"f4": "c", "f13": "ميثاقًا", "f23": "الخبرات & التجارب <مهمة>"}, only=final)
            + _answers(entries, "final", {"f13": "ميثاق"}, only=final))  # a retry after the feedback
    youssef = _answers(entries, "founding-quiz", {"q2": "c", "q9": "-سنوي", "q6": "a,b"})
    karim_1 = _answers(entries, "founding-quiz", only={"q1", "q2"})
    karim_2 = _answers(entries, "founding-quiz", {"q9": "المالية", "q3": "a"})
    amelie = (_answers(entries, "final", {"f23": "l'échange \"des\" expériences"}, only={"f22", "f23"})
              + [("final_f99", "c", "a", "wrong")])  # a question removed from the YAML since
    nour = _answers(entries, "animation-quiz", {"q4": "12", "q6": "1.a,2.b,3.d,4.c"})
    return [
        Learner(3, "سارة بنعلي", "sara@example.org",
                [Attempt(1, *day, 78, [Track("passed", "78", "100", sara)])]),
        Learner(4, 'Youssef "Jo" El Amrani', "y.elamrani@example.org",
                [Attempt(1, *day, 60, [Track("failed", "60", "100", youssef)])]),
        Learner(5, "ليلى الإدريسي", "leila@example.org", []),
        Learner(6, "كريم التازي", "karim@example.org",
                [Attempt(1, *day, 0, [Track("incomplete", "", None, karim_1)]),
                 Attempt(2, (2026, 11, 3, 14, 0), (2026, 11, 3, 14, 50), 83,
                         [Track("passed", "83", "100", karim_2)])]),
        Learner(7, "Amélie Durand", "amelie.durand@example.org",
                [Attempt(1, *day, 50, [Track("incomplete", "50", "100", amelie)])]),
        Learner(12, "نور الهدى", "nour@example.org",
                [Attempt(1, *day, 90, [Track("completed", "90", "100", nour)])]),
    ]
