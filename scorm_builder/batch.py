"""Building one or many courses: skipped when unchanged, in parallel across processes when asked."""
from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from . import i18n, incremental, summary
from .errors import FileSystemError, ScormBuilderError, UsageError
from .i18n import N_, _
from .leftovers import remove_leftovers


@dataclass
class Outcome:
    course_dir: str
    summary: Optional[dict] = None  # BuildResult fields, paths as strings
    error: Optional[str] = None
    exit_code: int = 0
    skipped: bool = False  # up to date, nothing rebuilt
    diagnostics: list = field(default_factory=list)  # each course error as a dict, for --json

    def line(self) -> str:
        return summary.line(self.summary, self.skipped)


def total_line(outcomes: list[Outcome]) -> str:
    return summary.total_line(len(outcomes), [o.course_dir for o in outcomes if o.error])


def find_courses(paths: list[Path]) -> list[Path]:
    """Course folders named directly, or the course folders inside a folder of courses."""
    found = []
    for path in paths:
        if (path / "course.yaml").is_file() or not path.is_dir():
            found.append(path)
            continue
        inner = sorted(p for p in path.iterdir() if (p / "course.yaml").is_file())
        if not inner:
            raise UsageError(_("{path}: neither a course (no course.yaml) nor a folder of courses").format(path=path))
        found += inner
    return found


def build_one(course_dir: Path, out_dir: Path, force: bool = False, fmt: str = "scorm") -> Outcome:
    zips = fmt == "scorm"  # a web folder is always written again (its stamps would be the zips')
    if not force and zips:
        started, wall = time.perf_counter(), time.time()
        recorded = incremental.up_to_date(course_dir, out_dir)
        if recorded is not None:  # this run's own time, not the timings of the build that made the zip
            remove_leftovers(out_dir, wall)  # a build does it too; an up-to-date answer must not skip it
            return Outcome(str(course_dir), {**recorded, "seconds": time.perf_counter() - started, "phases": {}},
                           skipped=True)
    from .pipeline import build  # the heavy imports happen here, only when there is work to do

    inputs = incremental.fingerprint(course_dir) if Path(course_dir).is_dir() else {}
    try:
        try:
            result = build(course_dir, out_dir, reuse=not force, fmt=fmt)
        except OSError as exc:  # every write is guarded; this is the net for a read the disk refused
            raise FileSystemError(exc.filename or course_dir, exc, N_("cannot read or write it")) from None
    except ScormBuilderError as error:
        found = [asdict(d) for d in getattr(error, "diagnostics", [])]
        return Outcome(str(course_dir), error=str(error), exit_code=error.exit_code, diagnostics=found)
    done = result.as_dict()
    if zips:
        incremental.record(course_dir, out_dir, inputs, done)
    return Outcome(str(course_dir), done)


def _worker(language: str) -> None:
    """The cores are taken by the builds running side by side: none of them starts a helper process. Messages
    are in the language of the command that started the workers."""
    from . import helper

    helper.enabled = False
    i18n.set_language(language)


def build_many(course_dirs: list[Path], out_dir: Path, jobs: int = 0, force: bool = False,
               fmt: str = "scorm") -> list[Outcome]:
    """Build each course; `jobs` processes at once (0: one per core). Results in the order given."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(course_dirs) == 1:
        return [build_one(c, out_dir, force, fmt) for c in course_dirs]
    from concurrent.futures import ProcessPoolExecutor

    n = len(course_dirs)
    with ProcessPoolExecutor(max_workers=min(jobs, n), initializer=_worker,
                             initargs=(i18n.language(),)) as pool:
        return list(pool.map(build_one, course_dirs, [out_dir] * n, [force] * n, [fmt] * n))
