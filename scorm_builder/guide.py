"""The guides installed with the tool (docs/*.md), and each as a web page to read in a browser.

A trainer who installed the tool has no copy of the project: the wheel carries docs/, and `scorm-builder docs`
says where the guides are or opens one. Library code: returns paths, never prints.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .errors import UsageError
from .locations import DOCS
from .i18n import _

# name -> file of each language; English is the whole reference, the others fall back on it where missing
GUIDES = {
    "authoring": {"en": "authoring.md", "fr": "authoring.fr.md", "ar": "authoring.ar.md"},
    "moodle": {"en": "moodle.md"},
    "format": {"en": "course-format.md"},
    "runtime": {"en": "runtime.md"},
    "security": {"en": "security.md"},
}
_LINK = re.compile(r'(href|src)="(?!https?:|mailto:|#|/)([^"#]+)(#[^"]*)?"')


def guide_path(name: str = "authoring", language: str = "en") -> Path:
    """The installed Markdown file of a guide, in `language` where it exists, else in English."""
    if name not in GUIDES:
        raise UsageError(_("no guide named '{name}' (choose one of: {choices})").format(
            name=name, choices=', '.join(GUIDES)))
    files = GUIDES[name]
    path = Path(DOCS) / files.get(language, files["en"])
    if not path.is_file():
        path = Path(DOCS) / files["en"]
    if not path.is_file():  # pragma: no cover - a broken installation
        raise UsageError(_("the guides are missing from {folder} (reinstall scorm-builder)").format(folder=DOCS))
    return path


def as_web_page(markdown_file: Path, out_dir: Path) -> Path:
    """`markdown_file` as a standalone HTML page in `out_dir`, with every guide it links to beside it and
    pictures taken from the installed docs/ folder."""
    from markdown_it import MarkdownIt

    out_dir.mkdir(parents=True, exist_ok=True)
    render = MarkdownIt("commonmark", {"html": True}).enable("table")
    written = {}
    for source in sorted(Path(DOCS).glob("*.md")):
        text = source.read_text(encoding="utf-8")
        body = _LINK.sub(lambda m: _relink(m, source.parent), render.render(text))
        title = next((line[2:].strip() for line in text.splitlines()
                      if line.startswith("# ")), source.stem)
        language = _language_of(source)
        rtl = language == "ar"
        page = (f'<!DOCTYPE html>\n<html lang="{language}" dir="{"rtl" if rtl else "ltr"}">'
                f'<head><meta charset="utf-8"><title>{html.escape(title)}</title>'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                "<style>body{font:1rem/1.6 system-ui,'Noto Naskh Arabic',sans-serif;max-width:50rem;margin:2rem auto;"
                "padding:0 1rem}pre,code{background:#f4f4f4;direction:ltr}pre{padding:.6rem;overflow:auto}"
                "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}"
                "img{max-width:100%}</style></head>"
                f"<body>{body}</body></html>\n")
        target = out_dir / (source.stem + ".html")
        target.write_text(page, encoding="utf-8")
        written[source] = target
    return written[markdown_file]


def _language_of(source: Path) -> str:
    """The language of a guide from its name: authoring.fr.md is French, authoring.md English."""
    return next((lang for files in GUIDES.values() for lang, name in files.items() if name == source.name), "en")


def _relink(match: re.Match, docs: Path) -> str:
    attribute, target, anchor = match.group(1), match.group(2), match.group(3) or ""
    if target.endswith(".md") and "/" not in target:
        return f'{attribute}="{target[:-3]}.html{anchor}"'
    return f'{attribute}="{(docs / target).resolve().as_uri()}{anchor}"'
