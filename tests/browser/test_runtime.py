"""SB.lms (templates/static/sb-lms.js) against a real SCORM 1.2 API: scorm-again 3.4.3 in a host page that plays
the role of Moodle's player.php, with Moodle's checks (tests/browser/lms_host/lms_host.js).

Each launch records every API call; the tracks stored at each commit are what a relaunch starts from."""
from __future__ import annotations

from scorm_builder.render import assets

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLE, SEED, build_one, copy_course, unpack
from lms_harness import (
    CMI_IDENTIFIER, CMI_TIME, CMI_TIMESPAN, PATTERN_FORMAT, RESPONSE_FORMAT, Launch, api_calls, assert_clean, install_host,
    install_sco, interactions, mastery_score, objectives, set_values, stored,
)


class Package:
    def __init__(self, course_dir: Path, work: Path):
        self.zip = build_one(course_dir, work)
        self.dir = unpack(self.zip, work / "sco")
        self.mastery = mastery_score(self.dir)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return Package(SAMPLE, tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return Package(SEED, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """The sample course, then the same course with one more page and one more question (same ids otherwise)."""
    work = tmp_path_factory.mktemp("rebuilt")
    src = work / "course"
    copy_course(SAMPLE, src)
    before = Package(src, work / "v1")
    mod = src / "modules" / "basics.yaml"
    data = yaml.safe_load(mod.read_text(encoding="utf-8"))
    data["pages"].insert(1, {"id": "extra", "title": "An added page", "body": "Added after the first release."})
    data["quiz"]["questions"].append({"id": "q4", "type": "true-false", "prompt": "An added question.", "correct": True})
    mod.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = Package(src, work / "v2")
    return before, after


@pytest.fixture
def lms_for(new_context, site):
    """lms_for(package) -> launch(**kw): a Launch in a new tab of one browser context (shared localStorage),
    the package served at sco/."""
    def make(package: Package):
        install_host(site.root)
        install_sco(site.root, package.dir)
        context = new_context()

        def launch(**kw):
            kw.setdefault("mastery", package.mastery)
            return Launch(context.new_page(), site, **kw)

        launch.context, launch.site, launch.package = context, site, package
        return launch

    return make


@pytest.fixture
def lms(lms_for, sample):
    return lms_for(sample)


@pytest.fixture(params=["sample", "seed"])
def course_lms(request, lms_for):
    """The test course that uses every question type, and the Arabic seed course (course/)."""
    return lms_for(request.getfixturevalue(request.param))


# ---------------------------------------------------------------- checks

def check_interactions(host: dict, submissions: list[tuple[str, dict]]) -> None:
    """One interaction per drawn question of each submission, in order, with well-formed values."""
    got = interactions(host)
    assert sorted(got) == list(range(len(got)))
    want = [(quiz, qid, exp) for quiz, answers in submissions for qid, exp in answers.items()]
    assert [got[n]["id"] for n in sorted(got)] == [f"{quiz}_{qid}" for quiz, qid, _ in want]
    for n, (quiz, qid, exp) in enumerate(want):
        it = got[n]
        assert CMI_IDENTIFIER.match(it["id"])
        assert it["type"] == exp["type"], it
        assert it["student_response"] == exp["student_response"], it
        assert RESPONSE_FORMAT[it["type"]].match(it["student_response"]), it
        assert it["correct_responses.0.pattern"] == exp["pattern"], it
        assert PATTERN_FORMAT[it["type"]].match(it["correct_responses.0.pattern"]), it
        assert it["result"] == exp["result"], it
        assert float(it["weighting"]) == float(exp["weighting"])
        assert CMI_TIMESPAN.match(it["latency"]), it
        assert CMI_TIME.match(it["time"]), it


def statuses(host: dict) -> list[str]:
    return [v for el, v in set_values(host) if el == "cmi.core.lesson_status"]


def finish_values(host: dict) -> dict:
    t = host["tracks"]
    assert CMI_TIMESPAN.match(t["cmi.core.session_time"])
    assert CMI_TIMESPAN.match(t["cmi.core.total_time"])
    return t


# ---------------------------------------------------------------- pass / fail

def pass_path(run: Launch) -> tuple[dict, dict]:
    s = run.session()
    assert (s["mode"], s["entry"], s["lessonMode"], s["credit"], s["readOnly"]) == ("lms", "ab-initio", "normal", "credit", False)
    answers = run.ui.walk()
    host = run.close_sco()
    return host, answers


def check_pass(host: dict, answers: dict, ui_data: dict) -> None:
    assert_clean(host)
    t = finish_values(host)
    assert statuses(host) == ["incomplete", "passed"]
    assert t["cmi.core.lesson_status"] == "passed"
    assert (t["cmi.core.score.raw"], t["cmi.core.score.min"], t["cmi.core.score.max"]) == ("100", "0", "100")
    assert t["cmi.core.exit"] == ""
    assert host["override"] is None  # Moodle's mastery override agrees with the SCO
    objs = objectives(t)
    assert set(objs) == set(ui_data["quizzes"])
    for o in objs.values():
        assert (o["status"], o["score.raw"], o["score.min"], o["score.max"]) == ("passed", "100", "0", "100")
    check_interactions(host, list(answers.items()))
    state = json.loads(t["cmi.suspend_data"])
    assert state["v"] == 1 and state["l"] == ui_data["nav"][-1]["id"] == t["cmi.core.lesson_location"]
    assert set(state["p"]) == {e["id"] for e in ui_data["nav"]}


def test_pass_path(course_lms):
    run = course_lms()
    data = run.ui.data
    if data["course"]["lang"] == "ar":
        assert run.frame.evaluate("document.documentElement.dir") == "rtl"
    else:  # the test course uses every question type
        assert {q["type"] for qz in data["quizzes"].values() for q in qz["questions"]} == {
            "single", "multiple", "true-false", "fill-in", "numeric", "matching", "ordering"}
    host, answers = pass_path(run)
    check_pass(host, answers, data)
    assert run.errors == []


def test_fail_path(course_lms):
    run = course_lms()
    ui = run.ui
    scoring = ui.data["scoring"]["quizzes"]
    ids = ui.nav

    def not_final_yet(qz: str, n: int, attempts: int) -> None:  # no failing score or status reported before
        if n < attempts - 1:
            assert "failed" not in statuses(run.host())
            assert "cmi.core.score.raw" not in dict(set_values(run.host()))

    scores, submissions = ui.fail_all(not_final_yet)
    host = run.close_sco()
    assert_clean(host)
    t = finish_values(host)
    raw = round(sum(scores.values()) / len(scores))
    assert statuses(host) == ["incomplete", "failed"]
    assert t["cmi.core.lesson_status"] == "failed"
    assert t["cmi.core.score.raw"] == str(raw) and raw < run.cfg["mastery"]
    assert t["cmi.core.exit"] == ""
    assert host["override"] is None
    objs = objectives(t)
    for qz in scoring:
        assert (objs[qz]["status"], objs[qz]["score.raw"]) == ("failed", str(scores[qz]))
    check_interactions(host, submissions)
    assert ids[-1] == t["cmi.core.lesson_location"]


# ---------------------------------------------------------------- resume, closing

def test_resume_where_left(lms):
    run = lms()
    ui = run.ui
    ui.go(ui.quiz_page("basics-quiz"))
    basics = ui.answer_quiz("basics-quiz", True)
    assert ui.submit("basics-quiz") == (100, True)
    practice = ui.quiz_page("practice-quiz")
    ui.go(practice)
    partial = ui.answer_quiz("practice-quiz", True, only=["fill", "match"])  # answered, not submitted
    host = run.close_sco()
    assert_clean(host)
    t = host["tracks"]
    assert t["cmi.core.exit"] == "suspend"
    assert t["cmi.core.lesson_status"] == "incomplete"
    assert t["cmi.core.lesson_location"] == practice
    check_interactions(host, [("basics-quiz", basics)])

    again = lms(prev=t)
    assert again.host()["launch"]["entry"] == "resume"
    s = again.session()
    assert (s["entry"], s["readOnly"], s["status"], s["location"]) == ("resume", False, "incomplete", practice)
    assert again.ui.current() == practice
    box = again.ui.box("practice-quiz")
    assert box.locator('fieldset[data-question="fill"] input[type=text]').input_value() == partial["fill"]["student_response"]
    for pair in again.ui.question("practice-quiz", "match")["pairs"]:
        assert box.locator(f'fieldset[data-question="match"] select[data-left="{pair["key"]}"]').input_value() == pair["rightKey"]
    again.ui.go(again.ui.quiz_page("basics-quiz"))
    assert again.ui.result("basics-quiz") == (100, True)
    host2 = again.close_sco()
    assert_clean(host2)
    assert statuses(host2) == []  # already incomplete: nothing to write
    assert interactions(host2) == {}
    assert host2["tracks"]["cmi.core.exit"] == "suspend"


def test_close_tab_in_the_middle_of_a_quiz(lms):
    run = lms(store_key="tab")
    ui = run.ui
    practice = ui.quiz_page("practice-quiz")
    ui.go(practice)
    ui.answer_quiz("practice-quiz", True, only=["fill", "num"])
    run.page.close(run_before_unload=False)
    saved = stored(lms.context, lms.site, "tab")
    t = saved["tracks"]
    state = json.loads(t["cmi.suspend_data"])
    assert state["l"] == practice == t["cmi.core.lesson_location"]
    r = state["q"]["practice-quiz"]["r"]
    assert r["fill"] == ui.question("practice-quiz", "fill")["answers"][0] and r["num"] == "4"
    assert t["cmi.core.exit"] == "suspend"
    assert saved["finished"] is True  # pagehide ran LMSFinish
    assert CMI_TIMESPAN.match(t["cmi.core.session_time"])

    again = lms(prev=t)
    assert again.session()["entry"] == "resume" and again.ui.current() == practice
    fs = again.ui.box("practice-quiz").locator('fieldset[data-question="fill"] input[type=text]')
    assert fs.input_value() == r["fill"]


def test_leave_the_lms_page_in_the_middle_of_a_quiz(lms):
    """The learner leaves the whole player page (top window navigates away) before submitting."""
    run = lms(store_key="away")
    ui = run.ui
    final = ui.quiz_page("final")
    ui.go(final)
    first = ui.drawn("final")[0]
    ui.answer_quiz("final", True, only=[first])
    run.page.goto(lms.site.url("peek.html"))
    saved = stored(lms.context, lms.site, "away")
    assert saved["finished"] is True
    state = json.loads(saved["tracks"]["cmi.suspend_data"])
    assert state["l"] == final and first in state["q"]["final"]["r"]


# ---------------------------------------------------------------- review, revisit

def test_review_mode_changes_nothing(lms):
    host, _ = pass_path(lms())
    before = host["tracks"]
    run = lms(prev=before)  # Moodle: the attempt is finished -> review, no-credit
    assert (run.host()["launch"]["mode"], run.host()["launch"]["credit"]) == ("review", "no-credit")
    s = run.session()
    assert (s["readOnly"], s["status"], s["score"], s["entry"]) == (True, "passed", 100, "")
    ui = run.ui
    assert ui.current() == ui.nav[-1]
    assert ui.result("final") == (100, True)
    # the learner looks around and even re-takes the final test, badly
    ui.go(ui.nav[0])
    ui.next()
    ui.go(ui.quiz_page("final"))
    if ui.box("final").locator("[data-action=retry]").count():
        ui.retry("final")
        ui.answer_quiz("final", False)
        ui.submit("final")
    run.frame.evaluate("""() => { SB.lms.setStatus('failed'); SB.lms.setScore(5);
        SB.lms.setObjective('final', {raw: 5, status: 'failed'}); SB.lms.checkpoint(); }""")
    host = run.close_sco()
    assert_clean(host)
    assert [el for el, _ in set_values(host)] == ["cmi.core.session_time", "cmi.core.exit"]
    assert dict(set_values(host))["cmi.core.exit"] == ""
    after = host["tracks"]
    for key in before:
        if key not in ("cmi.core.session_time", "cmi.core.total_time"):
            assert after[key] == before[key], key
    assert host["override"] is None


def test_passed_course_revisited_in_normal_mode_stays_passed(lms):
    """An LMS that reopens a passed SCO in normal mode with credit: nothing may lower status or score."""
    host, _ = pass_path(lms())
    run = lms(prev=host["tracks"], mode="normal", credit="credit")
    s = run.session()
    assert (s["readOnly"], s["status"], s["score"]) == (False, "passed", 100)
    ui = run.ui
    ui.go(ui.quiz_page("final"))
    assert ui.box("final").locator("[data-action=retry]").count() == 0  # a passed final offers no new attempt
    ui.go(ui.quiz_page("basics-quiz"))  # a module quiz does: re-taken badly
    ui.retry("basics-quiz")
    ui.answer_quiz("basics-quiz", False)
    assert ui.submit("basics-quiz")[1] is False
    run.frame.evaluate("""() => { SB.lms.setStatus('incomplete'); SB.lms.setStatus('failed'); SB.lms.setScore(10);
        SB.lms.setObjective('final', {raw: 100, status: 'failed'}); SB.lms.checkpoint(); }""")
    host2 = run.close_sco()
    assert_clean(host2)
    t = host2["tracks"]
    assert t["cmi.core.lesson_status"] == "passed" and t["cmi.core.score.raw"] == "100"
    assert all(v in ("passed", "completed") for v in statuses(host2))
    assert not any(el.endswith(".status") and v == "failed" for el, v in set_values(host2))
    assert objectives(t)["final"]["status"] == "passed"
    assert t["cmi.core.exit"] == ""
    assert host2["override"] is None
    # the re-take was appended after the first launch's interactions
    first = interactions(host)
    assert min(interactions(host2)) == len(first)


# ---------------------------------------------------------------- rebuilt package

def test_rebuilt_package_resumes_old_suspend_data(new_context, site, rebuilt):
    before, after = rebuilt
    install_host(site.root)
    install_sco(site.root, before.dir)
    context = new_context()
    run = Launch(context.new_page(), site, mastery=before.mastery)
    ui = run.ui
    ui.go(ui.quiz_page("basics-quiz"))
    ui.answer_quiz("basics-quiz", True)
    assert ui.submit("basics-quiz") == (100, True)
    ui.go("steps")
    host = run.close_sco()
    assert_clean(host)

    # the re-uploaded package (Moodle serves it under a new revision in the URL)
    install_sco(site.root, after.dir, "sco-r2")
    run2 = Launch(context.new_page(), site, sco="sco-r2/index.html", mastery=after.mastery, prev=host["tracks"])
    ui2 = run2.ui
    assert "extra" in ui2.nav and "extra" not in ui.nav
    s = run2.session()
    assert s["entry"] == "resume" and json.loads(s["suspendData"])["l"] == "steps"
    assert ui2.current() == "steps"
    old_seen = json.loads(host["tracks"]["cmi.suspend_data"])["p"]
    assert set(old_seen) == {"home", "basics-quiz", "steps"}
    assert ui2.frame.locator("#sb-progress").get_attribute("aria-valuenow") == str(len(old_seen))
    ui2.go(ui2.quiz_page("basics-quiz"))
    assert ui2.result("basics-quiz") == (100, True)
    assert ui2.drawn("basics-quiz") == ["q1", "q2", "q3"]
    ui2.go("extra")
    ui2.go(ui2.quiz_page("final"))
    ui2.answer_quiz("final", True)
    assert ui2.submit("final") == (100, True)
    host2 = run2.close_sco()
    assert_clean(host2)
    assert host2["tracks"]["cmi.core.lesson_status"] == "passed"
    state = json.loads(host2["tracks"]["cmi.suspend_data"])
    assert "extra" in state["p"] and state["q"]["basics-quiz"]["b"] == 100
    assert run2.errors == []


# ---------------------------------------------------------------- faults

def quick_pass(run: Launch) -> int:
    """Submit the basics quiz (unless done) and pass the final test; returns the number of questions submitted."""
    ui = run.ui
    n = 0
    ui.go(ui.quiz_page("basics-quiz"))
    if ui.box("basics-quiz").locator("[data-result]").count() == 0:
        n += len(ui.answer_quiz("basics-quiz", True))
        ui.submit("basics-quiz")
    ui.go(ui.quiz_page("final"))
    n += len(ui.answer_quiz("final", True))
    assert ui.submit("final") == (100, True)
    return n


def warning_text(run: Launch) -> str:
    return run.ui.data["strings"]["lms_warning"]


@pytest.mark.parametrize("faults", [
    pytest.param({"LMSSetValue": {"mode": "false", "times": 6}}, id="setvalue-false"),
    pytest.param({"LMSCommit": {"mode": "false", "times": 2}}, id="commit-false"),
    pytest.param({"LMSSetValue": {"mode": "throw", "times": 3}, "LMSCommit": {"mode": "throw", "times": 2}},
                 id="lms-throws"),
    pytest.param({"LMSSetValue": {"mode": "false", "match": "cmi.suspend_data", "times": 3}},
                 id="suspend-data-refused"),
])
def test_faulty_lms_keeps_working_and_retries(lms, faults):
    run = lms(faults=faults)
    submitted = quick_pass(run)
    run.ui.frame.wait_for_function("document.getElementById('sb-notice') && !document.getElementById('sb-notice').hidden")
    assert warning_text(run) in run.ui.notice()
    assert run.errors == []
    host = run.close_sco()
    assert host["violations"] == [] and host["warnings"] == []
    t = host["tracks"]
    # everything reached the LMS in the end
    assert t["cmi.core.lesson_status"] == "passed" and t["cmi.core.score.raw"] == "100"
    assert t["cmi.core.exit"] == ""
    assert objectives(t)["final"]["status"] == "passed"
    state = json.loads(t["cmi.suspend_data"])
    assert state["q"]["final"]["b"] == 100 and state["l"] == run.ui.quiz_page("final")
    n_interactions = len({el.split(".")[2] for el in t if el.startswith("cmi.interactions.")})
    assert n_interactions == submitted
    assert [c["fn"] for c in host["calls"]].count("LMSFinish") == 1
    assert host["calls"][-1]["fn"] == "LMSFinish"


def test_slow_lms(lms):
    run = lms(faults={"LMSCommit": {"mode": "slow", "ms": 300}})
    quick_pass(run)
    host = run.close_sco()
    assert_clean(host)
    commits = api_calls(host, "LMSCommit")
    assert commits and all(c["ret"] == "true" for c in commits)
    assert warning_text(run) not in run.ui.notice()
    assert host["tracks"]["cmi.core.lesson_status"] == "passed"


def test_lms_that_throws_at_initialize_falls_back_to_standalone(lms):
    run = lms(faults={"LMSInitialize": {"mode": "throw"}})
    s = run.session()
    assert s["mode"] == "standalone"
    assert warning_text(run) in run.ui.notice()
    quick_pass(run)
    host = run.close_sco(lms=False)
    # the failed LMSInitialize, the probe that showed the data model is not usable, then nothing
    assert [c["fn"] for c in host["calls"] if c["fn"] != "LMSGetErrorString"] == ["LMSInitialize", "LMSGetValue"]
    local = stored(lms.context, lms.site, run.ui.storage_key)
    assert local["cmi.core.lesson_status"] == "passed"


def test_no_api_standalone_keeps_progress_in_local_storage(lms):
    run = lms(no_api=True)
    s = run.session()
    assert (s["mode"], s["entry"], s["readOnly"]) == ("standalone", "ab-initio", False)
    ui = run.ui
    assert ui.data["strings"]["standalone_notice"] in ui.notice()
    assert warning_text(run) not in ui.notice()
    ui.go(ui.quiz_page("basics-quiz"))
    ui.answer_quiz("basics-quiz", True)
    assert ui.submit("basics-quiz") == (100, True)
    ui.go("steps")
    run.page.close()
    key = ui.storage_key
    local = stored(lms.context, lms.site, key)
    assert local["cmi.core.lesson_status"] == "incomplete" and local["cmi.core.exit"] == "suspend"
    assert json.loads(local["cmi.suspend_data"])["l"] == "steps"
    assert objectives({k: v for k, v in local.items()})["basics-quiz"]["status"] == "passed"

    again = lms(no_api=True)
    s = again.session()
    assert (s["mode"], s["entry"], s["location"]) == ("standalone", "resume", "steps")
    assert again.ui.current() == "steps"
    quick_pass(again)
    again.page.close()
    local = stored(lms.context, lms.site, key)
    assert local["cmi.core.lesson_status"] == "passed" and local["cmi.core.score.raw"] == "100"
    assert local["cmi.core.exit"] == ""


def test_corrupt_suspend_data_starts_afresh(lms):
    for bad in ("{not json", json.dumps({"v": 2, "l": "steps"}), "[1,2]", "null", "1", '"v"'):
        prev = {"cmi.suspend_data": bad, "cmi.core.exit": "suspend", "cmi.core.lesson_status": "incomplete",
                "cmi.core.lesson_location": "steps"}
        run = lms(prev=prev)
        s = run.session()
        assert s["suspendData"] == bad and s["entry"] == "resume"
        assert run.ui.data["strings"]["resume_notice"] in run.ui.notice()
        assert run.ui.current() in run.ui.nav
        assert run.errors == []
        host = run.close_sco()
        assert_clean(host)
        assert json.loads(host["tracks"]["cmi.suspend_data"])["v"] == 1  # a fresh, valid state replaced it


# ---------------------------------------------------------------- discovery, lifecycle, values

@pytest.mark.parametrize("nest, mode", [(6, "lms"), (7, "standalone")])
def test_api_discovery_walks_at_most_seven_parents(lms, nest, mode):
    """SCO -> frame(1) -> ... -> frame(nest) -> host: nest + 1 hops up to the API."""
    run = lms(nest=nest)
    assert run.session()["mode"] == mode
    host = run.close_sco(lms=mode == "lms")
    if mode == "lms":
        assert_clean(host)
    else:
        assert host["calls"] == []


def test_api_discovery_through_the_opener(lms):
    """Moodle's "new window" display: the SCO runs in a popup, the API is in window.opener."""
    run = lms(popup=True)
    s = run.session()
    assert (s["mode"], s["entry"]) == ("lms", "ab-initio")
    quick_pass(run)
    host = run.close_sco()
    assert_clean(host)
    assert host["tracks"]["cmi.core.lesson_status"] == "passed"


def test_hidden_page_commits_without_finishing(lms):
    run = lms()
    ui = run.ui
    practice = ui.quiz_page("practice-quiz")
    ui.go(practice)
    ui.answer_quiz("practice-quiz", True, only=["fill"])
    commits = len(api_calls(run.host(), "LMSCommit"))
    # the tab goes to the background (visibilitychange -> hidden)
    run.frame.evaluate("""() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
        document.dispatchEvent(new Event('visibilitychange')); }""")
    host = run.host()
    assert len(api_calls(host, "LMSCommit")) == commits + 1 and not host["finished"]
    state = json.loads(host["tracks"]["cmi.suspend_data"])
    assert state["q"]["practice-quiz"]["r"]["fill"] == ui.question("practice-quiz", "fill")["answers"][0]
    # nothing changed: hidden again commits nothing
    run.frame.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert len(api_calls(run.host(), "LMSCommit")) == commits + 1
    assert_clean(run.close_sco())


def test_exit_button_finishes_exactly_once(lms):
    run = lms()
    ui = run.ui
    quick_pass(run)
    ui.frame.locator("[data-action=exit]").first.dispatch_event("click")
    run.page.wait_for_function("lmsHost.finished")
    n = len(run.host()["calls"])
    run.frame.evaluate("() => { SB.lms.checkpoint(); SB.lms.setScore(50); SB.lms.finish(); }")
    # shown again from the back-forward cache: the session is over, the learner is told so
    assert warning_text(run) not in ui.notice()
    run.frame.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert warning_text(run) in ui.notice()
    host = run.close_sco()
    assert len(host["calls"]) == n  # no API call after LMSFinish, not even at pagehide
    assert_clean(host)
    assert host["tracks"]["cmi.core.exit"] == ""


def test_values_are_made_valid_for_moodle(lms):
    """Whatever the app passes, what reaches the LMS passes Moodle's checks (the host refuses the rest)."""
    run = lms()
    run.frame.evaluate("""() => {
        SB.lms.addInteraction({id: "اختبار_س1 x", type: "fill-in", response: "ن".repeat(300), pattern: "ب".repeat(300),
            result: false, weight: 2.5, latencyMs: 3723456.7, time: new Date(2024, 0, 2, 13, 4, 5)});
        SB.lms.addInteraction({id: "q_multi", type: "multiple", response: "a,c", pattern: "a,c", result: true,
            weight: 1, latencyMs: 1e12, time: "not a date"});
        SB.lms.addInteraction({id: "q_order", type: "ordering", response: "c,a,b", pattern: "a,b,c", result: "wrong",
            latencyMs: -5});
        SB.lms.setObjective("quiz one", {raw: 66.666, status: "incomplete"});
        SB.lms.setObjective("quiz one", {raw: 80, status: "passed"});
        SB.lms.setObjective("quiz one", {raw: 50, status: "failed"});
        SB.lms.setScore("abc"); SB.lms.setScore(null); SB.lms.setScore(150.5); SB.lms.setScore(85.456);
        SB.lms.setStatus("not attempted"); SB.lms.setStatus("bogus"); SB.lms.setStatus("browsed");
        SB.lms.checkpoint();
    }""")
    host = run.close_sco()
    assert_clean(host)
    it = interactions(host)
    assert it[0]["id"] == "------_-1-x"  # Arabic letters and the space replaced: printable ASCII only
    assert len(it[0]["student_response"]) == 255 and len(it[0]["correct_responses.0.pattern"]) == 255
    assert (it[0]["result"], it[0]["weighting"], it[0]["latency"], it[0]["time"]) == ("wrong", "2.5", "0001:02:03.46", "13:04:05")
    assert (it[1]["type"], it[1]["result"], it[1]["latency"]) == ("choice", "correct", "9999:59:59.99")
    assert CMI_TIME.match(it[1]["time"])
    assert (it[2]["type"], it[2]["latency"]) == ("sequencing", "0000:00:00.00")
    t = host["tracks"]
    o = objectives(t)["quiz-one"]
    assert (o["score.raw"], o["status"]) == ("50", "passed")  # the score follows, the status never goes down
    assert t["cmi.core.score.raw"] == "85.46"
    assert [v for el, v in set_values(host) if el == "cmi.core.score.raw"] == ["85.46"]
    assert statuses(host) == ["incomplete"]


def test_runtime_source_rules():
    src = (ROOT / "templates" / "static" / "sb-lms.js").read_text(encoding="utf-8")
    assert len(assets()["assets/sb-lms.js"]) <= 10 * 1024  # small as shipped (templates/static/min/)
    code = "\n".join(line for line in src.splitlines() if not line.lstrip().startswith(("*", "/*", "//")))
    assert "unload" not in code  # neither unload nor beforeunload: pagehide and visibilitychange only
    assert '"true"' in code and "== \"true\"" not in code.replace("=== \"true\"", "")


def test_host_enforces_the_moodle_profile(lms):
    """The LMS side itself: Moodle's value checks, the mastery override at LMSFinish, total_time, lint warnings."""
    run = lms()
    assert run.host()["profile"] == "strict"
    results = run.page.evaluate("""() => {
        const tries = [["cmi.interactions.0.id", "has space"], ["cmi.interactions.0.id", "سؤال"],
            ["cmi.objectives.3.id", "too-far"], ["cmi.suspend_data", "x".repeat(4097)],
            ["cmi.core.score.raw", "101"], ["cmi.core.score.raw", "1e2"], ["cmi.core.session_time", "1:00:00"],
            ["cmi.core.lesson_status", "not attempted"], ["cmi.core.exit", "later"],
            ["cmi.interactions.0.type", "choice"], ["cmi.core.student_id", "s2"], ["cmi.core.nonsense", "1"],
            ["cmi.core._children", "x"]];
        return tries.map(([el, v]) => [el, API.LMSSetValue(el, v), API.LMSGetLastError()]);
    }""")
    assert [err for _, _, err in results] == ["405"] * 2 + ["201", "405", "405", "405", "405", "405", "405", "201",
                                                             "403", "201", "402"], results
    assert all(ret == "false" for _, ret, _ in results), results
    # reads Moodle refuses: write-only, unknown
    reads = run.page.evaluate("""() => ["cmi.core.exit", "cmi.core.session_time", "cmi.core.nonsense"].map(
        el => [API.LMSGetValue(el), API.LMSGetLastError()])""")
    assert reads == [["", "404"], ["", "404"], ["", "201"]]
    assert len(run.host()["violations"]) == len(results) + len(reads)
    # the SCO says passed with a score under the mastery score: Moodle makes it failed at LMSFinish
    # (on the way, a downgrade inside the session: accepted, with a warning from Scorm12Rules.lint)
    run.page.evaluate("""() => { API.LMSSetValue("cmi.core.score.raw", "50");
        API.LMSSetValue("cmi.core.lesson_status", "passed"); API.LMSSetValue("cmi.core.lesson_status", "incomplete");
        API.LMSSetValue("cmi.core.lesson_status", "passed"); }""")
    run.frame.evaluate("SB.lms.finish()")
    host = run.host()
    assert host["override"] == {"before": "passed", "after": "failed", "reason": "mastery override: score 50 < 70"}
    assert host["tracks"]["cmi.core.lesson_status"] == "failed"
    assert host["warnings"] == ["lesson_status downgraded from passed to incomplete"]
    first_total = seconds(host["tracks"]["cmi.core.total_time"])
    assert first_total == seconds(host["tracks"]["cmi.core.session_time"])
    again = lms(prev=host["tracks"])
    # failed finishes the attempt -> review; the exit SB.lms wrote was "suspend" (it knew only "incomplete")
    launch = again.host()["launch"]
    assert (launch["mode"], launch["credit"], launch["entry"]) == ("review", "no-credit", "resume")
    # accepted (valid values), but a downgrade written in review mode: warnings from Scorm12Rules.lint
    assert again.page.evaluate("API.LMSSetValue('cmi.core.lesson_status', 'incomplete')") == "true"
    warnings = again.host()["warnings"]
    assert any("downgraded from failed to incomplete" in w for w in warnings), warnings
    assert any("written in review/no-credit mode" in w for w in warnings), warnings
    host2 = again.close_sco()
    assert host2["override"] is None
    # Moodle adds this launch's session_time into the stored total_time
    total = seconds(host2["tracks"]["cmi.core.total_time"])
    assert abs(total - (first_total + seconds(host2["tracks"]["cmi.core.session_time"]))) < 0.015


def seconds(span: str) -> float:
    h, m, s = span.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


# values scorm-again 3.4.3 accepts on its own, that Moodle (Scorm12Rules, profile strict) refuses
LOOSER_IN_SCORM_AGAIN = [
    ["cmi.interactions.0.objectives.0.id", "has space"],
    ["cmi.interactions.0.student_response", "x" * 256],
    ["cmi.interactions.0.correct_responses.0.pattern", "x" * 256],
    ["cmi.interactions.0.latency", "1:00:00"],
    ["cmi.core.session_time", "12345:00:00"],
    ["cmi.core.score.raw", "0100"],
    ["cmi.suspend_data", "x" * 4097],
]


def test_host_checks_come_from_the_shared_rules(lms_for, sample):
    """The host has no rules of its own: what Scorm12Rules (templates/preview/scorm12-rules.js, profile strict)
    refuses, the host refuses with the same error code and diagnostic, even where scorm-again alone accepts it;
    and a change to the served rules file changes what the host accepts."""
    lms = lms_for(sample)
    run = lms()
    got = run.page.evaluate("""tries => {
        API.LMSSetValue("cmi.interactions.0.id", "quiz_q1");  // the array element the tries write into
        return tries.map(([el, v]) => {
            const alone = new Scorm12API({logLevel: 5, autocommit: false});
            alone.LMSInitialize("");
            alone.LMSSetValue("cmi.interactions.0.id", "quiz_q1");
            const rules = Scorm12Rules.set(lmsHost.values, el, v, "strict");
            const ret = API.LMSSetValue(el, v);
            return {el, alone: alone.LMSSetValue(el, v), rules, ret, err: API.LMSGetLastError(),
                    diagnostic: API.LMSGetDiagnostic(""), violation: lmsHost.violations[lmsHost.violations.length - 1]};
        });
    }""", LOOSER_IN_SCORM_AGAIN)
    for g in got:
        assert g["alone"] == "true", g["el"]             # scorm-again on its own lets it through
        assert g["rules"]["code"] == "405", g["el"]      # the shared rules refuse it
        assert (g["ret"], g["err"], g["diagnostic"]) == ("false", "405", g["rules"]["diagnostic"]), g
        assert g["violation"] == "LMSSetValue: " + g["rules"]["diagnostic"]
    assert len(run.host()["violations"]) == len(LOOSER_IN_SCORM_AGAIN)

    # the served copy of the shared file decides: hold the strict profile's CMIString4096 to 100 characters
    # (a new browser context, so that no cached copy of the file is used)
    lms = lms_for(sample)
    rules = lms.site.root / "scorm12-rules.js"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nScorm12Rules.PROFILES.strict.string4096 = 100;\n",
                     encoding="utf-8")
    tight = lms(wait_app=False)
    tight.page.wait_for_function("lmsHost.calls.some(c => c.fn === 'LMSInitialize' && c.ret === 'true')")
    assert tight.page.evaluate("Scorm12Rules.PROFILES.strict.string4096") == 100  # the changed file was loaded
    assert tight.page.evaluate("""() => [API.LMSSetValue("cmi.suspend_data", "x".repeat(100)),
        API.LMSSetValue("cmi.suspend_data", "x".repeat(101)), API.LMSGetLastError()]""") == ["true", "false", "405"]
    assert "LMSSetValue: cmi.suspend_data: 101 characters, over the limit of 100" in tight.host()["violations"]


def test_host_profile_is_a_profile_of_the_shared_rules(lms):
    """profile="moodle" (Moodle's web player: 64000 characters) takes the suspend_data strict refuses."""
    run = lms(profile="moodle")
    assert run.host()["profile"] == "moodle"
    assert run.page.evaluate("""() => [API.LMSSetValue("cmi.suspend_data", "x".repeat(4097)),
        API.LMSSetValue("cmi.interactions.0.id", "has space")]""") == ["true", "false"]
    assert len(run.host()["violations"]) == 1
