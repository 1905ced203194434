"""Turning source text into clean Markdown: escaping, lists, tables, and the few words the importer writes."""
from __future__ import annotations

import re

# C0/C1 controls (YAML cannot hold them) except tab and newline; vertical tab is a soft line break in Office
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}[.)])(?=\s|$)")
# a bullet glyph typed as text (or left by a copy-paste): a stray marker, the paragraph is a list item
STRAY_BULLET = re.compile(r"^\s*[•·▪▫◦‣⁃●○■□◆◇►▶➢➤✓✔\-–—*]\s+")

WORDS = {
    "ar": {"slide": "الشريحة", "notes": "ملاحظات المتحدث (من {where})؛ انقل إلى body ما يجب أن يقرأه المتعلم:",
           "quiz": "لم يُنشأ أي اختبار: اكتب أسئلتك انطلاقًا من هذا الهيكل، ثم احذف العلامة # من بداية الأسطر.",
           "alt": "صف هذه الصورة بجملة قصيرة (يُنبّه البناء إلى ذلك ما دام النص TODO)",
           "question": "سؤالك هنا", "choice": "خيار"},
    "fr": {"slide": "Diapositive", "notes": "notes de l'orateur ({where}) ; déplacez dans body ce que l'apprenant doit lire :",
           "quiz": "Aucun quiz n'a été inventé : écrivez vos questions à partir de ce squelette, puis retirez les #.",
           "alt": "décrivez l'image en une phrase (la construction le signale tant que le texte est TODO)",
           "question": "Votre question", "choice": "choix"},
    "en": {"slide": "Slide", "notes": "speaker notes ({where}); move into body what learners should read:",
           "quiz": "No quiz was invented: write your questions from this skeleton, then remove the # signs.",
           "alt": "describe the picture in one sentence (the build warns while it says TODO)",
           "question": "Your question", "choice": "choice"},
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language.split("-")[0].lower(), WORDS["en"])


def clean(text: str) -> str:
    """One line of source text: no control characters, soft breaks and runs of spaces as one space. Letters,
    right-to-left runs and direction marks are left exactly as written (no reordering, no normalisation)."""
    text = text.replace("\v", " ").replace("\n", " ").replace("\r", " ")
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def plain(text: str) -> str:
    """Multi-line text kept as lines (notes): each line cleaned, blank runs collapsed."""
    lines = [clean(line) for line in text.replace("\v", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def escape(text: str) -> str:
    """Text shown as written once rendered as Markdown (inside a line: see `_line` for its start)."""
    return _MARKUP.sub(r"\\\1", text)


def _line(text: str) -> str:
    """A line that starts like a heading, a quote or a list marker ('1. ', '- ') stays text."""
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def link(text: str, url: str) -> str:
    """A Markdown link, for web and mail addresses only (the builder refuses links to other places)."""
    if re.match(r"^(https?://|mailto:)[^\s<>()]+$", url or ""):
        return f"[{text}]({url})"
    return text


class ListWriter:
    """Paragraphs with a list level -> Markdown: nested lists whose indentation follows the markers, plain
    paragraphs between them. A list's first item sets its top level (bullets of level 1 under a typed
    heading are one list, not nested ones); levels that jump (0 -> 3) are clamped to one step deeper."""

    def __init__(self):
        self.out: list[str] = []
        self.open: list[list] = []  # per open level: [content indentation, numbered, count]
        self.base = 0  # the source level of the open list's top

    def paragraph(self, text: str) -> None:
        if text:
            if self.out:
                self.out.append("")
            self.out.append(_line(text))
            self.open = []

    def item(self, text: str, level: int, numbered: bool = False, start: int = 1) -> None:
        """A list item; `start` numbers the first item of a top-level numbered list (in Markdown, a nested
        list not starting at 1 would read as text of the item above)."""
        if not text:
            return
        if not self.open:
            self.base = level
        level = min(max(0, level - self.base), len(self.open))
        del self.open[level + 1:]
        if level < len(self.open) and self.open[level][1] != numbered:
            del self.open[level:]  # bullets after numbers (or the reverse): a new list
            self.out.append("")
        if level == len(self.open):
            indent = self.open[level - 1][0] if level else 0
            if level == 0 and self.out and self.out[-1]:
                self.out.append("")
            self.open.append([indent, numbered, start - 1 if numbered and not level else 0])
        entry = self.open[level]
        entry[2] += 1
        indent = self.open[level - 1][0] if level else 0
        marker = f"{entry[2]}." if numbered else "-"
        entry[0] = indent + len(marker) + 1
        self.out.append(" " * indent + marker + " " + _line(text))

    def markdown(self) -> str:
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.out)).strip()


def table(rows: list[list[str]]) -> str:
    """A Markdown table, the first row as its header; cells already escaped."""
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_FRENCH = re.compile(r"\b(le|la|les|des|du|une|est|et|pour|dans|avec)\b", re.I)
_ENGLISH = re.compile(r"\b(the|and|of|to|is|for|with|in|this)\b", re.I)


def guess_language(sample: str) -> str:
    """ar when Arabic letters are at least a third of the letters; else fr or en by their commonest words."""
    arabic, latin = len(_ARABIC.findall(sample)), len(_LATIN.findall(sample))
    if arabic and arabic * 2 >= latin:
        return "ar"
    return "fr" if len(_FRENCH.findall(sample)) > len(_ENGLISH.findall(sample)) else "en"
