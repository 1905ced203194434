"""What the runtime reads back from the LMS, when it is not what the runtime wrote (docs/runtime.md, "What is read
back"): suspend_data corrupted, cut short, another course's, with impossible numbers; lesson_mode and credit in
another shape. The course stays usable, the numbers shown are sane, stored status and score are never lowered,
and the session's work reaches the LMS.

The LMS is the Moodle-like host of test_runtime.py (scorm-again with Moodle's checks, lms_host/lms_host.js); the
broken values are what the previous launch left (`prev`) or what LMSGetValue answers (`get_values`)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import SAMPLE, SEED, build_one, unpack
from lms_harness import Launch, assert_clean, install_host, install_sco, mastery_score, set_values


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    work = tmp_path_factory.mktemp("saved")
    unpacked = unpack(build_one(SAMPLE, work), work / "sco")
    return unpacked, mastery_score(unpacked)


@pytest.fixture
def lms(new_context, site, sample):
    """lms(**kw) -> a Launch of the sample course in the LMS host."""
    unpacked, mastery = sample
    install_host(site.root)
    install_sco(site.root, unpacked)
    context = new_context()

    def launch(**kw):
        kw.setdefault("mastery", mastery)
        return Launch(context.new_page(), site, **kw)

    return launch


def good_state() -> dict:
    """suspend_data as the runtime writes it: three pages seen, the basics quiz passed, the final test failed once,
    two practice answers typed."""
    return {"v": 1, "l": "final", "p": ["home", "basics", "basics-quiz"],
            "q": {"basics-quiz": {"n": 1, "b": 100, "s": 100, "f": 1, "d": ["q1", "q2", "q3"],
                                  "r": {"q1": "a", "q2": "b", "q3": "t"}},
                  "final": {"n": 1, "b": 33, "s": 33, "f": 1, "d": ["f1", "f2", "f3"], "r": {"f1": "f"}},
                  "practice-quiz": {"n": 0, "b": 0, "s": -1, "f": 0, "d": ["fill", "num", "match", "order"],
                                    "r": {"fill": "router", "num": "4"}}}}


def text(state: dict) -> str:
    return json.dumps(state, separators=(",", ":"), ensure_ascii=False)


def long_state() -> str:
    """A valid state over 4096 characters (many page ids of an older build), to be cut at 4096."""
    state = good_state()
    state["p"] += [f"old-page-{i:03d}-with-a-long-identifier" for i in range(150)]
    out = text(state)
    assert len(out) > 4096
    return out


def oversized() -> str:
    state = good_state()
    state["q"]["final"].update(n=99, b=1e9, s=1e9)         # scores out of range: the final test starts clean
    state["q"]["basics-quiz"].update(n=-5)                  # "8 attempts left on a 3-attempt assessment"
    state["q"]["practice-quiz"].update(n=99, b=40, s=40, f=1)  # too many attempts: clamped to the 2 allowed
    return text(state)


def foreign() -> str:
    """Another course's suspend_data: its own page, quiz and question ids (and one quiz id in common)."""
    return text({"v": 1, "l": "lesson-3", "p": ["welcome", "lesson-1", "lesson-3"],
                 "q": {"quiz-1": {"n": 2, "b": 100, "s": 100, "f": 1, "d": ["a1", "a2"], "r": {"a1": "a"}},
                       "final": {"n": 1, "b": 90, "s": 90, "f": 1, "d": ["x1", "x2"], "r": {"x1": "t"}}}})


CASES = {
    "not-json": ("{not json", True),
    "cut-at-4096": (long_state()[:4096], True),
    "cut-mid-way": (text(good_state())[: len(text(good_state())) // 2], True),
    "foreign-course": (foreign(), False),
    "oversized-values": (oversized(), True),
    "wrong-types": (text({**good_state(), "p": {"home": 1}, "q": {"final": {"n": "2", "b": None}}}), True),
}


def prev_with(suspend_data: str, **more) -> dict:
    return {"cmi.suspend_data": suspend_data, "cmi.core.exit": "suspend", "cmi.core.lesson_status": "incomplete",
            "cmi.core.lesson_location": "final", **more}


def attempts_left_pattern(ui) -> re.Pattern:
    return re.compile(re.escape(ui.data["strings"]["attempts_left"]).replace(r"\{n\}", r"\s*(-?\w+)\s*"))


def check_sane(ui) -> None:
    """Nothing on any quiz looks like a broken number; attempts left within 0..max; scores within 0..100."""
    body = ui.frame.evaluate("document.body.innerText")
    for bad in ("NaN", "Infinity", "undefined", "null"):
        assert bad not in body, bad
    left = attempts_left_pattern(ui)
    for quiz_id, quiz in ui.data["quizzes"].items():
        ui.go(ui.quiz_page(quiz_id))
        box = ui.box(quiz_id)
        shown = box.inner_text()
        assert "NaN" not in shown, shown
        for n in left.findall(shown):
            assert n.isdigit() and 0 <= int(n) <= quiz["attempts"], (quiz_id, n, quiz["attempts"])
        if box.locator("[data-result]").count():
            assert 0 <= int(box.locator("[data-result]").get_attribute("data-score")) <= 100


def check_saved(t: dict, ui) -> dict:
    """The suspend_data the LMS holds at the end: the runtime's format, with sane numbers."""
    state = json.loads(t["cmi.suspend_data"])
    assert state["v"] == 1 and set(state["p"]) <= set(ui.nav)
    for quiz_id, q in state["q"].items():
        quiz = ui.data["quizzes"][quiz_id]
        assert 0 <= q["n"] <= (quiz["attempts"] or 9999) and 0 <= q["b"] <= 100 and -1 <= q["s"] <= 100, q
    return state


@pytest.mark.parametrize("case", list(CASES))
def test_broken_saved_data_keeps_the_course_usable(lms, case):
    bad, said = CASES[case]
    run = lms(prev=prev_with(bad))
    ui = run.ui
    s = run.session()
    assert (s["entry"], s["readOnly"], s["suspendData"]) == ("resume", False, bad)
    assert (ui.data["strings"]["resume_notice"] in ui.notice()) is said
    assert ui.current() == "final"  # lesson_location is good: the learner is back where they were
    check_sane(ui)
    # the course works: the final test can be taken and passed
    ui.go(ui.quiz_page("final"))
    if ui.box("final").locator("[data-action=retry]").count():
        ui.retry("final")
    ui.answer_quiz("final", True)
    assert ui.submit("final") == (100, True)
    check_sane(ui)
    assert run.errors == []
    host = run.close_sco()
    assert_clean(host)
    t = host["tracks"]
    state = check_saved(t, ui)
    assert state["q"]["final"]["b"] == 100 and state["l"] == ui.quiz_page("final")
    # the final test makes the score (scoring: assessment)
    assert (t["cmi.core.lesson_status"], t["cmi.core.score.raw"], t["cmi.core.exit"]) == ("passed", "100", "")


def test_oversized_values_are_clamped_or_dropped(lms):
    run = lms(prev=prev_with(oversized()))
    ui = run.ui
    left = attempts_left_pattern(ui)
    # practice: 99 attempts of 2, submitted -> both used, no retry, its last score shown
    ui.go(ui.quiz_page("practice-quiz"))
    assert ui.result("practice-quiz") == (40, False)
    assert ui.box("practice-quiz").locator("[data-action=retry]").count() == 0
    assert not left.findall(ui.box("practice-quiz").inner_text())
    # final and basics: broken records, they start clean: every attempt left
    for quiz_id in ("final", "basics-quiz"):
        ui.go(ui.quiz_page(quiz_id))
        assert ui.box(quiz_id).get_attribute("data-state") == "open"
        quiz = ui.quiz(quiz_id)
        if quiz["attempts"]:
            assert left.findall(ui.box(quiz_id).inner_text()) == [str(quiz["attempts"])]
    host = run.close_sco()
    assert_clean(host)
    state = check_saved(host["tracks"], ui)
    assert state["q"]["practice-quiz"]["n"] == 2


def test_one_broken_quiz_record_leaves_the_rest(lms):
    state = good_state()
    state["q"]["final"]["s"] = "NaN"
    run = lms(prev=prev_with(text(state)))
    ui = run.ui
    assert ui.data["strings"]["resume_notice"] in ui.notice()
    # the three pages seen are kept, and the page shown (the final test) is seen now
    assert ui.frame.locator("#sb-progress").get_attribute("aria-valuenow") == "4"
    ui.go(ui.quiz_page("basics-quiz"))
    assert ui.result("basics-quiz") == (100, True)
    ui.go(ui.quiz_page("practice-quiz"))
    assert ui.fieldset("practice-quiz", "fill").locator("input").input_value() == "router"
    ui.go(ui.quiz_page("final"))
    assert ui.box("final").get_attribute("data-state") == "open"
    assert attempts_left_pattern(ui).findall(ui.box("final").inner_text()) == ["3"]
    host = run.close_sco()
    assert_clean(host)
    saved = check_saved(host["tracks"], ui)
    assert saved["q"]["basics-quiz"] == state["q"]["basics-quiz"]


@pytest.mark.parametrize("status, score", [("passed", "100"), ("completed", "85")])
def test_broken_resume_never_lowers_a_stored_status_or_score(lms, status, score):
    """An LMS reopening a finished SCO in normal mode with credit, its suspend_data broken: the learner takes the
    final test again and fails it; what is stored stays."""
    prev = prev_with("{broken", **{"cmi.core.lesson_status": status, "cmi.core.score.raw": score,
                                   "cmi.core.exit": ""})
    run = lms(prev=prev, mode="normal", credit="credit")
    ui = run.ui
    assert ui.data["strings"]["resume_notice"] in ui.notice()
    ui.go(ui.quiz_page("final"))
    for attempt in range(ui.quiz("final")["attempts"]):
        if attempt:
            ui.retry("final")
        ui.answer_quiz("final", False)
        assert ui.submit("final")[1] is False
    check_sane(ui)
    host = run.close_sco()
    assert host["violations"] == [] and host["warnings"] == []  # no downgrade (the host lints them)
    t = host["tracks"]
    # Moodle's mastery override may raise "completed" to "passed" from the stored score, never lower it
    assert (t["cmi.core.lesson_status"], t["cmi.core.score.raw"]) == ("passed", score)
    assert host["override"] is None or host["override"]["before"] == status
    assert [v for el, v in set_values(host) if el == "cmi.core.lesson_status"] == []
    assert [v for el, v in set_values(host) if el == "cmi.core.score.raw"] == []
    check_saved(t, ui)


def test_broken_resume_never_lowers_a_failed_score(lms):
    """Failed at 60 with every attempt used, then the saved attempts are lost: new attempts, but a lower score
    never replaces the stored one (a better one does)."""
    prev = prev_with(text({**good_state(), "q": {"final": {"n": -1}}}),
                     **{"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "60"})
    run = lms(prev=prev, mode="normal", credit="credit")
    ui = run.ui
    ui.go(ui.quiz_page("final"))
    for attempt in range(3):
        if attempt:
            ui.retry("final")
        first = ui.drawn("final")[0]
        ui.answer_quiz("final", {qid: qid == first for qid in ui.drawn("final")})
        assert ui.submit("final") == (33, False)
    host = run.close_sco()
    assert_clean(host)
    t = host["tracks"]
    assert (t["cmi.core.lesson_status"], t["cmi.core.score.raw"]) == ("failed", "60")
    assert json.loads(t["cmi.suspend_data"])["q"]["final"]["n"] == 3


@pytest.mark.parametrize("mode", ["Normal", " normal ", "NORMAL\n", {"value": "normal"}, 1],
                         ids=["Normal", "padded", "upper", "object", "number"])
def test_lesson_mode_in_another_shape_is_normal_and_the_session_is_recorded(lms, mode):
    run = lms(get_values={"cmi.core.lesson_mode": mode, "cmi.core.credit": " Credit"})
    ui = run.ui
    s = run.session()
    assert (s["lessonMode"], s["credit"], s["readOnly"]) == ("normal", "credit", False)
    assert ui.data["strings"]["review_notice"] not in ui.notice()
    ui.walk()
    host = run.close_sco()
    assert_clean(host)
    t = host["tracks"]
    assert (t["cmi.core.lesson_status"], t["cmi.core.score.raw"]) == ("passed", "100")
    state = json.loads(t["cmi.suspend_data"])
    assert set(state["p"]) == set(ui.nav) and state["q"]["final"]["b"] == 100
    assert len({el.split(".")[2] for el in t if el.startswith("cmi.interactions.")}) > 0


@pytest.mark.parametrize("mode, credit", [(" Review ", "credit"), ("BROWSE", "credit"), ("normal", "No-Credit ")])
def test_review_browse_and_no_credit_are_read_in_any_case(lms, mode, credit):
    run = lms(get_values={"cmi.core.lesson_mode": mode, "cmi.core.credit": credit})
    ui = run.ui
    assert run.session()["readOnly"] is True
    assert ui.data["strings"]["review_notice"] in ui.notice()
    ui.walk()
    host = run.close_sco()
    assert [el for el, _ in set_values(host)] == ["cmi.core.session_time", "cmi.core.exit"]


def test_arabic_seed_course_with_broken_data_says_so_in_arabic(new_context, site, tmp_path, shots):
    unpacked = unpack(build_one(SEED, tmp_path), tmp_path / "sco")
    install_host(site.root)
    install_sco(site.root, unpacked)
    run = Launch(new_context().new_page(), site, mastery=mastery_score(unpacked),
                 prev=prev_with('{"v":1,"p":["home"],"q":{"x":', **{"cmi.core.lesson_location": ""}))
    ui = run.ui
    notice = ui.data["strings"]["resume_notice"]
    assert re.search("[\u0600-\u06ff]", notice) and notice in ui.notice()
    run.page.screenshot(path=str(shots / "resume-notice.png"))
    check_sane(ui)
    assert run.errors == []
    host = run.close_sco()
    assert_clean(host)
    check_saved(host["tracks"], ui)
