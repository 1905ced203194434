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


ATTEMPTS = 100


def new_part(make, folder: bool = False):
    """(descriptor, path) of a new `.part` file made by `make()` (mkstemp's (descriptor, path)), or with `folder`
    of a new folder (mkdtemp's path; descriptor None where folders cannot be locked), locked until the
    descriptor is closed: a lock dies with its process, so a `.part` file nobody holds is one no build will
    finish. A cleaner may look at the file in the instant between its making and its locking (it is then older
    than that cleaner's start): the lock counts only once the path is found to still name the file, else the
    file is left to that cleaner and another is made."""
    for attempt in range(ATTEMPTS):  # a cleaner looks at each file once: two misses in a row are already rare
        made = make()
        fd, path = (_open_folder(made), made) if folder else made
        if claim(fd, path) or attempt == ATTEMPTS - 1:
            return fd, path
        if fd is not None:
            os.close(fd)


def _open_folder(path):
    if fcntl is None:
        return None
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


def claim(fd, path) -> bool:
    """Lock the file (or folder) open as `fd`; False when another process holds it, or `path` no longer names it
    (a cleaner took it for a stale one). True without locks (Windows, some network mounts): written all the
    same, and never cleaned."""
    if fcntl is None or fd is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True
    try:
        named, opened = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def remove_stale_parts(folder, before: float, pattern: re.Pattern = PART) -> list[str]:
    """Delete the `.part` files (and `.part` folders of web builds) in `folder` that no build will ever finish:
    ours by their name (`pattern`), last written before `before` (this build's start, a wall-clock time) and
    held by no process. Returns what was removed; what cannot be removed is left for a later build.
    (os paths, no pathlib or typing here: they would cost an up-to-date answer a quarter of its time.)"""
    removed = []
    try:
        with os.scandir(folder) as entries:
            candidates = [e.path for e in entries if pattern.match(e.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            st = os.lstat(path)
            kind = "file" if stat.S_ISREG(st.st_mode) else "folder" if stat.S_ISDIR(st.st_mode) else ""
            if st.st_mtime < before and kind and _remove_unheld(path, before, kind):
                removed.append(path)
        except OSError:
            continue
    return removed


def _remove_unheld(path: str, before: float, kind: str) -> bool:
    """Remove `path` while holding its lock, so that no writer can take it meanwhile (see new_part)."""
    if fcntl is None:  # Windows refuses to delete a file that is open; a folder being filled cannot be told
        if kind == "file":
            os.unlink(path)
        return kind == "file"
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by a build at work (BlockingIOError), or cannot tell: left alone either way
            return False
        held, named = os.fstat(fd), os.lstat(path)
        if held.st_mtime >= before or (held.st_dev, held.st_ino) != (named.st_dev, named.st_ino):
            return False  # written, or replaced, since it was listed
        if kind == "file":
            os.unlink(path)
        else:
            import shutil  # here: shutil loads bz2 and lzma, which an up-to-date answer does not need

            shutil.rmtree(path)
        return True
    finally:
        os.close(fd)


def remove_leftovers(out_dir, before: float, cache_dir=None) -> list[str]:
    """The `.part` files left in OUT/ (packages, web folders), OUT/.scorm-builder/ (file stamps) and the cache
    (default OUT/.scorm-builder/cache/)."""
    return (remove_stale_parts(out_dir, before) + remove_stale_parts(os.path.join(out_dir, STAMPS), before, STAMP_PART)
            + remove_stale_parts(cache_dir or os.path.join(out_dir, CACHE), before, CACHE_PART))
