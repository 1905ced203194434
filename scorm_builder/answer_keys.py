"""What answers learners already gave mean in a new build of a quiz: `scorm-builder diff` compares questions.

Saved answers (suspend_data) name choices by id (a choice without an id has its letter), matching pairs and
ordering items by position, typed answers by their text (docs/runtime.md). So a choice inserted before others,
moved or removed changes what a saved answer means, unless the choices have ids; so does a new correct answer.
A wording fix keeps the meaning and is said as such. Each sentence goes to report.misread (NOT SAFE),
report.changed or report.notes.
"""
from __future__ import annotations

import html
import re

from .yamlsource import short
from .i18n import N_, _

_TAG = re.compile(r"<[^>]+>")
PIN_HINT = N_("add new choices at the end, or first give each choice its current letter as id (- {id: b, text: ...}) "
            "and publish that: saved answers follow choices that have ids, wherever they move")


def _plain(markup: str | None) -> str:
    return " ".join(html.unescape(_TAG.sub("", markup or "")).split())


def _quote(text: str) -> str:
    return f"'{short(text)}'"


def compare(quiz_id: str, old: dict, new: dict, report) -> None:
    before = {q["id"]: q for q in old["questions"]}
    for n, q in enumerate(new["questions"], start=1):
        where = _("question {n} ({id}) of quiz '{quiz}'").format(n=n, id=q["id"], quiz=quiz_id)
        if q["id"] not in before:
            report.changed.append(_("{where} is new: attempts already started keep the questions they drew")
                                  .format(where=where))
        elif before[q["id"]]["type"] != q["type"]:
            report.misread.append(_("{where} is now a {kind} question (was {was}): answers already given to it "
                                    "cannot be read as answers to the new question").format(
                where=where, kind=q["type"], was=before[q["id"]]["type"]))
        else:
            _question(where, before[q["id"]], q, report)
    if (old.get("draw") or len(old["questions"])) != (new.get("draw") or len(new["questions"])):
        asked = lambda quiz: quiz.get("draw") or len(quiz["questions"])  # noqa: E731
        report.changed.append(_("quiz '{quiz}' now asks {count} questions per attempt (was {was}): attempts already "
                                "started keep the questions they drew").format(quiz=quiz_id, count=asked(new),
                                                                                was=asked(old)))


def _question(where: str, old: dict, new: dict, report) -> None:
    kind = new["type"]
    if kind in ("single", "multiple"):
        _choices(where, old, new, report)
    elif kind == "true-false" and old["correct"] != new["correct"]:
        report.misread.append(_(_NOW_CORRECT).format(where=where, answer=str(new["correct"]).lower()))
    elif kind == "numeric" and (old["correct"], old.get("tolerance")) != (new["correct"], new.get("tolerance")):
        said = lambda q: f"{q['correct']:g}" + (f" ± {q['tolerance']:g}" if q.get("tolerance") else "")  # noqa: E731
        report.misread.append(_("{where}: the accepted number is now {answer} (was {was}): answers already given "
                                "are marked against it when learners review them").format(
            where=where, answer=said(new), was=said(old)))
    elif kind == "fill-in" and {a.strip() for a in old["answers"]} != {a.strip() for a in new["answers"]}:
        report.misread.append(_("{where}: the accepted answers are now {answers} (were {were}): answers already "
                                "given are marked against them when learners review them").format(
            where=where, answers=", ".join(map(_quote, new["answers"])), were=", ".join(map(_quote, old["answers"]))))
    elif kind == "matching":
        _by_position(where, "pair", [(p["left"], p["right"]) for p in old["pairs"]],
                     [(p["left"], p["right"]) for p in new["pairs"]], report)
    elif kind == "ordering":
        _by_position(where, "item", [(i["html"],) for i in old["items"]], [(i["html"],) for i in new["items"]], report)


def _fates(old: dict[str, str], new: dict[str, str]) -> dict[str, str | None]:
    """Where each old entry (name -> text) is in the new build: the same name when its text is kept or only
    reworded, another name when its text moved there, None when it is gone."""
    found = {}
    for name, text in reversed(new.items()):
        found[text] = name
    fates = {}
    for name, text in old.items():
        if new.get(name) == text:
            fates[name] = name
        elif text in found:
            fates[name] = found[text]
        elif name in new and new[name] not in old.values():  # same place, new words
            fates[name] = name
        else:
            fates[name] = None
    return fates


def _choices(where: str, old: dict, new: dict, report) -> None:
    before = {c["id"]: _plain(c["html"]) for c in old["choices"]}
    after = {c["id"]: _plain(c["html"]) for c in new["choices"]}
    fates = _fates(before, after)
    moved = [(cid, to) for cid, to in fates.items() if to not in (cid, None)]
    gone = [cid for cid, to in fates.items() if to is None]
    if moved:
        cid = moved[0][0]
        now = _quote(after[cid]) if cid in after else _("no choice")
        report.misread.append(_(
            "{where}: choices moved ({moves}): saved answers name choices by letter (or id), so a learner who chose "
            "{chosen} would now have {now} chosen ({hint})").format(
            where=where, moves=", ".join(f"{_quote(before[c])} {c} -> {t}" for c, t in moved),
            chosen=_quote(before[cid]), now=now, hint=_(PIN_HINT)))
    for cid in gone:
        report.misread.append(_("{where}: choice {text} ({id}) is gone: answers that chose it lose that choice")
                              .format(where=where, text=_quote(before[cid]), id=cid))
    for cid, to in fates.items():
        if to == cid and before[cid] != after[cid]:
            report.changed.append(_("{where}: choice {id} reworded ({old} -> {new}): answers that chose it keep it")
                                  .format(where=where, id=cid, old=_quote(before[cid]), new=_quote(after[cid])))
    arrived = set(after) - {to for to in fates.values() if to}
    for cid in sorted(arrived, key=list(after).index):
        report.changed.append(_("{where}: choice {text} ({id}) is new: learners who already answered did not see "
                                "it").format(where=where, text=_quote(after[cid]), id=cid))
    kept = {fates[cid] for cid in old["correct"] if fates.get(cid)}
    if kept != set(new["correct"]):
        texts = lambda ids, names: ", ".join(_quote(names[i]) for i in ids if i in names)  # noqa: E731
        report.misread.append(_("{where}: the correct answer is now {answer} (was {was}): answers already given "
                                "are marked against it when learners review them").format(
            where=where, answer=texts(new["correct"], after), was=texts(old["correct"], before)))
    keys = {c["id"]: c["key"] for c in old["choices"]}
    if not moved and any(keys.get(c["id"], c["key"]) != c["key"] for c in new["choices"]):
        report.notes.append(_("{where}: choices with ids moved and saved answers follow them; Moodle's interactions "
                              "report names choices by letter, and some letters now name other choices")
                            .format(where=where))


def _by_position(where: str, what: str, old: list[tuple], new: list[tuple], report) -> None:
    """Matching pairs and ordering items are saved by position: an entry (or one side of a pair) moved, added or
    removed changes what a saved answer means; new words in place do not."""
    old = [tuple(map(_plain, entry)) for entry in old]
    new = [tuple(map(_plain, entry)) for entry in new]
    sides = range(len(old[0])) if old else range(0)
    moved = len(old) != len(new) or any(
        to != name for side in sides for name, to in _fates({str(i): e[side] for i, e in enumerate(old)},
                                                            {str(i): e[side] for i, e in enumerate(new)}).items())
    shown = lambda entries: " / ".join(_quote(" -> ".join(e)) for e in entries)  # noqa: E731
    added, changed, reworded = _BY_POSITION[what]
    if moved and new[:len(old)] == old:
        report.misread.append(_(added).format(where=where, entries=shown(new[len(old):])))
    elif moved:
        report.misread.append(_(changed).format(where=where, old=shown(old), new=shown(new)))
    if moved:
        return
    for n, (before, after) in enumerate(zip(old, new), start=1):
        if before != after:
            report.changed.append(_(reworded).format(where=where, n=n, old=_quote(" -> ".join(before)),
                                                     new=_quote(" -> ".join(after))))


# what is said of matching pairs and of ordering items: added at the end, changed, reworded in place
_BY_POSITION = {
    "pair": (N_("{where}: new pairs {entries}: answers already given do not place them, so they would now count "
                "as wrong"),
             N_("{where}: the pairs changed ({old} become {new}): saved answers name pairs by position, so they "
                "would be read against other pairs"),
             N_("{where}: pair {n} reworded ({old} -> {new}): saved answers keep their meaning")),
    "item": (N_("{where}: new items {entries}: answers already given do not place them, so they would now count "
                "as wrong"),
             N_("{where}: the items changed ({old} become {new}): saved answers name items by position, so they "
                "would be read against other items"),
             N_("{where}: item {n} reworded ({old} -> {new}): saved answers keep their meaning")),
}
_NOW_CORRECT = N_("{where}: the correct answer is now {answer}: answers already given are marked against it when "
                  "learners review them")
