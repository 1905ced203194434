"""The preview serves media by seeking and streaming: byte ranges (how browsers play and seek audio and video)
and whole files alike, in bounded memory whatever the file's size and however many requests run at once.

The memory test runs the preview in a process of its own and reads that process's peak resident memory
(VmHWM, /proc/<pid>/status) before and after 8 parallel range requests on a 2 GiB sparse file, plus two whole-file
requests. The figures are printed (`pytest -s tests/test_preview_ranges.py`)."""
from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import ROOT, SAMPLE
from scorm_builder.preview import byte_range

SIZE = 2 << 30  # 2 GiB, sparse: it takes no room on the disk
MARK_AT = 1 << 30
BOUND_MIB = 32  # growth of the preview's peak memory allowed for all the requests together

SERVER = r"""
import json, signal, sys
from pathlib import Path
from scorm_builder.preview import PreviewServer

signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
server = PreviewServer(Path(sys.argv[1]), port=0).start()
try:
    build = server.state()["build"]
    package = build["scos"][0]["package"]
    big = server.site(str(build["generation"])) / package / "media" / "big.mp4"
    with open(big, "wb") as f:  # a sparse file, with a mark in its middle and at its end to check what is sent
        f.truncate(int(sys.argv[2]))
        f.seek(int(sys.argv[3]))
        f.write(b"MARK")
        f.seek(int(sys.argv[2]) - 4)
        f.write(b"END!")
    print(json.dumps({"port": int(server.url.rsplit(":", 1)[1].strip("/")),
                      "path": f"/b/{build['generation']}/{package}/media/big.mp4"}), flush=True)
    server.wait()
finally:
    server.stop()
"""


def peak_kib(pid: int) -> int:
    return int(re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())[1])


def get(port: int, path: str, headers: dict, keep: int | None = None) -> tuple[int, dict, bytes]:
    """Status, headers (with "seen": bytes received, "first": the first 64) and the body's last 64 bytes; with
    `keep`, only the body's first bytes are read (and returned), then the connection is dropped (a video element
    seeking elsewhere does this)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **headers})
    response = connection.getresponse()
    head = dict(response.getheaders())
    if keep is not None:
        body = response.read(keep)
        connection.close()
        return response.status, head, body
    body, first, seen = b"", b"", 0
    while True:
        piece = response.read(1 << 20)
        if not piece:
            break
        first = first or piece[:64]
        seen += len(piece)
        body = (body + piece)[-64:]  # the tail only: the client must not be what uses the memory
    connection.close()
    return response.status, {**head, "seen": seen, "first": first}, body


@pytest.fixture
def server():
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read the server's peak memory")
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(SAMPLE), str(SIZE), str(MARK_AT)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line, process.stderr.read()
        yield process, json.loads(line)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_parallel_range_requests_on_a_2_gib_file_stay_in_bounded_memory(server):
    process, where = server
    port, path = where["port"], where["path"]
    baseline = peak_kib(process.pid)
    ranges = [f"bytes={MARK_AT}-{MARK_AT + 99}", "bytes=-100", "bytes=0-99", f"bytes={SIZE - 100}-",
              f"bytes={MARK_AT - 50}-{MARK_AT + 49}", "bytes=1000-1099", "bytes=0-",  # read 1 MiB, then dropped
              f"bytes={MARK_AT}-{MARK_AT + (256 << 20) - 1}"]  # 256 MiB read in full
    results: dict[str, tuple] = {}

    def fetch(header: str) -> None:
        results[header] = get(port, path, {"Range": header}, keep=1 << 20 if header == "bytes=0-" else None)

    threads = [threading.Thread(target=fetch, args=(r,)) for r in ranges]
    threads += [threading.Thread(target=lambda: results.setdefault("whole", get(port, path, {}, keep=4 << 20)))
                for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    grown_mib = (peak_kib(process.pid) - baseline) / 1024
    print(f"\npreview: 8 range requests and 2 whole-file requests on a 2 GiB file at once: peak memory "
          f"{baseline / 1024:.0f} MiB before, +{grown_mib:.1f} MiB during (bound: {BOUND_MIB} MiB)")

    status, head, body = results[f"bytes={MARK_AT}-{MARK_AT + 99}"]
    assert status == 206 and head["Content-Range"] == f"bytes {MARK_AT}-{MARK_AT + 99}/{SIZE}"
    assert head["Content-Length"] == "100" and head["seen"] == 100 and head["first"][:4] == b"MARK"
    assert results["bytes=-100"][2][-4:] == b"END!" and results[f"bytes={SIZE - 100}-"][2][-4:] == b"END!"
    around = results[f"bytes={MARK_AT - 50}-{MARK_AT + 49}"][1]
    assert around["seen"] == 100 and around["first"][50:54] == b"MARK"
    big = results[f"bytes={MARK_AT}-{MARK_AT + (256 << 20) - 1}"]
    assert big[0] == 206 and big[1]["seen"] == 256 << 20
    assert results["bytes=0-"][0] == 206 and len(results["bytes=0-"][2]) == 1 << 20
    assert results["whole"][0] == 200 and results["whole"][1]["Content-Length"] == str(SIZE)
    assert grown_mib < BOUND_MIB
    # the server is still well after the dropped connections
    assert get(port, path, {"Range": "bytes=0-3"})[2] == bytes(4)


@pytest.mark.parametrize("header,expected", [
    ("", (0, 1000, 200, None)),
    ("bytes=0-99", (0, 100, 206, "bytes 0-99/1000")),
    ("bytes=900-", (900, 100, 206, "bytes 900-999/1000")),
    ("bytes=900-5000", (900, 100, 206, "bytes 900-999/1000")),
    ("bytes=-10", (990, 10, 206, "bytes 990-999/1000")),
    ("bytes=-5000", (0, 1000, 206, "bytes 0-999/1000")),
    ("bytes=1000-", (0, 1000, 200, None)),  # past the end: the whole file, as before
    ("bytes=50-10", (0, 1000, 200, None)),
    ("bytes=0-1,5-6", (0, 1000, 200, None)),
    ("items=0-1", (0, 1000, 200, None)),
])
def test_byte_ranges(header, expected):
    start, length, status, extra = byte_range(header, 1000)
    assert (start, length, status, extra.get("Content-Range")) == expected
    assert extra["Accept-Ranges"] == "bytes"
