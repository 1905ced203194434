"""Pictures taken from a source file: kept in a format every browser shows, or reported."""
from __future__ import annotations

import io
import re

from .outline import Picture
from ..i18n import _

MAX_PIXELS = 40_000_000  # a picture larger than this is not decoded (a decompression bomb, or far too big anyway)
_KINDS = [(b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF87a", ".gif"), (b"GIF89a", ".gif")]
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$", re.I)  # not a description
_CONVERTED = (b"BM", b"II*\x00", b"MM\x00*")  # BMP, TIFF: browsers do not show them, Pillow converts them


def picture(data: bytes, alt: str, where: str, dropped: list[str]) -> Picture | None:
    """A Picture for `data`, BMP and TIFF converted to PNG; None (and a line in `dropped`) for formats that
    browsers do not show (EMF, WMF ...) or that cannot be read. A picture without a description (or described
    by its file name, as some tools do) is reported: it will be written with alt TODO."""
    if _FILE_NAME.match(alt):
        alt = ""
    found = _kept(data, alt, where, dropped)
    if found and not alt:
        dropped.append(_("{where}: a picture without a text alternative (written as alt: TODO; describe it)").format(
            where=where))
    return found


def _kept(data: bytes, alt: str, where: str, dropped: list[str]) -> Picture | None:
    for magic, ext in _KINDS:
        if data.startswith(magic):
            return Picture(data, ext, alt, where)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Picture(data, ".webp", alt, where)
    if data.startswith(_CONVERTED):
        png = _to_png(data)
        if png:
            return Picture(png, ".png", alt, where)
    kind = "EMF/WMF" if data[40:44] == b" EMF" or data[:4] == b"\xd7\xcd\xc6\x9a" else "an unknown"
    dropped.append(_("{where}: a picture in {kind} format{named} (save it as PNG or JPEG and add it under media:)").format(
        where=where, kind=kind, named=_named(alt)))
    return None


def _to_png(data: bytes) -> bytes | None:
    try:
        from PIL import Image  # installed with python-pptx
    except ImportError:  # pragma: no cover - the import extra brings Pillow
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            out = io.BytesIO()
            image.save(out, "PNG")
            return out.getvalue()
    except Exception:  # Pillow raises many kinds of errors on broken data; the picture is then reported
        return None


def _named(alt: str) -> str:
    return f" ('{alt[:40]}')" if alt else ""
