"""The report as data for CI (JSON) and spreadsheets (CSV, one row per question)."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict

# A text cell a spreadsheet would run as a formula (what learners typed lands here): quoted with a leading
# "'", the rule Moodle's own downloads follow (core\dataformat::escape_spreadsheet_formula), "-" alone kept
_FORMULA = re.compile(r"\s*[=+\-@]")


def to_dict(report) -> dict:
    a = asdict(report.analysis)
    if a["learner_rows"] is None:  # anonymous: not even the key
        del a["learner_rows"]
    return {
        "course": {"id": report.course.id, "version": report.course.version, "title": report.course.title},
        "language": report.language,
        "exports": [{"file": e.name, "format": e.format, "kind": e.kind, "rows": len(e.attempts),
                     "columns": list(e.columns)} for e in report.exports],
        **a,
        "warnings": report.warnings,
    }


def _options(item) -> str:
    if item.options:
        return "; ".join(f"{o.key}{'*' if o.correct else ''}: {o.count}" for o in item.options)
    return "; ".join(f"{text}: {count}" for text, count in item.wrong_answers)


def _text(cell: str) -> str:
    return "'" + cell if cell != "-" and _FORMULA.match(cell) else cell


def render_csv(report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["quiz", "question", "interaction_id", "type", "prompt", "answers", "facility",
                     "discrimination", "flags", "options_or_wrong_answers"])
    for i in report.analysis.items:
        writer.writerow([_text(i.quiz), _text(i.question), i.id, i.type, _text(i.prompt), i.answers,
                         "" if i.facility is None else f"{i.facility:.3f}",
                         "" if i.discrimination is None else f"{i.discrimination:.3f}",
                         _text(" ".join(i.flags)), _text(_options(i))])
    return "\ufeff" + out.getvalue()  # a BOM, so spreadsheet programs read the Arabic as UTF-8
