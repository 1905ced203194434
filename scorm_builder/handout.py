"""The printable handout: the course as one PDF (cover, contents, every module and page, optionally the quizzes
and their answer key), typeset by WeasyPrint from templates/handout/.

The Markdown, media names and question data are those of the SCORM build (render.py); only the template and
the typesetting differ. WeasyPrint (pip extra `handout`) loads nothing but the course's own media files.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from markupsafe import Markup

from . import __version__
from .catalogue import messages
from .errors import CourseError, MissingDependency, UsageError
from .loader import load_course
from .model import Course, Module, Page, Quiz, loc_of
from .package import DEFAULT_EPOCH, replaced_atomically
from .render import _Markdown, _Media, _block, _media_entry, _question, _shared_context, _titles, environment
from .i18n import N_, _

log = logging.getLogger(__name__)

PAPERS = ("a4", "letter")
INSTALL_HINT = N_("install the handout extra: pip install 'scorm-builder[handout]', and Pango's libraries: "
                "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core")
# letters that mark choices on paper, in the order readers of the language expect
LETTERS = {"ar": ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
                  "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")}
LATIN = tuple("abcdefghijklmnopqrstuvwxyz")
BASE = "https://handout.invalid/"  # base URL of the document: media names resolve under it, never fetched


@dataclass
class HandoutResult:
    course_id: str
    path: Path
    pages: int  # pages of the PDF
    size: int
    seconds: float


def handout(course_dir: Path, out_dir: Path, paper: str = "a4", with_quizzes: bool = False) -> HandoutResult:
    """Write OUT/<course-id>-<version>.pdf for the course in `course_dir`."""
    started = time.perf_counter()
    if paper not in PAPERS:
        raise UsageError(_("unknown paper size '{paper}' (use one of: {choices})").format(
            paper=paper, choices=', '.join(PAPERS)))
    weasyprint = _weasyprint()  # before any work: a missing library is said at once
    course_dir = Path(course_dir)
    course = load_course(course_dir)
    html, files = handout_html(course, course_dir, paper, with_quizzes)
    document = weasyprint.HTML(string=html, base_url=BASE, url_fetcher=_fetcher(weasyprint, files)).render()
    dest = Path(out_dir) / f"{course.id}-{course.version}.pdf"
    size = _write(dest, document.write_pdf())
    log.info("wrote %s (%d pages)", dest, len(document.pages))
    return HandoutResult(course.id, dest, len(document.pages), size, time.perf_counter() - started)


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise MissingDependency(_("the handout needs WeasyPrint ({how})").format(how=_(INSTALL_HINT))) from None
    except OSError as exc:  # WeasyPrint is there, Pango or HarfBuzz is not
        raise MissingDependency(_("WeasyPrint cannot load a system library: {exc} ({how})").format(
            exc=exc, how=_(INSTALL_HINT))) from None
    return weasyprint


def handout_html(course: Course, course_dir: Path, paper: str = "a4",
                 with_quizzes: bool = False) -> tuple[str, dict[str, Path | bytes]]:
    """The handout as one HTML document, and the files its media names stand for (an SVG picture: the bytes
    of its static copy, as in the package)."""
    media = _Media(course_dir)
    md = _Markdown(course, media, None)
    strings = {**messages(course.ui_language), **dict(course.strings)}
    titles = _titles(course)
    letters = LETTERS.get(course.language.split("-")[0], LATIN)
    context = {
        "course": _shared_context(course, md), "strings": strings, "paper": paper, "generator": __version__,
        "date": _date(), "intro_html": md(course.intro, loc_of(course, "intro.body")),
        "modules": [_module(m, md, titles, with_quizzes and letters) for m in course.modules],
        "closing": _page(course.closing, md) if course.closing else None,
        "assessment": _quiz(course.assessment, md, titles, letters) if course.assessment and with_quizzes else None,
    }
    env = environment()
    env.filters.update(css_string=css_string, css_counters=css_counters)
    html = env.get_template("handout/handout.html.j2").render(context)
    if md.errors:
        raise CourseError(md.errors)
    return html, {**media.files, **{name: media.cleaned[name] for name in media.cleaned.keys() & media.files.keys()}}


def _module(module: Module, md: _Markdown, titles: dict, letters: tuple | None) -> dict:
    """`letters`: those of the quiz's choices, None to leave the quiz out."""
    return {
        "id": module.id, "title": module.title,
        "objectives_html": [md(o, loc_of(module, f"objectives.{i}"), inline=True)
                            for i, o in enumerate(module.objectives)],
        "pages": [_page(p, md) for p in module.pages],
        "quiz": _quiz(module.quiz, md, titles, letters) if module.quiz and letters else None,
    }


def _page(page: Page, md: _Markdown) -> dict:
    return {"id": page.id, "title": page.title, "html": md(page.body, page.loc),
            "media": [_media_entry(m, md) for m in page.media],
            "blocks": [_block(b, md, f"b-{page.id}-{n}") for n, b in enumerate(page.blocks, 1)]}


def _quiz(quiz: Quiz, md: _Markdown, titles: dict, letters: tuple) -> dict:
    questions = [_question(q, md, titles) for q in quiz.questions]
    for q in questions:
        for choice, letter in zip(q.get("choices", ()), letters):
            choice["mark"] = letter
        if q["type"] == "matching":
            # printed in the written order, the right-hand column would give the answers away
            q["rights"] = sorted(q["pairs"], key=lambda p: _shuffled(q["id"], p["right"]))
            for pair, letter in zip(q["rights"], letters):
                pair["mark"] = letter
        elif q["type"] == "ordering":
            q["shown"] = sorted(q["items"], key=lambda i: _shuffled(q["id"], i["html"]))
    return {"id": quiz.id, "title": quiz.title, "pass_mark": quiz.pass_mark, "questions": questions}


def _shuffled(salt: str, text: str) -> str:
    """A fixed, content-derived order: the same handout at every build."""
    return hashlib.sha1(f"{salt}\0{text}".encode()).hexdigest()


def css_string(text: str) -> Markup:
    """Text inside a double-quoted CSS string in a <style> element (where HTML escapes mean nothing)."""
    return Markup("".join(f"\\{ord(c):x} " if c in '"\\<>&' or ord(c) < 32 else c for c in text))


def css_counters(label: str) -> Markup:
    """A label such as "Page {n} of {total}" as a CSS content value with the page counters."""
    parts = re.split(r"(\{n\}|\{total\})", label)
    counters = {"{n}": "counter(page)", "{total}": "counter(pages)"}
    return Markup(" ".join(counters.get(p) or f'"{css_string(p)}"' for p in parts if p))


def _date() -> str:
    """The PDF's creation date: SOURCE_DATE_EPOCH, else the date packages carry, for byte-identical output."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fetcher(weasyprint, files: dict[str, Path | bytes]):
    """Serves the course's media under their package names; refuses everything else (no network, no disk)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class CourseFiles(URLFetcher):
        def fetch(self, url, headers=None):
            name = url[len(BASE):] if url.startswith(BASE) else None
            if name not in files:
                raise ValueError(_("not a file of the course: {url}").format(url=url))
            found = files[name]
            return URLFetcherResponse(url, found if isinstance(found, bytes) else found.read_bytes())

    return CourseFiles()


def _write(dest: Path, data: bytes) -> int:
    """Written beside its destination and renamed into place: never a half-written PDF."""
    with replaced_atomically(dest) as (out, _):
        out.write(data)
    return len(data)
