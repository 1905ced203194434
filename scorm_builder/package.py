"""Writing a package: a reproducible zip, written beside its destination and renamed into place."""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Optional

from .errors import FileSystemError
from .i18n import N_, _
from .leftovers import fcntl, new_part

# Already compressed: deflating them again costs time and saves nothing.
STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".mp4", ".m4a", ".mp3", ".ogg", ".ogv", ".webm",
          ".woff", ".woff2", ".pdf", ".zip", ".gz", ".docx", ".xlsx", ".pptx"}
# Deflate's fastest level: on a large course it writes the launch page 4 times faster than the default level (6),
# for a zip a few percent bigger. Moodle unpacks the zip, so learners download the same files either way.
COMPRESS_LEVEL = 1
DEFAULT_EPOCH = 946684800  # 2000-01-01, used unless SOURCE_DATE_EPOCH is set
ZIP_EPOCH_MIN = 315532800  # zip dates start in 1980
PART_SUFFIX = ".part"  # mkstemp's names, .<destination name>.<8 random characters>.part: leftovers.PART


def _timestamp() -> tuple:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)), ZIP_EPOCH_MIN)
    return time.gmtime(epoch)[:6]


def _info(name: str, stamp: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED if Path(name).suffix.lower() in STORED else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, so the permissions above are read the same everywhere
    return info


def _order(name: str) -> tuple:
    return (name != "imsmanifest.xml", name)


def write_zip(dest: Path, texts: dict[str, bytes], files: dict[str, Path],
              verify: Optional[Callable[[Path], None]] = None) -> int:
    """Write `texts` (in memory) and `files` (streamed from disk) to dest atomically; returns its size.

    `verify` may raise to refuse the finished zip before it replaces anything."""
    stamp = _timestamp()
    with replaced_atomically(dest, "package") as (raw, tmp):
        with zipfile.ZipFile(raw, "w") as zf:
            for name in sorted(set(texts) | set(files), key=_order):
                info = _info(name, stamp)
                if name in texts:
                    # given a ZipInfo, writestr ignores the ZipFile's own compresslevel
                    zf.writestr(info, texts[name], compresslevel=COMPRESS_LEVEL)
                else:
                    with _source(files[name], dest) as src, zf.open(info, "w") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
        if verify:
            raw.flush()
            verify(tmp)
    return dest.stat().st_size


def _source(path: Path, dest: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:  # checked readable when the course was read: the disk changed since (EMFILE, EIO, ...)
        raise FileSystemError(path, exc, N_("cannot read it"), _kept(dest, "package")) from None


@contextmanager
def replaced_atomically(dest: Path, what: str = "file") -> Iterator[tuple[BinaryIO, Path]]:
    """An open file beside `dest` (and its path) that replaces `dest` when the block ends well, and is removed
    when it raises: `dest` is never half-written. A file-system fault (disk full, read-only, permissions, a
    folder in the way, too many open files) raises FileSystemError naming `dest`; the previous `dest` is kept."""
    if dest.is_dir():
        raise FileSystemError(dest, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)),
                              _DOING[what], N_("nothing was written"))
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = new_part(lambda: tempfile.mkstemp(prefix=f".{dest.name}.", suffix=PART_SUFFIX, dir=dest.parent))
    except OSError as exc:
        raise FileSystemError(dest.parent, exc, N_("cannot write there"), _kept(dest, what)) from None
    try:
        with os.fdopen(fd, "wb") as raw:  # locked (see leftovers.new_part) until closed
            yield raw, Path(tmp)
            raw.flush()
            if _REPLACE_OPEN:  # renamed while still locked: no cleaner can take it for a stale file meanwhile
                _publish(tmp, dest)
        if not _REPLACE_OPEN:
            _publish(tmp, dest)
    except OSError as exc:
        _discard(tmp)
        raise FileSystemError(dest, exc, _DOING[what], _kept(dest, what)) from None
    except BaseException:
        _discard(tmp)
        raise


def _publish(tmp: str, dest: Path) -> None:
    os.chmod(tmp, 0o644)
    os.replace(tmp, dest)


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:  # already gone, or the file system refuses even that: a later build cleans it
        pass


_DOING = {"package": N_("cannot write the package"), "file": N_("cannot write the file")}
_KEPT = {"package": N_("the previous package is kept"), "file": N_("the previous file is kept")}


def _kept(dest: Path, what: str) -> str:
    return _KEPT[what] if dest.is_file() else N_("nothing was written")


# Windows cannot rename a file that is open; there an open file cannot be deleted either, so the file being
# written needs no lock to be safe from leftovers.remove_stale_parts.
_REPLACE_OPEN = fcntl is not None
