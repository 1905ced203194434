"""`scorm-builder preview`: the LMS simulator (templates/preview/) served by scorm_builder/preview.py, driven in
headless Chromium. The simulator page forbids eval (CSP), so waits poll from Python instead of wait_for_function.

Screenshot: docs/screenshots/preview.png when SB_SCREENSHOTS=1 (else a temporary folder).
"""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, SCO_PER_MODULE, SEED, copy_course
from learner import Learner
from scorm_builder.errors import UsageError
from scorm_builder.preview import PreviewServer


# ---------------------------------------------------------------- helpers

def until(target, js: str, timeout: float = 15, arg=None):
    """Poll a JS expression (page or frame) until it is truthy; returns its value."""
    end = time.monotonic() + timeout
    while True:
        try:
            value = target.evaluate(js, arg)
            if value:
                return value
        except Exception as error:  # the frame is navigating: try again
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for: {js}")
        time.sleep(0.05)


class Sim:
    """The simulator page of a running preview, and the SCO frame inside it."""

    def __init__(self, page, server: PreviewServer):
        self.page, self.server = page, server
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: r.url.startswith((server.url, "data:", "blob:", "about:"))
                or self.foreign.append(r.url))
        page.goto(server.url)
        self.wait_running(1)
        page.click("#sim-tech")   # the data model and the API log: one click away
        page.locator("#sim-techview").wait_for()

    @property
    def sco(self):
        return self.page.frame(name="scorm_object")

    @property
    def learner(self) -> Learner:
        """A learner in the SCO as it is now (a rebuild or another SCO changes its data)."""
        return Learner(self.sco)

    def info(self) -> dict:
        return self.page.evaluate("sim.info()")

    def wait_running(self, launch: int, sco: str | None = None) -> None:
        until(self.page, "([n, sco]) => sim.info().launch === n && sim.info().state === 'running' && "
                         "(sco === null || sim.info().sco === sco)", arg=[launch, sco])
        self.learner.wait_ready()

    def model(self, name: str) -> str:
        return self.page.locator(f'#sim-model [data-el="{name}"] .v').inner_text()

    def log_rows(self, selector: str = "") -> int:
        return self.page.locator(f"#sim-log tr{selector}").count()


def answer_one(learner: Learner, quiz: str) -> tuple[str, str]:
    """Answer the first drawn question of a simple type correctly; returns (question id, student_response)."""
    learner.box(quiz).locator("fieldset[data-question]").first.wait_for()
    for qid in learner.drawn(quiz):
        if learner.question(quiz, qid)["type"] in ("single", "multiple", "true-false"):
            return qid, learner.answer(quiz, qid)["student_response"]
    raise AssertionError(f"no choice or true-false question drawn in {quiz}")


@pytest.fixture
def preview():
    """Start previews in-process on a free port; all are stopped at the end."""
    started = []

    def start(course_dir: Path, **kwargs) -> PreviewServer:
        server = PreviewServer(course_dir, port=0, **kwargs).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def open_sim(new_context):
    def open_(server: PreviewServer) -> Sim:
        return Sim(new_context(viewport={"width": 1440, "height": 900}).new_page(), server)

    return open_


# ---------------------------------------------------------------- the seed course: quiz, log, resume

def test_seed_course_answer_log_and_resume(preview, open_sim, shots):
    sim = open_sim(preview(SEED))
    assert sim.info()["entry"] == "ab-initio"
    assert sim.model("cmi.core.entry") == "ab-initio"

    sco = sim.learner
    quiz_page = next(n for n in sco.data["nav"] if n["quiz"])
    quiz = quiz_page["quiz"]
    sco.go(quiz_page["id"])
    qid, response = answer_one(sco, quiz)
    sco.submit(quiz)

    # the interaction, in the log and in the data model
    interaction = f"{quiz}_{qid}"
    sim.page.locator('#sim-log tr[data-el="cmi.interactions.0.result"]').first.wait_for()
    n = sim.page.evaluate("id => sim.log().filter(e => e.fn === 'LMSSetValue' && e.args[1] === id)"
                          ".map(e => e.args[0].split('.')[2])", interaction)
    assert n, f"no interaction {interaction} in the log"
    for field, value in (("id", interaction), ("student_response", response), ("result", "correct")):
        row = sim.page.locator(f'#sim-log tr[data-el="cmi.interactions.{n[0]}.{field}"]')
        assert row.get_attribute("data-code") == "0"
        assert json.dumps(value, ensure_ascii=False) in row.inner_text()
    row = sim.page.locator(f'#sim-interactions tr[data-n="{n[0]}"]')
    assert row.locator('[data-f="id"]').inner_text() == interaction
    assert row.locator('[data-f="student_response"]').inner_text() == response
    assert row.locator('[data-f="result"]').inner_text() == "correct"
    until(sim.page, "id => sim.values()['cmi.core.lesson_location'] === id", arg=quiz_page["id"])
    assert sim.page.locator('#sim-objectives [data-f="id"]').first.inner_text() == quiz

    # relaunch: the SCO finishes (pagehide), then comes back on the same page with entry=resume
    sim.page.click("#sim-relaunch")
    sim.wait_running(2)
    sim.learner.wait_page(quiz_page["id"])
    assert sim.model("cmi.core.entry") == "resume"
    log = sim.page.evaluate("sim.log()")
    first = [e for e in log if e.get("launch") == 1 and e["kind"] == "call"]
    assert [e["ret"] for e in first if e["fn"] == "LMSFinish"] == ["true"]
    reads = [e["ret"] for e in log if e.get("launch") == 2 and e.get("args") == ["cmi.core.entry"]]
    assert reads == ["resume"]
    assert sim.log_rows(".err") == 0, sim.page.locator("#sim-log tr.err").all_inner_texts()
    assert sim.errors == [] and sim.foreign == []

    # the screenshot: the end of launch 1 (LMSFinish) and the start of launch 2 in the log
    sim.page.mouse.move(700, 5)   # no hover highlight on the Relaunch button
    sim.page.evaluate("""() => {
        document.activeElement.blur();
        const scroll = document.getElementById('sim-log-scroll'), rows = scroll.querySelectorAll('tr.marker.launch');
        scroll.scrollTop = rows[rows.length - 1].offsetTop - 150; }""")
    sim.page.screenshot(path=str(shots / "preview.png"))


# ---------------------------------------------------------------- live rebuild, and a broken edit

def test_edit_rebuilds_and_a_broken_edit_keeps_the_last_good_build(preview, open_sim, tmp_path):
    course = copy_course(SEED, tmp_path / "course")
    module = course / "modules" / "01-concepts.yaml"
    server = preview(course)
    sim = open_sim(server)
    sim.learner.go("definition")

    # an edit: rebuilt, reloaded, and the learner is back on the same page (resume)
    text = module.read_text(encoding="utf-8")
    marker = "نص جديد أضيف للمعاينة"
    saved = time.monotonic()
    module.write_text(text.replace("من هذا التعريف نستخلص", marker + "، من هذا التعريف نستخلص", 1), encoding="utf-8")
    sim.wait_running(2)
    until(sim.sco, "t => document.querySelector('section.sb-page:not([hidden])').textContent.includes(t)", arg=marker)
    seconds = time.monotonic() - saved
    assert sim.learner.current() == "definition"
    assert sim.info()["generation"] == 2 and sim.info()["entry"] == "resume"
    assert seconds < 5, f"edit to reload took {seconds:.2f} s"
    print(f"\nedit -> new text shown: {seconds:.2f} s")

    # a broken edit: the error (file:line) shows, the running SCO stays as it was
    broken = text.replace(marker, "").replace("    title: تعريف الشبكة", "    titel: تعريف الشبكة", 1)
    line = broken.splitlines().index("    titel: تعريف الشبكة") + 1
    module.write_text(broken, encoding="utf-8")
    error = sim.page.locator("#sim-error")
    error.wait_for(state="visible")
    assert f"modules/01-concepts.yaml:{line}:" in error.inner_text()
    assert "titel" in error.inner_text()
    item = error.locator("li", has_text="titel")   # a link opens the file at the line in VS Code; the line shows
    assert item.locator("a").get_attribute("href") == f"vscode://file{module.resolve().as_posix()}:{line}:5"
    assert item.locator("pre.source").inner_text() == f"{line} |     titel: تعريف الشبكة"
    assert "failed" in sim.page.locator("#sim-build").inner_text()
    info = sim.info()
    assert (info["generation"], info["launch"], info["state"]) == (2, 2, "running")
    assert marker in sim.sco.locator("section.sb-page:not([hidden])").inner_text()

    # fixed: the error goes, the new build loads
    module.write_text(text, encoding="utf-8")
    sim.wait_running(3)
    error.wait_for(state="hidden")
    assert sim.info()["generation"] == 3
    assert marker not in sim.sco.locator("section.sb-page:not([hidden])").inner_text()
    assert sim.errors == [] and sim.foreign == []


def test_first_build_failing_is_served_as_an_error_then_recovers(preview, tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course")
    good = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(good.replace("pass_mark: 70", "pass_mark: [70"), encoding="utf-8")
    reports = []
    server = preview(course, on_build=reports.append)
    state = server.state()
    assert state["build"] is None and state["error"]["diagnostics"][0]["file"].endswith("course.yaml")
    assert not reports[0].ok and "course.yaml:" in reports[0].error
    (course / "course.yaml").write_text(good, encoding="utf-8")
    end = time.monotonic() + 10
    while server.state()["build"] is None and time.monotonic() < end:
        time.sleep(0.05)
    assert server.state()["build"]["generation"] == 1 and server.state()["error"] is None
    assert reports[-1].ok and reports[-1].changed == ["course.yaml"]


# ---------------------------------------------------------------- several SCOs

def test_sco_per_module_offers_each_sco_with_its_own_data_model(preview, open_sim, tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course", lambda yaml: yaml + SCO_PER_MODULE)
    sim = open_sim(preview(course))
    buttons = sim.page.locator("#sim-sco-list button")
    assert sim.page.locator("#sim-scos").is_visible() and buttons.count() == 4   # home, 2 modules, final test
    keys = buttons.evaluate_all("els => els.map(e => e.dataset.sco)")
    assert buttons.nth(0).get_attribute("aria-current") == "true" and sim.info()["sco"] == keys[0]

    buttons.nth(1).click()
    sim.wait_running(1, keys[1])
    assert sim.info()["entry"] == "ab-initio"
    page_id = sim.learner.nav[1]
    sim.learner.go(page_id)
    until(sim.page, "id => sim.values()['cmi.core.lesson_location'] === id", arg=page_id)

    buttons.nth(2).click()   # another SCO, another data model
    sim.wait_running(1, keys[2])
    assert sim.info()["entry"] == "ab-initio" and sim.model("cmi.core.lesson_location") != page_id

    buttons.nth(1).click()
    sim.wait_running(2, keys[1])
    assert sim.info()["entry"] == "resume"
    sim.learner.wait_page(page_id)
    assert buttons.nth(1).locator(".status").get_attribute("data-status") == "incomplete"
    assert sim.log_rows(".err") == 0


# ---------------------------------------------------------------- controls

def test_learner_mode_export_and_new_attempt(preview, open_sim, tmp_path):
    sim = open_sim(preview(SAMPLE))
    sim.page.fill("#sim-learner-name", "Haddad, Salma")
    sim.page.fill("#sim-learner-id", "u42")
    sim.page.select_option("#sim-mode", "review")
    sim.page.click("#sim-relaunch")
    sim.wait_running(2)
    assert sim.model("cmi.core.student_name") == "Haddad, Salma · u42"
    assert sim.model("cmi.core.lesson_mode") == "review · no-credit"
    assert sim.sco.evaluate("SB.lms.info().readOnly") is True

    with sim.page.expect_download() as download:
        sim.page.click("#sim-export")
    path = tmp_path / "session.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["settings"]["learnerId"] == "u42" and exported["current"]["launch"] == 2
    assert exported["scos"][0]["stored"]["cmi.core.lesson_status"] == "incomplete"
    assert any(e.get("fn") == "LMSFinish" for e in exported["log"])

    sim.page.select_option("#sim-mode", "auto")
    sim.page.click("#sim-new-attempt")
    sim.wait_running(1)
    assert sim.info()["entry"] == "ab-initio" and sim.model("cmi.core.lesson_mode") == "normal · credit"
    assert sim.page.locator("#sim-log tr.marker.attempt").count() == 1


# ---------------------------------------------------------------- the API's checks

def test_api_refuses_what_moodle_refuses(preview, open_sim):
    sim = open_sim(preview(SAMPLE))
    assert sim.page.input_value("#sim-profile") == "strict"   # SCORM standards mode on: the 4096 limits
    sim.page.select_option("#sim-profile", "moodle")
    errors_before = sim.log_rows(".err")
    calls = sim.page.evaluate("""() => {
        const api = window.API, out = {};
        const set = (el, v) => [api.LMSSetValue(el, v), api.LMSGetLastError()];
        const get = el => [api.LMSGetValue(el), api.LMSGetLastError()];
        out.readOnly = set("cmi.core.student_id", "x");
        out.keyword = set("cmi.core._children", "x");
        out.unknown = set("cmi.core.favourite_colour", "blue");
        out.badStatus = set("cmi.core.lesson_status", "not attempted");
        out.badScore = set("cmi.core.score.raw", "101");
        out.arabicId = set("cmi.interactions.0.id", "سؤال");
        out.skipIndex = set("cmi.interactions.7.id", "q7");
        out.badTime = set("cmi.core.session_time", "1:00:00");
        out.badWeight = (set("cmi.interactions.0.id", "q0"), set("cmi.interactions.0.weighting", "150"));
        out.writeOnly = get("cmi.core.exit");
        out.noChildren = get("cmi.core.lesson_status._children");
        out.notArray = get("cmi.core._count");
        out.children = get("cmi.core.score._children");
        out.initTwice = [api.LMSInitialize(""), api.LMSGetLastError()];
        out.commitArg = [api.LMSCommit("x"), api.LMSGetLastError()];
        out.diagnostic = (api.LMSSetValue("cmi.core.score.raw", "abc"), api.LMSGetDiagnostic(""));
        out.bigMoodle = set("cmi.suspend_data", "x".repeat(5000));
        return out;
    }""")
    assert calls["readOnly"] == ["false", "403"]
    assert calls["keyword"] == ["false", "402"]
    assert calls["unknown"] == ["false", "201"]
    assert calls["badStatus"] == ["false", "405"]
    assert calls["badScore"] == ["false", "405"]
    assert calls["arabicId"] == ["false", "405"]
    assert calls["skipIndex"] == ["false", "201"]
    assert calls["badTime"] == ["false", "405"]
    assert calls["badWeight"] == ["false", "405"]
    assert calls["writeOnly"] == ["", "404"]
    assert calls["noChildren"] == ["", "202"]
    assert calls["notArray"] == ["", "203"]
    assert calls["children"] == ["raw,min,max", "0"]
    assert calls["initTwice"] == ["false", "101"]
    assert calls["commitArg"] == ["false", "201"]
    assert "cmi.core.score.raw" in calls["diagnostic"]
    assert calls["bigMoodle"] == ["true", "0"]   # Moodle's web player takes 64000, with a warning
    assert sim.page.locator('#sim-log tr.warn[data-el="cmi.suspend_data"]').count() == 1
    assert sim.log_rows(".err") - errors_before == 15   # each refused call stands out
    assert sim.page.evaluate("[API.LMSSetValue('cmi.core.lesson_location', 'x'.repeat(300)), API.LMSGetLastError()]") \
        == ["true", "0"]   # so are 255-character strings
    sim.page.select_option("#sim-profile", "strict")
    for element, limit in (("cmi.suspend_data", 4096), ("cmi.core.lesson_location", 255)):
        assert sim.page.evaluate("el => [API.LMSSetValue(el, 'x'.repeat(5000)), API.LMSGetLastError()]", element) \
            == ["false", "405"]
        assert f"over the limit of {limit}" in sim.page.evaluate("API.LMSGetDiagnostic('')")

    rules = sim.page.evaluate("""() => {
        const R = window.Scorm12Rules, normal = R.launch({}, {mode: "auto", credit: "auto"});
        return {
          first: normal.entry,
          resume: R.launch({"cmi.core.exit": "suspend"}, {mode: "auto"}).entry,
          noSuspend: R.launch({"cmi.core.exit": ""}, {mode: "auto"}).entry,
          review: R.launch({"cmi.core.lesson_status": "passed"}, {mode: "auto", credit: "auto", attemptDone: true}),
          override: R.finish({"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "65"}, normal, "70").status,
          noOverrideInReview: R.finish({"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "65"},
                                       {mode: "review", credit: "no-credit"}, "70").status,
          notAttempted: R.finish({"cmi.core.lesson_status": "not attempted"}, normal, "").status,
        };
    }""")
    assert (rules["first"], rules["resume"], rules["noSuspend"]) == ("ab-initio", "resume", "")
    assert (rules["review"]["mode"], rules["review"]["credit"]) == ("review", "no-credit")
    assert rules["override"] == "failed" and rules["noOverrideInReview"] == "incomplete"
    assert rules["notAttempted"] == "completed"


# ---------------------------------------------------------------- serving: loopback only, clean stop, CLI

def test_serves_loopback_only_and_stops_cleanly(preview, tmp_path):
    with pytest.raises(UsageError):
        PreviewServer(SAMPLE, host="0.0.0.0")
    server = preview(SAMPLE)
    assert server.url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(server.url) as response:
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert b'id="scorm_object"' in response.read()
    state = json.loads(urllib.request.urlopen(server.url + "state").read())
    sco_url = state["build"]["scos"][0]["url"]
    assert urllib.request.urlopen(server.url + sco_url.lstrip("/")).status == 200
    for path in ("b/1/../../../../etc/passwd", "preview/../../pyproject.toml", "b/x/index.html"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(server.url + path)
        assert caught.value.code == 404
    rebinding = urllib.request.Request(server.url, headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(rebinding)
    assert caught.value.code == 403
    work = server.site("1").parents[1]   # the temporary build folder
    server.stop()
    assert not work.exists()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(server.url, timeout=2)


def test_cli_prints_the_url_rebuilds_and_stops_on_ctrl_c(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course")
    proc = subprocess.Popen([sys.executable, "-m", "scorm_builder", "preview", str(course), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        lines = []
        while not any("http://127.0.0.1:" in line for line in lines):
            line = proc.stdout.readline()
            assert line, f"preview exited: {proc.stderr.read()}"
            lines.append(line)
        url = re.search(r"http://127\.0\.0\.1:\d+/", "".join(lines)).group(0)
        assert urllib.request.urlopen(url).status == 200
        (course / "course.yaml").write_text(
            (course / "course.yaml").read_text(encoding="utf-8").replace("pass_mark: 70", "pass_mark: [70"),
            encoding="utf-8")
        time.sleep(1.5)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert re.search(r"course\.yaml:\d+:\d+: error", err), err


# ---------------------------------------------------------------- what Moodle will record

def result(sim: Sim) -> dict:
    """The result view: {name: (machine value, text shown)} for grade, status, completion, attempt, next."""
    return sim.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#sim-result [data-r]')]
        .map(d => [d.dataset.r, [d.querySelector('dd').dataset.value, d.querySelector('dd').textContent]]))""")


def moodle_settings(sim: Sim, **values) -> None:
    for key, value in values.items():
        field = sim.page.locator(f'#sim-moodle [data-m="{key}"]')
        if isinstance(value, bool) and key != "masteryOverride":
            field.set_checked(value)
        else:
            field.select_option(str(value).lower()) if field.evaluate("e => e.tagName") == "SELECT" \
                else field.fill(str(value))
            field.dispatch_event("change")


def write(sim: Sim, values: dict, commit: bool = True) -> None:
    """What a SCO would write, through the simulator's window.API (the SCO running has not written these)."""
    assert sim.page.evaluate("""([values, commit]) => Object.entries(values)
        .map(([k, v]) => API.LMSSetValue(k, v)).concat(commit ? [API.LMSCommit('')] : [])
        .every(r => r === 'true')""", [values, commit])


def wait_grade(sim: Sim, grade: float) -> None:
    """Until the result view shows this grade."""
    until(sim.page, "g => document.querySelector('#sim-result [data-r=grade] dd').dataset.value === String(g)",
          arg=grade)


def leave_and_come_back(sim: Sim, launch: int) -> None:
    sim.page.click("#sim-relaunch")
    sim.wait_running(launch)


# (score, status the SCO reports) -> for mastery override on and off: (status Moodle stores, next entry mode)
CASES = {
    "pass": ({"cmi.core.score.raw": "85", "cmi.core.lesson_status": "passed"}, ("passed", "review"), ("passed", "review")),
    "fail": ({"cmi.core.score.raw": "40", "cmi.core.lesson_status": "failed"}, ("failed", "review"), ("failed", "review")),
    # a score below the mastery score (70) while the SCO still says incomplete: the override decides at LMSFinish
    "unfinished": ({"cmi.core.score.raw": "65", "cmi.core.lesson_status": "incomplete"},
                   ("failed", "review"), ("incomplete", "normal")),
}


@pytest.mark.parametrize("override", [True, False], ids=["override-on", "override-off"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_result_view_follows_moodles_rules(preview, open_sim, case, override):
    sim = open_sim(preview(SAMPLE))
    assert result(sim)["grade"] == ["", "no grade yet"]
    moodle_settings(sim, masteryOverride=override, completionStatus="passed")
    values, on, off = CASES[case]
    status, mode = on if override else off
    write(sim, values)
    leave_and_come_back(sim, 2)          # the SCO finishes (pagehide): Moodle applies its rules at LMSFinish
    shown = result(sim)
    raw = values["cmi.core.score.raw"]
    assert shown["grade"] == [raw, f"{raw}.00 / 100.00"]
    assert shown["status"][0] == status
    assert shown["completion"][0] == ("complete" if status == "passed" else "incomplete")
    assert shown["attempt"] == ["1", "1 (no limit)"]
    assert sim.info()["mode"] == mode and shown["next"][0] == mode
    headline = sim.page.inner_text("#sim-result-line")
    assert headline.startswith(f"Moodle will show: {raw}.00 / 100.00 · {status.capitalize()}")
    assert sim.errors == []


def test_grading_methods_and_attempts_over_several_scos(preview, open_sim, tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course", lambda yaml: yaml + SCO_PER_MODULE)
    sim = open_sim(preview(course))
    buttons = sim.page.locator("#sim-sco-list button")
    keys = buttons.evaluate_all("els => els.map(e => e.dataset.sco)")
    for n, values in ((1, {"cmi.core.score.raw": "80", "cmi.core.lesson_status": "passed"}),
                      (2, {"cmi.core.score.raw": "40", "cmi.core.lesson_status": "failed"}),
                      (3, {"cmi.core.score.raw": "0", "cmi.core.lesson_status": "failed"})):
        buttons.nth(n).click()
        sim.wait_running(1, keys[n])
        write(sim, values)
    moodle_settings(sim, grademethod="highest")
    wait_grade(sim, 80)
    moodle_settings(sim, grademethod="average")   # (80 + 40) / 2: a raw score of 0 is left out
    wait_grade(sim, 60)
    assert result(sim)["grade"][1] == "60.00 / 100.00"
    moodle_settings(sim, grademethod="scoes")     # Learning objects: passed or completed SCOs, out of 4 SCOs
    wait_grade(sim, 2)    # the home page's SCO (completed once seen) and the one passed
    assert result(sim)["grade"][1] == "2.00 / 4.00"

    # attempt 2 scores 90 on one SCO; attempts grading decides which attempt counts
    moodle_settings(sim, grademethod="highest")
    sim.page.click("#sim-new-attempt")
    sim.wait_running(1)
    write(sim, {"cmi.core.score.raw": "90", "cmi.core.lesson_status": "passed"})
    assert result(sim)["attempt"][0] == "2"
    for whatgrade, grade in (("highest", 90), ("first", 80), ("last", 90), ("average", 85)):
        moodle_settings(sim, whatgrade=whatgrade)
        wait_grade(sim, grade)
    moodle_settings(sim, maxattempt=1, whatgrade="highest")   # graded only up to "Number of attempts"
    wait_grade(sim, 80)
    assert result(sim)["attempt"][1] == "2 of 1"


def test_real_sco_passing_and_window_settings(preview, open_sim, shots):
    sim = open_sim(preview(SAMPLE))
    moodle_settings(sim, completionStatus="passed", maxattempt=2)
    sim.learner.walk()                                 # every quiz answered right, as a learner does
    wait_grade(sim, 100)
    shown = result(sim)
    assert shown["status"][0] == "passed" and shown["completion"][0] == "complete"
    assert shown["attempt"][1] == "1 of 2" and shown["next"][0] == "review"
    sim.page.click("#sim-tech")                        # the trainer's view: no technical details
    sim.page.locator("#sim-techview").wait_for(state="hidden")
    sim.page.mouse.move(700, 5)
    sim.page.screenshot(path=str(shots / "preview-moodle-result.png"))
    sim.page.click("#sim-tech")
    # settings are remembered for the course
    sim.page.reload()
    sim.wait_running(2)
    assert sim.info()["mode"] == "review"
    assert sim.page.input_value('#sim-moodle [data-m="maxattempt"]') == "2"

    # "When previous attempt completed, passed or failed": coming back starts attempt 2 from zero
    moodle_settings(sim, forcenewattempt="oncomplete")
    leave_and_come_back(sim, 1)
    assert sim.info()["attempt"] == 2 and sim.info()["entry"] == "ab-initio"
    assert result(sim)["grade"][0] == "100"           # attempt 1 still counts (highest attempt)

    # "Current window": what the SCO sends as it leaves is stored; "New window": closing it loses that
    write(sim, {"cmi.comments": "kept"}, commit=False)
    leave_and_come_back(sim, 2)
    assert "kept" in sim.page.evaluate("sim.values()").get("cmi.comments", "")
    moodle_settings(sim, display="popup")
    write(sim, {"cmi.comments": " lost"}, commit=False)
    leave_and_come_back(sim, 3)
    assert "lost" not in sim.page.evaluate("sim.values()").get("cmi.comments", "")
    assert sim.page.locator("#sim-log tr.marker.warn", has_text="new window closed").count() == 1

    # "Always": every entry is a new attempt
    moodle_settings(sim, display="current", forcenewattempt="always")
    leave_and_come_back(sim, 1)
    assert sim.info()["attempt"] == 3 and sim.info()["entry"] == "ab-initio"
    assert sim.errors == []


# ---------------------------------------------------------------- devices and languages

def test_phone_width_shows_the_arabic_course_without_horizontal_scroll(preview, new_context):
    server = preview(SEED)
    page = new_context(viewport={"width": 390, "height": 844}).new_page()   # the simulator itself on a phone
    sim = Sim(page, server)
    page.select_option("#sim-device", "phone")
    frame = page.locator("#scorm_object")
    until(page, "() => document.getElementById('scorm_object').getBoundingClientRect().width <= 360")
    assert frame.bounding_box()["width"] <= 360
    sco = sim.sco
    assert sco.evaluate("document.documentElement.dir") == "rtl"
    for page_id in sim.learner.nav[:3]:
        sim.learner.go(page_id)
        assert sco.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), page_id
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.select_option("#sim-device", "tablet")
    until(page, "() => Math.round(document.getElementById('scorm_object').getBoundingClientRect().width) <= 768")


@pytest.mark.parametrize("lang, relaunch, status_label, standards", [
    ("fr", "Quitter et revenir", "Requiert un statut", "Mode standards SCORM"),
    ("ar", "الخروج ثم العودة", "تقتضي الحالة", "وضع معايير سكورم"),
])
def test_labels_follow_the_cli_language(preview, open_sim, lang, relaunch, status_label, standards):
    sim = open_sim(preview(SAMPLE, lang=lang))
    page = sim.page
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.inner_text("#sim-relaunch") == relaunch
    assert status_label in page.inner_text("#sim-moodle")
    assert standards in page.inner_text("#sim-moodle")
    write(sim, {"cmi.core.score.raw": "85", "cmi.core.lesson_status": "passed"})
    expected = {"fr": "Réussi", "ar": "مرت"}[lang]
    until(page, "t => document.querySelector('#sim-result [data-r=status] dd').textContent === t", arg=expected)
    assert "85.00 / 100.00" in page.inner_text("#sim-result-line")
