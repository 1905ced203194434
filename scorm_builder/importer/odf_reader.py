"""OpenDocument (.odp, .odt) -> slides or headings, read with lxml from the zip (no extra needed).

odfpy, the usual Python library for these files, has had no release since 2020; the part of the format read
here (text, lists, tables, pictures, notes) is small and stable, so it is read directly.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import UsageError
from .archive import checked_copy
from .outline import Heading, Outline, Slide, Text, from_headings, from_slides, sample
from .pictures import picture
from .text import STRAY_BULLET, ListWriter, clean, escape, guess_language, link, plain, table
from .typed import arabic_marker, typed_ordinal
from ..i18n import N_, _

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "anim": "urn:oasis:names:tc:opendocument:xmlns:animation:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
MIMETYPES = {".odp": "application/vnd.oasis.opendocument.presentation",
             ".odt": "application/vnd.oasis.opendocument.text"}
MAX_SLIDES = 2000
# entities never expanded, no DTD or network access, libxml2's size limits kept (huge_tree off)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def read(path: Path, language: str | None) -> tuple[Outline, str]:
    slides = path.suffix.lower() == ".odp"
    kind = "presentation" if slides else "text document"
    copy = checked_copy(path, f"OpenDocument {kind}", N_("save a copy without a password in LibreOffice"))
    with zipfile.ZipFile(copy) as archive:
        document = _Document(path, archive)
        if slides:
            found = document.slides()
            language = language or guess_language(" ".join(s.title + " " + s.body for s in found[:50]))
            return from_slides(found, document.title or path.stem, language, document.dropped), language
        blocks = document.text()
        title = document.first_title or document.title or path.stem
        language = language or guess_language(title + " " + sample(blocks))
        return from_headings(blocks, title, document.dropped), language


class _Document:
    def __init__(self, path: Path, archive: zipfile.ZipFile):
        self.path, self.archive = path, archive
        mimetype = self._bytes("mimetype").decode("ascii", "replace").strip()
        if mimetype != MIMETYPES[path.suffix.lower()]:
            raise UsageError(_("{path}: is not an OpenDocument {suffix} file (its type says '{mimetype}')").format(
                path=path, suffix=path.suffix[1:], mimetype=mimetype[:60]))
        if b"encryption-data" in self._bytes("META-INF/manifest.xml", required=False):
            raise UsageError(_("{path}: is password-protected (save a copy without a password, and import that copy)").format(
                path=path))
        self.content = self._xml("content.xml")
        styles = self._bytes("styles.xml", required=False)
        self.styles = [self.content] + ([self._parse(styles, "styles.xml")] if styles else [])
        meta = self._bytes("meta.xml", required=False)
        self.title = clean(self._parse(meta, "meta.xml").findtext(".//dc:title", "", NS)) if meta else ""
        self.dropped: list[str] = []
        self.first_title = ""  # of a paragraph in the "Title" style

    def _bytes(self, name: str, required: bool = True) -> bytes:
        try:
            return self.archive.read(name)
        except KeyError:
            if required:
                raise UsageError(_("{path}: has no {name} (not an OpenDocument file; save it again)").format(
                    path=self.path, name=name)) from None
            return b""

    def _xml(self, name: str):
        return self._parse(self._bytes(name), name)

    def _parse(self, data: bytes, name: str):
        try:
            return etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as exc:
            raise UsageError(_("{path}: {name} is damaged ({exc}; open the file and save it again)").format(
                path=self.path, name=name, exc=exc)) from None

    # presentations -------------------------------------------------------------------------------------

    def slides(self) -> list[Slide]:
        pages = self.content.findall(".//office:presentation/draw:page", NS)
        if len(pages) > MAX_SLIDES:
            raise UsageError(_("{path}: has {count} slides, more than the {limit} one course can hold (split the "
                               "presentation)").format(
                path=self.path, count=len(pages), limit=MAX_SLIDES))
        return [self._slide(n, page) for n, page in enumerate(pages, 1)]

    def _slide(self, number: int, page) -> Slide:
        where = _("slide {n}").format(n=number)
        title, subtitle, blocks, pictures = "", False, [], []
        dropped_before = len(self.dropped)
        for frame in _shapes(page):
            role = frame.get(_q("presentation:class"), "")
            if role == "title" and not title:
                title = clean(" ".join(_plain(p) for p in frame.iterfind(".//text:p", NS)))
            elif role in ("header", "footer", "date-time", "page-number"):
                continue
            elif etree.QName(frame).localname == "custom-shape":
                blocks.append(self._flow(frame, where, pictures))
            else:
                subtitle = subtitle or role == "subtitle"
                self._frame(frame, where, blocks, pictures)
        notes = page.find("presentation:notes", NS)
        notes_text = plain("\n".join(self._inline(p) for p in notes.iterfind(".//text:p", NS))) if notes is not None else ""
        effects = page.findall(".//anim:par[@presentation:preset-class]", NS)
        if effects:
            self.dropped.append(_("{where}: animation effects (the text is kept, shown at once)").format(where=where))
        body = "\n\n".join(b for b in blocks if b).strip()
        opening = number == 1 and subtitle
        divider = bool(title) and not body and not pictures and not opening and len(self.dropped) == dropped_before
        return Slide(number, title, body, pictures, notes_text, divider, opening)

    def _frame(self, frame, where: str, blocks: list, pictures: list) -> None:
        name = f" '{clean(frame.get(_q('draw:name'), ''))[:40]}'" if frame.get(_q("draw:name")) else ""
        first = next(iter(frame), None)
        tag = etree.QName(first).localname if first is not None else ""
        if tag == "object" or tag == "object-ole":
            self.dropped.append(_("{where}: a chart or embedded object{name} (save it as a picture and add it "
                                  "under media:)").format(
                where=where, name=name))
        elif tag == "plugin":
            self.dropped.append(_("{where}: an embedded video or sound{name} (add the file under media:)").format(
                where=where, name=name))
        elif tag == "image":
            self._image(first, frame, where, pictures)
        elif tag == "table":
            blocks.append(self._table(first))
        elif tag == "text-box":
            blocks.append(self._flow(first, where, pictures))

    def _image(self, image, frame, where: str, pictures: list) -> None:
        href = image.get(_q("xlink:href"), "")
        alt = clean(frame.findtext("svg:desc", "", NS) or frame.findtext("svg:title", "", NS))
        try:
            data = self.archive.read(href.removeprefix("./")) if href and ":" not in href else None
        except KeyError:
            data = None
        if data is None:
            self.dropped.append(_("{where}: a linked picture '{href}' (put the file itself in the document)").format(
                where=where, href=href[:60]))
            return
        found = picture(data, alt, where, self.dropped)
        if found:
            pictures.append(found)

    # text: paragraphs, lists, tables --------------------------------------------------------------------

    def _flow(self, children, where: str, pictures: list) -> str:
        """Paragraphs, headings and lists (a text box's children, or one block of a text document)."""
        out = ListWriter()
        for child in children:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "p" or tag == "h":
                self._frames_in(child, where, pictures)
                text = self._inline(child)
                if STRAY_BULLET.match(text):
                    out.item(STRAY_BULLET.sub("", text, count=1), 0)
                else:
                    out.paragraph(text)
            elif tag == "list":
                self._list(child, 0, child.get(_q("text:style-name"), ""), out, where, pictures)
        return out.markdown()

    def _list(self, element, level: int, style: str, out: ListWriter, where: str, pictures: list) -> None:
        fmt = self._list_format(style, level + 1)
        count = 0
        for item in element:
            if not isinstance(item.tag, str) or etree.QName(item).localname not in ("list-item", "list-header"):
                continue
            for child in item:
                tag = etree.QName(child).localname
                if tag in ("p", "h"):
                    self._frames_in(child, where, pictures)
                    text = self._inline(child)
                    if not text:
                        continue
                    count += 1
                    if typed_ordinal(text):
                        out.paragraph(text)
                    elif fmt[:1] == "أ":  # Arabic letters as numbers ("أ, ب, ت, ..." or abjad "أ, ب, ج, ..."): typed text
                        out.paragraph(arabic_marker(count, abjad="ج" in fmt) + " " + text)
                    else:
                        out.item(STRAY_BULLET.sub("", text, count=1), level, numbered=fmt not in ("", "bullet"))
                elif tag == "list":
                    self._list(child, level + 1, child.get(_q("text:style-name"), "") or style, out, where, pictures)

    def _list_format(self, style: str, level: int) -> str:
        """A number format ('1', 'a', 'أ, ب, ت, ...'), else 'bullet' (also when the list style is not found)."""
        for root in self.styles:
            for found in root.iterfind(f".//text:list-style[@style:name='{_xpath_safe(style)}']", NS):
                for child in found:
                    if child.get(_q("text:level")) == str(level):
                        if etree.QName(child).localname == "list-level-style-number":
                            return child.get(_q("style:num-format"), "1") or ""
                        return "bullet"
        return "bullet"

    def _inline(self, element) -> str:
        pieces = [escape(element.text or "")]
        for child in element:
            if not isinstance(child.tag, str):
                pieces.append(escape(child.tail or ""))
                continue
            tag = etree.QName(child).localname
            if tag in ("s", "tab", "line-break"):
                pieces.append(" ")
            elif tag == "a":
                inner = self._inline(child)
                pieces.append(link(inner, child.get(_q("xlink:href"), "")) if inner.strip() else inner)
            elif tag in ("span", "bookmark-ref", "reference-ref", "sequence", "page-number", "date", "title"):
                pieces.append(self._inline(child))
            elif tag not in ("note", "annotation", "frame", "bookmark", "soft-page-break", "change"):
                pieces.append(escape("".join(child.itertext())))
            pieces.append(escape(child.tail or ""))
        return clean("".join(pieces))

    def _frames_in(self, paragraph, where: str, pictures: list) -> None:
        for frame in paragraph.iterfind(".//draw:frame", NS):
            self._frame(frame, where, [], pictures)

    def _table(self, element) -> str:
        rows = []
        for row in element.iterfind(".//table:table-row", NS):
            cells = row.findall("table:table-cell", NS)
            rows.append([clean(" ".join(self._inline(p) for p in cell.iterfind(".//text:p", NS))) for cell in cells])
        return table(rows)

    def _style_is(self, name: str, wanted: str) -> bool:
        """Whether paragraph style `name` is `wanted` or an automatic style based on it ("P1" on "Title")."""
        for _ in range(5):
            if name == wanted:
                return True
            found = self.content.find(f".//office:automatic-styles/style:style[@style:name='{_xpath_safe(name)}']", NS)
            name = found.get(_q("style:parent-style-name"), "") if found is not None else ""
        return False

    # text documents -------------------------------------------------------------------------------------

    def text(self) -> list:
        """Headings, texts and pictures in order."""
        body = self.content.find(".//office:body/office:text", NS)
        if body is None:
            raise UsageError(_("{path}: holds no text (is it an OpenDocument text file?)").format(path=self.path))
        blocks: list = []
        self._text_blocks(body, blocks, [0])
        return blocks

    def _text_blocks(self, parent, blocks: list, counter: list) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            counter[0] += 1
            where = _("paragraph {n}").format(n=counter[0])
            if tag == "h":
                pictures = []
                self._frames_in(child, where, pictures)
                text = _plain(child)
                level = child.get(_q("text:outline-level"), "1")
                if text:
                    blocks.append(Heading(int(level) if level.isdigit() else 1, text))
                blocks.extend(pictures)
            elif tag == "p" and self._style_is(child.get(_q("text:style-name"), ""), "Title"):
                self.first_title = self.first_title or _plain(child)
            elif tag in ("p", "list"):
                pictures = []
                markdown = self._flow([child], where, pictures)
                if markdown:
                    blocks.append(Text(markdown))
                blocks.extend(pictures)
            elif tag == "table":
                blocks.append(Text(self._table(child)))
            elif tag in ("section", "index-body"):
                self._text_blocks(child, blocks, counter)


def _plain(element) -> str:
    """A title's text: plain, not Markdown."""
    return clean("".join(element.itertext()))


def _shapes(page):
    """The frames and shapes of a slide in reading order, those inside groups included."""
    for child in page:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "g":
            yield from _shapes(child)
        elif name in ("frame", "custom-shape"):
            yield child


def _xpath_safe(value: str) -> str:
    return re.sub(r"['\"\[\]]", "", value)
