"""Checks on an Office or OpenDocument file before any reader opens it: these formats are zip files, and the
readers load every part into memory, so a zip bomb or an XML entity bomb must be refused first."""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ..errors import UsageError

MAX_ENTRIES = 10_000
MAX_TOTAL = 256 * 1024 * 1024  # declared uncompressed bytes; zipfile never inflates past an entry's declared size
MAX_RATIO = 100  # uncompressed / compressed, for entries over 1 MiB (text parts of real decks stay under 30)
MAX_XML_PART = 32 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted OOXML file, or an old binary .ppt/.doc
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)")
_CHUNK = 1 << 20


def open_checked(path: Path, kind: str, resave: str) -> zipfile.ZipFile:
    """The file as an open zip whose size, entry count, compression ratios and XML prologues were checked.
    `kind` names the format ("PowerPoint file"), `resave` how to get a readable copy of it."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head == OLE_MAGIC:
        raise UsageError(f"{path}: is password-protected or in the old binary format "
                         f"({resave}, without a password, and import that copy)")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"{path}: is not a readable {kind} ({exc}; open it and save it again)") from None
    try:
        _check(path, archive)
    except BaseException:
        archive.close()
        raise
    return archive


def _check(path: Path, archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise UsageError(f"{path}: holds {len(entries)} parts, more than the {MAX_ENTRIES} accepted (a crafted file?)")
    total = sum(e.file_size for e in entries)
    if total > MAX_TOTAL:
        raise UsageError(f"{path}: would unpack to {total // 2**20} MiB, more than the {MAX_TOTAL // 2**20} MiB "
                         "accepted (compress its pictures, or split it)")
    for entry in entries:
        if entry.file_size > 2**20 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise UsageError(f"{path}: part '{_shown(entry.filename)}' unpacks {entry.file_size // entry.compress_size}"
                             " times larger than it is stored: a zip bomb, refused")
        if entry.filename.lower().endswith((".xml", ".rels")):
            if entry.file_size > MAX_XML_PART:
                raise UsageError(f"{path}: part '{_shown(entry.filename)}' holds {entry.file_size // 2**20} MiB of "
                                 "XML, more than a real document does (a crafted file?)")
            _no_dtd(path, archive, entry)


def _no_dtd(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Office and LibreOffice never write a DTD; one in a part can only serve entity expansion attacks."""
    tail = b""
    try:
        with archive.open(entry) as part:
            while chunk := part.read(_CHUNK):
                if _DTD.search(tail + chunk):
                    raise UsageError(f"{path}: part '{_shown(entry.filename)}' declares XML entities, which Office "
                                     "never writes (a crafted file?); refused")
                tail = chunk[-16:]
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, ValueError) as exc:
        raise UsageError(f"{path}: part '{_shown(entry.filename)}' cannot be read ({exc}; open the file and save "
                         "it again)") from None


def _shown(name: str) -> str:
    return name if len(name) <= 60 else name[:59] + "…"
