"""The build, top to bottom: load -> validate -> render -> manifest -> package. Nothing is written before
every check has passed."""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import check, suspend
from .cache import FOLDER as CACHE_FOLDER, BuildCache
from .leftovers import remove_leftovers
from .errors import CourseError, Diagnostic, PackageError
from .i18n import _
from .loader import load_course
from .manifest import CONTROLLING_XSDS, build_manifest
from .model import Course
from .package import write_zip
from .paths import XSD_DIR
from .plan import PackagePlan, plan
from .render import Rendered, render
from .site import write_site
from .validate import media_kind

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    course_id: str
    packages: list[Path]
    pages: int
    questions: int
    files: int
    size: int
    seconds: float
    suspend_data_max: int
    warnings: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)  # seconds spent in each step, for --verbose

    def as_dict(self) -> dict:
        data = asdict(self)
        data["packages"] = [str(p) for p in self.packages]
        return data


def build(course_dir: Path, out_dir: Path, reuse: bool = True, cache_dir: Path | None = None,
          fmt: str = "scorm") -> BuildResult:
    """Build the course in `course_dir` into SCORM 1.2 zip(s) in `out_dir`, or with fmt="web" into the folder
    OUT/<id>-<version>-web/ (site.py). With `reuse`, what an earlier build parsed, rendered or wrote is not done
    again when its input is the same; that is remembered in `cache_dir` (default: OUT/.scorm-builder/cache/)."""
    course_dir, out_dir = Path(course_dir), Path(out_dir)
    _remove_stale(out_dir, cache_dir, time.time())
    cache = BuildCache(cache_dir or out_dir / CACHE_FOLDER, course_dir, enabled=reuse)
    with _no_cycle_collection():
        return _build(course_dir, out_dir, cache, fmt)


def _remove_stale(out_dir: Path, cache_dir: Path | None, started: float) -> None:
    """What builds stopped by kill -9 left behind: their `.part` files (never one still being written)."""
    for path in remove_leftovers(out_dir, started, cache_dir):
        log.info("removed %s, left by a build that was stopped", path)


@contextmanager
def _no_cycle_collection():
    """A build makes hundreds of thousands of small objects and almost no cycles; Python's cycle collector
    would walk them all again and again (a third of a large build's load time) to free nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(course_dir: Path, out_dir: Path, cache: BuildCache, fmt: str) -> BuildResult:
    started = time.perf_counter()
    clock = _Phases()
    course = clock("load and validate", load_course, course_dir, cache)
    if fmt == "web":  # one launch page for the whole course, whatever its packaging
        course = replace(course, packaging_mode="single-sco")
    plans = plan(course)
    worst, warnings = clock("suspend_data bound", _check_suspend_data, course, plans)
    warnings += _todo_alts(course) + _uncaptioned(course)
    outputs = clock("render", render, course, course_dir, plans, cache)
    warnings += [str(w) for out in outputs for w in out.warnings]  # misnamed pictures, SVG made static, ...
    if fmt == "web":
        dest = out_dir / f"{course.id}-{course.version}-web"
        packages, size = [dest], clock("write folder", write_site, dest, outputs[0].texts, outputs[0].media)
    else:
        packages, size = _zips(course, outputs, out_dir, cache, clock)
        warnings += _over_upload_limit(course, packages)
    cache.save()
    log.info("%s", cache.report())
    return BuildResult(
        course_id=course.id, packages=packages,
        pages=sum(len(m.pages) for m in course.modules) + bool(course.closing),
        questions=sum(len(q.questions) for q in course.quizzes),
        files=sum(len(o.texts) + len(o.media) for o in outputs), size=size,
        seconds=time.perf_counter() - started, suspend_data_max=worst, warnings=warnings, phases=clock.spent,
    )


def _zips(course: Course, outputs: list[Rendered], out_dir: Path, cache: BuildCache, clock) -> tuple[list[Path], int]:
    for out in outputs:
        clock("manifest", _add_manifest, course, out)
    packages, size = [], 0
    for out in outputs:
        dest = out_dir / out.plan.name
        size += clock("package and check", _package, dest, out, cache)
        packages.append(dest)
    return packages, size


class _Phases:
    """Runs each step and adds up the time it takes, by name."""

    def __init__(self):
        self.spent: dict[str, float] = {}

    def __call__(self, name: str, step, *args, **kwargs):
        start = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            self.spent[name] = self.spent.get(name, 0.0) + time.perf_counter() - start


def _check_suspend_data(course: Course, plans: list[PackagePlan]) -> tuple[int, list[str]]:
    worst = 0
    problems = []
    severity = "error" if course.suspend_limit == "error" else "warning"
    hint = (_("draw fewer questions, shorten ids or split the course (packaging.mode: sco-per-module), or set "
              "packaging.suspend_data_limit: warn") if severity == "error" else
            _("draw fewer questions, shorten ids or split the course (packaging.mode: sco-per-module)"))
    for sco in (s for p in plans for s in p.scos):
        length = suspend.worst_case(sco)
        worst = max(worst, length)
        if length > suspend.LIMIT:
            problems.append(Diagnostic(
                course.loc.file, 1, 1, "packaging",
                _("progress data of '{id}' can reach {length} characters, over SCORM 1.2's {limit}").format(
                    id=sco.id, length=length, limit=suspend.LIMIT),
                hint, severity))
    if problems and severity == "error":
        raise CourseError(problems)
    return worst, [str(p) for p in problems]


def _todo_alts(course: Course) -> list[str]:
    """A picture described as TODO (what `scorm-builder import` writes when the source had no alt text) builds,
    so the course can be tried at once, but every build says what is left to describe."""
    return [str(Diagnostic(m.loc.file, m.loc.line, m.loc.col, "alt", _("the picture '{src}' is not described yet").format(
        src=m.src),
                           _("replace TODO with what it shows, for learners who cannot see it"), "warning"))
            for page in course.pages for m in page.media if m.alt.strip() == "TODO"]


def _uncaptioned(course: Course) -> list[str]:
    """A video without captions fails WCAG 2.1 1.2.2 (level A): deaf learners get nothing of what is said."""
    videos = [(m.src, m.captions, m.loc) for page in course.pages for m in page.media if media_kind(m.src) == "video"]
    videos += [(b.get("src"), b.get("captions", ()), b.loc) for page in course.pages for b in page.blocks
               if b.type == "video"]
    return [str(Diagnostic(loc.file, loc.line, loc.col, "captions", _("the video '{src}' has no captions").format(
        src=src),
                           _("add 'captions: {{{language}: PATH.vtt}}' (WebVTT) so that learners who cannot hear it "
                             "can read it").format(language=course.language), "warning"))
            for src, captions, loc in videos if not captions]


def _over_upload_limit(course: Course, packages: list[Path]) -> list[str]:
    """Moodle refuses a file over its upload limit with a message that does not name the setting to change."""
    limit = course.upload_limit * 2**20
    return [str(Diagnostic(
        course.loc.file, 1, 1, "packaging",
        _("{name} is {size:.1f} MiB, over the upload limit of {limit} MiB").format(
            name=p.name, size=p.stat().st_size / 2**20, limit=course.upload_limit),
        _("ask the Moodle administrator to raise 'Maximum uploaded file size' (Site administration > Security > "
          "Site security settings; the course's 'Maximum upload size' and PHP's upload_max_filesize too), or make "
          "the media smaller; packaging.upload_limit sets the size this warning starts at"), "warning"))
        for p in packages if p.stat().st_size > limit]


def _package(dest: Path, out: Rendered, cache: BuildCache) -> int:
    """Write the zip, unless the one already there was written from the very same files."""
    digest = _digest(out)
    if cache.package_unchanged(dest, digest):
        log.info("unchanged %s", dest)
        return dest.stat().st_size
    size = write_zip(dest, out.texts, out.media, verify=_verify)
    log.info("wrote %s", dest)
    cache.keep_package(dest, digest)
    return size


def _digest(out: Rendered) -> str:
    h = hashlib.sha1(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for name in sorted(out.texts):
        h.update(f"\0{name}\0".encode() + hashlib.sha1(out.texts[name]).digest())
    for name in sorted(out.media):
        st = out.media[name].stat()
        h.update(f"\0{name}\0{out.media[name]}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _verify(zip_path: Path) -> None:
    """The same checks `scorm-builder check` runs on anyone's package: ours must pass them all."""
    errors = check.check(zip_path).errors
    if errors:
        raise PackageError(_("the package failed its own check: {errors}").format(
            errors="; ".join(str(e) for e in errors)))


def _add_manifest(course: Course, out: Rendered) -> None:
    """The manifest, and the schemas it names, at the package root."""
    shared = [name for name in list(out.texts) + list(out.media)
              if name not in {s.href for s in out.plan.scos}]
    for name in CONTROLLING_XSDS:
        out.texts[name] = (XSD_DIR / name).read_bytes()
    out.texts["imsmanifest.xml"] = build_manifest(course, out.plan, shared)
