"""Starting a new course: a small, valid, commented course written from templates/scaffold/<language>/.

Library code: it writes files and returns their paths, and never prints. `scorm-builder new` is its shell.
"""
from __future__ import annotations

import re
import shlex
import unicodedata
from pathlib import Path

from .errors import UsageError
from .i18n import _
from .paths import TEMPLATES
from .catalogue import UI_LANGUAGES as LANGUAGES
from .schema import SLUG, json_text

SCAFFOLD = TEMPLATES / "scaffold"
SCHEMA_FILE = "course.schema.json"
DEFAULT_ID = "my-course"


# Arabic (and Persian) letters in Latin, for an id made from a folder name in Arabic script: simple and readable,
# not a scholarly transliteration; hamza, ain and diacritics are left out
_LATIN = str.maketrans({
    **dict.fromkeys("اأآٱى", "a"), "إ": "i", "ب": "b", "ت": "t", "ة": "a", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "و": "w", "ؤ": "u", "ي": "y", "ی": "y", "ئ": "i", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g",
    "œ": "oe", "æ": "ae", "ß": "ss", **{chr(c): str(c % 16) for c in [*range(0x660, 0x66a), *range(0x6f0, 0x6fa)]},
})
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def course_id_for(folder: Path) -> str:
    """A course id made from the folder's name: 'My Course 2' -> 'my-course-2', 'Cours Équipe' -> 'cours-equipe',
    'دورة الشبكات' -> 'dwra-alshbkat'; 'my-course' when nothing usable is left."""
    return _course_id(folder.name)


def id_note(folder: Path) -> str | None:
    """What to tell the trainer about the id `new` gives a course in `folder`, when it is not plainly its name."""
    name = folder.name
    made = _course_id(name)
    if _ARABIC_SCRIPT.search(name) and made != DEFAULT_ID:
        how = _("the course id is '{id}', the folder name '{name}' in Latin letters (an id is ASCII)").format(
            id=made, name=name)
    elif made == DEFAULT_ID and name != DEFAULT_ID:
        how = _("the folder name '{name}' gives no id (an id starts with a Latin letter): the course id is '{id}'").format(
            name=name, id=made)
    else:
        return None
    return _("{how}; change 'id:' in {folder} before you publish the course, never after").format(
        how=how, folder=folder / 'course.yaml')


def _course_id(name: str) -> str:
    latin = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).lower().translate(_LATIN))
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(c for c in latin if not unicodedata.combining(c))).strip("-")
    slug = slug[:40].rstrip("-")
    return slug if re.match(SLUG, slug) else DEFAULT_ID


def scaffold(dest: Path, language: str = "en") -> list[Path]:
    """Write a new course into `dest` (created if missing, refused if it holds anything); return the files written.

    The texts and comments are in `language` (ar, fr or en); the course id is made from the folder's name.
    """
    dest = Path(dest)
    if language not in LANGUAGES:
        raise UsageError(_("no course template in '{language}' (choose one of: {choices})").format(
            language=language, choices=', '.join(LANGUAGES)))
    if dest.exists() and not dest.is_dir():
        raise UsageError(_("{dest}: a file with this name exists (choose the name of a new folder)").format(dest=dest))
    if dest.is_dir() and any(dest.iterdir()):
        raise UsageError(_("{dest}: the folder is not empty; nothing was written (choose a new folder name, or "
                           "empty this folder first)").format(
            dest=dest))
    source = SCAFFOLD / language
    templates = sorted(p for p in source.rglob("*") if p.is_file())
    if not templates:  # pragma: no cover - a broken installation
        raise UsageError(_("the course templates are missing from {source} (reinstall scorm-builder)").format(
            source=source))
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
        schema.write_text(json_text(language), encoding="utf-8")
        written.append(schema)
    except OSError as exc:
        raise UsageError(_("{dest}: cannot write there ({reason})").format(dest=dest, reason=exc.strerror)) from None
    return written
