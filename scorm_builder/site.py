"""The web version of a course (`build --format web`): its launch page, assets and media as a plain folder that
works from any web server or from file://. With no LMS to find, the runtime keeps progress in the browser
(standalone mode, localStorage)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import FileSystemError
from .i18n import N_
from .leftovers import new_part


def write_site(dest: Path, texts: dict[str, bytes], media: dict[str, Path]) -> int:
    """Write the files into a new folder beside `dest`, then put it in dest's place (never half a site);
    returns the bytes written."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        lock, made = new_part(lambda: tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent),
                              folder=True)  # locked until `lock` is closed, so that no build takes it for stale
    except OSError as exc:
        raise FileSystemError(dest.parent, exc, N_("cannot write there"), _kept(dest)) from None
    tmp, old = Path(made), dest.with_name(f".{dest.name}.{os.getpid()}.old")
    try:
        _fill(tmp, texts, media)
        if dest.exists():
            os.replace(dest, old)
        os.replace(tmp, dest)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not dest.exists():
            os.replace(old, dest)
        if isinstance(exc, OSError):
            raise FileSystemError(dest, exc, N_("cannot write the folder"), _kept(dest)) from None
        raise
    finally:
        if lock is not None:
            os.close(lock)
    shutil.rmtree(old, ignore_errors=True)
    return sum(len(t) for t in texts.values()) + sum(p.stat().st_size for p in media.values())


def _kept(dest: Path) -> str:
    return N_("the previous folder is kept") if dest.is_dir() else N_("nothing was written")


def _fill(tmp: Path, texts: dict[str, bytes], media: dict[str, Path]) -> None:
    for name in sorted(texts):
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(texts[name])
    for name in sorted(media):
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(media[name], tmp / name)
    os.chmod(tmp, 0o755)
