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
        raise UsageError(f"{path}: is password-protected or in the old binary format "
                         f"({resave}, without a password, and import that copy)")
    try:
        with zipfile.ZipFile(path) as archive:
            return _copy(path, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError) as exc:
        raise UsageError(f"{path}: is not a readable {kind} ({exc}; open it and save it again)") from None
    except RuntimeError:  # zipfile's word for a part encrypted with a password
        raise UsageError(f"{path}: is password-protected ({resave}, without a password)") from None


def _copy(path: Path, archive: zipfile.ZipFile) -> io.BytesIO:
    entries = [e for e in archive.infolist() if not e.is_dir()]
    if len(entries) > MAX_ENTRIES:
        raise UsageError(f"{path}: holds {len(entries)} parts, more than the {MAX_ENTRIES} accepted (a crafted file?)")
    total = sum(e.file_size for e in entries)
    if total > MAX_TOTAL:
        raise UsageError(f"{path}: would unpack to {total // 2**20} MiB, more than the {MAX_TOTAL // 2**20} MiB "
                         "accepted (compress its pictures, or split it)")
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
        raise UsageError(f"{path}: part '{shown}' unpacks {entry.file_size // max(entry.compress_size, 1)} times "
                         "larger than it is stored: a zip bomb, refused")
    if entry.compress_size > entry.file_size + entry.file_size // 64 + 1024:  # deflate never grows data so much
        raise UsageError(f"{path}: part '{shown}' is stored larger than its stated size: a crafted file, refused")
    if entry.filename.lower().endswith((".xml", ".rels")) and entry.file_size > MAX_XML_PART:
        raise UsageError(f"{path}: part '{shown}' holds {entry.file_size // 2**20} MiB of XML, more than a real "
                         "document does (a crafted file?)")


def _inflate(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """The part's bytes, inflated a chunk at a time: zipfile stops at the stated size and checks the CRC, so
    a part whose header lies costs at most one chunk more than it claims."""
    xml = entry.filename.lower().endswith((".xml", ".rels"))
    chunks, tail = [], b""
    with archive.open(entry) as part:
        while chunk := part.read(_CHUNK):
            if xml and _DTD.search(tail + chunk):
                # Office and LibreOffice never write a DTD; one can only serve entity expansion attacks
                raise UsageError(f"{path}: part '{_shown(entry.filename)}' declares XML entities, which Office "
                                 "never writes (a crafted file?); refused")
            tail = chunk[-16:]
            chunks.append(chunk)
    return b"".join(chunks)


def _shown(name: str) -> str:
    return name if len(name) <= 60 else name[:59] + "…"
