"""`scorm-builder report`: item analysis of Moodle's SCORM report downloads, joined with the course source.

    report = make_report(course_dir, [export, ...])   # read and analyse; raises on any unreadable file
    write_outputs(report, html=..., json=..., csv=...) # writes only once everything is computed

Reading .xlsx needs openpyxl (the `report` extra); text and ODS downloads need only the core dependencies.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..catalogue import UI_LANGUAGES
from ..errors import ExportError
from ..loader import load_course
from ..model import Course
from .html import render_html, strings
from .moodle import Export, parse
from .questions import catalogue, sco_titles
from .readers import read_table
from .statistics import Analysis, analyse
from ..i18n import _


@dataclass
class Report:
    course: Course
    language: str  # ar | fr | en: the report's own language
    exports: list[Export]
    analysis: Analysis
    warnings: list[str]

    def summary(self) -> str:
        a = self.analysis
        flagged = sum(1 for i in a.items if i.flags and i.flags != ["few_answers"])
        return _("{exports} export(s), {learners} learners ({started} with an attempt), {questions} questions, "
                 "{flagged} flagged").format(exports=len(self.exports), learners=a.learners, started=a.started,
                                             questions=len(a.items), flagged=flagged)


def make_report(course_dir: Path, export_paths: list[Path], names: bool = False, language: str | None = None
                ) -> Report:
    course = load_course(Path(course_dir))
    language = language if language in UI_LANGUAGES else course.ui_language
    entries = catalogue(course, strings(language))
    titles = sco_titles(course)
    exports = [parse(read_table(p), titles) for p in export_paths]
    analysis = analyse(exports, entries, with_names=names)
    warnings = []
    for export in exports:
        if not export.attempts:
            warnings.append(_("{name}: warning: no learner rows (an empty report, or filtered to nobody)").format(
                name=export.name))
        if export.kind == "interactions" and "question" not in export.columns:
            raise ExportError(_("{name}: error: the download has no 'Question N' columns, so answers cannot be "
                                "matched to questions (in Moodle tick 'Summary of question' in the Interactions "
                                "report's preferences, then download again)").format(
                name=export.name))
    if not any(e.kind == "interactions" for e in exports):
        warnings.append(_("warning: no Interactions report given: only scores and statuses can be shown"))
    for iid, count in analysis.unknown_ids.items():
        warnings.append(_("warning: interaction id '{iid}' ({count} answers) is not a question of this course "
                          "(removed or renamed since the package was built); left out").format(
            iid=iid, count=count))
    return Report(course, language, exports, analysis, warnings)


def write_outputs(report: Report, html_path: Path | None, json_path: Path | None = None,
                  csv_path: Path | None = None) -> list[Path]:
    """Render everything first, then write each file whole (a temporary file renamed into place)."""
    from .tables import render_csv, to_dict

    outputs = []
    if html_path:
        outputs.append((html_path, render_html(report)))
    if json_path:
        outputs.append((json_path, json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"))
    if csv_path:
        outputs.append((csv_path, render_csv(report)))
    for path, text in outputs:
        _write_whole(Path(path), text)
    return [Path(p) for p, _ in outputs]


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _write_whole(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes it private; the report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


__all__ = ["Report", "make_report", "write_outputs"]
