"""The course's questions as the runtime reports them: interaction id, SCORM response format and key."""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

from ..model import Course, Question, Quiz
from ..plan import plan

_MD = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Entry:
    id: str  # cmi.interactions.n.id
    order: int  # position in the course, for sorting
    quiz: Quiz
    question: Question
    options: tuple[tuple[str, str], ...]  # (SCORM key, plain text) for choice and true-false questions
    pattern: str  # the correct response, as the runtime writes it


def plain(markdown: str) -> str:
    """A Markdown snippet as plain text, for tables and chart labels."""
    return " ".join(html.unescape(nh3.clean(_MD.renderInline(markdown), tags=set())).split())


def interaction_id(quiz: Quiz, question: Question) -> str:
    """As sb-lms.js's ident(): printable ASCII kept, anything else a '-', at most 255 characters."""
    return re.sub(r"[^\x21-\x7E]", "-", f"{quiz.id}_{question.id}")[:255]


def correct_pattern(q: Question) -> str:
    if q.type in ("single", "multiple"):
        return ",".join(sorted(c.key for c in q.choices if c.id in (q.correct or ())))
    if q.type == "true-false":
        return "t" if q.correct else "f"
    if q.type == "fill-in":
        return q.answers[0] if q.answers else ""
    if q.type == "numeric":
        return _number_text(q.correct)
    if q.type == "matching":
        return ",".join(f"{p.key}.{p.right_key}" for p in q.pairs)
    return ",".join(item.key for item in q.items)  # ordering


def _number_text(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def options(q: Question, strings: dict[str, str]) -> tuple[tuple[str, str], ...]:
    if q.type in ("single", "multiple"):
        return tuple((c.key, plain(c.text)) for c in q.choices)
    if q.type == "true-false":
        return (("t", strings["true"]), ("f", strings["false"]))
    return ()


def catalogue(course: Course, strings: dict[str, str]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for quiz in course.quizzes:
        for q in quiz.questions:
            iid = interaction_id(quiz, q)
            entries[iid] = Entry(iid, len(entries), quiz, q, options(q, strings), correct_pattern(q))
    return entries


def sco_titles(course: Course) -> tuple[str, ...]:
    return tuple(s.title for p in plan(course) for s in p.scos)


# The same normalisation as sb-app.js's normalise(), so answers count as equal exactly when the runtime did
_TASHKEEL = re.compile("[\u064B-\u065F\u0670\u0640]")
_ALEF = re.compile("[\u0622\u0623\u0625]")
_YA = re.compile("\u0649(?![\u0621-\u064A])")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _YA.sub("\u064A", _ALEF.sub("\u0627", _TASHKEEL.sub("", text)).replace("\u0629", "\u0647"))
    return " ".join(text.split()).lower()


def is_correct(entry: Entry, response: str) -> bool:
    q = entry.question
    if not response:
        return False
    if q.type == "fill-in":
        value = normalise(response)
        return bool(value) and any(normalise(a) == value for a in q.answers)
    if q.type == "numeric":
        try:
            return abs(float(response) - float(q.correct)) <= (q.tolerance or 0) + 1e-9
        except ValueError:
            return False
    return response == entry.pattern
