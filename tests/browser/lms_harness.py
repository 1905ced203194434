"""Helpers for the runtime tests: an LMS host page (scorm-again + a Moodle profile, see lms_host/lms_host.js)
serving an unpacked SCO in iframe#scorm_object, the SCO driven by a Learner (learner.py), and readers of what
the LMS received.

The Moodle profile is templates/preview/scorm12-rules.js, the rules the `preview` simulator uses: the host page
loads that file, and the value formats checked here in Python are read from it too (no second copy).
"""
from __future__ import annotations

import itertools
import json
import re
import shutil
import threading
import urllib.parse
from pathlib import Path

from conftest import copy_node_module
from learner import Learner, number

HOST_DIR = Path(__file__).resolve().parent / "lms_host"
RULES_JS = Path(__file__).resolve().parents[2] / "templates" / "preview" / "scorm12-rules.js"
SETTER_FUNCS = ("LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish")


def rules_regexes(path: Path = RULES_JS) -> dict[str, re.Pattern]:
    """Moodle's regular expressions as scorm12-rules.js writes them (its `var RE = {Name: /source/, ...}` block),
    compiled for Python (these patterns use nothing that differs between the two, but a final `$`, which in Python
    also matches before a trailing newline: it becomes `\\Z`)."""
    block = re.search(r"var RE = \{\n(.*?)\n\s*\};", path.read_text(encoding="utf-8"), re.S)
    assert block, f"no `var RE = {{...}};` block in {path}"
    found = {}
    for line in block.group(1).splitlines():
        m = re.fullmatch(r"\s*(\w+): /(.*)/,?", line)
        assert m, f"unexpected line in the RE block of {path}: {line!r}"
        found[m.group(1)] = re.compile(re.sub(r"\$$", r"\\Z", m.group(2)))
    return found


# Moodle's checks (mod/scorm/datamodels/scorm_12.js, from the shared rules) and the CMIFeedback formats of
# docs/runtime.md (stricter than any LMS: what SB.lms promises to write)
RULES_RE = rules_regexes()
CMI_TIMESPAN = RULES_RE["CMITimespan"]
CMI_TIME = RULES_RE["CMITime"]
CMI_IDENTIFIER = RULES_RE["CMIIdentifier"]
RESPONSE_FORMAT = {
    "choice": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
    "true-false": re.compile(r"^[tf]$"),
    "matching": re.compile(r"^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$"),
    "sequencing": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
    "numeric": re.compile(r"^\S(.{0,18}\S)?$"),  # the typed text (runtime.md): ٣،٥ as typed
    "fill-in": re.compile(r"^.{0,255}$", re.S),
}
PATTERN_FORMAT = {**RESPONSE_FORMAT, "numeric": re.compile(r"^-?[0-9]+(\.[0-9]+)?$")}  # the number meant

_launches = itertools.count(1)


def seconds(span: str) -> float:
    """A CMITimespan HHHH:MM:SS.SS in seconds."""
    h, m, s = span.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def timespan(secs: float) -> str:
    cs = round(secs * 100)
    return f"{cs // 360000:04d}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


class LmsServer:
    """The server side of the host's Moodle-like transport (lms_host.js `server`): like Moodle's datamodel.php it
    stores every element a commit or finish posts, per key, and keeps each request. With time="last" it adds the
    last session_time reported into total_time when the session ends: at LMSFinish, or, for a session left without
    one (a closed tab), when the next launch starts (`relaunch`)."""

    def __init__(self, site):
        self.tracks: dict[str, dict] = {}
        self.posts: dict[str, list[dict]] = {}
        self.lock = threading.Lock()
        site.httpd.on_post = self.handle

    def transport(self, key: str, time: str = "finish", beacon: bool = False) -> dict:
        """The host's configuration for this store (Launch(transport=...))."""
        return {"server": f"lms?key={key}&time={time}", "time": time, "beacon": beacon}

    def handle(self, path: str, body: bytes) -> tuple[int, str]:
        q = urllib.parse.parse_qs(urllib.parse.urlparse(path).query)
        msg = json.loads(body)
        key = q["key"][0]
        with self.lock:
            tracks = self.tracks.setdefault(key, {})
            self.posts.setdefault(key, []).append({"fn": msg["fn"], "data": msg["data"], "via": q.get("via", ["xhr"])[0]})
            tracks.update(msg["data"])
            if msg["fn"] == "LMSFinish" and q["time"][0] == "last":
                self._close(tracks)
        return 200, "true\n0"

    @staticmethod
    def _close(tracks: dict) -> None:
        if "cmi.core.session_time" in tracks:
            total = seconds(tracks.get("cmi.core.total_time", "0000:00:00")) + seconds(tracks.pop("cmi.core.session_time"))
            tracks["cmi.core.total_time"] = timespan(total)

    def relaunch(self, key: str) -> dict:
        """The tracks a new launch starts from, the previous session closed first."""
        with self.lock:
            tracks = self.tracks.setdefault(key, {})
            self._close(tracks)
            return dict(tracks)

    def fns(self, key: str, via: str | None = None) -> list[str]:
        """The calls whose request reached the server, in order (only those sent `via` "xhr" or "beacon")."""
        return [p["fn"] for p in self.posts.get(key, []) if via is None or p["via"] == via]


def install_host(root: Path) -> None:
    """Put the LMS host page, its script, scorm-again's SCORM 1.2 API and the shared SCORM 1.2 rules
    (templates/preview/scorm12-rules.js, the Moodle profile) at the root of the served folder."""
    for name in ("host.html", "lms_host.js", "frame.html"):
        shutil.copyfile(HOST_DIR / name, root / name)
    copy_node_module("scorm-again/dist/scorm12.js", root / "scorm12.js")
    shutil.copyfile(RULES_JS, root / "scorm12-rules.js")
    # a plain page of the same origin, to read the host's localStorage after its tab is gone
    (root / "peek.html").write_text("<!DOCTYPE html><title>peek</title>")


def stored(context, site, key: str) -> dict | None:
    """What the host (store_key=key) or the SCO in standalone mode (key "sb-lms:...") left in localStorage."""
    page = context.new_page()
    try:
        page.goto(site.url("peek.html"))
        raw = page.evaluate("k => localStorage.getItem(k)", key)
    finally:
        page.close()
    return None if raw is None else json.loads(raw)


def install_sco(root: Path, unpacked: Path, name: str = "sco") -> None:
    """Serve an unpacked package under root/name (replacing what was there: a re-uploaded package)."""
    dest = root / name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(unpacked, dest)


def mastery_score(unpacked: Path) -> float | None:
    """adlcp:masteryscore of the (first) item, read the way Moodle does (literal prefix)."""
    m = re.search(r"<adlcp:masteryscore>\s*([^<]*?)\s*</adlcp:masteryscore>", (unpacked / "imsmanifest.xml").read_text())
    return float(m.group(1)) if m else None


class Launch:
    """One launch of the SCO in the host page: page (top, holds window.API) + frame (the SCO) + ui (a Learner
    in that frame)."""

    def __init__(self, page, site, *, sco: str = "sco/index.html", prev: dict | None = None, mastery=None,
                 mode: str | None = None, credit: str | None = None, faults: dict | None = None,
                 no_api: bool = False, store_key: str = "lmshost", nest: int = 0, popup: bool = False,
                 wait_app: bool = True, profile: str | None = None, transport: dict | None = None,
                 get_values: dict | None = None):
        self.page = page
        self.cfg = {"sco": sco, "prev": prev, "mastery": mastery, "mode": mode, "credit": credit, "profile": profile,
                    "faults": faults or {}, "noApi": no_api, "storeKey": store_key, "nest": nest, "popup": popup,
                    "getValues": get_values, **(transport or {})}
        self.cfg = {k: v for k, v in self.cfg.items() if v is not None}
        self.errors: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        url = site.url(f"host.html?launch={next(_launches)}") + "#" + urllib.parse.quote(json.dumps(self.cfg))
        self.popup = None
        if popup:
            with page.context.expect_page() as opened:
                page.goto(url)
            self.popup = opened.value
            self.popup.on("pageerror", lambda e: self.errors.append(str(e)))
            self.popup.wait_for_load_state()
            self.frame = self.popup.main_frame
        else:
            page.goto(url)
            page.wait_for_function("window.lmsHost && lmsHost.loaded")
            if nest:
                page.wait_for_function(f"() => {{ let w = window; for (let i = 0; i <= {nest}; i++) {{ w = w.frames[0];"
                                       f" if (!w) return false; }} return w.document.readyState === 'complete'; }}")
                self.frame = next(f for f in page.frames if f.url.endswith(sco))
            else:
                self.frame = page.query_selector("#scorm_object").content_frame()
        self.ui = Learner(self.frame)
        if wait_app:
            self.ui.wait_ready()

    def host(self) -> dict:
        return self.page.evaluate("""() => JSON.parse(JSON.stringify({calls: lmsHost.calls, violations: lmsHost.violations,
            warnings: lmsHost.warnings, tracks: lmsHost.tracks, commits: lmsHost.commits.length, launch: lmsHost.launch,
            finished: lmsHost.finished, override: lmsHost.override, profile: lmsHost.profile}))""")

    def session(self) -> dict:
        """What SB.lms.start() returned (its live info object)."""
        return self.frame.evaluate("JSON.parse(JSON.stringify(SB.lms.info()))")

    def close_sco(self, lms: bool = True) -> dict:
        """Leave the SCO like Moodle's "Exit activity": the iframe navigates away (pagehide in the SCO)."""
        if self.popup:
            self.popup.close(run_before_unload=False)
        else:
            self.frame.frame_element().evaluate("f => { f.src = 'about:blank'; }")
        if lms:
            self.page.wait_for_function("lmsHost.finished || lmsHost.calls.some(c => c.fn === 'LMSFinish')")
        else:
            self.frame.wait_for_url("about:blank")
        return self.host()


def api_calls(host: dict, fn: str | None = None) -> list[dict]:
    return [c for c in host["calls"] if fn is None or c["fn"] == fn]


def set_values(host: dict) -> list[tuple[str, str]]:
    return [(c["args"][0], c["args"][1]) for c in api_calls(host, "LMSSetValue")]


def assert_clean(host: dict) -> None:
    """Every API call succeeded, LMSGetLastError "0" after each, no Moodle-profile violation or warning
    (Scorm12Rules.set/get/lint), one session."""
    assert host["violations"] == []
    assert host["warnings"] == []
    bad = [c for c in host["calls"]
           if (c["fn"] in SETTER_FUNCS and c["ret"] != "true") or (c["err"] is not None and c["err"] != "0")]
    assert bad == [], bad
    assert [c["fn"] for c in host["calls"]].count("LMSInitialize") == 1
    assert [c["fn"] for c in host["calls"]].count("LMSFinish") == 1
    assert host["calls"][0]["fn"] == "LMSInitialize"
    assert host["calls"][-1]["fn"] == "LMSFinish"


def _arrays(values, name: str) -> dict[int, dict[str, str]]:
    """The elements cmi.<name>.<n>.<field> among (element, value) pairs, by index: {n: {field: value}}."""
    out: dict[int, dict[str, str]] = {}
    for el, v in values:
        m = re.match(rf"^cmi\.{name}\.(\d+)\.(.+)$", el)
        if m:
            out.setdefault(int(m.group(1)), {})[m.group(2)] = v
    return out


def interactions(host: dict) -> dict[int, dict[str, str]]:
    """The interactions written in this launch, by index: {n: {field: value}}."""
    return _arrays(set_values(host), "interactions")


def objectives(tracks: dict) -> dict[str, dict[str, str]]:
    """Objectives stored by the LMS, by id."""
    return {o["id"]: o for o in _arrays(tracks.items(), "objectives").values()}


def paced_pass(run: Launch, think: float, key_delay: float = 0.0) -> dict:
    """A full pass at a learner's pace: every page with #sb-next; at each quiz, every question answered right, typed
    answers key by key (key_delay seconds apart), `think` seconds after each answer, then submit; at the end the
    exit button (LMSFinish while the page is alive). Returns the host clock (ms) of each quiz's answering, from its
    first answer to its submission, and how many pages and answers there were."""
    ui = run.ui
    clock = "Date.now()"
    windows, answers = [], 0
    for i, entry in enumerate(ui.data["nav"]):
        if i:
            ui.next()
        quiz = entry.get("quiz")
        if not quiz:
            continue
        start = run.page.evaluate(clock)
        for qid in ui.drawn(quiz):
            q = ui.question(quiz, qid)
            if key_delay and q["type"] in ("fill-in", "numeric"):
                text = q["answers"][0] if q["type"] == "fill-in" else number(q["correct"])
                ui.fieldset(quiz, qid).locator("input").press_sequentially(text, delay=key_delay * 1000)
            else:
                ui.answer(quiz, qid)
            answers += 1
            run.page.wait_for_timeout(think * 1000)
        windows.append((start, run.page.evaluate(clock)))
        ui.submit(quiz)
    run.frame.locator("[data-action=exit]").first.dispatch_event("click")
    run.page.wait_for_function("lmsHost.finished")
    return {"answering": windows, "pages": len(ui.nav), "answers": answers}


def commit_counts(host: dict, walk: dict) -> dict:
    """LMSCommit calls of a launch: in all, and while answering (and their rate, per second)."""
    times = [c["t"] for c in api_calls(host, "LMSCommit")]
    during = sum(1 for t in times for a, b in walk["answering"] if a <= t < b)
    seconds_answering = sum(b - a for a, b in walk["answering"]) / 1000
    return {"commits": len(times), "finishes": len(api_calls(host, "LMSFinish")), "while_answering": during,
            "seconds_answering": seconds_answering, "rate": during / seconds_answering if seconds_answering else 0.0}
