"""An outline -> a course folder: course.yaml, one commented module file per module, media/ and the schema.

The YAML is written as text (not dumped) so that it reads like a hand-written course: block Markdown, the
speaker notes and a quiz skeleton as comments the trainer can turn into text.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from ..schema import json_text
from .outline import Outline, Page
from .slugs import Ids
from .text import clean, words

SCHEMA_FILE = "course.schema.json"
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")


def scalar(text: str) -> str:
    """A YAML scalar: plain when that reads back as the same text, else double-quoted."""
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text and not text.endswith((" ", ":")):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: int) -> str:
    """A literal block scalar ('|' then the lines), indented by `indent` spaces."""
    lines = [line.rstrip() for line in text.strip().split("\n")]
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in lines)


def comment(text: str, indent: int) -> list[str]:
    return [" " * indent + ("# " + line if line else "#") for line in text.split("\n")]


def write(outline: Outline, dest: Path, course_id: str, language: str, source_name: str) -> dict[str, int]:
    """Write the course into the (empty) folder `dest`; return what was written, counted."""
    w = words(language)
    source_name = clean(source_name)  # it goes into comments: one line
    ids = Ids()
    ids.reserve(course_id)
    media = _Media(dest)
    files = []
    pages = 0
    for number, module in enumerate(outline.modules, 1):
        module_id = ids.take(module.title, f"module-{number}")
        quiz_id = ids.take(f"{module_id}-quiz", f"quiz-{number}", max_length=40)
        lines = ["# yaml-language-server: $schema=../course.schema.json",
                 f"# Imported from {source_name} by `scorm-builder import`.", "",
                 f"id: {module_id}", f"title: {scalar(module.title)}", "pages:"]
        for page in module.pages:
            pages += 1
            lines += _page(page, ids.take(page.title, f"page-{pages}"), media, w)
        lines += _quiz_skeleton(quiz_id, module.title, w)
        name = f"modules/{number:02d}-{module_id}.yaml"
        (dest / "modules").mkdir(exist_ok=True)
        (dest / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(name)
    top = ["# yaml-language-server: $schema=course.schema.json",
           f"# Imported from {source_name} by `scorm-builder import`; build it with `scorm-builder build`.",
           "# Never change an id (id: ...) once learners have started the course.", "",
           f"id: {course_id}", 'version: "1.0.0"', f"title: {scalar(outline.title or course_id)}",
           f"language: {language}"]
    if outline.description:
        top.append(f"description: {block(outline.description, 2)}")
    top += ["modules:"] + [f"  - {name}" for name in files]
    (dest / "course.yaml").write_text("\n".join(top) + "\n", encoding="utf-8")
    (dest / SCHEMA_FILE).write_text(json_text(language), encoding="utf-8")
    return {"modules": len(files), "pages": pages, "pictures": media.count}


def use_sco_per_module(dest: Path) -> None:
    """One SCO per module, for a course whose pages are too many for the progress data of one SCO."""
    with open(dest / "course.yaml", "a", encoding="utf-8") as f:
        f.write("packaging:\n  mode: sco-per-module   # one SCO per module: so many pages in one SCO could need more\n"
                "                       # than the 4096 characters of progress data SCORM 1.2 guarantees\n")


def _page(page: Page, page_id: str, media: "_Media", w: dict) -> list[str]:
    lines = [f"  - id: {page_id}", f"    title: {scalar(page.title)}", f"    body: {block(page.body, 6)}"]
    if page.pictures:
        lines.append("    media:")
        for i, picture in enumerate(page.pictures, 1):
            src = media.add(picture.data, f"{page_id}-{i}{picture.ext}")
            lines.append(f"      - src: {src}")
            if picture.alt:
                lines.append(f"        alt: {scalar(picture.alt)}")
            else:
                lines.append(f"        alt: TODO                 # {w['alt']}")
    if page.notes:
        lines += comment(w["notes"].format(where=page.where or "source"), 4)
        lines += comment("notes: |", 4) + comment("\n".join("  " + line for line in page.notes.split("\n")), 4)
    return lines


def _quiz_skeleton(quiz_id: str, title: str, w: dict) -> list[str]:
    skeleton = f"""quiz:
  id: {quiz_id}
  title: {scalar(title)}
  questions:
    - id: q1
      type: single
      prompt: {w['question']}
      choices:
        - {w['choice']} 1
        - {w['choice']} 2
      correct: a"""
    return [""] + comment(w["quiz"], 0) + comment(skeleton, 0)


class _Media:
    """Writes each picture once under media/, named after its page; the same picture twice is one file."""

    def __init__(self, dest: Path):
        self.dest = dest
        self.by_digest: dict[str, str] = {}
        self.count = 0

    def add(self, data: bytes, name: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self.by_digest:
            (self.dest / "media").mkdir(exist_ok=True)
            (self.dest / "media" / name).write_bytes(data)
            self.by_digest[digest] = f"media/{name}"
            self.count += 1
        return self.by_digest[digest]
