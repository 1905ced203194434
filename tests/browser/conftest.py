"""Fixtures for tests that run in a real headless Chromium (Debian's) driven by Playwright."""
from __future__ import annotations

import functools
import os
import shutil
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scorm_builder import build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
SAMPLE = ROOT / "tests" / "courses" / "sample"  # the test course: every question type
SEED = ROOT / "course"                          # the Arabic seed course
SCO_PER_MODULE = "packaging:\n  mode: sco-per-module\n"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def do_POST(self):
        """POSTs go to the server's on_post(path, body) -> (status, text), if a test set one (a test LMS)."""
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        hook = getattr(self.server, "on_post", None)
        status, text = hook(self.path, body) if hook else (405, "no POST here")
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class StaticServer:
    """Serves one folder on 127.0.0.1; `url(path)` gives the address of a file in it."""

    def __init__(self, root: Path):
        self.root = root
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/{path}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run `make test` (it installs it) or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_context(browser):
    """new_context(**options) -> a new browser context, closed at the end of the test."""
    contexts = []

    def make(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: docs/screenshots/ when SB_SCREENSHOTS=1, else a temporary folder."""
    out = ROOT / "docs" / "screenshots" if os.environ.get("SB_SCREENSHOTS") == "1" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def site(tmp_path):
    """A folder served over HTTP on loopback: put files in `site.root`, open `site.url(...)`."""
    root = tmp_path / "site"
    root.mkdir()
    server = StaticServer(root)
    yield server
    server.close()


def copy_course(src: Path, dest: Path, change=None) -> Path:
    """Copy a course folder to dest; change(text) -> text, if given, edits the copy's course.yaml."""
    shutil.copytree(src, dest)
    if change:
        yaml = dest / "course.yaml"
        yaml.write_text(change(yaml.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def build_one(course_dir: Path, dest: Path) -> Path:
    """Build a course into dest/out; returns its one package (zip)."""
    result = build(course_dir, dest / "out")
    assert len(result.packages) == 1
    return result.packages[0]


def unpack(zip_path: Path, dest: Path) -> Path:
    """Extract a package we built ourselves (trusted) into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(dest)
    return dest


def copy_node_module(rel: str, dest: Path) -> Path:
    """Copy a file from the pinned npm packages (e.g. 'scorm-again/dist/scorm12.js') next to a test page."""
    src = NODE_MODULES / rel
    if not src.exists():
        pytest.fail(f"{src} is missing: run `npm ci` (make test does it)")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest
