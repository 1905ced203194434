"""What a file really is, from its first bytes (magic numbers), whatever its name says; and whether a course
may ship it.

A file in a package is served by the LMS from the LMS's own site. A page, an SVG or an XML file opened there
(the learner follows a link, the frame navigates to it) runs its script with the learner's LMS session, so
course files that can carry script are refused, except SVG shown as a picture, which svgclean.py makes static.
Browsers also sniff: a file named .png that holds HTML may still be shown as a page, so the content is judged,
not only the name. Media files are checked too: a video that no browser plays is a mistake to catch at build
time, not in front of learners.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from .i18n import N_, _

HEAD = 1445  # bytes a browser looks at to sniff a type (WHATWG MIME Sniffing, "resource header")

# Names that browsers (or plug-ins) run as pages or scripts when the file is opened.
ACTIVE_EXTENSIONS = {
    ".html": N_("a web page"), ".htm": N_("a web page"), ".xhtml": N_("a web page"), ".xht": N_("a web page"),
    ".shtml": N_("a web page"), ".mht": N_("a web archive"), ".mhtml": N_("a web archive"), ".hta": N_("a web application"),
    ".svg": N_("an SVG file"), ".svgz": N_("a compressed SVG file"), ".xml": N_("an XML file"), ".xsl": N_("an XSL style sheet"),
    ".xslt": N_("an XSL style sheet"), ".js": N_("a script"), ".mjs": N_("a script"), ".swf": N_("a Flash file"),
}
ACTIVE_TYPES = {"html", "svg", "xml", "swf"}
NAMES = {
    "png": N_("a PNG image"), "jpeg": N_("a JPEG image"), "gif": N_("a GIF image"), "webp": N_("a WebP image"),
    "avif": N_("an AVIF image"), "bmp": N_("a BMP image"), "tiff": N_("a TIFF image"), "ico": N_("an icon"), "heif": N_("a HEIC image"),
    "svg": N_("an SVG picture"), "html": N_("a web page"), "xml": N_("an XML file"), "swf": N_("a Flash file"),
    "pdf": N_("a PDF document"), "zip": N_("a zip file (or an Office document)"),
    "mp4": N_("an MP4 video"), "m4a": N_("an M4A (MP4 audio) file"), "mov": N_("a QuickTime (.mov) video"),
    "3gp": N_("a 3GP video"), "webm": N_("a WebM video"), "matroska": N_("a Matroska (.mkv) video"), "ogg": N_("an Ogg file"),
    "mp3": N_("an MP3 file"), "aac": N_("an AAC (ADTS) file"), "wav": N_("a WAV file"), "flac": N_("a FLAC file"),
    "avi": N_("an AVI video"), "wmv": N_("a Windows Media file"), "flv": N_("a Flash video"),
}
IMAGE_TYPES = {"png", "jpeg", "gif", "webp", "avif", "svg"}
PLAYABLE = {"mp4", "m4a", "webm", "ogg", "mp3", "wav"}  # what Chromium, Firefox and Safari all play
# What each extension should hold; several types play fine under one name (an .mp4 holding audio only, ...).
EXPECTED = {
    ".png": {"png"}, ".jpg": {"jpeg"}, ".jpeg": {"jpeg"}, ".gif": {"gif"}, ".webp": {"webp"},
    ".avif": {"avif"}, ".svg": {"svg"}, ".mp4": {"mp4", "m4a"}, ".m4a": {"m4a", "mp4"}, ".webm": {"webm"},
    ".ogg": {"ogg"}, ".ogv": {"ogg"}, ".mp3": {"mp3"}, ".wav": {"wav"},
}
EXTENSION_OF = {"png": ".png", "jpeg": ".jpg", "gif": ".gif", "webp": ".webp", "avif": ".avif", "svg": ".svg",
                "mp4": ".mp4", "m4a": ".m4a", "webm": ".webm", "ogg": ".ogg", "mp3": ".mp3", "wav": ".wav",
                "pdf": ".pdf", "mov": ".mov", "matroska": ".mkv", "aac": ".aac", "flac": ".flac"}
_MAGIC = [  # (offset, bytes, type); the first that matches wins
    (0, b"\x89PNG\r\n\x1a\n", "png"), (0, b"\xff\xd8\xff", "jpeg"), (0, b"GIF87a", "gif"), (0, b"GIF89a", "gif"),
    (0, b"BM", "bmp"), (0, b"II*\0", "tiff"), (0, b"MM\0*", "tiff"), (0, b"\0\0\1\0", "ico"),
    (0, b"%PDF-", "pdf"), (0, b"PK\3\4", "zip"), (0, b"\x1a\x45\xdf\xa3", "ebml"), (0, b"OggS", "ogg"),
    (0, b"ID3", "mp3"), (0, b"fLaC", "flac"), (0, b"FWS", "swf"), (0, b"CWS", "swf"), (0, b"ZWS", "swf"),
    (0, b"FLV\1", "flv"), (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "wmv"),
]
_RIFF = {b"WEBP": "webp", b"WAVE": "wav", b"AVI ": "avi"}
_BRANDS = {b"M4A ": "m4a", b"M4B ": "m4a", b"M4P ": "m4a", b"qt  ": "mov", b"heic": "heif", b"heix": "heif",
           b"hevc": "heif", b"mif1": "heif", b"msf1": "heif"}
# The tags after which WHATWG's sniffing takes a text for HTML, and the roots of XML documents.
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p"
                         rb"|object|embed|frameset|frame|meta|link|base|form|img|svg|math)[\s/>]", re.I)
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_XML_PROLOG = re.compile(rb"<\?xml[^>]*\?>|<\?xml-stylesheet[^>]*\?>|<!doctype\s+(\w+)[^>[]*(?:\[.*?\])?\s*>", re.I | re.S)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def read_head(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(HEAD)


def real_type(head: bytes) -> str | None:
    """The type the bytes show (a key of NAMES), or None when they show none this module knows."""
    if head[4:8] == b"ftyp":  # first: a box size may look like another magic number
        return _ftyp(head)
    for offset, magic, kind in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return _ebml(head) if kind == "ebml" else kind
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 text, whose mark looks like an MPEG frame
        return _markup(head)
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:  # an MPEG audio frame
        if (head[1] & 0x06) == 0:
            return "aac" if (head[1] & 0x10) else None  # layer bits 00: ADTS (AAC); else reserved
        return "mp3" if (head[1] >> 3) & 3 != 1 else None  # version 01 is reserved
    return _markup(head)


def _ebml(head: bytes) -> str:
    return "webm" if b"webm" in head[:64] else "matroska"


def _ftyp(head: bytes) -> str:
    """The ISO media file's kind, by its major brand and compatible brands."""
    size = int.from_bytes(head[:4], "big")
    brands = [head[8:12]] + [head[i:i + 4] for i in range(16, min(size, len(head), 64), 4)]
    if b"avif" in brands or b"avis" in brands:
        return "avif"
    if brands[0].startswith((b"3gp", b"3g2")):
        return "3gp"
    return _BRANDS.get(brands[0], "mp4")


def _markup(head: bytes) -> str | None:
    """html, svg or xml when the text starts as such a document (after a BOM, spaces, comments, a prolog)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            if bom != b"\xef\xbb\xbf":  # UTF-16: keep the ASCII letters, enough to see the tags
                head = head.replace(b"\0", b"")
            break
    text, xml = head.lstrip(b" \t\n\r\f"), False
    while True:
        text = text.lstrip(b" \t\n\r\f")
        comment = _COMMENT.match(text)
        prolog = _XML_PROLOG.match(text)
        if comment:
            text = text[comment.end():]
        elif prolog:
            xml = True
            if prolog.group(1):  # a doctype names the root
                return _root(prolog.group(1))
            text = text[prolog.end():]
        else:
            break
    if text.startswith(b"<!--"):  # a comment longer than the bytes read: WHATWG calls it HTML
        return "html"
    root = _ROOT.match(text)
    if root and (xml or root.group(1).split(b":")[-1].lower() in (b"svg", b"html")):
        return _root(root.group(1).split(b":")[-1])
    if _HTML_START.match(text):
        return "html"
    return "xml" if xml else None


def _root(name: bytes) -> str:
    name = name.lower()
    return "svg" if name == b"svg" else "html" if name in (b"html", b"xhtml") else "xml"


class Verdict(NamedTuple):
    """What to do with a course file: `error` (message, hint) refuses it, `warning` (message, hint) is said,
    `sanitise` means it is an SVG picture to ship only as svgclean makes it."""

    error: tuple[str, str] | None = None
    warning: tuple[str, str] | None = None
    sanitise: bool = False


def judge(path: Path, written: str, use: str) -> Verdict:
    """May the file at `path` (written so in the course) go into a package, used as `use`: "image" (shown as a
    picture), "audio" or "video" (played), or "link" (opened or downloaded)."""
    shown = written if len(written) <= 60 else written[:59] + "…"
    suffix = PurePosixPath(written).suffix.lower()
    kind = real_type(read_head(path))
    if use == "image" and suffix == ".svg":
        if kind in IMAGE_TYPES - {"svg"}:  # a raster picture under the wrong name: inert, but say so
            return Verdict(warning=_misnamed(shown, kind))
        return Verdict(sanitise=True)  # svgclean refuses, saying why, what is no SVG at all
    if suffix in ACTIVE_EXTENSIONS or kind in ACTIVE_TYPES:
        return Verdict(error=_refusal(shown, suffix, kind, use))
    expected = EXPECTED.get(suffix)
    if use in ("audio", "video"):
        if kind not in PLAYABLE:
            what = (_("'{shown}' is {what}, which not every browser plays").format(shown=shown, what=_(NAMES[kind]))
                    if kind else _("'{shown}' is not a video or sound file that browsers play: its content is not "
                                   "MP4, WebM, MP3, M4A, Ogg or WAV").format(shown=shown))
            return Verdict(error=(what, _("convert a video to MP4 with H.264 and AAC, a sound to MP3 or M4A")))
        if expected and kind not in expected:
            return Verdict(warning=_misnamed(shown, kind))
    elif use == "image":
        if kind not in IMAGE_TYPES:
            what = (_("'{shown}' is {what}: its content is not PNG, JPEG, GIF, WebP, AVIF or SVG").format(
                shown=shown, what=_(NAMES[kind]) if kind in NAMES else kind) if kind else
                _("'{shown}' does not look like a picture: its content is not PNG, JPEG, GIF, WebP, AVIF or "
                  "SVG").format(shown=shown))
            return Verdict(warning=(what, _("browsers may show a broken image; save it again as PNG or JPEG")))
        if expected and kind not in expected:
            return Verdict(warning=_misnamed(shown, kind))
    elif expected and kind not in expected:  # a picture or video offered as a link or download
        return Verdict(warning=_misnamed(shown, kind))
    return Verdict()


def _misnamed(shown: str, kind: str | None) -> tuple[str, str]:
    what = _(NAMES.get(kind, N_("something else"))) if kind else _("of no type browsers know")
    better = EXTENSION_OF.get(kind or "")
    hint = (_("rename it to end in {ext}, so that every browser and the LMS treat it as what it is").format(ext=better)
            if better else _("save it again in the format its name says"))
    return _("'{shown}' is {what}, not what its name says").format(shown=shown, what=what), hint


def _refusal(shown: str, suffix: str, kind: str | None, use: str) -> tuple[str, str]:
    """Why a file that can carry script is refused, and what to do instead."""
    if use == "image" and kind == "svg" and suffix not in (".svg", ".svgz"):
        return (_("'{shown}' holds an SVG picture, not what its name says").format(shown=shown),
                _("rename it to end in .svg: SVG pictures are made static and shown as images"))
    if suffix == ".svgz":
        return (_("'{shown}' is a compressed SVG file, which cannot be made static").format(shown=shown),
                _("save it as a plain .svg file"))
    if kind == "svg" or suffix == ".svg" and kind not in ("html", "swf"):
        how = (_("show it as a picture, ![what it shows](path.svg), which is made static; or export it as PNG")
               if use == "link" else _("export it as PNG"))
        return (_("'{shown}' is an SVG file, which can run script when it is opened on its own").format(shown=shown),
                how)
    what = NAMES.get(kind) if kind in ACTIVE_TYPES else ACTIVE_EXTENSIONS.get(suffix, NAMES["html"])
    hints = {
        "a script": N_("a course cannot ship scripts; explain in a page, or link to it on the web with https://"),
        "a Flash file": N_("no browser plays Flash any more; export it as an MP4 video"),
    }
    hint = _(hints.get(what, N_("put its content in a page of the course, offer it as a .zip or .pdf download, "
                                "or link to it on the web with https://")))
    if suffix in ACTIVE_EXTENSIONS and ACTIVE_EXTENSIONS[suffix] != what and kind in ACTIVE_TYPES:
        what = _("{name} holding {what}").format(name=_(ACTIVE_EXTENSIONS[suffix]), what=_(what))
    else:
        what = _(what)
    if suffix in ACTIVE_EXTENSIONS:
        return (_("'{shown}' is {what}, which would run inside the learner's LMS session when opened").format(
            shown=shown, what=what), hint)
    return (_("'{shown}' is {what} whatever its name says, which would run inside the learner's LMS session when "
              "opened").format(shown=shown, what=what), hint)
