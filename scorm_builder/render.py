"""Rendering: Markdown to HTML, one launch page per SCO from the Jinja template, and its JSON data block."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import jinja2

from . import components, markup, sniff, svgclean, theme
from .cache import BuildCache
from .catalogue import language_name, messages
from .errors import CourseError, Diagnostic
from .i18n import _
from .model import Block, Course, Loc, Question, Quiz, loc_of
from .locations import user_cache
from .paths import TEMPLATES, inside
from .plan import PackagePlan, Sco
from .validate import media_kind

log = logging.getLogger(__name__)
ASSETS = ("sb.css", "sb-lms.js", "sb-answers.js", "sb-app.js")


@dataclass
class Rendered:
    """Everything a package holds, in memory except media, which stays on disk until it is zipped."""

    plan: PackagePlan
    texts: dict[str, bytes] = field(default_factory=dict)
    media: dict[str, Path] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)  # about the course's files; on the first package


class _Media:
    """Maps files of the course to ASCII names in the package (media/<name>-<hash>.<ext>), stable across builds.

    Each file is judged by what it holds (sniff.py) for the way it is used; an SVG picture is shipped as the
    static copy svgclean makes (in `cleaned`, by package name), never as written."""

    def __init__(self, course_dir: Path):
        self.course_dir = course_dir
        self.root = os.path.realpath(course_dir)
        self.files: dict[str, Path] = {}
        self.cleaned: dict[str, bytes] = {}
        self.notes: list[tuple[str, str]] = []  # warnings (message, hint), each time a file that has one is used
        self.known: dict[tuple[str, str], tuple[str, Path, tuple | None]] = {}  # each file and use judged once

    def add(self, written: str, use: str = "link") -> str:
        """The package name of the course file `written` (a literal path), used as `use` (sniff.judge);
        raises ValueError with the message to show when it cannot be shipped."""
        if (written, use) not in self.known:
            target, problem, hint = inside(self.course_dir, written, self.root)
            if target is None:
                raise ValueError(f"{problem} ({hint})")
            verdict = sniff.judge(target, written, use)
            if verdict.error:
                raise ValueError("{} ({})".format(*verdict.error))
            name = self._name(Path(os.path.relpath(target, self.root)).as_posix())
            warning = verdict.warning
            if verdict.sanitise:
                warning = self._clean(name, target, written) or warning
            self.known[(written, use)] = (name, target, warning)
        name, target, warning = self.known[(written, use)]
        self.files[name] = target
        if warning:
            self.notes.append(warning)
        return name

    def _clean(self, name: str, target: Path, written: str) -> tuple[str, str] | None:
        try:
            self.cleaned[name], removed = svgclean.clean(target.read_bytes())
        except svgclean.SvgError as exc:
            raise ValueError(f"'{written}' {exc} ({exc.hint})") from None
        if not removed:
            return None
        return (_("'{path}': left out of the picture, which is shown as a still image: {parts}").format(
                    path=written, parts=svgclean.describe(removed)),
                _("nothing to do if it looks right; to keep an animation, export it as a video"))

    @staticmethod
    def _name(rel: str) -> str:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", PurePosixPath(rel).stem).strip("-")[:40] or "file"
        digest = hashlib.sha1(rel.encode()).hexdigest()[:8]
        return f"media/{stem}-{digest}{PurePosixPath(rel).suffix.lower()}"


def destination(media: _Media, url: str, use: str) -> str:
    """The package URL for a relative destination written in Markdown (as markdown-it gives it, percent-encoded).
    It is decoded before the file is looked up, so `media/صورة.png` and `<media/my file.png>` name the files
    they spell. A '#' or '?' is part of the name when a file has that very name; else it starts a fragment or
    query, kept in the page (after the package name, which is ASCII)."""
    whole = unquote(url)
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=-1)
    if cut < 0 or _exists(media, whole):
        return media.add(whole, use)
    return media.add(unquote(url[:cut]), use) + url[cut:]


def _exists(media: _Media, written: str) -> bool:
    return inside(media.course_dir, written, media.root)[0] is not None


class _Markdown:
    """Renders the course's Markdown once, collecting every problem with its place."""

    def __init__(self, course: Course, media: _Media, cache: BuildCache | None):
        self.rtl = course.direction == "rtl"
        self.media = media
        self.cache = cache
        self.errors: list[Diagnostic] = []
        self.warnings: dict[Diagnostic, None] = {}  # in order, each once

    def __call__(self, text: str, loc: Loc, inline: bool = False) -> str:
        if not text:
            return ""
        key = (text, inline, self.rtl)
        known = self.cache.html(key) if self.cache else None
        noted = len(self.media.notes)
        if known is not None and self._links_still_hold(known[1]):
            self.note(loc, noted)
            return known[0]
        del self.media.notes[noted:]  # of a cached text whose files changed: it is rendered again below
        problems: list[str] = []
        linked: list[tuple[str, str, str]] = []

        def resolver(use: str):
            def resolve(written: str) -> str:
                linked.append((written, use, destination(self.media, written, use)))
                return linked[-1][2]
            return resolve

        html = markup.render(text, resolver("link"), self.rtl, problems, inline, images=resolver("image"))
        self.errors += [Diagnostic(loc.file, loc.line, loc.col, "", p) for p in problems]
        self.note(loc, noted)
        if self.cache and not problems:
            self.cache.keep_html(key, (html, tuple(linked)))
        return html

    def note(self, loc: Loc, since: int) -> None:
        """The warnings about files used since the media's note number `since`, at `loc`."""
        for message, hint in self.media.notes[since:]:
            self.warnings.setdefault(Diagnostic(loc.file, loc.line, loc.col, "", message, hint, "warning"))
        del self.media.notes[since:]

    def _links_still_hold(self, linked: tuple) -> bool:
        """Whether each file the cached HTML links to is still there under the same name (and add it)."""
        try:
            return all(destination(self.media, written, use) == name for written, use, name in linked)
        except (ValueError, TypeError):  # gone or refused (render the text again to say where), or no cache entry
            return False


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                              autoescape=True, keep_trailing_newline=True, bytecode_cache=_bytecode_cache())


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiling the template is a good part of a small build; Jinja can keep the result, checked against the
    template's own source, in the user's cache folder (like Python's __pycache__)."""
    folder = user_cache()
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(folder)


def render(course: Course, course_dir: Path, plans: list[PackagePlan],
           cache: BuildCache | None = None) -> list[Rendered]:
    """The files of each package; Markdown `cache` has rendered before is not rendered again."""
    media = _Media(Path(course_dir))
    md = _Markdown(course, media, cache)
    strings = {**messages(course.ui_language), **dict(course.strings)}
    shared = _shared_context(course, md)
    shared_media = dict(media.files)  # images of the description and objectives go in every package
    template = environment().get_template("sco.html.j2")
    outputs = []
    for plan in plans:
        out = Rendered(plan)
        media.files = dict(shared_media)
        kinds = components.used(e.page for sco in plan.scos for e in sco.nav if e.page)
        extra = block_assets(tuple(kinds))
        for sco in plan.scos:
            context = _sco_context(course, sco, md, strings, shared)
            context["assets"]["js"] += [name for name in extra if name.endswith(".js")]
            context["assets"]["extra_css"] = [name for name in extra if name.endswith(".css")]
            out.texts[sco.href] = template.render(context).encode("utf-8")
        out.media = dict(media.files)
        out.texts.update(extra)
        for name in media.cleaned.keys() & out.media.keys():  # SVG pictures: their static copy, never the file
            out.texts[name] = media.cleaned[name]
            del out.media[name]
        outputs.append(out)
    if md.errors:
        raise CourseError(md.errors)
    for out in outputs:
        out.texts.update(assets())
    outputs[0].warnings = list(md.warnings)
    return outputs


@lru_cache(maxsize=1)
def assets() -> dict[str, bytes]:
    """The runtime, app and styles, minified: readable in templates/static/, small in every package."""
    import rcssmin

    out = {}
    for name in ASSETS:
        text = (TEMPLATES / "static" / name).read_text(encoding="utf-8")
        small = rcssmin.cssmin(text) if name.endswith(".css") else minified_js(name, text)
        out[f"assets/{name}"] = small.encode("utf-8")
    return out


BLOCK_JS, BLOCK_CSS = "assets/sb-blocks.js", "assets/sb-blocks.css"


@lru_cache(maxsize=None)
def block_assets(kinds: tuple[str, ...]) -> dict[str, bytes]:
    """The behaviour and styles of the block types `kinds` only, each minified, one file of each: a course
    without blocks ships no block code. JS comes from each folder's block.min.js (tests/test_assets.py)."""
    import rcssmin

    found = [components.blocks()[kind] for kind in kinds]
    js = "".join(minified_js(f"{c.type}/block.js", c.source("block.js"), c.folder / "block.min.js")
                 for c in found if c.source("block.js"))
    css = "".join(rcssmin.cssmin(c.source("block.css")) for c in found)
    return {name: text.encode("utf-8") for name, text in ((BLOCK_JS, js), (BLOCK_CSS, css)) if text}


def source_stamp(text: str) -> str:
    """The first line of templates/static/min/NAME: which source it was made from."""
    return f"/* {hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]} */\n"


def minified_js(name: str, text: str, made: Path | None = None) -> str:
    """templates/static/min/NAME, local names shortened (made by tests/test_assets.py, REGENERATE_GOLDEN=1), when
    it was made from this very source; else the source without comments and spaces (rjsmin), a little larger."""
    import rjsmin

    made = made or TEMPLATES / "static" / "min" / name
    stamp = source_stamp(text)
    try:
        small = made.read_text(encoding="utf-8")
    except OSError:
        small = ""
    if small.startswith(stamp):
        return small[len(stamp):]
    log.warning("%s is not made from %s: shipping it minified by rjsmin", made, name)
    return rjsmin.jsmin(text)


def _shared_context(course: Course, md: _Markdown) -> dict:
    return {
        "id": course.id, "version": course.version, "title": course.title, "language": course.language,
        "dir": course.direction, "description_html": md(course.description, loc_of(course, "description")),
        "organisation": course.organisation, "platform": course.platform,
        "authors": [{"name": a.name, "role": a.role} for a in course.authors],
        "objectives_html": [md(o, loc_of(course, f"objectives.{i}"), inline=True)
                            for i, o in enumerate(course.objectives)],
        "pass_mark": course.pass_mark,
        "theme_css": theme.css(course.theme), "minutes": _minutes(course),
        "logo": md.media.add(course.theme.logo, "image") if course.theme and course.theme.logo else "",
    }


READING_WORDS_PER_MINUTE = 150  # a careful reader of course text, in Arabic as in French
SECONDS_PER_QUESTION = 60


def _minutes(course: Course) -> int:
    """How long the course takes, for the home page: its text read at a careful pace, a minute per question
    asked; rounded up to 5 minutes."""
    written = [p.body for p in course.pages] + [t for p in course.pages for b in p.blocks for t in components.texts(b)]
    words = sum(len(text.split()) for text in [course.intro, *written])
    asked = sum(q.drawn for q in course.quizzes)
    seconds = words * 60 / READING_WORDS_PER_MINUTE + asked * SECONDS_PER_QUESTION
    return max(5, -(-int(seconds) // 300) * 5)


def _sco_context(course: Course, sco: Sco, md: _Markdown, strings: dict, shared: dict) -> dict:
    pages = []
    for entry in sco.nav:
        page = entry.page
        html = (md(course.intro, loc_of(course, "intro.body")) if entry.kind == "home"
                else md(page.body, page.loc) if page else "")
        pages.append({
            "id": entry.id, "kind": entry.kind, "title": entry.title, "module": entry.module, "html": html,
            "media": [_media_entry(m, md, course.language) for m in page.media] if page else [],
            "blocks": [_block(b, md, f"b-{page.id}-{n}", course.language) for n, b in enumerate(page.blocks, 1)]
            if page else [],
            "quiz": entry.quiz.id if entry.quiz else None,
        })
    titles = _titles(course)
    in_module: dict[str, list[dict]] = {}
    for entry in sco.nav:
        if entry.module and entry.kind != "module":
            in_module.setdefault(entry.module, []).append({"id": entry.id, "title": entry.title})
    modules = [{"id": m.id, "title": m.title, "contents": in_module.get(m.id, []),
                "objectives_html": [md(o, loc_of(m, f"objectives.{i}"), inline=True)
                                    for i, o in enumerate(m.objectives)]}
               for m in sco.modules]
    first = {}
    for entry in sco.nav:
        if entry.module:
            first.setdefault(entry.module, entry.id)
    programme = [{"id": m.id, "title": m.title, "first": first.get(m.id)} for m in course.modules]
    data = {
        "v": 1,
        "course": {"id": course.id, "version": course.version, "title": course.title,
                   "lang": course.language, "dir": course.direction},
        "sco": {"id": sco.id, "title": sco.title, "masteryScore": sco.mastery},
        "strings": strings,
        "nav": [{"id": e.id, "kind": e.kind, "title": e.title, "module": e.module,
                 "quiz": e.quiz.id if e.quiz else None} for e in sco.nav],
        "modules": [{"id": m.id, "title": m.title} for m in sco.modules],
        "quizzes": {e.quiz.id: _quiz(e.quiz, e.module, md, titles, e.quiz is course.assessment)
                    for e in sco.nav if e.quiz},
        "scoring": {"method": sco.scoring, "quizzes": list(sco.scoring_quizzes)},
        "completion": {"pages": 1.0 if course.completion_pages is None and sco.scoring == "none"
                       else course.completion_pages or 0, "assessment": course.completion_assessment},
    }
    return {
        "course": shared, "sco": {"id": sco.id, "title": sco.title}, "ui_lang": course.ui_language,
        "strings": strings, "modules": modules, "programme": programme,
        "pages": pages, "data_json": script_json(data),
        "assets": {"css": "assets/sb.css", "js": ["assets/sb-lms.js", "assets/sb-answers.js", "assets/sb-app.js"],
                   "extra_css": []},
    }


def script_json(data: dict) -> str:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _titles(course: Course) -> dict[str, str]:
    return {p.id: p.title for p in course.pages}


def _media_entry(media, md: _Markdown, language: str = "") -> dict:
    kind = media_kind(media.src)
    src = _add_file(media.src, "link" if kind == "file" else kind, media, md)
    return {"src": src, "alt": media.alt, "caption": media.caption, "kind": kind,
            "tracks": _tracks(media.captions, media, md, language),
            "transcript": md(media.transcript, media.loc) if media.transcript else ""}


def _block(block: Block, md: _Markdown, uid: str, language: str = "") -> dict:
    """What a block's partial gets as `block`: its fields, Markdown ones as HTML (the partial marks them |safe),
    files as their names in the package; `id` is unique in the launch page, for aria-controls."""
    schema = components.fields_of(block.type)

    def value(key: str, written, field: dict):
        if components.is_markdown(field):
            return md(written, block.loc)
        if field.get(components.FILE) == "captions":
            return _tracks(written, block, md, language)
        if components.FILE in field:
            return _add_file(written, field[components.FILE], block, md)  # image, video or audio
        if isinstance(written, tuple):
            inner = components.item_fields(field)
            return [{k: value(k, v, inner[k]) for k, v in item} for item in written]
        return written

    out = {key: [] if field.get("type") in ("array", "object") else "" for key, field in schema.items()}
    out.update({key: value(key, written, schema[key]) for key, written in block.fields})
    return {**out, "type": block.type, "id": uid, "partial": components.blocks()[block.type].partial}


def _tracks(captions: tuple, owner, md: _Markdown, language: str) -> list[dict]:
    """(language, WebVTT file) pairs as <track>s: the one in the course's language (else the first) on."""
    langs = [lang for lang, _path in captions]
    on = langs.index(language) if language in langs else 0
    return [{"src": _add_file(path, "link", owner, md), "lang": lang, "label": language_name(lang), "default": i == on}
            for i, (lang, path) in enumerate(captions)]


def _add_file(path: str, use: str, media, md: _Markdown) -> str:
    """The package name of a file a `media:` entry (or a block) names; its warnings are said at the entry."""
    noted = len(md.media.notes)
    try:
        return md.media.add(path, use)
    except ValueError as exc:  # already reported by validation; keep going to collect the rest
        md.errors.append(Diagnostic(media.loc.file, media.loc.line, media.loc.col, "", str(exc)))
        return ""
    finally:
        md.note(media.loc, noted)


def _quiz(quiz: Quiz, module: str | None, md: _Markdown, titles: dict[str, str], final: bool) -> dict:
    return {
        "id": quiz.id, "title": quiz.title, "module": module, "passMark": quiz.pass_mark, "draw": quiz.draw,
        "shuffle": quiz.shuffle, "attempts": quiz.attempts, "showAnswers": quiz.show_answers, "final": final,
        "retryAfterPass": not final if quiz.retry_after_pass is None else quiz.retry_after_pass,
        "requiresAllPages": quiz.requires_all_pages,
        "questions": [_question(q, md, titles) for q in quiz.questions],
    }


def _question(q: Question, md: _Markdown, titles: dict[str, str]) -> dict:
    def at(key: str, *more: str):
        """Where the text was written: the first of `key`, `more` that is known (a plain choice has no .text)."""
        found = [k for k in (key, *more) if k in dict(q.locs)]
        return loc_of(q, found[0] if found else key)

    out = {
        "id": q.id, "type": q.type, "prompt": md(q.prompt, at("prompt")), "weight": q.weight,
        "feedback": {"correct": md(q.feedback.correct, at("feedback.correct", "feedback")),
                     "incorrect": md(q.feedback.incorrect, at("feedback.incorrect", "feedback"))}
        if q.feedback else None,
        "see": {"id": q.see, "title": titles[q.see]} if q.see else None,
    }
    if q.type in ("single", "multiple"):
        out["choices"] = [{"id": c.id, "key": c.key,
                           "html": md(c.text, at(f"choices.{i}.text", f"choices.{i}"), inline=True),
                           "feedback": md(c.feedback, at(f"choices.{i}.feedback")) or None, "pin": c.pin}
                          for i, c in enumerate(q.choices)]
        out["correct"] = list(q.correct)
    elif q.type == "true-false":
        out["correct"] = q.correct
    elif q.type == "numeric":
        out["correct"], out["tolerance"] = q.correct, q.tolerance
    elif q.type == "fill-in":
        out["answers"] = list(q.answers)
    elif q.type == "matching":
        out["pairs"] = [{"key": p.key, "left": md(p.left, at(f"pairs.{i}.left"), inline=True),
                         "right": md(p.right, at(f"pairs.{i}.right"), inline=True), "rightKey": p.right_key}
                        for i, p in enumerate(q.pairs)]
    elif q.type == "ordering":
        out["items"] = [{"key": item.key, "html": md(item.text, at(f"items.{i}"), inline=True)}
                        for i, item in enumerate(q.items)]
    return out
