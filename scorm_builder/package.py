"""Writing a package: a reproducible zip, written beside its destination and renamed into place."""
from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Optional

from .errors import FileSystemError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

# Already compressed: deflating them again costs time and saves nothing.
STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".mp4", ".m4a", ".mp3", ".ogg", ".ogv", ".webm",
          ".woff", ".woff2", ".pdf", ".zip", ".gz", ".docx", ".xlsx", ".pptx"}
# Deflate's fastest level: on a large course it writes the launch page 4 times faster than the default level (6),
# for a zip a few percent bigger. Moodle unpacks the zip, so learners download the same files either way.
COMPRESS_LEVEL = 1
DEFAULT_EPOCH = 946684800  # 2000-01-01, used unless SOURCE_DATE_EPOCH is set
ZIP_EPOCH_MIN = 315532800  # zip dates start in 1980
PART_SUFFIX = ".part"
# what mkstemp names a file being written: .<destination name>.<8 random letters, digits or _>.part
STALE_PART = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")


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
                    with _source(files[name]) as src, zf.open(info, "w") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
        if verify:
            raw.flush()
            verify(tmp)
    return dest.stat().st_size


def _source(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:  # checked readable when the course was read: the disk changed since (EMFILE, EIO, ...)
        raise FileSystemError(path, exc, "cannot read it") from None


@contextmanager
def replaced_atomically(dest: Path, what: str = "file") -> Iterator[tuple[BinaryIO, Path]]:
    """An open file beside `dest` (and its path) that replaces `dest` when the block ends well, and is removed
    when it raises: `dest` is never half-written. A file-system fault (disk full, read-only, permissions, a
    folder in the way, too many open files) raises FileSystemError naming `dest`; the previous `dest` is kept."""
    if dest.is_dir():
        raise FileSystemError(dest, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)),
                              f"cannot write the {what}", "nothing was written")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=PART_SUFFIX, dir=dest.parent)
    except OSError as exc:
        raise FileSystemError(dest.parent, exc, "cannot write there", _kept(dest, what)) from None
    try:
        with os.fdopen(fd, "wb") as raw:
            _claim(raw)
            yield raw, Path(tmp)
            raw.flush()
            if _REPLACE_OPEN:  # renamed while still locked: no cleaner can take it for a stale file meanwhile
                _publish(tmp, dest)
        if not _REPLACE_OPEN:
            _publish(tmp, dest)
    except OSError as exc:
        _discard(tmp)
        raise FileSystemError(dest, exc, f"cannot write the {what}", _kept(dest, what)) from None
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


def _kept(dest: Path, what: str) -> str:
    return f"the previous {what} is kept" if dest.is_file() else "nothing was written"


# Windows cannot rename a file that is open, and has no flock; there an open file cannot be deleted either, so
# a file being written is safe from the cleaner below without a lock.
_REPLACE_OPEN = fcntl is not None


def _claim(raw: BinaryIO) -> None:
    """Lock the file being written for as long as it is open: a lock dies with its process (kill -9, a crash),
    so a `.part` file nobody holds is one that no build will ever finish."""
    if fcntl is not None:
        try:
            fcntl.flock(raw.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a file system without locks (some network mounts): written all the same
            pass


@contextmanager
def held(folder: Path) -> Iterator[None]:
    """A `.part` folder being filled (`build --format web`), locked as `_claim` locks a file."""
    fd = None
    if fcntl is not None:
        try:
            fd = os.open(folder, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def _in_use(path: Path) -> bool:
    if fcntl is None:
        return False  # the unlink below fails on an open file
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held by a build at work (BlockingIOError), or cannot tell: left alone either way
        return True
    finally:
        os.close(fd)
    return False


def remove_stale_parts(folder: Path, before: float, pattern: re.Pattern = STALE_PART) -> list[Path]:
    """Delete the `.part` files (and `.part` folders of web builds) that a build killed outright (kill -9, a
    power cut) left in `folder`: ours by their name (`pattern`), last written before `before` (this build's
    start, a wall-clock time) and held by no process. Returns what was removed; what cannot be removed is left
    for a later build."""
    removed = []
    try:
        candidates = [p for p in Path(folder).iterdir() if pattern.match(p.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            if path.is_symlink() or path.stat().st_mtime >= before or _in_use(path):
                continue
            if path.is_file():
                path.unlink()
            elif path.is_dir() and fcntl is not None:  # without locks, a folder being filled cannot be told
                shutil.rmtree(path)
            else:
                continue
            removed.append(path)
        except OSError:
            continue
    return removed
