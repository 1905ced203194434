"""`check` cannot be lied to: launch hrefs that are no file of the package, zips whose headers do not tell what
they hold, duplicate names, and paths that are no regular file (a pipe, a device, a folder). `diff` checks both
packages and never calls a replacement safe when `check` refuses one of them."""
from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, SAMPLE
from scorm_builder import build
from scorm_builder.check import check
from scorm_builder.cli import main
from scorm_builder.diff import diff
from scorm_builder.errors import UsageError

GiB = 1 << 30
MANIFEST = b"<manifest/>"


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> Path:
    return build(SAMPLE, tmp_path_factory.mktemp("ours")).packages[0]


def errors(report) -> dict[str, str]:
    """The errors by code, but active content: a launch page that a lie stops launching is an active file of the
    package and reported as such (tests/test_active_content.py), beside the lie itself."""
    return {f.code: f.message for f in report.errors if f.code != "active-content"}


# A zip written by hand, so that its headers can say what they like ----------------------------------------------

def _entry(name: str, data: bytes, method: int, crc: int, size: int, local_size: int | None = None,
           local_name: str | None = None) -> tuple[bytes, tuple]:
    """(local header + data, fields for the central directory)."""
    raw = name.encode()
    local = struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data),
                        size if local_size is None else local_size, len((local_name or name).encode()), 0)
    return local + (local_name or name).encode() + data, (raw, method, crc, len(data), size)


def raw_zip(path: Path, entries: list[tuple[bytes, tuple]], inside: int | None = None) -> Path:
    """The entries one after the other, then their central directory. With `inside`: the entry of that index is
    not written again; its directory record points into the data of the entry before it, which holds it."""
    body, central, at = b"", b"", []
    for index, (blob, _) in enumerate(entries):
        if index == inside:
            at.append(len(body) - len(blob))
            continue
        at.append(len(body))
        body += blob
    for (_, (raw, method, crc, csize, size)), offset in zip(entries, at):
        central += struct.pack("<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, csize, size,
                               len(raw), 0, 0, 0, 0, 0o644 << 16, offset) + raw
    end = struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(body), 0)
    path.write_bytes(body + central + end)
    return path


def stored(name: str, data: bytes, **kw) -> tuple[bytes, tuple]:
    return _entry(name, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data), **kw)


def deflated_zeros(total: int) -> bytes:
    """Raw deflate of `total` zero bytes (a multiple of 1 MiB), made from one compressed MiB repeated: a full
    flush ends each MiB on a byte boundary with a fresh dictionary, so the copies chain into one stream."""
    one = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = one.compress(bytes(1 << 20)) + one.flush(zlib.Z_FULL_FLUSH)
    return block * (total >> 20) + b"\x03\x00"  # an empty final block


def size_lie(path: Path) -> Path:
    """The attack: 2 GiB of zeros declared (in both headers) as 1,000 bytes, with the CRC of those 1,000 bytes,
    so that a reader trusting the declared size finds nothing wrong."""
    data = deflated_zeros(2 * GiB)
    lie = _entry("media/clip.mp4", data, zipfile.ZIP_DEFLATED, zlib.crc32(bytes(1000)), 1000)
    return raw_zip(path, [stored("imsmanifest.xml", MANIFEST), lie])


def _judged_apart(path: Path) -> dict:
    """check() in a process of its own: its codes, messages, time and peak memory (VmHWM: Linux carries ru_maxrss
    across exec, so a child of pytest would start at pytest's peak)."""
    script = ("import json, re, time\nfrom scorm_builder.check import check\nt = time.perf_counter()\n"
              f"r = check({str(path)!r})\n"
              "print(json.dumps({'codes': sorted({f.code for f in r.errors}), 'seconds': time.perf_counter() - t,"
              " 'messages': [str(f) for f in r.errors],"
              " 'peak_mib': int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) / 1024}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def _lying(kind: str, tmp_path: Path, ours: Path) -> Path:
    if kind == "size-lie":
        return size_lie(tmp_path / "lie.zip")
    if kind == "duplicate-name":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it writes
            return _with_manifest(ours, tmp_path / "x.zip", b"</resources>", b"</resources>",
                                  extra={"index.html": b"<!doctype html><title>other</title>"})
    href = b"javascript:alert(document.cookie)" if kind == "launch-script" else b"https://evil.example/c.html"
    return _with_manifest(ours, tmp_path / "x.zip", LAUNCH, b'href="' + href + b'"')


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from /proc")
@pytest.mark.parametrize("kind,message", [
    ("size-lie", "declared as 1000 bytes, it unpacks to more"),
    ("launch-script", "the launch href is a script, not a file"),
    ("launch-remote", "the launch href points to another site"),
    ("duplicate-name", "index.html: error: two entries have this name"),
])
def test_each_lie_is_refused_fast_and_in_bounded_memory(tmp_path, ours, kind, message):
    path = _lying(kind, tmp_path, ours)
    if kind == "size-lie":
        with zipfile.ZipFile(path) as zf, zf.open("media/clip.mp4") as entry:  # as the old check read it:
            assert entry.read(2000) == bytes(1000)  # 1,000 good bytes, CRC and all
    out = _judged_apart(path)
    print(f"\n{kind}: {out['codes']} in {out['seconds']:.3f} s, peak {out['peak_mib']:.0f} MiB")
    # a launch page that is no longer launched is an active file of the package: reported too (test_active_content)
    assert [c for c in out["codes"] if c != "active-content"] == [kind]
    assert any(message in m for m in out["messages"])
    assert out["seconds"] < 5 and out["peak_mib"] < 150  # the bounds of the other hostile zips (test_check.py)


@pytest.mark.parametrize("change,code,message", [
    ({"local_size": 5}, "header-mismatch", "size 5 in the local header, 4 in the central directory"),
    ({"local_name": "b.html"}, "header-mismatch", "the local header names it 'b.html'"),
], ids=["size", "name"])
def test_local_header_and_central_directory_must_agree(tmp_path, change, code, message):
    path = raw_zip(tmp_path / "x.zip", [stored("imsmanifest.xml", MANIFEST), stored("a.html", b"page", **change)])
    assert errors(check(path)) == {code: message}


def test_a_stored_entry_with_two_sizes_is_a_lie(tmp_path):
    data = b"0123456789"
    odd = _entry("a.html", data, zipfile.ZIP_STORED, zlib.crc32(data), 4)
    assert errors(check(raw_zip(tmp_path / "x.zip", [stored("imsmanifest.xml", MANIFEST), odd]))) == {
        "size-lie": "declared as 4 bytes, it is stored uncompressed in 10 bytes"}


def test_a_deflate_stream_shorter_than_declared_is_a_lie(tmp_path):
    data = zlib.compress(b"x" * 100)[2:-4]  # raw deflate
    odd = _entry("a.html", data, zipfile.ZIP_DEFLATED, zlib.crc32(b"x" * 100), 5000)
    assert errors(check(raw_zip(tmp_path / "x.zip", [stored("imsmanifest.xml", MANIFEST), odd]))) == {
        "size-lie": "declared as 5000 bytes, it unpacks to 100"}


def test_entries_that_share_their_bytes_are_refused(tmp_path):
    """The way non-recursive zip bombs reuse one compressed kernel: here b.html's whole entry is a.html's data."""
    inner = stored("b.html", b"inner page")
    outer = stored("a.html", inner[0])
    path = raw_zip(tmp_path / "x.zip", [stored("imsmanifest.xml", MANIFEST), outer, inner], inside=2)
    with zipfile.ZipFile(path) as zf:  # both read back well one by one
        assert zf.read("b.html") == b"inner page" and zf.read("a.html") == inner[0]
    assert errors(check(path)) == {"overlapping-entries": "shares its bytes with 'a.html'"}


def _with_manifest(package: Path, dest: Path, old: bytes, new: bytes, extra: dict | None = None) -> Path:
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "imsmanifest.xml":
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return dest


LAUNCH = b'href="index.html"'


@pytest.mark.parametrize("href,code,message", [
    (b"javascript:alert(document.domain)", "launch-script", "the launch href is a script, not a file"),
    (b" JavaScript:alert(1)", "launch-script", "the launch href is a script, not a file"),
    (b"java&#9;script:alert(1)", "launch-script", "the launch href is a script, not a file"),
    (b"https://evil.example/course.html", "launch-remote", "points to another site"),
    (b"//evil.example/course.html", "launch-remote", "points to another site"),
    (b"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;", "launch-data", "is a data: URL"),
    (b"lesson.html", "missing-file", "the launch file is not in the zip"),
    (b"", "launch-no-href", "no launch file (href)"),
], ids=["javascript", "spaced-case", "tab", "https", "protocol-relative", "data", "missing", "empty"])
def test_a_launch_href_must_be_a_file_of_the_package(ours, tmp_path, href, code, message):
    spoiled = _with_manifest(ours, tmp_path / "x.zip", LAUNCH, b'href="' + href + b'"')
    report = check(spoiled)
    assert set(errors(report)) - {"xsd"} == {code}  # a tab is no valid anyURI either
    assert message in errors(report)[code] and "'ITEM-sample-course'" in errors(report)[code]
    result = CliRunner().invoke(main, ["check", str(spoiled)])
    assert result.exit_code == 1 and "NOT READY" in result.output and message in result.output


@pytest.mark.parametrize("href", [b"my%20page.html?mode=1#top", b"my page.html", b" my page.html#top"])
def test_a_launch_href_with_a_query_or_escapes_names_its_file(ours, tmp_path, href):
    spoiled = _with_manifest(ours, tmp_path / "x.zip", LAUNCH, b'href="' + href + b'"',
                             extra={"my page.html": b"<!doctype html><title>x</title>"})
    assert errors(check(spoiled)) == {}


@pytest.mark.parametrize("second,code", [("index.html", "duplicate-name"), ("INDEX.html", "duplicate-name-case")])
def test_duplicate_names_are_refused_case_insensitively_too(ours, tmp_path, second, code):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it writes
        spoiled = _with_manifest(ours, tmp_path / "x.zip", b"</resources>", b"</resources>",
                                 extra={second: b"<!doctype html><title>other</title>"})
    found = errors(check(spoiled))
    assert found[code] == ("two entries have this name" if code == "duplicate-name"
                           else "differs from 'index.html' only in case")
    result = CliRunner().invoke(main, ["check", str(spoiled)])
    assert result.exit_code == 1 and f"{second}: error: " in result.output


# Only regular files -------------------------------------------------------------------------------------------

def _run(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scorm_builder", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_check_and_diff_refuse_a_fifo_at_once(tmp_path, ours):
    fifo = tmp_path / "package.zip"
    os.mkfifo(fifo)
    for args in (["check", str(fifo)], ["diff", str(fifo), str(ours)], ["diff", str(ours), str(fifo)]):
        result = _run(*args)  # the old check blocked here forever, waiting for a writer
        assert result.returncode == 2, result
        assert result.stderr.strip() == f"{fifo}: a pipe (FIFO), not a zip file (give the path of the package itself)"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_check_and_diff_refuse_a_link_to_a_device(tmp_path, ours):
    link = tmp_path / "package.zip"
    link.symlink_to("/dev/zero")
    for args in (["check", str(link)], ["diff", str(ours), str(link)]):
        result = _run(*args)  # the old check read /dev/zero until memory ran out
        assert result.returncode == 2 and "a device, not a zip file" in result.stderr, result
        assert "Traceback" not in result.stderr


def test_a_folder_is_refused_by_the_library_and_by_diff(tmp_path, ours):
    folder = tmp_path / "package.zip"
    folder.mkdir()
    with pytest.raises(UsageError, match="a folder, not a zip file"):
        check(folder)
    result = CliRunner().invoke(main, ["diff", str(folder), str(ours)])
    assert result.exit_code == 2 and "is a directory" in result.output


# diff never calls a broken package safe ----------------------------------------------------------------------

@pytest.mark.parametrize("href,why", [(b"javascript:alert(1)", "is a script"), (b"https://evil.example/c.html",
                                                                                "points to another site"),
                                      (b"gone.html", "not in the zip")], ids=["javascript", "remote", "missing"])
def test_diff_is_not_safe_when_a_package_is_not_ready(ours, tmp_path, href, why):
    spoiled = _with_manifest(ours, tmp_path / "x.zip", LAUNCH, b'href="' + href + b'"')
    report = diff(ours, spoiled)
    assert not report.safe and report.verdict == "NOT SAFE: the new package is not ready for Moodle"
    # the launch lie, and index.html, now launched by nothing, reported as an active file (test_active_content)
    assert report.not_ready and all(line.startswith(f"new package {spoiled}: ") for line in report.not_ready)
    assert any(why in line for line in report.not_ready)
    both = diff(spoiled, spoiled)
    assert both.verdict == "NOT SAFE: the old and new packages are not ready for Moodle"
    result = CliRunner().invoke(main, ["diff", "--json", str(spoiled), str(ours)])
    assert result.exit_code == 1
    found = json.loads(result.output)
    assert found["safe"] is False and found["not_ready"][0].startswith(f"old package {spoiled}: ")
