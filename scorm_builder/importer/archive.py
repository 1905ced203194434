"""Office and OpenDocument files are zip files, and their readers load every part into memory: before any
reader sees one, each part is inflated here in bounded steps, checked, and copied into an uncompressed zip
in memory. A zip bomb (a part far larger than it is stored, or whose header lies about its size) or an XML
entity bomb is refused first, and the readers only ever copy bytes of known, bounded size."""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from ..errors import UsageError
from ..i18n import _

MAX_ENTRIES = 10_000
MAX_TOTAL = 256 * 1024 * 1024  # uncompressed bytes, all parts together
MAX_RATIO = 100  # uncompressed / compressed, for parts over 1 MiB (text parts of real decks stay under 30)
MAX_XML_PART = 32 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted OOXML file, or an old binary .ppt/.doc
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)")
_CHUNK = 1 << 20


def checked_copy(path: Path, kind: str, resave: str) -> io.BytesIO:
    """The file's parts, checked, as an uncompressed zip in memory. `kind` names the format ("PowerPoint
    file"), `resave` says how to get a readable copy of it."""
    with open(path, "rb") as f:  # an OSError here is reported by the caller
        head = f.read(8)
    if head == OLE_MAGIC:
        raise UsageError(_("{path}: is password-protected or in the old binary format ({resave}, without a "
                           "password, and import that copy)").format(
            path=path, resave=_(resave)))
    try:
        with zipfile.ZipFile(path) as archive:
            return _copy(path, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError) as exc:
        raise UsageError(_("{path}: is not a readable {kind} ({exc}; open it and save it again)").format(
            path=path, kind=_(kind), exc=exc)) from None
    except RuntimeError:  # zipfile's word for a part encrypted with a password
        raise UsageError(_("{path}: is password-protected ({resave}, without a password)").format(
            path=path, resave=_(resave))) from None


def _copy(path: Path, archive: zipfile.ZipFile) -> io.BytesIO:
    entries = [e for e in archive.infolist() if not e.is_dir()]
    if len(entries) > MAX_ENTRIES:
        raise UsageError(_("{path}: holds {count} parts, more than the {limit} accepted (a crafted file?)").format(
            path=path, count=len(entries), limit=MAX_ENTRIES))
    total = sum(e.file_size for e in entries)
    if total > MAX_TOTAL:
        raise UsageError(_("{path}: would unpack to {size} MiB, more than the {limit} MiB accepted (compress its "
                           "pictures, or split it)").format(
            path=path, size=total // 2**20, limit=MAX_TOTAL // 2**20))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for entry in entries:
            _check_sizes(path, entry)
            copy.writestr(zipfile.ZipInfo(entry.filename), _inflate(path, archive, entry))
    out.seek(0)
    return out


def _check_sizes(path: Path, entry: zipfile.ZipInfo) -> None:
    shown = _shown(entry.filename)
    if entry.file_size > 2**20 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
        raise UsageError(_("{path}: part '{shown}' unpacks {ratio} times larger than it is stored: a zip bomb, "
                           "refused").format(
            path=path, shown=shown, ratio=entry.file_size // max(entry.compress_size, 1)))
    if entry.compress_size > entry.file_size + entry.file_size // 64 + 1024:  # deflate never grows data so much
        raise UsageError(_("{path}: part '{shown}' is stored larger than its stated size: a crafted file, refused").format(
            path=path, shown=shown))
    if entry.filename.lower().endswith((".xml", ".rels")) and entry.file_size > MAX_XML_PART:
        raise UsageError(_("{path}: part '{shown}' holds {size} MiB of XML, more than a real document does (a "
                           "crafted file?)").format(
            path=path, shown=shown, size=entry.file_size // 2**20))


def _inflate(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """The part's bytes, inflated a chunk at a time: zipfile stops at the stated size and checks the CRC, so
    a part whose header lies costs at most one chunk more than it claims."""
    xml = entry.filename.lower().endswith((".xml", ".rels"))
    chunks, tail = [], b""
    with archive.open(entry) as part:
        while chunk := part.read(_CHUNK):
            if xml and _DTD.search(tail + chunk):
                # Office and LibreOffice never write a DTD; one can only serve entity expansion attacks
                raise UsageError(_("{path}: part '{shown}' declares XML entities, which Office never writes (a "
                                   "crafted file?); refused").format(
                    path=path, shown=_shown(entry.filename)))
            tail = chunk[-16:]
            chunks.append(chunk)
    return b"".join(chunks)


def _shown(name: str) -> str:
    return name if len(name) <= 60 else name[:59] + "…"
