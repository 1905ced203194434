"""Fixtures for tests that run in a real headless Chromium (Debian's) driven by Playwright."""
from __future__ import annotations

import functools
import shutil
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


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
def site(tmp_path):
    """A folder served over HTTP on loopback: put files in `site.root`, open `site.url(...)`."""
    root = tmp_path / "site"
    root.mkdir()
    server = StaticServer(root)
    yield server
    server.close()


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
