"""Helpers for the runtime tests: an LMS host page (scorm-again + a Moodle profile, see lms_host/lms_host.js)
serving an unpacked SCO in iframe#scorm_object, and a driver for the SCO's UI (DOM conventions of docs/runtime.md).

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
    "numeric": re.compile(r"^-?[0-9]+(\.[0-9]+)?$"),
    "fill-in": re.compile(r"^.{0,255}$", re.S),
}
SCORM_TYPE = {"single": "choice", "multiple": "choice", "true-false": "true-false", "fill-in": "fill-in",
              "numeric": "numeric", "matching": "matching", "ordering": "sequencing"}

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
    """One launch of the SCO in the host page: page (top, holds window.API) + frame (the SCO)."""

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
        self.ui = Sco(self.frame)
        if wait_app:
            self.frame.wait_for_function(
                "window.SB && SB.app && SB.lms && document.querySelector('section.sb-page:not([hidden])')")

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


def interactions(host: dict) -> dict[int, dict[str, str]]:
    """The interactions written in this launch, by index: {n: {field: value}}."""
    out: dict[int, dict[str, str]] = {}
    for el, v in set_values(host):
        m = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", el)
        if m:
            out.setdefault(int(m.group(1)), {})[m.group(2)] = v
    return out


def objectives(tracks: dict) -> dict[str, dict[str, str]]:
    """Objectives stored by the LMS, by id."""
    by_n: dict[str, dict[str, str]] = {}
    for el, v in tracks.items():
        m = re.match(r"^cmi\.objectives\.(\d+)\.(.+)$", el)
        if m:
            by_n.setdefault(m.group(1), {})[m.group(2)] = v
    return {o["id"]: o for o in by_n.values()}


class Sco:
    """Drives the SCO's UI through the DOM conventions of docs/runtime.md."""

    def __init__(self, frame):
        self.frame = frame
        self._data = None

    @property
    def data(self) -> dict:
        if self._data is None:
            self._data = self.frame.evaluate("JSON.parse(document.getElementById('sb-data').textContent)")
        return self._data

    def nav_ids(self) -> list[str]:
        return [e["id"] for e in self.data["nav"]]

    def quiz_page(self, quiz_id: str) -> str:
        return next(e["id"] for e in self.data["nav"] if e.get("quiz") == quiz_id)

    def current(self) -> str | None:
        return self.frame.evaluate(
            "(document.querySelector('section.sb-page:not([hidden])') || {getAttribute: () => null}).getAttribute('data-page')")

    def wait_page(self, page_id: str) -> None:
        self.frame.wait_for_selector(f'section.sb-page[data-page="{page_id}"]:not([hidden])', state="attached")

    def next(self) -> str:
        ids = self.nav_ids()
        target = ids[ids.index(self.current()) + 1]
        self.frame.click("#sb-next")
        self.wait_page(target)
        return target

    def goto(self, page_id: str) -> None:
        self.frame.locator(f'#sb-toc a[data-page="{page_id}"]').dispatch_event("click")
        self.wait_page(page_id)

    def notice(self) -> str:
        return self.frame.evaluate(
            "(() => { const n = document.getElementById('sb-notice'); return n && !n.hidden ? n.textContent : ''; })()")

    # ---- quizzes ----
    def box(self, quiz_id: str):
        return self.frame.locator(f'div.sb-quiz[data-quiz="{quiz_id}"]')

    def drawn(self, quiz_id: str) -> list[str]:
        return self.box(quiz_id).locator("fieldset[data-question]").evaluate_all(
            "els => els.map(e => e.getAttribute('data-question'))")

    def question(self, quiz_id: str, qid: str) -> dict:
        return next(q for q in self.data["quizzes"][quiz_id]["questions"] if q["id"] == qid)

    def answer(self, quiz_id: str, right: bool | dict = True, only: list[str] | None = None) -> dict[str, dict]:
        """Answer the drawn questions (right or wrong, per question if a dict); returns, per question id,
        the expected interaction: type, student_response, pattern, result, weighting."""
        expected = {}
        for qid in self.drawn(quiz_id):
            if only is not None and qid not in only:
                continue
            ok = right.get(qid, True) if isinstance(right, dict) else right
            q = self.question(quiz_id, qid)
            fs = self.box(quiz_id).locator(f'fieldset[data-question="{qid}"]')
            response = getattr(self, "_" + q["type"].replace("-", "_"))(q, fs, ok)
            expected[qid] = {"type": SCORM_TYPE[q["type"]], "student_response": response, "pattern": pattern(q),
                             "result": "correct" if ok else "wrong", "weighting": q.get("weight", 1)}
        return expected

    def submit(self, quiz_id: str) -> tuple[int, bool]:
        self.box(quiz_id).locator("[data-action=submit]").click()
        return self.result(quiz_id)

    def result(self, quiz_id: str) -> tuple[int, bool]:
        res = self.box(quiz_id).locator("[data-result]")
        res.wait_for(state="attached")
        return int(res.get_attribute("data-score")), res.get_attribute("data-passed") == "true"

    def retry(self, quiz_id: str) -> None:
        self.box(quiz_id).locator("[data-action=retry]").click()
        self.box(quiz_id).locator("[data-action=submit]").wait_for(state="attached")

    def _single(self, q, fs, ok):
        cid = q["correct"][0] if ok else next(c["id"] for c in q["choices"] if c["id"] not in q["correct"])
        fs.locator(f'input[value="{cid}"]').check()
        return keys(q, [cid])

    def _multiple(self, q, fs, ok):
        ids = list(q["correct"]) if ok else [next(c["id"] for c in q["choices"] if c["id"] not in q["correct"])]
        for cid in ids:
            fs.locator(f'input[value="{cid}"]').check()
        return keys(q, ids)

    def _true_false(self, q, fs, ok):
        value = bool(q["correct"]) == ok
        fs.locator(f'input[value="{"true" if value else "false"}"]').check()
        return "t" if value else "f"

    def _fill_in(self, q, fs, ok):
        text = q["answers"][0] if ok else "nothing like it"
        fs.locator("input[type=text]").fill(text)
        return text

    def _numeric(self, q, fs, ok):
        value = q["correct"] if ok else q["correct"] + 100
        text = str(int(value)) if float(value).is_integer() else str(value)
        fs.locator("input[inputmode=decimal]").fill(text)
        return text

    def _matching(self, q, fs, ok):
        rights = [p["rightKey"] for p in q["pairs"]]
        if not ok:
            rights = rights[1:] + rights[:1]
        for p, r in zip(q["pairs"], rights):
            fs.locator(f'select[data-left="{p["key"]}"]').select_option(r)
        return ",".join(f'{p["key"]}.{r}' for p, r in zip(q["pairs"], rights))

    def _ordering(self, q, fs, ok):
        target = [i["key"] for i in q["items"]]
        if not ok:
            target = target[::-1]
        for pos, key in enumerate(target):
            while True:
                order = fs.locator("li[data-key]").evaluate_all("els => els.map(e => e.getAttribute('data-key'))")
                if order.index(key) <= pos:
                    break
                fs.locator(f'li[data-key="{key}"] button[data-move=up]').click()
        order = fs.locator("li[data-key]").evaluate_all("els => els.map(e => e.getAttribute('data-key'))")
        assert order == target
        return ",".join(target)

    # ---- paths ----
    def walk(self, quizzes: dict[str, bool] | None = None) -> dict[str, list[dict]]:
        """Go through every page with #sb-next; at each quiz page answer (right unless quizzes says False)
        and submit once. Returns {quiz id: [expected interactions by question id]}."""
        quizzes = quizzes or {}
        done = {}
        ids = self.nav_ids()
        if self.current() != ids[0]:
            self.goto(ids[0])
        for i, entry in enumerate(self.data["nav"]):
            if i:
                self.next()
            if entry.get("quiz"):
                qz = entry["quiz"]
                done[qz] = [self.answer(qz, quizzes.get(qz, True))]
                self.submit(qz)
        return done


def keys(q: dict, ids: list[str]) -> str:
    return ",".join(sorted(c["key"] for c in q["choices"] if c["id"] in ids))


def pattern(q: dict) -> str:
    t = q["type"]
    if t in ("single", "multiple"):
        return keys(q, q["correct"])
    if t == "true-false":
        return "t" if q["correct"] else "f"
    if t == "fill-in":
        return q["answers"][0]
    if t == "numeric":
        c = q["correct"]
        return str(int(c)) if float(c).is_integer() else str(c)
    if t == "matching":
        return ",".join(f'{p["key"]}.{p["rightKey"]}' for p in q["pairs"])
    return ",".join(i["key"] for i in q["items"])
