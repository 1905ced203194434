"""Skipping a build whose inputs have not changed, by comparing file stats only.

Standard library only: answering "up to date" must not import the heavy dependencies.
"""
from __future__ import annotations

import hashlib
import json
import os
import re

from . import __version__, i18n
from .locations import TEMPLATES, XSD_DIR

STAMPS = ".scorm-builder"
STALE_PART = re.compile(r"^[0-9a-f]{16}\.json\.\d+\.part$")  # a stamp being written: <key>.json.<pid>.part


def _stats(root) -> list:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
                found.append([os.path.relpath(path, root), st.st_size, st.st_mtime_ns])
            except OSError:  # a dangling or looping link: the build itself reports it if the course uses it
                found.append([os.path.relpath(path, root), -1, -1])
    return found


def fingerprint(course_dir) -> dict:
    return {
        "builder": __version__,
        "epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        # the warnings recorded are said in the language of the build: another language builds again (the build
        # cache keeps that cheap) so that they are repeated in it
        "messages": i18n.language(),
        "course": _stats(course_dir),
        "templates": _stats(TEMPLATES) + _stats(XSD_DIR),
    }


def _stamp_path(course_dir, out_dir) -> str:
    key = hashlib.sha1(os.path.realpath(course_dir).encode()).hexdigest()[:16]
    return os.path.join(out_dir, STAMPS, f"{key}.json")


def _output_stats(packages: list[str]) -> list:
    stats = [os.stat(p) for p in packages]
    return [[p, st.st_size, st.st_mtime_ns] for p, st in zip(packages, stats)]


def up_to_date(course_dir, out_dir) -> dict | None:
    """The summary recorded by the last build when nothing it read or wrote has changed since, else None."""
    try:
        with open(_stamp_path(course_dir, out_dir), encoding="utf-8") as f:
            stamp = json.load(f)
        if stamp["inputs"] != fingerprint(course_dir):
            return None
        if stamp["outputs"] != _output_stats([o[0] for o in stamp["outputs"]]):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return stamp["summary"]


def record(course_dir, out_dir, inputs: dict, summary: dict) -> None:
    """Remember what a successful build read (`inputs`, taken before it started) and wrote."""
    path = _stamp_path(course_dir, out_dir)
    tmp = f"{path}.{os.getpid()}.part"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"inputs": inputs, "outputs": _output_stats(summary["packages"]), "summary": summary}, f)
        try:
            os.replace(tmp, path)
        except IsADirectoryError:  # a folder in the stamp's place: a damaged entry, replaced
            import shutil  # here: it loads bz2 and lzma, which an up-to-date build does not need

            shutil.rmtree(path)
            os.replace(tmp, path)
    except OSError as exc:  # the package is written; without its stamp the next build only takes longer
        import logging  # here: the up-to-date answer must stay light

        logging.getLogger(__name__).warning("%s: build stamp not written (%s); the next build will not be skipped",
                                            path, exc.strerror or exc)
        try:
            os.unlink(tmp)
        except OSError:
            pass
