"""Word (.docx) -> headings, texts, tables and pictures in order, with python-docx (the `import` extra)."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError
from .archive import checked_copy
from .outline import Heading, Outline, Text, from_headings, sample
from .pictures import picture
from .text import STRAY_BULLET, ListWriter, clean, escape, guess_language, link, table
from .typed import arabic_marker, typed_ordinal
from ..i18n import N_, _

MAX_PARAGRAPHS = 200_000
_HEADING = re.compile(r"^heading (\d)$", re.I)
_STYLE_DEPTH = re.compile(r"^List (?:Bullet|Number|Paragraph) ([2-9])$")
_DROPPED = {  # what a drawing or object holds, by the element that marks it
    ".//*[local-name()='chart']": N_("a chart (save it as a picture and add it under media:)"),
    ".//*[local-name()='relIds']": N_("a SmartArt diagram (write its text as a list)"),
    ".//*[local-name()='txbxContent']": N_("a text box (copy its text into the page)"),
    ".//*[local-name()='object']": N_("an embedded object (save it as a picture or a document)"),
    ".//*[local-name()='videoFile']": N_("an embedded video (add the file under media:)"),
}


def read(path: Path, language: str | None) -> tuple[Outline, str]:
    from docx import Document  # the `import` extra; its absence is reported by the caller
    from docx.opc.exceptions import PackageNotFoundError

    copy = checked_copy(path, N_("Word file"), N_("save a copy as .docx in Word"))
    try:
        document = Document(copy)
        reader = _Reader(document)
        for number, part in enumerate(document.iter_inner_content(), 1):
            if number > MAX_PARAGRAPHS:
                raise UsageError(_("{path}: has more than {limit} paragraphs (split the document)").format(
                    path=path, limit=MAX_PARAGRAPHS))
            reader.part(part, _("paragraph {n}").format(n=number))
        reader.flush()
        title = reader.title or clean(document.core_properties.title or "") or path.stem
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, AttributeError) as exc:
        raise UsageError(_("{path}: is not a readable Word file ({exc}; open it and save it again)").format(
            path=path, exc=exc)) from None
    language = language or guess_language(title + " " + sample(reader.blocks))
    return from_headings(reader.blocks, title, reader.dropped), language


class _Reader:
    def __init__(self, document):
        self.document = document
        self.blocks: list = []
        self.dropped: list[str] = []
        self.title = ""
        self.list = ListWriter()
        self.letters: dict[int, int] = {}

    def part(self, part, where: str) -> None:
        from docx.table import Table

        if isinstance(part, Table):
            self.flush()
            rows = [[clean(escape(cell.text)) for cell in _distinct(row.cells)] for row in part.rows]
            self.blocks.append(Text(table(rows)))
            return
        self._pictures_and_drops(part, where)
        style = part.style.name if part.style is not None else ""
        level = _heading_level(part, style)
        if style == "Title" or level:  # titles are plain text, not Markdown
            title = clean(part.text)
            if title and style == "Title" and not self.title:
                self.title = title
            elif title:
                self.flush()
                self.blocks.append(Heading(level or 1, title))
        elif text := _paragraph_text(part):
            self._paragraph(part, text, style)

    def _paragraph(self, paragraph, text: str, style: str) -> None:
        kind, level = _list_kind(self.document, paragraph, style)
        for deeper in [n for n in self.letters if n > level]:  # a sub-list's numbering restarts under each item
            del self.letters[deeper]
        if STRAY_BULLET.match(text):
            self.list.item(STRAY_BULLET.sub("", text, count=1), level)
        elif kind == "none" or typed_ordinal(text):
            self.list.paragraph(text)
            self.letters.clear()
        elif kind in ("arabicAlpha", "arabicAbjad"):  # Arabic letters as numbers: kept as typed text
            self.letters[level] = self.letters.get(level, 0) + 1
            self.list.paragraph(arabic_marker(self.letters[level], abjad=kind == "arabicAbjad") + " " + text)
        else:
            self.list.item(text, level, numbered=kind != "bullet")

    def _pictures_and_drops(self, paragraph, where: str) -> None:
        element = paragraph._p
        for xpath, what in _DROPPED.items():
            if element.xpath(xpath):
                self.dropped.append(f"{where}: {_(what)}")
        for drawing in element.xpath(".//*[local-name()='drawing' or local-name()='pict']"):
            if drawing.xpath(".//*[local-name()='chart' or local-name()='relIds']"):
                continue
            rids = drawing.xpath(".//*[local-name()='blip']/@*[local-name()='embed']")
            if not rids:  # a shape drawn in Word, not a picture
                continue
            related = self.document.part.related_parts.get(rids[0])
            if related is None:
                self.dropped.append(_("{where}: a linked picture (put the file itself in the document)").format(
                    where=where))
                continue
            alt = clean(" ".join(drawing.xpath(".//*[local-name()='docPr']/@descr")))
            found = picture(related.blob, alt, where, self.dropped)
            if found:
                self.flush()
                self.blocks.append(found)

    def flush(self) -> None:
        markdown = self.list.markdown()
        if markdown:
            self.blocks.append(Text(markdown))
        self.list = ListWriter()


def _paragraph_text(paragraph) -> str:
    from docx.text.hyperlink import Hyperlink

    pieces = []
    for item in paragraph.iter_inner_content():
        text = escape(item.text.replace("\n", " ").replace("\t", " "))
        if isinstance(item, Hyperlink):
            text = link(text, item.address) if text.strip() else text
        pieces.append(text)
    return clean("".join(pieces))


def _heading_level(paragraph, style: str) -> int:
    found = _HEADING.match(style)
    if found:
        return int(found.group(1))
    outline = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    return int(outline[0]) + 1 if outline and outline[0].isdigit() and int(outline[0]) < 9 else 0


def _list_kind(document, paragraph, style: str) -> tuple[str, int]:
    """('none' | 'bullet' | a Word number format, level) from the paragraph's numbering, else its style's."""
    for element in (paragraph._p, paragraph.style.element if paragraph.style is not None else None):
        if element is None:
            continue
        num = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num:
            ilvl = element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            depth = _STYLE_DEPTH.match(style)  # "List Bullet 2" is the second level, whatever its numbering
            level = int(ilvl[0]) if ilvl and ilvl[0].isdigit() else int(depth.group(1)) - 1 if depth else 0
            return _number_format(document, num[0], level), min(level, 8)
    if style.startswith("List Bullet"):
        return "bullet", 0
    if style.startswith("List Number"):
        return "decimal", 0
    return "none", 0


def _number_format(document, num_id: str, level: int) -> str:
    if not num_id.isdigit() or num_id == "0":  # "0": numbering switched off
        return "none"
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return "bullet"
    abstract = numbering.xpath(f"./w:num[@w:numId='{int(num_id)}']/w:abstractNumId/@w:val")
    if not abstract:
        return "bullet"
    fmt = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{int(abstract[0])}']/w:lvl[@w:ilvl='{level}']"
                          "/w:numFmt/@w:val")
    return fmt[0] if fmt else "bullet"


def _distinct(cells) -> list:
    """A merged cell is repeated by python-docx for each grid column it spans: keep it once."""
    out, seen = [], set()
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out
