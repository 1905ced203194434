"""What builds stopped outright (kill -9, a power cut) leave behind, and how a build tells it from what another
build is still writing: every file or folder being written is locked by its writer (flock), and a lock dies with
its process. Standard library only, and light: an up-to-date build cleans too."""
from __future__ import annotations

import os
import re
import stat

from .incremental import STALE_PART as STAMP_PART, STAMPS

try:
    import fcntl
except ImportError:  # Windows: no flock; an open file cannot be deleted there anyway
    fcntl = None

CACHE = os.path.join(STAMPS, "cache")  # OUT/.scorm-builder/cache/: the build cache (cache.py)
# a package (or a web build's folder) being written, as mkstemp and mkdtemp name it: .<name>.<8 random>.part
PART = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")
CACHE_PART = re.compile(r"^(?:yaml|markup|zip)-[0-9a-f-]+\.\d+\.part$")  # a cache entry: <entry>.<pid>.part


def claim(fd: int) -> None:
    """Lock the file (or folder) open as `fd` for as long as it stays open."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a file system without locks (some network mounts): written all the same
            pass


class held:
    """`with held(folder):` a `.part` folder being filled (`build --format web`), locked while the block runs.
    (os paths, no pathlib, typing or contextlib here: they would cost an up-to-date answer a quarter of its time.)"""

    def __init__(self, folder):
        self.folder, self.fd = folder, None

    def __enter__(self) -> None:
        if fcntl is not None:
            try:
                self.fd = os.open(self.folder, os.O_RDONLY)
            except OSError:
                return
            claim(self.fd)

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)


def _in_use(path: str) -> bool:
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


def remove_stale_parts(folder, before: float, pattern: re.Pattern = PART) -> list[str]:
    """Delete the `.part` files (and `.part` folders of web builds) in `folder` that no build will ever finish:
    ours by their name (`pattern`), last written before `before` (this build's start, a wall-clock time) and
    held by no process. Returns what was removed; what cannot be removed is left for a later build."""
    removed = []
    try:
        with os.scandir(folder) as entries:
            candidates = [e.path for e in entries if pattern.match(e.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            st = os.lstat(path)
            if st.st_mtime >= before or stat.S_ISLNK(st.st_mode) or _in_use(path):
                continue
            if stat.S_ISREG(st.st_mode):
                os.unlink(path)
            elif stat.S_ISDIR(st.st_mode) and fcntl is not None:  # without locks, a folder being filled cannot be told
                import shutil  # here: shutil loads bz2 and lzma, which an up-to-date answer does not need

                shutil.rmtree(path)
            else:
                continue
            removed.append(path)
        except OSError:
            continue
    return removed


def remove_leftovers(out_dir, before: float, cache_dir=None) -> list[str]:
    """The `.part` files left in OUT/ (packages, web folders), OUT/.scorm-builder/ (file stamps) and the cache
    (default OUT/.scorm-builder/cache/)."""
    return (remove_stale_parts(out_dir, before) + remove_stale_parts(os.path.join(out_dir, STAMPS), before, STAMP_PART)
            + remove_stale_parts(cache_dir or os.path.join(out_dir, CACHE), before, CACHE_PART))
