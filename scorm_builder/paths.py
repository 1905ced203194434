"""Where the builder's own files are, and safe resolution of paths written in a course."""
from __future__ import annotations

import difflib
import errno
import os
import stat
import unicodedata
from pathlib import Path, PurePosixPath

from . import locations
from .i18n import _

TEMPLATES = Path(locations.TEMPLATES)
XSD_DIR = Path(locations.XSD_DIR)


def inside(course_dir: Path, written: str, root: str | None = None) -> tuple[Path | None, str, str]:
    """Resolve a path written in the course; returns (path, problem, hint): path is None when refused.
    `root` is the course folder's real path, for callers that resolve many paths."""
    shown = written if len(written) <= 60 else written[:59] + "…"
    if "\\" in written:
        return None, _("'{shown}' uses backslashes").format(shown=shown), _("write paths with '/'")
    if "\0" in written:  # no file name can hold it (the system would refuse the name)
        return None, _("'{shown}' holds a NUL character").format(
            shown=shown.replace("\0", "\\0")), _("remove it from the path")
    pure = PurePosixPath(written)
    if pure.is_absolute() or (len(written) > 1 and written[1] == ":"):
        return None, _("'{shown}' is an absolute path").format(
            shown=shown), _("write the path relative to the course folder")
    if ".." in pure.parts:
        return None, _("'{shown}' leaves the course folder").format(
            shown=shown), _("keep every file inside the course folder")
    try:
        root = root or os.path.realpath(course_dir)
        target = os.path.realpath(os.path.join(root, *pure.parts))
        if target != root and not target.startswith(root.rstrip(os.sep) + os.sep):
            return (None, _("'{shown}' is a link that points outside the course folder").format(shown=shown),
                    _("copy the file into the course folder"))
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        close = did_you_mean(root, pure.parts)
        folder = Path(course_dir).name + "/"
        hint = (_("did you mean '{close}'? paths are relative to {folder}").format(close=close, folder=folder)
                if close else _("check the file name; paths are relative to {folder}").format(folder=folder))
        return None, _("'{shown}' does not exist").format(shown=shown), hint
    except OSError as exc:  # a link loop, a name too long, ...
        if exc.errno == errno.ELOOP:
            return None, _("'{shown}' is a link that leads to itself").format(
                shown=shown), _("replace the link with the file")
        return None, _("'{shown}' cannot be opened: {value}").format(
            shown=shown, value=exc.strerror or exc), _("check the name; keep it short and simple")
    if stat.S_ISDIR(mode):
        return None, _("'{shown}' is a folder").format(shown=shown), _("name a file inside it")
    if not stat.S_ISREG(mode):
        return None, _("'{shown}' is not a regular file").format(shown=shown), _("name an ordinary file")
    if not os.access(target, os.R_OK):
        return None, _("'{shown}' cannot be read").format(shown=shown), _("check its permissions")
    return Path(target), "", ""


def did_you_mean(root: str, parts: tuple[str, ...]) -> str | None:
    """The existing path closest to a mistyped one, one name at a time (case, accents, small typos), or None.
    Only called once a path is missing, so listing folders costs nothing on a good build."""
    here, found = root, []
    for part in parts:
        if os.path.exists(os.path.join(here, part)):
            name = part
        elif os.path.lexists(os.path.join(here, part)):
            return None  # a link to nothing: the name is right, the file is gone
        else:
            try:
                names = {_fold(n): n for n in os.listdir(here) if not n.startswith(".")}
            except OSError:
                return None
            close = difflib.get_close_matches(_fold(part), names, n=1, cutoff=0.75)
            if not close:
                return None
            name = names[close[0]]
        found.append(name)
        here = os.path.join(here, name)
    return "/".join(found)


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
