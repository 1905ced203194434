"""Item analysis of the answers in Moodle's SCORM reports, joined with the course's questions.

Each learner counts once per question: their first answer to it, in their first Moodle attempt that has one
and its first submission of the quiz (later retries show what the learner learnt from the feedback, not what
the question measures).

- facility: the share of those first answers that are right.
- discrimination: corrected point-biserial correlation (item-rest): the Pearson correlation between the
  answer being right (1/0) and the learner's share of right first answers on all *other* questions. It is
  near 0 when a question says nothing of the learner's level, and below 0 when stronger learners get it
  wrong more often than weaker ones, which in practice means a wrong key.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .moodle import Attempt, Export, Interaction
from .questions import Entry, is_correct, normalise, plain

MIN_ANSWERS = 10  # below this, no flag: too few answers to say anything of a question
TOO_EASY = 0.90
TOO_HARD = 0.20
METHOD = "corrected point-biserial (item-rest correlation)"
BINS = 10


@dataclass
class Option:
    key: str
    text: str
    count: int
    correct: bool


@dataclass
class ItemStats:
    id: str
    quiz: str
    question: str
    type: str
    prompt: str
    answers: int = 0
    facility: float | None = None
    discrimination: float | None = None
    options: list[Option] = field(default_factory=list)
    unanswered: int = 0  # submitted with no response
    wrong_answers: list[tuple[str, int]] = field(default_factory=list)  # most common first
    flags: list[str] = field(default_factory=list)


@dataclass
class QuizStats:
    id: str
    title: str
    pass_mark: float
    learners: int = 0
    passed: int = 0
    mean_first_score: float | None = None
    first_scores: list[int] = field(default_factory=lambda: [0] * BINS)  # histogram, 10-point bins
    attempts_used: dict[int, int] = field(default_factory=dict)


@dataclass
class LearnerRow:
    name: str
    attempts: int
    score: float | None
    status: str


@dataclass
class Analysis:
    learners: int = 0
    started: int = 0
    moodle_scores: list[int] = field(default_factory=lambda: [0] * BINS)
    sco_reach: list[tuple[str, int]] = field(default_factory=list)
    items: list[ItemStats] = field(default_factory=list)
    quizzes: list[QuizStats] = field(default_factory=list)
    unknown_ids: dict[str, int] = field(default_factory=dict)
    unanswered_ids: list[str] = field(default_factory=list)
    learner_rows: list[LearnerRow] | None = None
    method: str = METHOD


def _bin(score: float) -> int:
    return min(BINS - 1, max(0, int(score // (100 / BINS))))


def _is_right(entry: Entry, x: Interaction) -> bool:
    if x.result:
        if x.result == "correct":
            return True
        if x.result in ("wrong", "unanticipated", "neutral"):
            return False
        try:
            return float(x.result.replace(",", ".")) > 0  # SCORM 1.2 allows a numeric result
        except ValueError:
            return False
    return is_correct(entry, x.response)


def _submissions(interactions, entries: dict[str, Entry], unknown: Counter) -> dict[str, list[dict]]:
    """Interactions of one attempt cut into quiz submissions: the runtime writes each submission's questions
    one after another, so a new one starts where the quiz changes or a question comes again."""
    by_quiz: dict[str, list[dict]] = defaultdict(list)
    current, current_quiz = None, None
    for x in interactions:
        entry = entries.get(x.id)
        if entry is None:
            unknown[x.id or "?"] += 1
            continue
        quiz = entry.quiz.id
        if current is None or quiz != current_quiz or x.id in current:
            current, current_quiz = {}, quiz
            by_quiz[quiz].append(current)
        current[x.id] = x
    return by_quiz


def _pearson(xs: list[int], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, math.fsum(ys) / n
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        return None
    return math.fsum(a * b for a, b in zip(dx, dy)) / math.sqrt(sxx * syy)


def _attempts_by_learner(exports: list[Export]) -> dict[tuple, list[tuple[Attempt, tuple[str, ...]]]]:
    """Per learner, their attempts in the order they made them, each with its export's SCO titles (several
    exports: one per Moodle activity, e.g. a package per module)."""
    learners: dict[tuple, list[tuple[Attempt, tuple[str, ...]]]] = {}
    for export in exports:
        for a in export.attempts:
            learners.setdefault(a.learner, []).append((a, export.sco_titles))
    for attempts in learners.values():
        attempts.sort(key=lambda pair: pair[0].number or 0)
    return learners


def _score(entries: dict[str, Entry], right: dict[str, bool]) -> float:
    """A submission's score as the runtime computes it: weights of the right answers over all its weights."""
    total = earned = 0.0
    for iid, ok in right.items():
        weight = entries[iid].question.weight
        total += weight
        earned += weight if ok else 0
    return 100 * earned / total if total else 0.0


def analyse(exports: list[Export], entries: dict[str, Entry], with_names: bool = False) -> Analysis:
    result = Analysis()
    unknown: Counter = Counter()
    by_quiz: dict[str, list[Entry]] = defaultdict(list)
    for e in entries.values():
        by_quiz[e.quiz.id].append(e)
    first: dict[str, dict[int, Interaction]] = defaultdict(dict)  # item -> learner -> first answer
    rights: dict[int, dict[str, bool]] = {}
    quiz_runs: dict[str, list[tuple[float, float, int]]] = defaultdict(list)  # first, best, submissions
    reach: Counter = Counter()
    rows = []
    # learners are numbered: the analysis looks them up some million times on a large export
    for number, (learner, attempts) in enumerate(_attempts_by_learner(exports).items()):
        result.learners += 1
        started = [a for a, _ in attempts if a.number is not None]
        reach.update({t for a, titles in attempts if a.number is not None
                      for t, status in zip(titles, a.scos) if status != "notattempted"})
        scores = [a.score for a in started if a.score is not None]
        if started:
            result.started += 1
            if scores:
                result.moodle_scores[_bin(max(scores))] += 1
            rights[number] = _learner_answers(number, started, entries, unknown, first, quiz_runs)
        if with_names:
            status = next((s for a in started for s in a.scos if s != "notattempted"), "notattempted")
            rows.append(LearnerRow(learner[0] if learner else "", max((a.number for a in started), default=0),
                                   max(scores) if scores else None, status))
    titles = list(dict.fromkeys(t for export in exports for t in export.sco_titles))
    result.sco_reach = [(t, reach[t]) for t in titles]
    totals = {lr: (sum(r.values()), len(r)) for lr, r in rights.items()}
    result.items = [_item(e, first.get(e.id, {}), rights, totals) for e in sorted(entries.values(),
                                                                                 key=lambda e: e.order)]
    result.unanswered_ids = [i.id for i in result.items if not i.answers]
    result.quizzes = [_quiz(quiz_entries[0].quiz, quiz_runs.get(quiz_id, [])) for quiz_id, quiz_entries in
                      by_quiz.items()]
    result.unknown_ids = dict(sorted(unknown.items()))
    result.learner_rows = rows if with_names else None
    return result


def _learner_answers(learner, attempts, entries, unknown, first, quiz_runs) -> dict[str, bool]:
    """One learner's first answer to each question (kept in `first`) and whether it is right; their quiz
    submissions over all attempts go to `quiz_runs` as (first score, best score, submissions)."""
    right: dict[str, bool] = {}
    marks: dict[str, list[float]] = defaultdict(list)
    for a in attempts:
        for quiz_id, subs in _submissions(a.interactions, entries, unknown).items():
            for s in subs:
                judged = {iid: _is_right(entries[iid], x) for iid, x in s.items()}
                marks[quiz_id].append(_score(entries, judged))
                for iid, x in s.items():
                    if iid not in right:
                        right[iid] = judged[iid]
                        first[iid][learner] = x
    for quiz_id, m in marks.items():
        quiz_runs[quiz_id].append((m[0], max(m), len(m)))
    return right


def _item(e: Entry, answers: dict[int, Interaction], rights: dict, totals: dict) -> ItemStats:
    q = e.question
    item = ItemStats(e.id, e.quiz.id, q.id, q.type, plain(q.prompt), answers=len(answers))
    if not answers:
        return item
    marks = {lr: rights[lr][e.id] for lr in answers}
    item.facility = sum(marks.values()) / len(marks)
    xs, rests = [], []
    for lr, x in marks.items():
        total, count = totals[lr]
        if count > 1:
            xs.append(int(x))
            rests.append((total - x) / (count - 1))
    item.discrimination = _pearson(xs, rests)
    responses = [x.response.strip() for x in answers.values()]
    item.unanswered = sum(1 for r in responses if not r)
    if e.options:
        chosen = Counter(k for r in responses for k in r.split(",") if k)
        correct = set(e.pattern.split(","))
        item.options = [Option(k, text, chosen[k], k in correct) for k, text in e.options]
    else:
        # grouped once normalised as the runtime compares answers, shown as the learners spelt them most
        wrong: Counter = Counter()
        spellings: dict[str, Counter] = defaultdict(Counter)
        for lr, r in zip(answers, responses):
            if r and not marks[lr]:
                key = normalise(r) if q.type == "fill-in" else r
                wrong[key] += 1
                spellings[key][r] += 1
        item.wrong_answers = [(spellings[k].most_common(1)[0][0], n) for k, n in wrong.most_common(5)]
    item.flags = _flags(item)
    return item


def _flags(item: ItemStats) -> list[str]:
    if item.answers < MIN_ANSWERS:
        return ["few_answers"]
    flags = []
    if item.facility >= TOO_EASY:
        flags.append("too_easy")
    elif item.facility <= TOO_HARD:
        flags.append("too_hard")
    if item.discrimination is not None and item.discrimination < 0:
        flags.append("negative_discrimination")
    if item.type in ("single", "multiple") and any(o.count == 0 and not o.correct for o in item.options):
        flags.append("distractor_never_chosen")
    return flags


def _quiz(quiz, runs: list[tuple[float, float, int]]) -> QuizStats:
    stats = QuizStats(quiz.id, quiz.title, quiz.pass_mark, learners=len(runs))
    for first, best, used in runs:
        stats.first_scores[_bin(first)] += 1
        stats.passed += best >= quiz.pass_mark
        stats.attempts_used[used] = stats.attempts_used.get(used, 0) + 1
    if runs:
        stats.mean_first_score = sum(r[0] for r in runs) / len(runs)
    stats.attempts_used = dict(sorted(stats.attempts_used.items()))
    return stats
