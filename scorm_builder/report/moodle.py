"""What Moodle's SCORM report downloads hold, column by column, read back into attempts.

Written from Moodle's source (mod/scorm/report/interactions/classes/report.php and
mod/scorm/report/basic/classes/report.php, Moodle 4.1 to 5.1; see docs/moodle.md):

- header row: Name, the site's identity fields (e.g. Email address), Attempt, Started on, Last accessed on,
  Score, one column per launchable SCO (its title), then for each interaction index N from 0 the enabled
  ones of "Question N" (cmi.interactions_N.id), "Response N" (student_response), "Right answer N"
  (correct_responses patterns joined by ',') and "Result N", in that order. The Basic report stops after the
  SCO columns (and has them only with "detailed report" ticked).
- one row per learner and attempt; a learner without an attempt has '-' in the four attempt columns.
- each SCO cell is "raw/max" (or "raw") when the SCO sent a score, else the SCO's status in the site's
  language. In the Interactions report every SCO is followed by its own run of interaction cells, so with
  several SCOs a row is longer than the header row.
- interaction cells went through s(), so they carry HTML entities (&amp; &quot; &#039; &lt; &gt;).
- Moodle >= 4.1.x writes a leading "'" before a value starting with = + - @ (spreadsheet formula escape).
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from ..errors import ExportError
from .readers import Table
from ..i18n import _

# Header labels of the interaction columns in the languages checked (Moodle's en strings, the ar and fr
# language packs). A label not listed is classified from the cells (see _classify_unknown).
_LABELS = {
    "question": {"question", "سؤال", "السؤال", "pregunta", "frage", "pergunta"},
    "response": {"response", "réponse", "reponse", "إجابة", "الإجابة", "اجابة", "respuesta", "antwort",
                 "resposta"},
    "right": {"right answer", "réponse correcte", "reponse correcte", "الإجابة الصحيحة", "إجابة صحيحة",
              "respuesta correcta", "richtige antwort", "resposta correta"},
    "result": {"result", "résultat", "resultat", "نتيجة", "النتيجة", "resultado", "ergebnis"},
}
_ATTEMPT = {"attempt", "tentative", "محاولة", "intento", "versuch", "tentativa"}

# SCO status strings (get_string(status, 'scorm')) -> SCORM status; en, fr, ar as in the language packs
_STATUS = {
    "passed": {"passed", "réussi", "passé", "نجح"},
    "completed": {"completed", "terminé", "تم", "مكتمل"},
    "failed": {"failed", "échoué", "échec", "فشل"},
    "incomplete": {"incomplete", "incomplet", "non terminé", "غير مكتمل"},
    "browsed": {"browsed", "consulté", "parcouru", "أُستعرض", "استعرض"},
    "notattempted": {"not attempted", "non tenté", "non commencé", "لم تتم محاولته", "لم يحاول"},
}
_STATUS_OF = {label: status for status, labels in _STATUS.items() for label in labels}
_RESULTS = {"correct", "wrong", "unanticipated", "neutral"}
_INDEXED = re.compile(r"^(.*?)\s*(\d+)$")
_SCORE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:/\s*(\d+(?:[.,]\d+)?))?\s*$")
_KINDS = ("question", "response", "right", "result")


class Interaction(NamedTuple):  # a tuple: a large export has hundreds of thousands
    id: str  # '' when the export has no "Question N" columns
    response: str
    right: str
    result: str


@dataclass(frozen=True)
class Attempt:
    learner: tuple[str, ...]  # name and identity fields, as Moodle wrote them
    number: int | None  # None: the learner has no attempt
    score: float | None
    scos: tuple[str, ...]  # per SCO: a SCORM status, or "score" when it sent one
    sco_scores: tuple[float | None, ...]
    interactions: tuple[Interaction, ...]
    where: str  # file:line, for messages


@dataclass(frozen=True)
class Export:
    name: str
    format: str
    kind: str  # interactions | basic
    sco_titles: tuple[str, ...]
    columns: tuple[str, ...]  # interaction columns present, from _KINDS
    attempts: tuple[Attempt, ...]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def clean_cell(cell: str) -> str:
    """A cell's value as the SCO sent it: Moodle's formula escape removed, then s()'s entities decoded."""
    if cell[:1] == "'" and cell[1:].lstrip()[:1] in ("=", "+", "-", "@"):
        cell = cell[1:]
    return html.unescape(cell) if "&" in cell else cell


def parse(table: Table, sco_titles: tuple[str, ...]) -> Export:
    """Read one download; `sco_titles` are the course's SCO titles, used to find the SCO columns whatever the
    language the export was made in."""
    if not table.rows:
        raise ExportError(_("{name}: error: the file is empty (download the report again from Moodle)").format(
            name=table.name))
    header = [h.strip() for h in table.rows[0]]
    start, kinds = _interaction_block(header)
    before = header[:start]
    attempt_col, sco_cols = _attempt_and_scos(table.name, before, sco_titles)
    if None in kinds:
        kinds = _classify_unknown(table.name, kinds, table.rows[1:], start)
    nsco = len(sco_cols)
    questions = (len(header) - start) // len(kinds) if kinds else 0
    attempts = tuple(_attempt(table.name, i + 1, row, attempt_col, nsco, kinds, questions)
                     for i, row in enumerate(table.rows[1:]))
    return Export(table.name, table.format, "interactions" if kinds else "basic",
                  tuple(before[c] for c in sco_cols), tuple(k for k in kinds if k), attempts)


def _interaction_block(header: list[str]) -> tuple[int, list]:
    """Where the "Label N" columns start and the kind of each label in one index's run. A run is valid when
    its labels repeat in one order with N = 0, 1, 2 ... (so a SCO titled "Module 2" is not taken for one)."""
    indexed = [_INDEXED.match(h) for h in header]
    end = len(header)
    start = end
    while start > 0 and indexed[start - 1]:
        start -= 1
    for first in range(start, end):
        labels = []
        for m in indexed[first:]:
            if int(m.group(2)) != 0:
                break
            labels.append(_norm(m.group(1)))
        k = len(labels)
        if not k or (end - first) % k:
            continue
        if all(_norm(indexed[first + i].group(1)) == labels[i % k] and int(indexed[first + i].group(2)) == i // k
               for i in range(end - first)):
            return first, [next((kind for kind in _KINDS if label in _LABELS[kind]), None) for label in labels]
    return end, []


def _classify_unknown(name: str, kinds: list, rows: list[list[str]], start: int) -> list:
    """Labels in a language we have no strings for: Moodle's order is fixed (question, response, right,
    result), and cells tell the id column (ASCII, no spaces) and the result column (correct/wrong...)."""
    k = len(kinds)
    cells = [[clean_cell(r[start + i]).strip() for r in rows[:200] if start + i < len(r)] for i in range(k)]
    filled = [[c for c in col if c] for col in cells]
    guess = list(kinds)
    for i, col in enumerate(filled):
        if guess[i] is None and col and all(c in _RESULTS or _SCORE.match(c) for c in col):
            guess[i] = "result"
        elif guess[i] is None and col and all(c.isascii() and " " not in c for c in col) and i == 0 and k > 1:
            guess[i] = "question"
    rest = [i for i, g in enumerate(guess) if g is None]
    free = [kind for kind in ("response", "right") if kind not in guess]
    for i, kind in zip(rest, free):
        guess[i] = kind
    if None in guess or len(set(guess)) != k:
        raise ExportError(_("{name}: error: interaction columns not recognised ({columns}): download the report "
                            "with Moodle's language set to English, French or Arabic").format(
            name=name, columns=', '.join(str(g) for g in kinds)))
    return guess


def _attempt_and_scos(name: str, before: list[str], sco_titles: tuple[str, ...]) -> tuple[int, list[int]]:
    titles = {_norm(t) for t in sco_titles}
    scos = [i for i, h in enumerate(before) if i >= 5 and _norm(html.unescape(h)) in titles]
    if scos:
        return scos[0] - 4, list(range(scos[0], len(before)))
    for i, h in enumerate(before):
        if i and _norm(h) in _ATTEMPT:
            return i, list(range(i + 4, len(before)))
    raise ExportError(_("{name}: error: no 'Attempt' column in the header row ({columns}) (give the SCORM "
                        "activity's Interactions or Basic report download, made in English, French or Arabic, or "
                        "one whose SCO titles match the course)").format(
        name=name, columns=' | '.join(before[:8])))


def _number(cell: str) -> float | None:
    m = _SCORE.match(cell)
    return float(m.group(1).replace(",", ".")) if m else None


def _sco_cell(cell: str) -> tuple[str, float | None]:
    score = _number(cell)
    if score is not None:
        return "score", score
    return _STATUS_OF.get(_norm(cell), "other" if cell.strip() else "notattempted"), None


def _attempt(name: str, line: int, row: list[str], col: int, nsco: int, kinds: list, questions: int) -> Attempt:
    where = f"{name}:{line + 1}"
    k = len(kinds)
    per_sco = 1 + k * questions
    width = col + 4 + nsco * per_sco
    if len(row) > width and any(c.strip() for c in row[width:]):
        raise ExportError(_("{where}: error: {count} cells where the header row allows {width} (is this file from "
                            "another course, or was a column added by hand?)").format(
            where=where, count=len(row), width=width))
    row = row[:width] + [""] * (width - len(row))
    joined = "\t".join(row)
    if "&" in joined or "'" in joined:  # most rows need no cleaning at all: one test instead of one per cell
        row = [clean_cell(c) for c in row]
    number_cell = row[col].strip()
    if number_cell in ("-", ""):
        number = None
    elif number_cell.isdigit():
        number = int(number_cell)
    else:
        raise ExportError(_("{where}: error: attempt '{value}' is not a number (the columns before 'Attempt' do "
                            "not match the header row)").format(
            where=where, value=number_cell))
    at = {kind: kinds.index(kind) if kind in kinds else -1 for kind in _KINDS}
    qi, ri, gi, si = at["question"], at["response"], at["right"], at["result"]
    scos, sco_scores, interactions = [], [], []
    for s in range(nsco):
        start = col + 4 + s * per_sco
        status, score = _sco_cell(row[start])
        scos.append(status)
        sco_scores.append(score)
        for o in range(start + 1, start + 1 + k * questions, k or 1):
            run = row[o:o + k]
            if any(run):
                interactions.append(Interaction(run[qi].strip() if qi >= 0 else "", run[ri] if ri >= 0 else "",
                                                run[gi] if gi >= 0 else "", run[si].strip() if si >= 0 else ""))
    return Attempt(tuple(row[:col]), number, _number(row[col + 3]) if number is not None else None, tuple(scos),
                   tuple(sco_scores), tuple(interactions), where)
