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
import urllib.parse
from pathlib import Path

from conftest import copy_node_module
from learner import Learner

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
                 wait_app: bool = True, profile: str | None = None):
        self.page = page
        self.cfg = {"sco": sco, "prev": prev, "mastery": mastery, "mode": mode, "credit": credit, "profile": profile,
                    "faults": faults or {}, "noApi": no_api, "storeKey": store_key, "nest": nest, "popup": popup}
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
