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
