"""What earlier builds into the same output folder worked out, so that an edit redoes only what it touches:
each YAML file parsed and shape-checked (by its content), each Markdown text rendered (by its text), and each
package written (by a digest of everything it holds).

Kept in OUT/.scorm-builder/cache/ with marshal: plain data only, so loading it can run no code. Anything
unreadable, stale or from another builder version is ignored and recomputed. `build --force` neither reads
nor writes it: a forced build is a cold build, as in a fresh CI checkout.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import shutil
from pathlib import Path
from typing import Optional

from . import __version__
from .leftovers import CACHE

log = logging.getLogger(__name__)

FOLDER = CACHE


def _key(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()[:20]


def content_key(shape: str, raw: bytes) -> str:
    """Identifies a YAML file's bytes read as a course, module or quiz file."""
    return _key(shape, hashlib.sha1(raw).hexdigest())


class BuildCache:
    """Off (`enabled=False`), it finds nothing and keeps nothing."""

    def __init__(self, folder: Path, course_dir: Path, enabled: bool = True):
        self.folder = Path(folder)
        self.course = _key(os.path.realpath(course_dir))
        self.enabled = enabled
        self.damaged: set[str] = set()  # entries found damaged, each warned about once
        self.unwritable = False  # warned that the cache cannot be written
        markup = self._load(f"markup-{self.course}")
        self.markup: dict = markup if isinstance(markup, dict) else {}
        self.markup_used: dict = {}
        self.parsed: dict[str, tuple] = {}  # to save, by file name
        self.counts = {"YAML files": [0, 0], "Markdown texts": [0, 0], "packages": [0, 0]}  # [reused, redone]

    def _load(self, name: str) -> Optional[dict]:
        if not self.enabled:
            return None
        try:
            found = marshal.loads((self.folder / name).read_bytes())  # marshal.load(file) reads piece by piece
        except FileNotFoundError:
            return None
        except OSError as exc:  # a folder, a special file, a file that cannot be read
            return self._damage(name, exc.strerror or str(exc))
        except (EOFError, ValueError, TypeError):
            return self._damage(name, "not a cache entry")
        return found.get("entries") if isinstance(found, dict) and found.get("builder") == __version__ else None

    def _damage(self, name: str, why: str) -> None:
        """A damaged entry costs its recomputation, never the build: it is ignored, then replaced or removed."""
        if name not in self.damaged:
            self.damaged.add(name)
            log.warning("%s: damaged build cache entry ignored (%s); it is replaced", self.folder / name, why)

    def _save(self, name: str, entries) -> None:
        if not self.enabled:
            return
        tmp = self.folder / f"{name}.{os.getpid()}.part"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(marshal.dumps({"builder": __version__, "entries": entries}))
            try:
                os.replace(tmp, self.folder / name)
            except OSError:  # a folder (or something else) in the entry's place: cleared, then tried once more
                _clear(self.folder / name)
                os.replace(tmp, self.folder / name)
        except OSError as exc:  # a cache that cannot be written only makes the next build slower
            if not self.unwritable:
                self.unwritable = True
                log.warning("%s: build cache not written (%s); the next build redoes this work",
                            self.folder / name, exc.strerror or exc)
            _clear(tmp)

    # YAML files: (data, value positions, key positions) by file name and content_key.
    def _yaml_name(self, shown: str, key: str) -> str:
        return f"yaml-{_key(self.course, shown)}-{key}"

    def has_yaml(self, shown: str, key: str) -> bool:
        if not self.enabled:
            return False
        path = self.folder / self._yaml_name(shown, key)
        if path.is_file():
            return True
        if os.path.lexists(path):  # a folder or a link to nothing where the entry should be
            self._damage(path.name, "not a file")
        return False

    def yaml(self, shown: str, key: str) -> Optional[tuple]:
        found = self._load(self._yaml_name(shown, key))
        if not (isinstance(found, tuple) and len(found) == 3 and all(isinstance(t, dict) for t in found[1:])):
            return None
        self.counts["YAML files"][0] += 1
        return found

    def keep_yaml(self, shown: str, key: str, parsed: tuple) -> None:
        self.counts["YAML files"][1] += 1
        if self.enabled:
            self.parsed[self._yaml_name(shown, key)] = parsed

    # Markdown: (html, (written path, name in the package) of each link) by (text, inline, right-to-left).
    # A text written twice in a course (a feedback, a choice) is rendered once, even with the cache off.
    def html(self, key: tuple) -> Optional[tuple]:
        if key in self.markup_used:
            return self.markup_used[key]
        found = self.markup.get(key)
        if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], str)):
            return None
        self.markup_used[key] = found
        self.counts["Markdown texts"][0] += 1
        return found

    def keep_html(self, key: tuple, value: tuple) -> None:
        self.counts["Markdown texts"][1] += 1
        self.markup_used[key] = value

    def save(self) -> None:
        """Write what this build worked out; called once it has succeeded, so a failed build writes nothing.
        Of the Markdown, only what this build used is kept: texts since removed are forgotten."""
        for name, entry in self.parsed.items():
            for stale in self.folder.glob(name[:name.rindex("-")] + "-*"):  # the file's earlier content
                _clear(stale)
            self._save(name, entry)
        if self.markup_used != self.markup:  # unchanged: nothing to write
            self._save(f"markup-{self.course}", self.markup_used)

    def report(self) -> str:
        """What was reused and what was done again, for `build -v`."""
        return "; ".join(f"{what}: {reused} reused, {redone} done again"
                         for what, (reused, redone) in self.counts.items() if reused or redone)

    # Packages: the digest of their content, with the size and time of the zip written from it.
    def package_unchanged(self, dest: Path, digest: str) -> bool:
        found = self._load(f"zip-{_key(str(dest.resolve()))}")
        try:
            st = dest.stat()
        except OSError:
            st = None
        unchanged = st is not None and found == [digest, st.st_size, st.st_mtime_ns]
        self.counts["packages"][not unchanged] += 1
        return unchanged

    def keep_package(self, dest: Path, digest: str) -> None:
        if not self.enabled:
            return
        st = dest.stat()
        self._save(f"zip-{_key(str(dest.resolve()))}", [digest, st.st_size, st.st_mtime_ns])


def _clear(path: Path) -> None:
    """Remove a cache entry whatever it has become (a file, a link, a folder); what cannot be removed stays."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("%s: cannot remove this build cache entry (%s)", path, exc.strerror or exc)

