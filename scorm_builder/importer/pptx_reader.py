"""PowerPoint (.pptx) -> slides, with python-pptx (the `import` extra)."""
from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .archive import checked_copy
from .outline import Outline, Slide, from_slides
from .pictures import picture
from .text import STRAY_BULLET, ListWriter, clean, escape, guess_language, link, plain, table
from .typed import arabic_marker, typed_ordinal
from ..i18n import N_, _, ngettext

MAX_SLIDES = 2000
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SKIPPED_PLACEHOLDERS = {"DATE", "FOOTER", "SLIDE_NUMBER", "HEADER", "SLIDE_IMAGE"}
_BODY_PLACEHOLDERS = {"BODY", "OBJECT", "VERTICAL_BODY", "VERTICAL_OBJECT"}


def read(path: Path, language: str | None) -> tuple[Outline, str]:
    from pptx import Presentation  # the `import` extra; its absence is reported by the caller
    from pptx.exc import PackageNotFoundError

    copy = checked_copy(path, N_("PowerPoint file"), N_("save a copy as .pptx in PowerPoint"))
    dropped: list[str] = []
    try:
        deck = Presentation(copy)
        if len(deck.slides) > MAX_SLIDES:
            raise UsageError(_("{path}: has {count} slides, more than the {limit} one course can hold (split the "
                               "deck)").format(
                path=path, count=len(deck.slides), limit=MAX_SLIDES))
        slides = [_slide(n, s, dropped) for n, s in enumerate(deck.slides, 1)]
        title = clean(deck.core_properties.title or "") or path.stem
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, AttributeError) as exc:
        raise UsageError(_("{path}: is not a readable PowerPoint file ({exc}; open it and save it again)").format(
            path=path, exc=exc)) from None
    language = language or guess_language(" ".join(s.title + " " + s.body for s in slides[:50]))
    return from_slides(slides, title, language, dropped), language


def _slide(number: int, slide, dropped: list[str]) -> Slide:
    where = _("slide {n}").format(n=number)
    layout = slide.slide_layout._element.get("type", "")
    title_shape = slide.shapes.title
    title = clean(title_shape.text_frame.text) if title_shape is not None and title_shape.has_text_frame else ""
    content = _Content(where, dropped)
    dropped_before = len(dropped)
    title_id = title_shape.shape_id if title_shape is not None else None
    for shape in slide.shapes:
        if shape.shape_id != title_id:
            content.shape(shape)
    _report_animations(slide, where, dropped)
    notes = ""
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = plain(slide.notes_slide.notes_text_frame.text)
    body = content.markdown()
    opening = layout == "title" or _placeholder(title_shape) == "CENTER_TITLE"
    empty = not body and not content.pictures and len(dropped) == dropped_before
    divider = layout == "secHead" or (bool(title) and empty and not opening)
    return Slide(number, title, body, content.pictures, notes, divider, opening)


def _placeholder(shape) -> str:
    if shape is None or not shape.is_placeholder:
        return ""
    return shape.placeholder_format.type.name if shape.placeholder_format.type is not None else "BODY"


class _Content:
    """The text, tables and pictures of one slide, in reading order (the order of its shape tree)."""

    def __init__(self, where: str, dropped: list[str]):
        self.where = where
        self.dropped = dropped
        self.blocks: list[str] = []
        self.pictures = []

    def shape(self, shape) -> None:
        from pptx.enum.shapes import MSO_SHAPE_TYPE

        kind = shape.shape_type
        name = f" '{clean(shape.name)[:40]}'" if shape.name else ""
        if kind == MSO_SHAPE_TYPE.GROUP:
            for inner in shape.shapes:
                self.shape(inner)
        elif _placeholder(shape) in _SKIPPED_PLACEHOLDERS:
            return
        elif kind == MSO_SHAPE_TYPE.MEDIA or _has(shape, "videoFile", "audioFile", "quickTimeFile"):
            self.dropped.append(_("{where}: an embedded video or sound{name} (add the file under media:)").format(
                where=self.where, name=name))
        elif getattr(shape, "has_chart", False):
            self.dropped.append(_("{where}: a chart{name} (save it as a picture and add it under media:)").format(
                where=self.where, name=name))
        elif getattr(shape, "has_table", False):
            self.blocks.append(table([[_cell(c) for c in row.cells] for row in shape.table.rows]))
        elif kind in (MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT, MSO_SHAPE_TYPE.LINKED_OLE_OBJECT):
            self.dropped.append(_("{where}: an embedded object{name} (save it as a picture or a document)").format(
                where=self.where, name=name))
        elif _graphic_uri(shape).endswith("/diagram"):
            self.dropped.append(_("{where}: a SmartArt diagram{name} (write its text as a list)").format(
                where=self.where, name=name))
        elif hasattr(shape, "image") or kind == MSO_SHAPE_TYPE.PICTURE:
            self._picture(shape, name)
        elif shape.has_text_frame:
            self._text(shape)

    def _picture(self, shape, name: str) -> None:
        rid = shape._element.xpath("./p:blipFill/a:blip/@r:embed")
        if not rid:
            self.dropped.append(_("{where}: a linked picture{name} (put the file itself in the slide)").format(
                where=self.where, name=name))
            return
        alt = clean(shape._element.xpath("string(./p:nvPicPr/p:cNvPr/@descr)")) \
            or clean(shape._element.xpath("string(./p:nvPicPr/p:cNvPr/@title)"))
        found = picture(shape.part.related_part(rid[0]).blob, alt, self.where, self.dropped)
        if found:
            self.pictures.append(found)

    def _text(self, shape) -> None:
        bulleted = _placeholder(shape) in _BODY_PLACEHOLDERS
        out = ListWriter()
        numbers: dict[int, int] = {}
        for paragraph in shape.text_frame.paragraphs:
            text = _paragraph_text(paragraph)
            if not text:
                continue
            kind, scheme, start = _bullet(paragraph, bulleted)
            level = paragraph.level
            for deeper in [n for n in numbers if n > level]:  # a sub-list's numbering restarts under each item
                del numbers[deeper]
            if STRAY_BULLET.match(text):
                out.item(STRAY_BULLET.sub("", text, count=1), level)
            elif typed_ordinal(text) or kind == "none":
                out.paragraph(text)
                numbers.clear()
            elif scheme.startswith(("arabic1", "arabic2")):  # Arabic letters as numbers: kept as typed text
                numbers[level] = numbers.get(level, start - 1) + 1
                out.paragraph(arabic_marker(numbers[level], abjad=scheme.startswith("arabic2")) + " " + text)
            else:
                out.item(text, level, numbered=kind == "number", start=start)
        self.blocks.append(out.markdown())

    def markdown(self) -> str:
        return "\n\n".join(b for b in self.blocks if b).strip()


def _bullet(paragraph, bulleted: bool) -> tuple[str, str, int]:
    """('bullet' | 'number' | 'none', autonumber scheme, first number) from the paragraph's own properties,
    else what its placeholder gives (bullets in a body placeholder, none in a text box)."""
    ppr = paragraph._p.pPr
    if ppr is not None:
        if ppr.find(f"{_A}buNone") is not None:
            return "none", "", 1
        auto = ppr.find(f"{_A}buAutoNum")
        if auto is not None:
            start = auto.get("startAt", "1")
            return "number", auto.get("type", ""), int(start) if start.isdigit() and 0 < int(start) < 1000 else 1
        if ppr.find(f"{_A}buChar") is not None:
            return "bullet", "", 1
    return ("bullet" if bulleted or paragraph.level > 0 else "none"), "", 1


def _paragraph_text(paragraph) -> str:
    from pptx.text.text import _Run

    pieces = []
    for child in paragraph._p:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "br":
            pieces.append(" ")
        elif tag == "fld":
            pieces.append(escape(clean(child.findtext(f"{_A}t") or "")))
        elif tag == "r":
            run = _Run(child, paragraph)
            text = escape(run.text.replace("\v", " "))
            url = run.hyperlink.address if child.find(f"{_A}rPr/{_A}hlinkClick") is not None else None
            pieces.append(link(text, url) if url and text.strip() else text)
    return clean("".join(pieces))


def _cell(cell) -> str:
    return clean(" ".join(_paragraph_text(p) for p in cell.text_frame.paragraphs))


def _has(shape, *names: str) -> bool:
    return any(shape._element.xpath(f".//*[local-name()='{name}']") for name in names)


def _graphic_uri(shape) -> str:
    found = shape._element.xpath("./a:graphic/a:graphicData/@uri") if shape._element.tag.endswith("graphicFrame") else []
    return found[0] if found else ""


def _report_animations(slide, where: str, dropped: list[str]) -> None:
    effects = slide._element.xpath("./p:timing//p:cTn[@presetClass]")
    if effects:
        dropped.append(ngettext("{where}: {count} animation effect (the text is kept, shown at once)",
                                "{where}: {count} animation effects (the text is kept, shown at once)", len(effects)).format(
                                    
            where=where, count=len(effects)))
