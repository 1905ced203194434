"""Builds at once into one dist/, and builds interrupted while they write: never a partial or broken package,
never a temporary file left behind, and an interrupted build leaves the previous package as it was.

A package is written to `.<name>.<random>.part` beside its destination and renamed into place (package.py), so
readers only ever see a complete zip. The figures are printed (`pytest -s tests/test_concurrency.py`).
"""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT, SAMPLE, copy_course, edit
from scorm_builder.check import check

N = 8


def start_build(course: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "scorm_builder", "build", str(course), "-o", str(out), "--force"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err


def assert_sound(dist: Path, expected_zips: int) -> list[Path]:
    zips = sorted(dist.glob("*.zip"))
    assert len(zips) == expected_zips, [p.name for p in dist.iterdir()]
    for package in zips:
        with zipfile.ZipFile(package) as zf:
            assert zf.testzip() is None, package
        assert not check(package).errors, package
    leftovers = [p.name for p in dist.rglob("*") if p.name.endswith(".part") or p.name.startswith(".tmp")]
    assert leftovers == [], leftovers
    return zips


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_eight_different_courses_built_at_once_into_one_folder(tmp_path):
    dist = tmp_path / "dist"
    courses = []
    for i in range(N):
        course = copy_course(SAMPLE, tmp_path / f"course-{i}")
        edit(course / "course.yaml", "id: sample-course", f"id: sample-course-{i}")
        courses.append(course)
    started = time.perf_counter()
    finish([start_build(course, dist) for course in courses])
    zips = assert_sound(dist, N)
    print(f"\n{N} different courses at once: {len(zips)} valid zips, no .part left, "
          f"{time.perf_counter() - started:.1f} s")


def test_eight_builds_of_one_course_at_once_while_a_reader_watches(tmp_path):
    """Eight processes replace the same zip again and again; a reader opening it meanwhile always finds a whole,
    valid zip, and the last one standing is byte for byte the one a lone build makes."""
    course = copy_course(SAMPLE, tmp_path / "course")
    alone = tmp_path / "alone"
    finish([start_build(course, alone)])
    reference = sha(next(alone.glob("*.zip")))

    dist = tmp_path / "dist"
    dist.mkdir()
    target = dist / "sample-course-1.0.zip"
    stop = threading.Event()
    reads: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                data = target.read_bytes()
            except FileNotFoundError:
                continue
            reads.append(hashlib.sha256(data).hexdigest())

    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        finish([start_build(course, dist) for _ in range(N)])
    finally:
        stop.set()
        watcher.join()
    [package] = assert_sound(dist, 1)
    assert sha(package) == reference
    assert reads and set(reads) == {reference}, "a reader saw a partial or different zip"
    print(f"\n{N} builds of one course at once: 1 valid zip identical to a lone build; "
          f"{len(reads)} reads during the builds, all complete")


@pytest.fixture(scope="module")
def big_course(tmp_path_factory) -> Path:
    """The sample course with 96 MiB of incompressible media, so that writing its zip takes a while."""
    course = copy_course(SAMPLE, tmp_path_factory.mktemp("big") / "course")
    for i in range(3):
        (course / "media" / f"data-{i}.dat").write_bytes(os.urandom(32 * 1024 * 1024))
    edit(course / "modules" / "practice.yaml", "      First agree on a vision",
         "    media:\n" + "".join(f"      - src: media/data-{i}.dat\n" for i in range(3)) + "    body: |\n"
         "      First agree on a vision")
    edit(course / "modules" / "practice.yaml", "    body: |\n    media:", "    media:")
    return course


def build_under_way(course, dist):
    """A build of `course` into `dist` that has written 8 MiB of its .part file: (process, that file or None)."""
    process = start_build(course, dist)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        parts = list(dist.glob(".*.part"))
        if parts and parts[0].stat().st_size > 8 * 1024 * 1024:
            return process, parts[0]
        time.sleep(0.01)
    return process, None


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_keeps_the_previous_package_and_leaves_no_part_file(big_course, tmp_path, signum):
    dist = tmp_path / "dist"
    finish([start_build(SAMPLE, dist)])  # the previous package: same id and version, so the same zip name
    [previous] = dist.glob("*.zip")
    before = sha(previous)

    process, part = build_under_way(big_course, dist)
    assert part is not None, "the build ended before it could be interrupted; make the course bigger"
    written = part.stat().st_size
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)

    assert process.returncode != 0
    assert "Traceback" not in err, err
    assert sha(previous) == before, "the previous package was changed"
    assert sorted(p.name for p in dist.iterdir() if p.name != ".scorm-builder") == [previous.name]
    print(f"\n{signal.Signals(signum).name} after {written / 2 ** 20:.0f} MiB of the new zip were written: "
          f"exit {process.returncode}, previous package intact, no .part left")


def test_a_build_killed_outright_leaves_a_part_file_that_the_next_build_removes(big_course, tmp_path):
    """SIGKILL gives a build no chance to clean up; the next build into the folder does it, knowing the file is
    no other build's: older than its own start and locked by no process."""
    dist = tmp_path / "dist"
    finish([start_build(SAMPLE, dist)])
    [previous] = dist.glob("*.zip")
    before = sha(previous)

    process, part = build_under_way(big_course, dist)
    assert part is not None, "the build ended before it could be killed; make the course bigger"
    process.kill()
    process.communicate(timeout=60)
    assert part.exists() and sha(previous) == before

    finish([start_build(SAMPLE, dist)])
    assert not part.exists()
    assert_sound(dist, 1)
    print(f"\nSIGKILL left {part.name}; the next build removed it, previous package intact")
