"""`scorm-builder preview`: build a course, serve it on loopback inside an LMS simulator page (templates/preview/),
and rebuild it whenever a file of the course changes.

Library only: nothing is printed. The caller hears about each build through `on_build(BuildReport)`.
Standard library only: http.server for serving, polling of file stats for watching (no watcher dependency).

URLs: `/` the simulator page; `/preview/<file>` its scripts and styles; `/messages` its labels in the chosen
language (JSON); `/state` what is served now (JSON); `/events` the same as server-sent events, one per change;
`/b/<generation>/<package>/<file>` the unpacked build.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import mimetypes
import os
import re
import shutil
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from .catalogue import UI_LANGUAGES
from .errors import ScormBuilderError, UsageError
from .i18n import _
from .items import IMSCP, default_organization, items
from .paths import TEMPLATES

log = logging.getLogger(__name__)

SIMULATOR = TEMPLATES / "preview"
POLL_SECONDS = 0.2        # how often the course folder is scanned
SETTLE_SECONDS = 0.08     # editors save in several writes: build once the folder has stopped changing
KEEPALIVE_SECONDS = 15    # a comment on the event stream, so idle connections are not dropped
# The simulator page and its scripts load nothing from anywhere else (the SCO frame is same-origin too).
SIMULATOR_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'")


@dataclass
class BuildReport:
    """One build: `ok`, the generation now served (unchanged when the build failed), and what happened."""

    ok: bool
    generation: int
    seconds: float
    changed: list[str]
    error: str = ""
    warnings: list[str] = field(default_factory=list)


class PreviewServer:
    """Serves the latest good build of `course_dir` in the simulator and rebuilds on change.

    `start()` builds once and serves on http://127.0.0.1:<port>/ (port 0: any free port); `stop()` ends the
    server, the watcher and the temporary build folder. Usable in-process by tests.
    """

    def __init__(self, course_dir: Path, *, host: str = "127.0.0.1", port: int = 0,
                 on_build: Callable[[BuildReport], None] | None = None, poll: float = POLL_SECONDS,
                 lang: str = "en"):
        if not _is_loopback(host):
            raise UsageError(_("{host}: the preview serves on loopback only (127.0.0.1); it is a tool for the "
                               "author's own machine").format(
                host=host))
        self.course_dir = Path(course_dir)
        self.lang = lang if lang in UI_LANGUAGES else "en"
        self.on_build = on_build or (lambda report: None)
        self._address = (host, port)
        self._poll = poll
        self._changed = threading.Condition()   # guards the state below and wakes the event streams
        self._version = 0                        # bumped on every change of what /state returns
        self._instance = f"{os.getpid()}-{time.time_ns()}"   # a restarted preview is a new series of builds
        self._good: dict | None = None           # the build being served
        self._error: dict | None = None          # the last build's error, while it is not fixed
        self._generation = 0
        self._stopping = threading.Event()
        self._work: Path | None = None
        self._httpd: _Server | None = None
        self._threads: list[threading.Thread] = []
        self._seen: dict[str, tuple[int, int]] = {}

    # ---- life cycle ----
    def start(self) -> "PreviewServer":
        self._work = Path(tempfile.mkdtemp(prefix="scorm-preview-"))
        try:
            self._httpd = _Server(self._address, _Handler, self)
        except OSError as error:
            self._cleanup()
            raise UsageError(_("cannot listen on {host}:{port}: {reason} (choose another --port, or 0 for any free "
                               "port)").format(
                
                host=self._address[0], port=self._address[1], reason=error.strerror)) from None
        self._seen = snapshot(self.course_dir)
        try:
            self._rebuild([], first=True)
        except UsageError:  # no such folder, no course.yaml: nothing to watch
            self._cleanup()
            raise
        self._spawn(self._httpd.serve_forever, 0.1)
        self._spawn(self._watch)
        return self

    def stop(self) -> None:
        """Stop serving and watching; idempotent."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()   # event streams end
        if self._httpd and self._threads:
            self._httpd.shutdown()
        for thread in self._threads:
            thread.join(timeout=5)
        self._cleanup()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until stop() (True) or the timeout (False)."""
        return self._stopping.wait(timeout)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"preview-{target.__name__}")
        thread.start()
        self._threads.append(thread)

    def _cleanup(self) -> None:
        if self._httpd:
            self._httpd.server_close()
        if self._work:
            shutil.rmtree(self._work, ignore_errors=True)

    # ---- state, as the simulator page sees it ----
    def state(self) -> dict:
        with self._changed:
            return self._state()

    def next_state(self, after: int | None, timeout: float) -> dict | None:
        """The state once its version differs from `after`; None on timeout or when stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self._version != after or self._stopping.is_set(), timeout)
            if self._stopping.is_set() or self._version == after:
                return None
            return self._state()

    def _state(self) -> dict:
        return {"version": self._version, "instance": self._instance, "build": self._good, "error": self._error}

    def _publish(self, error: dict | None, good: dict | None = None) -> None:
        with self._changed:
            self._error = error
            self._good = good or self._good
            self._version += 1
            self._changed.notify_all()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def site(self, generation: str) -> Path | None:
        """Where build `generation` is unpacked (pruned ones are gone: their files answer 404)."""
        return self._work / f"g{generation}" / "site" if self._work and generation.isdigit() else None

    # ---- building ----
    def _watch(self) -> None:
        while not self._stopping.wait(self._poll):
            now = snapshot(self.course_dir)
            if now == self._seen:
                continue
            while not self._stopping.wait(SETTLE_SECONDS):
                later = snapshot(self.course_dir)
                if later == now:
                    break
                now = later
            changed, self._seen = changes(self._seen, now), now
            self._rebuild(changed)

    def _rebuild(self, changed: list[str], first: bool = False) -> None:
        """Build a new generation; serve it only if the whole build succeeded, else show the error."""
        started = time.perf_counter()
        try:
            served = self._build(self._generation + 1)
        except Exception as error:  # noqa: BLE001 - even a builder bug must not end the preview: it is shown
            if first and isinstance(error, UsageError):
                raise
            if not isinstance(error, ScormBuilderError):
                log.exception("the build crashed")
            self._publish(error=_error_state(error, changed, self.course_dir))
            self._report(BuildReport(False, self._generation, time.perf_counter() - started, changed,
                                     error=_error_text(error)))
            return
        seconds = time.perf_counter() - started
        served.update(seconds=round(seconds, 3), changed=changed, builtAt=time.strftime("%H:%M:%S"))
        self._generation = served["generation"]
        self._publish(error=None, good=served)
        _prune(self._work, keep={self._generation, self._generation - 1})   # the previous may still be loading
        log.info("build %d ready in %.2f s", self._generation, seconds)
        self._report(BuildReport(True, self._generation, seconds, changed, warnings=served["warnings"]))

    def _build(self, generation: int) -> dict:
        from .pipeline import build   # here: the heavy dependencies load with the first build, not on import

        folder = self._work / f"g{generation}"
        try:
            result = build(self.course_dir, folder / "zips", cache_dir=self._work / "cache")
            served = _serve_packages(result.packages, folder / "site", generation)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        served.update(courseId=result.course_id, warnings=result.warnings)
        return served

    def _report(self, report: BuildReport) -> None:
        try:
            self.on_build(report)
        except Exception:  # noqa: BLE001 - the caller's trouble must not stop the watcher
            log.exception("on_build failed")


def snapshot(course_dir: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file of the course (hidden files and editor backups left out)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(course_dir):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:   # removed between the listing and the stat
                continue
            found[os.path.relpath(path, course_dir).replace(os.sep, "/")] = (st.st_mtime_ns, st.st_size)
    return found


def changes(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def _serve_packages(packages: list[Path], site: Path, generation: int) -> dict:
    """Unpack each zip under site/<package>/ and list its SCOs in organisation order."""
    scos, title = [], ""
    for zip_path in packages:
        dest = site / zip_path.stem
        with zipfile.ZipFile(zip_path) as zf:   # our own build: trusted
            zf.extractall(dest)
        package_title, found = read_scos(dest / "imsmanifest.xml")
        title = title or package_title
        for sco in found:
            sco.update(package=zip_path.stem, url=f"/b/{generation}/{zip_path.stem}/{sco.pop('href')}",
                       key=sco["id"] if len(packages) == 1 else f"{zip_path.stem}/{sco['id']}")
            scos.append(sco)
    return {"generation": generation, "title": title, "scos": scos}


def read_scos(manifest: Path) -> tuple[str, list[dict]]:
    """(title of the default organisation, its SCO items with what the LMS gives each at launch)."""
    root = ET.parse(manifest).getroot()
    org = default_organization(root)
    if org is None:
        return "", []
    scos = [item for item in items(root, org) if item.pop("sco")]
    return (org.findtext(f"{{{IMSCP}}}title") or "").strip(), scos


def _error_text(error: Exception) -> str:
    if isinstance(error, ScormBuilderError):
        return str(error)
    return _("internal error: {kind}: {error} (a bug in scorm-builder; the log has the traceback)").format(
        kind=type(error).__name__, error=error)


def _error_state(error: Exception, changed: list[str], course_dir: Path) -> dict:
    diagnostics = getattr(error, "diagnostics", [])
    return {"message": error.args[0] if diagnostics else _error_text(error), "changed": changed,
            "at": time.strftime("%H:%M:%S"),
            "diagnostics": [{"file": d.file, "line": d.line, "col": d.col, "text": str(d),
                             **_source(d.file, d.line, course_dir)} for d in diagnostics]}


def _source(file: str, line: int, course_dir: Path) -> dict:
    """The file's absolute path (for an editor link) and the text of the line, when the file can be read."""
    for path in (Path(file), course_dir / file):
        if path.is_file():
            found = {"path": path.resolve().as_posix()}
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                return found
            if 0 < line <= len(lines):
                found["source"] = lines[line - 1]
            return found
    return {}


def simulator_messages(lang: str) -> dict:
    """The simulator's labels in `lang`, English for any label it lacks."""
    catalogue = json.loads((SIMULATOR / "messages.json").read_text(encoding="utf-8"))
    return {"lang": lang, "messages": {**catalogue["en"], **catalogue.get(lang, {})}}


def _prune(work: Path, keep: set[int]) -> None:
    for folder in work.glob("g*"):
        if folder.name[1:].isdigit() and int(folder.name[1:]) not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def byte_range(header: str, size: int) -> tuple[int, int, int, dict]:
    """(first byte, byte count, status, extra headers) for a Range header on a file of `size` bytes. One range,
    so that audio and video can seek (Chromium asks for ranges); anything else (several ranges, past the end,
    backwards) gets the whole file."""
    extra = {"Accept-Ranges": "bytes"}
    wanted = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
    if wanted and wanted[1]:
        start, end = int(wanted[1]), min(int(wanted[2] or size - 1), size - 1)
    elif wanted and wanted[2]:   # the last N bytes
        start, end = max(size - int(wanted[2]), 0), size - 1
    else:
        return 0, size, 200, extra
    if start > end:
        return 0, size, 200, extra
    extra["Content-Range"] = f"bytes {start}-{end}/{size}"
    return start, end - start + 1, 206, extra


def _is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.version == 4 and address.is_loopback


def _inside(root: Path, rel: str) -> Path | None:
    """root/rel if it is a file inside root (no way out with .. or links), else None."""
    base = root.resolve()
    target = (base / rel).resolve()
    return target if base in target.parents and target.is_file() else None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, preview: PreviewServer):
        self.preview = preview
        super().__init__(address, handler)

    def handle_error(self, request, client_address):   # a browser closing a connection is not news
        log.debug("request from %s failed", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server_version = "scorm-builder-preview"

    def do_GET(self):   # noqa: N802 - the name http.server calls
        preview: PreviewServer = self.server.preview
        if not self._host_allowed():
            return self._send(403, b"wrong Host header", "text/plain")
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            return self._file(SIMULATOR / "simulator.html", simulator=True)
        if path == "/state":
            return self._send(200, json.dumps(preview.state()).encode(), "application/json")
        if path == "/events":
            return self._events(preview)
        if path == "/messages":
            return self._send(200, json.dumps(simulator_messages(preview.lang)).encode(), "application/json")
        if path.startswith("/preview/"):
            return self._file(_inside(SIMULATOR, path[len("/preview/"):]), simulator=True)
        generation, _, rest = path[len("/b/"):].partition("/")
        if path.startswith("/b/") and preview.site(generation):
            return self._file(_inside(preview.site(generation), rest))
        return self._send(404, b"not found", "text/plain")

    def _host_allowed(self) -> bool:
        # refuse other Host names, so a web page cannot reach the preview through DNS rebinding
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in {f"127.0.0.1:{port}", f"localhost:{port}"}

    def _file(self, path: Path | None, simulator: bool = False) -> None:
        if path is None or not path.is_file():
            return self._send(404, b"not found", "text/plain")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        try:
            source = open(path, "rb")
        except OSError:   # removed by a rebuild meanwhile
            return self._send(404, b"not found", "text/plain")
        with source:
            size = os.fstat(source.fileno()).st_size
            start, length, status, extra = byte_range(self.headers.get("Range", ""), size)
            self._head(status, kind, length, SIMULATOR_CSP if simulator else None, extra)
            try:   # straight from the file to the socket, a piece at a time: memory stays flat, whatever the size
                if length and self.connection.sendfile(source, start, length) < length:
                    self.close_connection = True   # the file shrank meanwhile: the browser must not wait for more
            except OSError:   # the browser has what it wanted (a video seeks on), or went away
                self.close_connection = True

    def _send(self, status: int, body: bytes, kind: str, csp: str | None = None, extra: dict | None = None) -> None:
        self._head(status, kind, len(body), csp, extra)
        self.wfile.write(body)

    def _head(self, status: int, kind: str, length: int, csp: str | None = None, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")   # every rebuild must show at once
        self.send_header("X-Content-Type-Options", "nosniff")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()

    def _events(self, preview: PreviewServer) -> None:
        """Server-sent events: the state now, then again at each change, until the page or the server goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = preview.state()
        try:
            while state is not None or not preview.stopping:
                if state is None:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(b"event: state\ndata: " + json.dumps(state).encode() + b"\n\n")
                    seen = state["version"]
                self.wfile.flush()
                state = preview.next_state(seen, KEEPALIVE_SECONDS)
        except OSError:   # the page was closed or reloaded
            pass

    def log_message(self, format, *args):   # noqa: A002 - http.server's signature
        log.debug("%s " + format, self.address_string(), *args)
