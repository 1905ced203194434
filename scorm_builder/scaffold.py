"""Starting a new course: a small, valid, commented course written from templates/scaffold/<language>/.

Library code: it writes files and returns their paths, and never prints. `scorm-builder new` is its shell.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from .errors import UsageError
from .paths import TEMPLATES
from .catalogue import UI_LANGUAGES as LANGUAGES
from .schema import SLUG, json_text

SCAFFOLD = TEMPLATES / "scaffold"
SCHEMA_FILE = "course.schema.json"
DEFAULT_ID = "my-course"


def course_id_for(folder: Path) -> str:
    """A course id made from the folder's name ('My Course 2' -> 'my-course-2'), or 'my-course'."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")[:40].rstrip("-")
    return slug if re.match(SLUG, slug) else DEFAULT_ID


def scaffold(dest: Path, language: str = "en") -> list[Path]:
    """Write a new course into `dest` (created if missing, refused if it holds anything); return the files written.

    The texts and comments are in `language` (ar, fr or en); the course id is made from the folder's name.
    """
    dest = Path(dest)
    if language not in LANGUAGES:
        raise UsageError(f"no course template in '{language}' (choose one of: {', '.join(LANGUAGES)})")
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest}: a file with this name exists (choose the name of a new folder)")
    if dest.is_dir() and any(dest.iterdir()):
        raise UsageError(f"{dest}: the folder is not empty; nothing was written "
                         "(choose a new folder name, or empty this folder first)")
    source = SCAFFOLD / language
    templates = sorted(p for p in source.rglob("*") if p.is_file())
    if not templates:  # pragma: no cover - a broken installation
        raise UsageError(f"the course templates are missing from {source} (reinstall scorm-builder)")
    values = {"{{ course_id }}": course_id_for(dest.resolve()), "{{ folder }}": shlex.quote(dest.as_posix())}
    written = []
    try:
        for template in templates:
            text = template.read_text(encoding="utf-8")
            for placeholder, value in values.items():
                text = text.replace(placeholder, value)
            target = dest / template.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
        schema = dest / SCHEMA_FILE
        schema.write_text(json_text(), encoding="utf-8")
        written.append(schema)
    except OSError as exc:
        raise UsageError(f"{dest}: cannot write there ({exc.strerror})") from None
    return written
