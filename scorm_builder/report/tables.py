"""The report as data for CI (JSON) and spreadsheets (CSV, one row per question)."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict


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


def render_csv(report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["quiz", "question", "interaction_id", "type", "prompt", "answers", "facility",
                     "discrimination", "flags", "options_or_wrong_answers"])
    for i in report.analysis.items:
        writer.writerow([i.quiz, i.question, i.id, i.type, i.prompt, i.answers,
                         "" if i.facility is None else f"{i.facility:.3f}",
                         "" if i.discrimination is None else f"{i.discrimination:.3f}",
                         " ".join(i.flags), _options(i)])
    return "\ufeff" + out.getvalue()  # a BOM, so spreadsheet programs read the Arabic as UTF-8
