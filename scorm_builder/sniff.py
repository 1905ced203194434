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

HEAD = 1445  # bytes a browser looks at to sniff a type (WHATWG MIME Sniffing, "resource header")

# Names that browsers (or plug-ins) run as pages or scripts when the file is opened.
ACTIVE_EXTENSIONS = {
    ".html": "a web page", ".htm": "a web page", ".xhtml": "a web page", ".xht": "a web page",
    ".shtml": "a web page", ".mht": "a web archive", ".mhtml": "a web archive", ".hta": "a web application",
    ".svg": "an SVG file", ".svgz": "a compressed SVG file", ".xml": "an XML file", ".xsl": "an XSL style sheet",
    ".xslt": "an XSL style sheet", ".js": "a script", ".mjs": "a script", ".swf": "a Flash file",
}
ACTIVE_TYPES = {"html", "svg", "xml", "swf"}
NAMES = {
    "png": "a PNG image", "jpeg": "a JPEG image", "gif": "a GIF image", "webp": "a WebP image",
    "avif": "an AVIF image", "bmp": "a BMP image", "tiff": "a TIFF image", "ico": "an icon", "heif": "a HEIC image",
    "svg": "an SVG picture", "html": "a web page", "xml": "an XML file", "swf": "a Flash file",
    "pdf": "a PDF document", "zip": "a zip file (or an Office document)",
    "mp4": "an MP4 video", "m4a": "an M4A (MP4 audio) file", "mov": "a QuickTime (.mov) video",
    "3gp": "a 3GP video", "webm": "a WebM video", "matroska": "a Matroska (.mkv) video", "ogg": "an Ogg file",
    "mp3": "an MP3 file", "aac": "an AAC (ADTS) file", "wav": "a WAV file", "flac": "a FLAC file",
    "avi": "an AVI video", "wmv": "a Windows Media file", "flv": "a Flash video",
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
            what = (f"is {NAMES[kind]}, which not every browser plays" if kind else
                    "is not a video or sound file that browsers play: its content is not MP4, WebM, MP3, M4A, "
                    "Ogg or WAV")
            return Verdict(error=(f"'{shown}' {what}",
                                  "convert a video to MP4 with H.264 and AAC, a sound to MP3 or M4A"))
        if expected and kind not in expected:
            return Verdict(warning=_misnamed(shown, kind))
    elif use == "image":
        if kind not in IMAGE_TYPES:
            what = f"is {NAMES.get(kind, kind)}" if kind else "does not look like a picture"
            return Verdict(warning=(f"'{shown}' {what}: its content is not PNG, JPEG, GIF, WebP, AVIF or SVG",
                                    "browsers may show a broken image; save it again as PNG or JPEG"))
        if expected and kind not in expected:
            return Verdict(warning=_misnamed(shown, kind))
    elif expected and kind not in expected:  # a picture or video offered as a link or download
        return Verdict(warning=_misnamed(shown, kind))
    return Verdict()


def _misnamed(shown: str, kind: str | None) -> tuple[str, str]:
    what = NAMES.get(kind, "something else") if kind else "of no type browsers know"
    better = EXTENSION_OF.get(kind or "")
    hint = (f"rename it to end in {better}, so that every browser and the LMS treat it as what it is" if better
            else "save it again in the format its name says")
    return f"'{shown}' is {what}, not what its name says", hint


def _refusal(shown: str, suffix: str, kind: str | None, use: str) -> tuple[str, str]:
    """Why a file that can carry script is refused, and what to do instead."""
    if use == "image" and kind == "svg" and suffix not in (".svg", ".svgz"):
        return (f"'{shown}' holds an SVG picture, not what its name says",
                "rename it to end in .svg: SVG pictures are made static and shown as images")
    if suffix == ".svgz":
        return f"'{shown}' is a compressed SVG file, which cannot be made static", "save it as a plain .svg file"
    if kind == "svg" or suffix == ".svg" and kind not in ("html", "swf"):
        how = ("show it as a picture, ![what it shows](path.svg), which is made static; or export it as PNG"
               if use == "link" else "export it as PNG")
        return (f"'{shown}' is an SVG file, which can run script when it is opened on its own", how)
    what = NAMES.get(kind) if kind in ACTIVE_TYPES else ACTIVE_EXTENSIONS.get(suffix, "a web page")
    if suffix in ACTIVE_EXTENSIONS and ACTIVE_EXTENSIONS[suffix] != what and kind in ACTIVE_TYPES:
        what = f"{ACTIVE_EXTENSIONS[suffix]} holding {what}"
    hints = {
        "a script": "a course cannot ship scripts; explain in a page, or link to it on the web with https://",
        "a Flash file": "no browser plays Flash any more; export it as an MP4 video",
    }
    hint = hints.get(what, "put its content in a page of the course, offer it as a .zip or .pdf download, "
                           "or link to it on the web with https://")
    named = "" if suffix in ACTIVE_EXTENSIONS else " whatever its name says"
    return (f"'{shown}' is {what}{named}, which would run inside the learner's LMS session when opened", hint)
