"""Checks that need more than one value: ids, references between parts, answers, media and message keys.

Runs on parsed data whose shape already passed structure.check, so keys have the right types.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from . import components, sniff, svgclean, theme, webvtt
from .catalogue import messages
from .check import MAX_TOTAL
from .errors import Diagnostic
from .i18n import N_, _
from .paths import inside
from .yamlsource import Source, short, written_number

KEYS = "abcdefghijklmnopqrstuvwxyz"
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"}
MEDIA_KINDS = {".mp3": "audio", ".ogg": "audio", ".wav": "audio", ".m4a": "audio",
               ".mp4": "video", ".webm": "video", ".ogv": "video"}
TYPE_KEYS = {
    "single": {"choices", "correct"}, "multiple": {"choices", "correct"}, "true-false": {"correct"},
    "fill-in": {"answers"}, "numeric": {"correct", "tolerance"}, "matching": {"pairs"}, "ordering": {"items"},
}
ALL_TYPE_KEYS = set().union(*TYPE_KEYS.values())
RESERVED_IDS = {"home"}
KIND_NAMES = {"video": N_("video"), "audio": N_("sound")}  # what a block's file must be
# A true-false `correct:` may also be written with the words of the course's language (docs/authoring.md)
TRUTH_WORDS = {"fr": {"vrai": True, "faux": False}, "ar": {"صح": True, "صحيح": True, "خطأ": False, "خطا": False}}


def truth(value, language: str) -> bool | None:
    """A true-false question's `correct`: true or false, or a word of the course's language for them; else None."""
    if isinstance(value, bool):
        return value
    words = TRUTH_WORDS.get(language.split("-")[0], {})
    return words.get(value.strip().lower()) if isinstance(value, str) else None


def media_kind(src: str) -> str:
    """How a `media:` entry is shown, by its file's extension: image, audio, video, or file (a download)."""
    suffix = Path(src).suffix.lower()
    return "image" if suffix in IMAGE_EXTENSIONS else MEDIA_KINDS.get(suffix, "file")


def choice_id(choice, index: int) -> str:
    """A choice's id: the one written, else its letter by position (a, b, c ...)."""
    return choice["id"] if isinstance(choice, dict) and "id" in choice else KEYS[index]


def course(course_dir: Path, top: Source | None, modules: list[Source], assessment: Source | None,
           complete: bool = True) -> list[Diagnostic]:
    """What no single file shows: ids used twice, pages named by questions, media files, pools and draws. `top`
    is None when course.yaml itself is broken; with `complete` false some files are left out, so references to
    pages, which may be in those, are not checked."""
    errors: list[Diagnostic] = []
    ids = _Ids(errors)
    for rid in RESERVED_IDS:
        ids.reserve(rid)
    if top is not None:
        ids.add(top, ("id",), what=N_("course id"))
    quizzes: list[tuple[Source, tuple]] = []
    page_ids: set[str] = set()
    root = os.path.realpath(course_dir)  # resolved once for all the media paths
    for src in modules:
        ids.add(src, ("id",), what=N_("module id"))
        for i, page in enumerate(src.data["pages"]):
            ids.add(src, ("pages", i, "id"), what=N_("page id"))
            page_ids.add(page["id"])
            _media(course_dir, root, src, ("pages", i), page, errors)
            _block_files(course_dir, root, src, ("pages", i), page, errors)
        if "quiz" in src.data:
            quizzes.append((src, ("quiz",)))
    closing = top.data.get("closing") if top is not None else None
    if closing:
        ids.add(top, ("closing", "id"), what=N_("page id"))
        page_ids.add(closing["id"])
        _media(course_dir, root, top, ("closing",), closing, errors)
        _block_files(course_dir, root, top, ("closing",), closing, errors)
    if assessment is not None:
        quizzes.append((assessment, ()))
    # Without a readable course.yaml the language is unknown: true-false words then take English only.
    language = top.data.get("language", "en") if top is not None else "en"
    for src, path in quizzes:
        ids.add(src, path + ("id",), what=N_("quiz id"))
        _quiz(src, path, page_ids if complete else None, language, errors)
    _requires(top, quizzes, errors)
    if top is not None:
        _strings(top, errors)
        if top.data.get("theme"):
            errors += [top.diag(("theme", key), message, hint)
                       for key, message, hint in theme.problems(theme.from_yaml(top.data["theme"]), course_dir)]
    return errors


def _requires(top: Source | None, quizzes: list, errors: list) -> None:
    """`requires: all-pages` is the final assessment's, and it can only know the pages of its own SCO."""
    mode = (top.data.get("packaging") or {}).get("mode", "single-sco") if top is not None else "single-sco"
    for src, path in quizzes:
        if "requires" not in _get(src.data, path):
            continue
        if path:  # a module's quiz
            errors.append(src.diag(path + ("requires",), _("'requires: all-pages' is for the final assessment"),
                                   _("remove it here, and put it in the assessment's file")))
        elif mode != "single-sco":
            errors.append(src.diag(("requires",), _("'requires: all-pages' needs packaging mode single-sco, not "
                                                    "{mode}").format(mode=mode),
                                   _("with one SCO per module, the final cannot know which pages were seen; "
                                     "remove 'requires' or use packaging mode single-sco")))


class _Ids:
    """Every id of modules, pages and quizzes names one navigation entry, so all must differ."""

    def __init__(self, errors: list):
        self.errors = errors
        self.seen: dict[str, str] = {}
        self.reserved: set[str] = set()

    def reserve(self, value: str) -> None:
        self.reserved.add(value)

    def add(self, src: Source, path: tuple, what: str) -> None:
        value = _get(src.data, path)
        if value in self.reserved:
            self.errors.append(src.diag(path, _("{what} '{value}' is reserved for the home page").format(
                what=_(what), value=value),
                                        _("choose another id")))
        elif value in self.seen:
            self.errors.append(src.diag(path, _("{what} '{value}' is already used at {seen}").format(
                what=_(what), value=value, seen=self.seen[value]),
                                        _("give each module, page and quiz its own id")))
        else:
            line = src.where(path)[0]
            self.seen[value] = f"{src.file}:{line}"


def _get(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def _media(course_dir: Path, root: str, src: Source, path: tuple, page: dict, errors: list) -> None:
    for i, item in enumerate(page.get("media", [])):
        mpath = path + ("media", i)
        target, problem, hint = inside(course_dir, item["src"], root)
        if target is None:
            errors.append(src.diag(mpath + ("src",), problem, hint))
        elif (size := target.stat().st_size) > MAX_TOTAL:  # could never fit in a package (check.py's limit)
            errors.append(src.diag(mpath + ("src",), _("'{src}' is {size} MiB").format(
                src=item['src'], size=size // 2**20),
                                   _("a package holds at most {limit} MiB; compress the file").format(
                                       limit=MAX_TOTAL // 2**20)))
        elif (refused := _refused(target, item["src"])) is not None:
            errors.append(src.diag(mpath + ("src",), *refused))
        elif media_kind(item["src"]) == "image" and not item.get("alt", "").strip():
            errors.append(src.diag(mpath, _("an image needs a text alternative"),
                                   _("add 'alt:' describing the image for learners who cannot see it")))
        _captions(course_dir, root, src, mpath, item, errors)


def _block_files(course_dir: Path, root: str, src: Source, path: tuple, page: dict, errors: list) -> None:
    """The files blocks name (an image block's `src`) stay inside the course folder, like media's."""
    for i, block in enumerate(page.get("blocks", [])):
        for where, written, kind in components.files(block):
            where = path + ("blocks", i) + where
            target, problem, hint = inside(course_dir, written, root)
            if target is None:
                errors.append(src.diag(where, problem, hint))
            elif target.stat().st_size > MAX_TOTAL:  # could never fit in a package (check.py's limit)
                errors.append(src.diag(where, _("'{src}' is {size} MiB").format(
                    src=written, size=target.stat().st_size // 2**20),
                                       _("a package holds at most {limit} MiB; compress the file").format(
                                           limit=MAX_TOTAL // 2**20)))
            elif (refused := _refused(target, written)) is not None:
                errors.append(src.diag(where, *refused))
            elif kind == "image" and media_kind(written) != "image":
                errors.append(src.diag(where, _("'{written}' is not an image").format(written=short(written)),
                                       _("use a PNG, JPEG, GIF, SVG, WebP or AVIF file")))
            elif kind in ("video", "audio") and media_kind(written) != kind:
                errors.append(src.diag(where, _("'{written}' is not a {kind} file").format(
                    written=short(written), kind=_(KIND_NAMES[kind])),
                                       _("use .mp4, .webm or .ogv for a video; .mp3, .ogg, .wav or .m4a for audio")))
            else:
                _captions(course_dir, root, src, path + ("blocks", i), block, errors)  # as media's: files, WebVTT


def _captions(course_dir: Path, root: str, src: Source, path: tuple, item: dict, errors: list) -> None:
    """Caption files exist, are WebVTT a browser reads, and belong to a video or a sound."""
    if not item.get("captions") and not item.get("transcript"):
        return
    if media_kind(item["src"]) not in ("audio", "video"):
        key = "captions" if item.get("captions") else "transcript"
        errors.append(src.diag(path + (key,), _("'{key}' is for video and audio, not '{src}'").format(
            key=key, src=item['src']),
                               _("remove it, or describe the file with 'alt:' and 'caption:'")))
        return
    for lang, written in item.get("captions", {}).items():
        where = path + ("captions", lang)
        target, problem, hint = inside(course_dir, written, root)
        if target is None:
            errors.append(src.diag(where, problem, hint))
        elif Path(written).suffix.lower() != ".vtt":
            errors.append(src.diag(where, _("'{written}' is not a WebVTT file (.vtt)").format(written=written),
                                   _("convert the captions to WebVTT, e.g. with Subtitle Edit or ffmpeg")))
        else:
            for line, what, fix in webvtt.problems(target.read_bytes()):
                errors.append(src.diag(where, _("{written}:{line}: {what}").format(
                    written=written, line=line, what=what), fix))


def _refused(target: Path, written: str) -> tuple[str, str] | None:
    """Why a media file cannot go into a package (active content, a video no browser plays, an SVG that cannot
    be read), as (message, hint); warnings about it are the render step's."""
    kind = media_kind(written)
    verdict = sniff.judge(target, written, "link" if kind == "file" else kind)
    if verdict.error:
        return verdict.error
    if verdict.sanitise:
        try:
            svgclean.clean(target.read_bytes())
        except svgclean.SvgError as exc:
            return f"'{short(written, 60)}' {exc}", exc.hint
    return None


def _quiz(src: Source, path: tuple, page_ids: set[str] | None, language: str, errors: list) -> None:
    quiz = _get(src.data, path)
    questions = quiz["questions"]
    seen: set[str] = set()
    for i, q in enumerate(questions):
        qpath = path + ("questions", i)
        if q["id"] in seen:
            errors.append(src.diag(qpath + ("id",), _("question id '{id}' is used twice in this quiz").format(
                id=q['id']),
                                   _("give each question its own id")))
        seen.add(q["id"])
        _question(src, qpath, q, language, errors)
        if "see" in q and page_ids is not None and q["see"] not in page_ids:
            close = difflib.get_close_matches(q["see"], sorted(page_ids), n=1)
            hint = _("did you mean '{close}'?").format(
                close=close[0]) if close else _("name the id of a page of the course")
            errors.append(src.diag(qpath + ("see",), _("no page has the id '{see}'").format(see=short(q['see'])), hint))
    draw = quiz.get("draw")
    if draw is not None and draw > len(questions):
        errors.append(src.diag(path + ("draw",), _("cannot draw {draw} questions from a pool of {count}").format(
            draw=draw, count=len(questions)),
                               _("add questions or draw at most {count}").format(count=len(questions))))


def _question(src: Source, path: tuple, q: dict, language: str, errors: list) -> None:
    kind = q["type"]
    for key in sorted(ALL_TYPE_KEYS - TYPE_KEYS[kind]):
        if key in q:
            errors.append(src.diag(path + (key,), _("'{key}' does not apply to a {kind} question").format(
                key=key, kind=kind),
                                   _("remove it or change 'type'"), key=True))
    if kind == "true-false":
        _true_false(src, path, q, language, errors)
    elif kind in _CHECKS:
        _CHECKS[kind](src, path, q, errors)


def _choices(src: Source, path: tuple, q: dict, errors: list) -> None:
    ids = [choice_id(c, i) for i, c in enumerate(q["choices"])]
    for i, cid in enumerate(ids):
        if ids.index(cid) != i:
            errors.append(src.diag(path + ("choices", i), _("choice id '{cid}' is used twice").format(cid=cid),
                                   _("give each choice its own id")))
    _same_texts(src, path, q["choices"], ids, errors)
    correct = q["correct"]
    if not isinstance(correct, (str, list)):
        errors.append(src.diag(path + ("correct",), _("should name the correct choice id(s)"),
                               _("write e.g. 'correct: {id}'").format(id=ids[0])))
        return
    named = [correct] if isinstance(correct, str) else correct
    for j, cid in enumerate(named):
        where = path + ("correct",) + (() if isinstance(correct, str) else (j,))
        if cid not in ids:
            errors.append(src.diag(where, _("'{cid}' names no choice of this question").format(cid=short(cid)),
                                   _("use one of: {options}").format(options=", ".join(ids))))
    if not named:
        errors.append(src.diag(path + ("correct",), _("no correct choice is given"), _("name at least one choice id")))
    elif q["type"] == "single" and len(named) != 1:
        errors.append(src.diag(path + ("correct",), _("a single-choice question has exactly one correct choice"),
                               _("name one choice, or use type: multiple")))


def _same_texts(src: Source, path: tuple, choices: list, ids: list[str], errors: list) -> None:
    """Two choices that read the same cannot be told apart by learners, and only one of them can score."""
    first: dict[str, int] = {}
    for i, choice in enumerate(choices):
        text = choice if isinstance(choice, str) else choice.get("text")
        if not isinstance(text, str):
            continue
        same = " ".join(text.split())
        if same in first:
            j = first[same]
            errors.append(src.diag(path + ("choices", i), _("reads the same as choice {n} ({id}): '{text}'").format(
                n=j + 1, id=ids[j], text=short(same)), _("reword one of them so that learners can tell them apart")))
        else:
            first[same] = i


def _true_false(src: Source, path: tuple, q: dict, language: str, errors: list) -> None:
    if truth(q["correct"], language) is None:
        words = TRUTH_WORDS.get(language.split("-")[0])
        also = _(", or {words} in this course's language").format(words=' / '.join(words)) if words else ""
        found = _(", not '{correct}'").format(correct=short(str(q['correct']))) if isinstance(q["correct"], str) else ""
        errors.append(src.diag(path + ("correct",), _("should be true or false{found}").format(found=found),
                               _("write 'correct: true' or 'correct: false'{also}").format(also=also)))


def _numeric(src: Source, path: tuple, q: dict, errors: list) -> None:
    value = q["correct"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        number = written_number(value) if isinstance(value, str) else None
        hint = (_("write 'correct: {number}': digits 0-9 (or ٠-٩), and a dot before the decimals").format(
            number=number) if number
                else _("write a number, e.g. 'correct: 3.5'"))
        errors.append(src.diag(path + ("correct",), _("should be a number"), hint))


def _distinct(field: str, part: str | None):
    def check(src: Source, path: tuple, q: dict, errors: list) -> None:
        values = [entry[part] if part else entry for entry in q[field]]
        for i, value in enumerate(values):
            if isinstance(value, str) and values.index(value) != i:
                where = path + (field, i) + ((part,) if part else ())
                errors.append(src.diag(where, _("'{value}' appears twice").format(
                    value=short(value)), _("make each entry different")))
    return check


_CHECKS = {
    "single": _choices, "multiple": _choices, "numeric": _numeric,
    "matching": _distinct("pairs", "right"), "ordering": _distinct("items", None), "fill-in": _distinct("answers", None),
}


def _strings(top: Source, errors: list) -> None:
    strings = top.data.get("ui", {}).get("strings", {})
    known = sorted(messages("en"))
    for key in strings:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = _("did you mean '{close}'?").format(
                close=close[0]) if close else _("see templates/i18n/en.json for the keys")
            errors.append(top.diag(("ui", "strings", key), _("unknown message '{key}'").format(
                key=key), hint, key=True))
