"""`scorm-builder import`: a course folder started from slides or a document (.pptx, .docx, .odp, .odt, .md).

Library code: it reads the whole source first, writes the course into a temporary folder beside COURSE_DIR,
checks that it loads as a valid course, and only then renames it into place; on any failure nothing is left.
"""
from __future__ import annotations

import importlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError, PackageError, UsageError
from ..scaffold import course_id_for
from . import writer
from ..i18n import _

EXTRA = "pip install 'scorm-builder[import]'"
FORMATS = {".pptx": "pptx_reader", ".docx": "docx_reader", ".odp": "odf_reader", ".odt": "odf_reader",
           ".md": "md_reader", ".markdown": "md_reader"}
NEEDS = {".pptx": "python-pptx", ".docx": "python-docx"}
LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # as course.yaml's `language`
ROOM = 3 * 4096 // 4  # progress data of the pages alone, leaving room for the quizzes the trainer will add


@dataclass
class ImportResult:
    course_dir: Path
    language: str
    modules: int
    pages: int
    pictures: int
    dropped: list[str]  # what could not be carried, with where it was ("slide 5: a chart ...")


def import_course(source: Path, dest: Path, language: str | None = None, force: bool = False) -> ImportResult:
    """Read `source` and write a course into `dest`, which must be new or empty (any folder with `force`)."""
    source, dest = Path(source), Path(dest)
    if language is not None and not re.match(LANGUAGE, language):
        raise UsageError(_("'{language}' is not a language code (write e.g. ar, fr or en)").format(language=language))
    reader = _reader(source)
    _check_destination(source, dest, force)
    try:
        outline, language = reader.read(source, language)
    except OSError as exc:
        raise UsageError(_("{source}: cannot be read ({reason})").format(
            source=source, reason=exc.strerror or exc)) from None
    target = dest.resolve()
    course_id = course_id_for(target)
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.import-", dir=target.parent))
    except OSError as exc:
        raise UsageError(_("{dest}: cannot write there ({reason})").format(
            dest=dest.parent, reason=exc.strerror)) from None
    try:
        counts = writer.write(outline, work, course_id, language, source.name)
        if _progress_data(_loads(work)) > ROOM:
            writer.use_sco_per_module(work)
            _loads(work)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(work, 0o777 & ~mask)  # mkdtemp's folder is private; the course folder is an ordinary one
        _put_in_place(work, target)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise UsageError(_("{dest}: cannot write there ({reason}); nothing was written").format(
            dest=dest, reason=exc.strerror or exc)) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ImportResult(dest, language, dropped=outline.dropped, **counts)


def _reader(source: Path):
    suffix = source.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(_("{source}: cannot import '{kind}' files (import one of: {choices}; save other formats "
                           "as one of these)").format(
            source=source, kind=suffix or source.name, choices=', '.join(sorted(FORMATS))))
    if not source.is_file():
        raise UsageError(_("{source}: no such file").format(source=source))
    try:
        module = importlib.import_module(f"{__name__}.{FORMATS[suffix]}")
        if suffix in NEEDS:
            importlib.import_module(NEEDS[suffix].removeprefix("python-"))
    except ImportError:
        raise UsageError(_("reading {suffix} files needs {what}, which is not installed (run: {command})").format(
            suffix=suffix, what=NEEDS.get(suffix, 'the import extra'), command=EXTRA)) from None
    return module


def _check_destination(source: Path, dest: Path, force: bool) -> None:
    target = dest.resolve()
    if target == Path.cwd().resolve() or target in Path.cwd().resolve().parents:
        raise UsageError(_("{dest}: is the current folder or holds it (name a new folder for the course)").format(
            dest=dest))
    if force and target in source.resolve().parents:
        raise UsageError(_("{dest}: holds {name}, which --force would delete (name another folder)").format(
            dest=dest, name=source.name))
    if dest.exists() and not dest.is_dir():
        raise UsageError(_("{dest}: a file with this name exists (choose the name of a new folder)").format(dest=dest))
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise UsageError(_("{dest}: the folder is not empty; nothing was written (choose a new folder name, or add "
                           "--force to replace the folder)").format(
            dest=dest))
    if not dest.parent.is_dir():
        raise UsageError(_("{folder}: no such folder (create it first)").format(folder=dest.parent))


def _loads(work: Path):
    """What the importer writes must load: a mistake here is the importer's, never the trainer's."""
    from ..loader import load_course

    try:
        return load_course(work)
    except CourseError as error:
        raise PackageError(_("the imported course does not load (please report this):\n{error}").format(
            error=error)) from None


def _progress_data(course) -> int:
    from ..plan import plan
    from ..suspend import worst_case

    return max(worst_case(sco) for package in plan(course) for sco in package.scos)


def _put_in_place(work: Path, dest: Path) -> None:
    """Two renames inside one folder: the old folder (empty, or replaced with --force) goes only once the
    new one is complete."""
    old = None
    if dest.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
        os.rename(dest, old / "course")
    try:
        os.rename(work, dest)
    except OSError:
        if old:
            os.rename(old / "course", dest)
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)
