"""Whether replacing one package with another in Moodle keeps the learners' data."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import answer_keys, check
from .errors import UsageError
from .i18n import _
from .items import items

_DATA = re.compile(rb'<script type="application/json" id="sb-data">(.*?)</script>', re.S)


@dataclass
class Item:
    title: str
    launch: str
    mastery: str  # "" when the item has none


@dataclass
class DiffReport:
    lost: list[str] = field(default_factory=list)  # learner data Moodle deletes
    misread: list[str] = field(default_factory=list)  # kept, but saved answers would mean something else
    changed: list[str] = field(default_factory=list)  # kept, but worth knowing
    notes: list[str] = field(default_factory=list)
    not_ready: list[str] = field(default_factory=list)  # a package `check` refuses: never called safe
    refused: list[str] = field(default_factory=list)  # which of them: "old", "new"

    @property
    def safe(self) -> bool:
        return not self.lost and not self.misread and not self.not_ready

    @property
    def verdict(self) -> str:
        if self.not_ready:
            which = [w for w in ("old", "new") if w in self.refused]
            return (_("NOT SAFE: the old and new packages are not ready for Moodle") if len(which) > 1 else
                    _("NOT SAFE: the old package is not ready for Moodle") if which == ["old"] else
                    _("NOT SAFE: the new package is not ready for Moodle"))
        if self.lost:
            return _("NOT SAFE: replacing the package would delete learner data in Moodle")
        if self.misread:
            return _("NOT SAFE: answers learners already gave would be read as other answers")
        if self.changed:
            return _("SAFE: learner data is kept (see the changes below)")
        return _("SAFE: nothing that affects learner data has changed")

    def as_dict(self) -> dict:
        return {"safe": self.safe, "verdict": self.verdict, "not_ready": self.not_ready, "lost": self.lost,
                "misread": self.misread, "changed": self.changed, "notes": self.notes}


def _load(path: Path) -> tuple[dict[str, Item], dict[str, dict], list]:
    """The manifest's items, our runtime's data block per launch file (if we built it), and what `check` finds
    wrong with the package (each error)."""
    report = check.check(path)
    if report.manifest is None or report.version != "1.2":
        first = report.errors[0]
        raise UsageError(_("{path}: {message} ({hint})").format(path=path, message=first.message, hint=first.hint))
    # every item, not only the default organization's: Moodle keeps tracking by item identifier
    found = {i["id"]: Item(i["title"], i["href"], i["masteryScore"]) for i in items(report.manifest)}
    with check.open_zip(path) as zf:
        data = {}
        names = set(zf.namelist())
        for item in found.values():
            if item.launch and item.launch in names:
                block = _DATA.search(check.read_member(zf, item.launch, 16 * 1024 * 1024))
                if block:
                    data[item.launch] = _json(block.group(1))
    return found, {k: v for k, v in data.items() if isinstance(v, dict)}, report.errors


def _json(text: bytes):
    try:
        return json.loads(text)
    except ValueError:  # another tool's page with a block of that id: not our runtime's data
        return None


def diff(old_path: Path, new_path: Path) -> DiffReport:
    old, old_data, old_errors = _load(old_path)
    new, new_data, new_errors = _load(new_path)
    report = DiffReport()
    for which, path, errors in (("old", old_path, old_errors), ("new", new_path, new_errors)):
        for error in errors:  # Moodle could not play it as it is: no replacement is safe, whatever the ids say
            report.not_ready.append((_("old package {path}: {error}") if which == "old" else
                                     _("new package {path}: {error}")).format(path=path, error=error))
            if which not in report.refused:
                report.refused.append(which)
    for ident in sorted(set(old) - set(new)):
        report.lost.append(_("item '{id}' ({title}) is gone: Moodle deletes its tracking data").format(
            id=ident, title=old[ident].title))
    for ident in sorted(set(new) - set(old)):
        report.changed.append(_("item '{id}' ({title}) is new").format(id=ident, title=new[ident].title))
    for ident in sorted(set(old) & set(new)):
        a, b = old[ident], new[ident]
        if a.mastery != b.mastery:
            report.changed.append(_("item '{id}': mastery score {old} -> {new} (Moodle recomputes passed/failed "
                                    "with the new value at the next finish)").format(
                id=ident, old=a.mastery or 'none', new=b.mastery or 'none'))
        if a.launch != b.launch:
            report.changed.append(_("item '{id}': launch file {old} -> {new}").format(
                id=ident, old=a.launch, new=b.launch))
        _runtime(ident, old_data.get(a.launch), new_data.get(b.launch), report)
    return report


def _ids(data: dict) -> tuple[set, set]:
    pages = {e["id"] for e in data["nav"]}
    questions = {f"{q}/{x['id']}" for q, quiz in data["quizzes"].items() for x in quiz["questions"]}
    return pages, questions


def _runtime(ident: str, old: dict | None, new: dict | None, report: DiffReport) -> None:
    if old is None or new is None:
        return
    if old.get("v") != new.get("v"):
        report.lost.append(_("item '{id}': the new runtime cannot read the old progress data (format {old} -> "
                             "{new}); learners restart this SCO").format(
            id=ident, old=old.get('v'), new=new.get('v')))
        return
    old_pages, old_questions = _ids(old)
    new_pages, new_questions = _ids(new)
    gone = sorted(old_pages - new_pages) + sorted(old_questions - new_questions)
    if gone:
        report.changed.append(_("item '{id}': progress on removed parts is dropped ({parts}); the rest of each "
                                "learner's progress is kept").format(
            id=ident, parts=', '.join(gone)))
    else:
        report.notes.append(_("item '{id}': the new runtime reads the old progress data (resume keeps working)").format(
            id=ident))
    for quiz_id in sorted(set(old["quizzes"]) & set(new["quizzes"])):
        answer_keys.compare(quiz_id, old["quizzes"][quiz_id], new["quizzes"][quiz_id], report)
