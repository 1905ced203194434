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

import jinja2

from . import components, markup, theme
from .cache import BuildCache
from .catalogue import language_name, messages
from .errors import CourseError, Diagnostic
from .model import Block, Course, Loc, Question, Quiz
from .locations import user_cache
from .paths import TEMPLATES, inside
from .plan import PackagePlan, Sco
from .validate import IMAGE_EXTENSIONS, MEDIA_KINDS

log = logging.getLogger(__name__)
ASSETS = ("sb.css", "sb-lms.js", "sb-answers.js", "sb-app.js")


@dataclass
class Rendered:
    """Everything a package holds, in memory except media, which stays on disk until it is zipped."""

    plan: PackagePlan
    texts: dict[str, bytes] = field(default_factory=dict)
    media: dict[str, Path] = field(default_factory=dict)


class _Media:
    """Maps files of the course to ASCII names in the package (media/<name>-<hash>.<ext>), stable across builds."""

    def __init__(self, course_dir: Path):
        self.course_dir = course_dir
        self.root = os.path.realpath(course_dir)
        self.files: dict[str, Path] = {}
        self.known: dict[str, tuple[str, Path]] = {}  # written path -> (name, file): each is resolved once

    def add(self, written: str) -> str:
        written = written.split("#")[0].split("?")[0]
        if written not in self.known:
            target, problem, hint = inside(self.course_dir, written, self.root)
            if target is None:
                raise ValueError(f"{problem} ({hint})")
            self.known[written] = (self._name(Path(os.path.relpath(target, self.root)).as_posix()), target)
        name, target = self.known[written]
        self.files[name] = target
        return name

    @staticmethod
    def _name(rel: str) -> str:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", PurePosixPath(rel).stem).strip("-")[:40] or "file"
        digest = hashlib.sha1(rel.encode()).hexdigest()[:8]
        return f"media/{stem}-{digest}{PurePosixPath(rel).suffix.lower()}"


class _Markdown:
    """Renders the course's Markdown once, collecting every problem with its place."""

    def __init__(self, course: Course, media: _Media, cache: BuildCache | None):
        self.rtl = course.direction == "rtl"
        self.media = media
        self.cache = cache
        self.errors: list[Diagnostic] = []

    def __call__(self, text: str, loc: Loc, inline: bool = False) -> str:
        if not text:
            return ""
        key = (text, inline, self.rtl)
        known = self.cache.html(key) if self.cache else None
        if known is not None and self._links_still_hold(known[1]):
            return known[0]
        problems: list[str] = []
        linked: list[tuple[str, str]] = []

        def resolve(written: str) -> str:
            linked.append((written, self.media.add(written)))
            return linked[-1][1]

        html = markup.render(text, resolve, self.rtl, problems, inline)
        self.errors += [Diagnostic(loc.file, loc.line, loc.col, "", p) for p in problems]
        if self.cache and not problems:
            self.cache.keep_html(key, (html, tuple(linked)))
        return html

    def _links_still_hold(self, linked: tuple) -> bool:
        """Whether each file the cached HTML links to is still there under the same name (and add it)."""
        try:
            return all(self.media.add(written) == name for written, name in linked)
        except (ValueError, TypeError):  # gone (render the text again to say where), or not a cache entry
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
        outputs.append(out)
    if md.errors:
        raise CourseError(md.errors)
    for out in outputs:
        out.texts.update(assets())
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
    loc = course.loc
    return {
        "id": course.id, "version": course.version, "title": course.title, "language": course.language,
        "dir": course.direction, "description_html": md(course.description, loc),
        "organisation": course.organisation, "platform": course.platform,
        "authors": [{"name": a.name, "role": a.role} for a in course.authors],
        "objectives_html": [md(o, loc, inline=True) for o in course.objectives], "pass_mark": course.pass_mark,
        "theme_css": theme.css(course.theme), "minutes": _minutes(course),
        "logo": md.media.add(course.theme.logo) if course.theme and course.theme.logo else "",
    }


READING_WORDS_PER_MINUTE = 150  # a careful reader of course text, in Arabic as in French
SECONDS_PER_QUESTION = 60


def _minutes(course: Course) -> int:
    """How long the course takes, for the home page: its text read at a careful pace, a minute per question
    asked; rounded up to 5 minutes."""
    pages = [p for m in course.modules for p in m.pages] + ([course.closing] if course.closing else [])
    written = [p.body for p in pages] + [t for p in pages for b in p.blocks for t in components.texts(b)]
    words = sum(len(text.split()) for text in [course.intro, *written])
    asked = sum(q.drawn for q in course.quizzes)
    seconds = words * 60 / READING_WORDS_PER_MINUTE + asked * SECONDS_PER_QUESTION
    return max(5, -(-int(seconds) // 300) * 5)


def _sco_context(course: Course, sco: Sco, md: _Markdown, strings: dict, shared: dict) -> dict:
    pages = []
    for entry in sco.nav:
        page = entry.page
        html = md(course.intro, course.loc) if entry.kind == "home" else (md(page.body, page.loc) if page else "")
        pages.append({
            "id": entry.id, "kind": entry.kind, "title": entry.title, "module": entry.module, "html": html,
            "media": [_media_entry(m, md) for m in page.media] if page else [],
            "blocks": [_block(b, md, f"b-{page.id}-{n}", course.language) for n, b in enumerate(page.blocks, 1)]
            if page else [],
            "quiz": entry.quiz.id if entry.quiz else None,
        })
    titles = _titles(course)
    in_module: dict[str, list[dict]] = {}
    for entry in sco.nav:
        if entry.module and entry.kind != "module":
            in_module.setdefault(entry.module, []).append({"id": entry.id, "title": entry.title})
    modules = [{"id": m.id, "title": m.title, "objectives_html": [md(o, m.loc, inline=True) for o in m.objectives],
                "contents": in_module.get(m.id, [])}
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
    titles = {p.id: p.title for m in course.modules for p in m.pages}
    if course.closing:
        titles[course.closing.id] = course.closing.title
    return titles


def _media_entry(media, md: _Markdown) -> dict:
    suffix = PurePosixPath(media.src).suffix.lower()
    kind = "image" if suffix in IMAGE_EXTENSIONS else MEDIA_KINDS.get(suffix, "file")
    src = _add_file(media.src, media, md)
    tracks = [{"src": _add_file(path, media, md), "lang": lang, "label": language_name(lang)}
              for lang, path in media.captions]
    return {"src": src, "alt": media.alt, "caption": media.caption, "kind": kind, "tracks": tracks,
            "transcript": md(media.transcript, media.loc) if media.transcript else ""}


def _block(block: Block, md: _Markdown, uid: str, language: str = "") -> dict:
    """What a block's partial gets as `block`: its fields, Markdown ones as HTML (the partial marks them |safe),
    files as their names in the package; `id` is unique in the launch page, for aria-controls."""
    schema = components.fields_of(block.type)

    def value(key: str, written, field: dict):
        if components.is_markdown(field):
            return md(written, block.loc)
        if field.get(components.FILE) == "captions":  # language -> WebVTT file: <track>s, the course's on
            langs = [lang for lang, _path in written]
            on = langs.index(language) if language in langs else 0
            return [{"src": _add_file(path, block, md), "lang": lang, "label": language_name(lang), "default": i == on}
                    for i, (lang, path) in enumerate(written)]
        if components.FILE in field:
            return _add_file(written, block, md)
        if isinstance(written, tuple):
            inner = components.item_fields(field)
            return [{k: value(k, v, inner[k]) for k, v in item} for item in written]
        return written

    out = {key: [] if field.get("type") in ("array", "object") else "" for key, field in schema.items()}
    out.update({key: value(key, written, schema[key]) for key, written in block.fields})
    return {**out, "type": block.type, "id": uid, "partial": components.blocks()[block.type].partial}


def _add_file(path: str, media, md: _Markdown) -> str:
    try:
        return md.media.add(path)
    except ValueError as exc:  # already reported by validation; keep going to collect the rest
        md.errors.append(Diagnostic(media.loc.file, media.loc.line, media.loc.col, "", str(exc)))
        return ""


def _quiz(quiz: Quiz, module: str | None, md: _Markdown, titles: dict[str, str], final: bool) -> dict:
    return {
        "id": quiz.id, "title": quiz.title, "module": module, "passMark": quiz.pass_mark, "draw": quiz.draw,
        "shuffle": quiz.shuffle, "attempts": quiz.attempts, "showAnswers": quiz.show_answers, "final": final,
        "retryAfterPass": not final if quiz.retry_after_pass is None else quiz.retry_after_pass,
        "requiresAllPages": quiz.requires_all_pages,
        "questions": [_question(q, md, titles) for q in quiz.questions],
    }


def _question(q: Question, md: _Markdown, titles: dict[str, str]) -> dict:
    loc = q.loc
    out = {
        "id": q.id, "type": q.type, "prompt": md(q.prompt, loc), "weight": q.weight,
        "feedback": {"correct": md(q.feedback.correct, loc), "incorrect": md(q.feedback.incorrect, loc)}
        if q.feedback else None,
        "see": {"id": q.see, "title": titles[q.see]} if q.see else None,
    }
    if q.type in ("single", "multiple"):
        out["choices"] = [{"id": c.id, "key": c.key, "html": md(c.text, loc, inline=True),
                           "feedback": md(c.feedback, loc) or None, "pin": c.pin} for c in q.choices]
        out["correct"] = list(q.correct)
    elif q.type == "true-false":
        out["correct"] = q.correct
    elif q.type == "numeric":
        out["correct"], out["tolerance"] = q.correct, q.tolerance
    elif q.type == "fill-in":
        out["answers"] = list(q.answers)
    elif q.type == "matching":
        out["pairs"] = [{"key": p.key, "left": md(p.left, loc, inline=True), "right": md(p.right, loc, inline=True),
                         "rightKey": p.right_key} for p in q.pairs]
    elif q.type == "ordering":
        out["items"] = [{"key": i.key, "html": md(i.text, loc, inline=True)} for i in q.items]
    return out
