"""Disk and file-system faults while building: a full disk, a read-only file system, no permission, a folder
where the zip goes, a file where the output folder goes, too many open files, a damaged build cache, and the
`.part` files a build killed outright leaves. Each ends in one message naming the path and what to do (exit 3,
no traceback), the previous package is kept and no `.part` file is left.

The full-disk and read-only tests mount a small tmpfs, which needs root; they are skipped otherwise (the
read-only test then falls back to a folder without write permission)."""
from __future__ import annotations

import errno
import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, SAMPLE, copy_course, edit
from scorm_builder import build, leftovers, package
from scorm_builder.cache import FOLDER
from scorm_builder.cli import main
from scorm_builder.errors import FileSystemError
from scorm_builder.incremental import STAMPS

ZIP = "sample-course-1.0.zip"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run_build(course: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["build", str(course), "-o", str(out), *extra])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def part_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".part"))


def assert_one_clean_message(result, *parts: str) -> None:
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for part in parts:
        assert part in lines[0], lines[0]


def _mount(folder: Path, options: str) -> None:
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True,
                          text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")


def _unmount(folder: Path) -> None:
    if subprocess.run(["umount", str(folder)], capture_output=True).returncode:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB file system of its own."""
    if not IS_ROOT:
        pytest.skip("mounting a 1 MiB tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount(disk, "size=1m")
    yield disk
    _unmount(disk)


@pytest.fixture
def course(tmp_path) -> Path:
    return copy_course(SAMPLE, tmp_path / "course")


def add_media(course: Path, size: int) -> None:
    """Random bytes (which no compression shrinks), shown on the first page of the practice module."""
    (course / "media" / "big.dat").write_bytes(os.urandom(size))
    edit(course / "modules" / "practice.yaml", "    body: |\n      First agree",
         "    media:\n      - src: media/big.dat\n    body: |\n      First agree")


def test_a_full_disk_keeps_the_previous_package_and_leaves_no_part_file(small_disk, course):
    assert run_build(course, small_disk).exit_code == 0
    previous = small_disk / ZIP
    before = sha(previous)
    add_media(course, 2 * 1024 * 1024)  # the new zip is twice the size of the disk
    result = run_build(course, small_disk)
    assert_one_clean_message(result, f"{previous}: error: cannot write the package: no space left on the device",
                             "(free some space on that disk, or write elsewhere with -o)",
                             "the previous package is kept")
    assert sha(previous) == before
    assert part_files(small_disk) == []
    (course / "media" / "big.dat").write_bytes(b"small now")  # once there is room, the next build goes through
    assert run_build(course, small_disk).exit_code == 0 and sha(previous) != before
    with zipfile.ZipFile(previous) as zf:
        assert zf.testzip() is None


@pytest.fixture
def read_only_out(tmp_path):
    """An output folder holding a package, that then cannot be written: a read-only tmpfs as root (EROFS), a
    folder without write permission otherwise (EACCES; root would ignore the permission)."""
    out = tmp_path / "out"
    out.mkdir()
    if IS_ROOT:
        _mount(out, "size=4m")
    state = {"out": out, "expected": "the file system is read-only" if IS_ROOT else "permission denied"}

    def lock() -> None:
        if IS_ROOT:
            subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        else:
            out.chmod(0o555)

    state["lock"] = lock
    yield state
    if IS_ROOT:
        _unmount(out)
    else:
        out.chmod(0o755)


@pytest.mark.parametrize("fmt", ["scorm", "web"])
def test_a_read_only_output_folder_keeps_the_previous_package(read_only_out, course, fmt):
    out = read_only_out["out"]
    assert run_build(course, out, "--format", fmt).exit_code == 0
    written = out / (ZIP if fmt == "scorm" else "sample-course-1.0-web") / ("" if fmt == "scorm" else "index.html")
    before = sha(written)
    read_only_out["lock"]()
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay fully independent.")
    result = run_build(course, out, "--format", fmt)
    assert_one_clean_message(result, f"{out}: error: cannot write there: {read_only_out['expected']}",
                             f"the previous {'package' if fmt == 'scorm' else 'folder'} is kept")
    assert sha(written) == before and part_files(out) == []


def test_a_folder_where_the_zip_goes_is_left_alone(course, tmp_path):
    out = tmp_path / "out"
    (out / ZIP / "inside").mkdir(parents=True)
    result = run_build(course, out)
    assert_one_clean_message(result, f"{out / ZIP}: error: cannot write the package: a folder of that name is in "
                                     "the way (move or delete that folder, or write elsewhere with -o); "
                                     "nothing was written")
    assert (out / ZIP / "inside").is_dir() and part_files(out) == []


def test_a_file_where_the_output_folder_goes(course, tmp_path):
    (tmp_path / "dist").write_text("not a folder")
    result = run_build(course, tmp_path / "dist" / "sub")
    assert_one_clean_message(result, "error: cannot write there: a file is in the way where a folder should be",
                             "(-o must name a folder, or a new one)")


@pytest.mark.parametrize("where", ["zip", "media"])
def test_too_many_open_files(course, tmp_path, monkeypatch, where):
    """EMFILE cannot be caused reliably in a test process; it is raised where the build opens files."""
    def refuse(*args, **kwargs):
        raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))

    if where == "zip":
        monkeypatch.setattr(package.tempfile, "mkstemp", refuse)
    else:
        monkeypatch.setattr(package, "open", refuse, raising=False)
    result = run_build(course, tmp_path / "out")
    assert_one_clean_message(result, "too many open files (close other programs, or raise the limit (ulimit -n))",
                             "cannot write there" if where == "zip" else "media/dot.png: error: cannot read it")
    assert not (tmp_path / "out" / ZIP).exists() and part_files(tmp_path / "out") == []


@pytest.mark.parametrize("code,what", [
    (errno.ENOSPC, "no space left on the device"), (errno.EROFS, "the file system is read-only"),
    (errno.EACCES, "permission denied"), (errno.EISDIR, "a folder of that name is in the way"),
    (errno.ENOTDIR, "a file is in the way where a folder should be"), (errno.EMFILE, "too many open files"),
    (errno.EIO, "input/output error"), (errno.ENXIO, os.strerror(errno.ENXIO)),
])
def test_each_fault_says_what_happened_and_what_to_do(code, what):
    error = FileSystemError("dist/x.zip", OSError(code, os.strerror(code)), "cannot write the package",
                            "the previous package is kept")
    assert str(error).startswith(f"dist/x.zip: error: cannot write the package: {what} (")
    assert str(error).endswith("); the previous package is kept") and error.exit_code == 3


# The build's memory: damaged entries are ignored and replaced, never fatal -------------------------------------

def test_cache_entries_that_are_folders_are_replaced_and_never_fatal(course, tmp_path, caplog):
    out = tmp_path / "out"
    assert run_build(course, out).exit_code == 0
    entries = [p for p in (out / FOLDER).iterdir()] + list((out / STAMPS).glob("*.json"))
    assert len(entries) >= 6  # 4 YAML files, the Markdown, the package, and the file stamps
    for path in entries:
        path.unlink()
        (path / "inside").mkdir(parents=True)
    edit(course / "modules" / "basics.yaml", "stay independent.", "stay fully independent.")
    with caplog.at_level(logging.WARNING):
        result = run_build(course, out)
    assert result.exit_code == 0, result.output  # it used to exit 1 with a traceback, the zip written
    assert "Traceback" not in result.output
    damaged = [r.getMessage() for r in caplog.records if "damaged build cache entry ignored" in r.getMessage()]
    assert damaged and all("; it is replaced" in m for m in damaged)
    assert sha(out / ZIP) == sha(build(course, tmp_path / "cold", reuse=False).packages[0])
    assert part_files(out) == []  # each failed replacement used to leave a .part file behind
    assert all(p.is_file() for p in (out / FOLDER).iterdir())
    assert all(p.is_file() for p in (out / STAMPS).glob("*.json"))
    assert "up to date" in run_build(course, out).output


def test_a_cache_that_is_a_file_costs_time_not_the_build(course, tmp_path, caplog):
    out = tmp_path / "out"
    (out / FOLDER).parent.mkdir(parents=True)
    (out / FOLDER).write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        result = run_build(course, out)
    assert result.exit_code == 0 and (out / ZIP).is_file()
    assert [r.getMessage() for r in caplog.records if "build cache not written" in r.getMessage()] != []
    assert part_files(out) == []


# What a build killed outright leaves ---------------------------------------------------------------------------

def _part(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"half a zip")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_part_files_are_removed_and_others_kept(course, tmp_path):
    out = tmp_path / "out"
    (out / FOLDER).mkdir(parents=True)
    stale = [_part(out, f".{ZIP}.a1b2c3d4.part", 3600), _part(out, ".other-course-2.0.zip.zz_9x8y7.part", 60),
             _part(out / STAMPS, "0123456789abcdef.json.4242.part", 60),
             _part(out / FOLDER, "yaml-0123456789abcdef0123-0123456789abcdef0123.4242.part", 60)]
    kept = [_part(out, "notes.part", 3600), _part(out, ".x.zip.part", 3600), _part(out, "report.zip", 3600)]
    if leftovers.fcntl is not None:  # a web build's folder (not cleaned where folders cannot be locked)
        web = out / ".sample-course-1.0-web.k3j4h5g6.part"
        (web / "media").mkdir(parents=True)
        _part(web / "media", "photo.png", 60)
        os.utime(web, (time.time() - 60,) * 2)
        stale.append(web)
    assert run_build(course, out).exit_code == 0
    assert [p.exists() for p in stale] == [False] * len(stale)
    assert all(p.exists() for p in kept)
    # the up-to-date answer, which starts no build, cleans too: through click, and answered before click loads
    again = _part(out, f".{ZIP}.e5f6g7h8.part", 60)
    assert "up to date" in run_build(course, out).output and not again.exists()
    again = _part(out / STAMPS, "0123456789abcdef.json.4343.part", 60)
    fast = subprocess.run([sys.executable, "-m", "scorm_builder", "build", str(course), "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    assert fast.returncode == 0 and "up to date" in fast.stdout and not again.exists()


@pytest.mark.skipif(leftovers.fcntl is None, reason="Windows: an open file cannot be deleted, no lock is needed")
def test_a_part_file_being_written_is_never_taken_for_a_stale_one(tmp_path):
    dest = tmp_path / ZIP
    with package.replaced_atomically(dest, "package") as (raw, tmp):
        raw.write(b"being written")
        os.utime(tmp, (time.time() - 3600,) * 2)  # a writer paused for an hour, checking its zip
        assert leftovers.remove_stale_parts(tmp_path, time.time()) == []
        young = _part(tmp_path, f".{ZIP}.abcdefgh.part", -60)  # written after this build started
        assert leftovers.remove_stale_parts(tmp_path, time.time()) == []
        young.unlink()
    assert dest.read_bytes() == b"being written" and part_files(tmp_path) == []
    lock, folder = leftovers.new_part(lambda: tempfile.mkdtemp(prefix=".sample-course-1.0-web.", suffix=".part",
                                                               dir=tmp_path), folder=True)
    os.utime(folder, (time.time() - 3600,) * 2)  # a web build filling its folder
    assert leftovers.remove_stale_parts(tmp_path, time.time()) == []
    os.close(lock)  # killed
    assert leftovers.remove_stale_parts(tmp_path, time.time()) == [folder]


@pytest.mark.skipif(leftovers.fcntl is None, reason="Windows: an open file cannot be deleted, no lock is needed")
def test_a_writer_never_keeps_a_file_that_a_cleaner_took(tmp_path):
    """The instant between making a `.part` file and locking it: a cleaner that found the file older than its
    own start may lock it first, then remove it. The writer sees that and makes another file."""
    fcntl = leftovers.fcntl
    taken = tmp_path / f".{ZIP}.abcdefgh.part"
    taken.write_bytes(b"")
    cleaner = os.open(taken, os.O_RDONLY)
    fcntl.flock(cleaner, fcntl.LOCK_EX | fcntl.LOCK_NB)
    writer = os.open(taken, os.O_WRONLY)
    assert not leftovers.claim(writer, taken)  # the cleaner holds it
    taken.unlink()
    os.close(cleaner)
    assert not leftovers.claim(writer, taken)  # the cleaner removed it: the lock is on a file no longer there
    made = iter([(writer, str(taken)), tempfile.mkstemp(prefix=f".{ZIP}.", suffix=".part", dir=tmp_path)])
    fd, path = leftovers.new_part(lambda: next(made))
    assert path != str(taken) and leftovers.remove_stale_parts(tmp_path, time.time() + 60) == []  # held
    os.close(fd)
    assert leftovers.remove_stale_parts(tmp_path, time.time() + 60) == [path]
