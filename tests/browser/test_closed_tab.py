"""A learner who closes the tab keeps what was answered, and the time spent (docs/runtime.md, "When SB.lms commits").

The host sends each LMSCommit/LMSFinish to a test LMS (LmsServer) by synchronous XMLHttpRequest, as Moodle's player
does, and Chromium refuses such a request during page dismissal: only what SB.lms committed while the page was alive
reaches the server. Two LMSs:
  strict  synchronous requests only; the LMS keeps the last session_time reported and adds it into total_time when
          the session ends, even without LMSFinish (Rustici's documented rule)
  moodle  Moodle: total_time = launch total_time + session_time, sent by LMSFinish only; a request that fails is
          sent again with navigator.sendBeacon (mod/scorm/request.js), so the finish on pagehide gets through
"""
from __future__ import annotations

import json
import time

import pytest

from conftest import SAMPLE, SEED, build_one, unpack
from lms_harness import Launch, LmsServer, install_host, install_sco, mastery_score, seconds

LMS = {"strict": {"time": "last", "beacon": False}, "moodle": {"time": "finish", "beacon": True}}
# Moodle's way of counting time, with the finish at pagehide lost (no beacon fallback, or the beacon dropped)
LOST_FINISH = {"time": "finish", "beacon": False}
READ_ON = 3.0  # seconds the learner reads on after the last answer, before closing


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    out = {}
    for name, src in (("sample", SAMPLE), ("seed", SEED)):
        work = tmp_path_factory.mktemp(name)
        out[name] = unpack(build_one(src, work), work / "sco")
    return out


class Lms:
    """A test LMS on the site: the host page, the package at sco/, the server that stores the tracks."""

    def __init__(self, browser, site, package, kind: str):
        install_host(site.root)
        install_sco(site.root, package)
        self.browser, self.site, self.kind = browser, site, kind
        self.server = LmsServer(site)
        self.mastery = mastery_score(package)
        self.contexts = []
        self.closed: dict[str, int] = {}  # sessions closed, by key

    def launch(self, key: str, prev: dict | None = None) -> Launch:
        """A launch in a new browser context (nothing kept in the browser: the server holds the tracks)."""
        self.contexts.append(self.browser.new_context())
        run = Launch(self.contexts[-1].new_page(), self.site, prev=prev, mastery=self.mastery,
                     transport=self.server.transport(key, **LMS.get(self.kind, LOST_FINISH)))
        run.key = key
        return run

    def close(self, run: Launch, how: str) -> None:
        """The learner closes the tab (beforeunload handlers run) or the whole browser window."""
        self.closed[run.key] = self.closed.get(run.key, 0) + 1
        if how == "tab":
            run.page.close(run_before_unload=True)
        else:
            run.page.context.close()

    def stored(self, key: str) -> dict:
        """What the LMS holds once the closed sessions are over (a beacon may land a moment after the close)."""
        deadline = time.monotonic() + 3
        while self.kind == "moodle" and self.finished(key) < self.closed.get(key, 0) and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.server.relaunch(key)

    def finished(self, key: str) -> int:
        return self.server.fns(key).count("LMSFinish")

    def check_session_over(self, key: str, total_before: float, wall: float, how: str, carried: float = 0) -> float:
        """The closed session's time was added once into total_time: more than nothing, not more than the session
        lasted. Returns this session's share.
        Moodle counts it only through LMSFinish, sent at pagehide by beacon. Closing a tab delivers that beacon;
        closing the browser context (Playwright tears its network down at once, as when the browser quits) may
        drop it: then the next launch reports that session's time (`carried`), never counted twice."""
        t = self.stored(key)
        added = seconds(t.get("cmi.core.total_time", "0000:00:00")) - total_before
        if self.kind == "strict":
            assert self.finished(key) == 0  # no finish on pagehide ever arrived: the time came with the commits
        elif self.finished(key) < self.closed[key]:
            assert how == "window" and added == 0
            return added
        else:
            # every finish came by the beacon fallback (the commit's beacon, sent just before, may land after it)
            assert self.server.fns(key, "beacon").count("LMSFinish") == self.finished(key)
        assert 0 < added <= wall + carried
        return added


@pytest.fixture(params=list(LMS))
def lms(request, browser, site, packages):
    made = Lms(browser, site, packages["sample"], request.param)
    yield made
    for context in made.contexts:
        try:
            context.close()
        except Exception:  # closed by the test already
            pass


def suspend(tracks: dict) -> dict:
    return json.loads(tracks["cmi.suspend_data"])


@pytest.mark.parametrize("how", ["tab", "window"])
def test_closing_keeps_two_answers_and_the_time(lms, how):
    started = time.monotonic()
    run = lms.launch("two")
    ui = run.ui
    ui.go(ui.quiz_page("basics-quiz"))
    answers = ui.answer_quiz("basics-quiz", True, only=["q1", "q3"])
    time.sleep(READ_ON)
    lms.close(run, how)
    first = lms.check_session_over("two", 0, time.monotonic() - started, how)

    t = lms.stored("two")
    assert t["cmi.core.exit"] == "suspend"
    r = suspend(t)["q"]["basics-quiz"]["r"]
    assert r == {qid: a["student_response"] for qid, a in answers.items()}

    started = time.monotonic()
    again = lms.launch("two", prev=t)
    session = again.session()
    assert session["entry"] == "resume" and again.ui.current() == ui.quiz_page("basics-quiz")
    assert (session["carried"] > 0) == (first == 0 and lms.kind == "moodle")  # a lost finish: its time comes now
    box = again.ui.box("basics-quiz")
    q1 = again.ui.question("basics-quiz", "q1")
    assert box.locator(f'fieldset[data-question="q1"] input[value="{q1["correct"][0]}"]').is_checked()
    q3 = again.ui.question("basics-quiz", "q3")
    assert box.locator(f'fieldset[data-question="q3"] input[value="{str(q3["correct"]).lower()}"]').is_checked()
    # a second session closed the same way: its time is added, the first one's is not counted again
    again.ui.answer("basics-quiz", "q2")
    time.sleep(READ_ON)
    lms.close(again, how)
    lms.check_session_over("two", first, time.monotonic() - started, how, session["carried"])
    assert set(suspend(lms.stored("two"))["q"]["basics-quiz"]["r"]) == {"q1", "q2", "q3"}


def test_closing_keeps_a_typed_answer_and_an_order(lms):
    started = time.monotonic()
    run = lms.launch("typed")
    ui = run.ui
    ui.go(ui.quiz_page("practice-quiz"))
    text = ui.question("practice-quiz", "fill")["answers"][0]
    ui.fieldset("practice-quiz", "fill").locator("input[type=text]").press_sequentially(text, delay=60)
    order = ui.order("practice-quiz", "order")
    ui.fieldset("practice-quiz", "order").locator(f'li[data-key="{order[-1]}"] button[data-move=up]').click()
    moved = order[:-2] + [order[-1], order[-2]]
    assert ui.order("practice-quiz", "order") == moved
    time.sleep(READ_ON)
    lms.close(run, "tab")
    lms.check_session_over("typed", 0, time.monotonic() - started, "tab")

    t = lms.stored("typed")
    r = suspend(t)["q"]["practice-quiz"]["r"]
    assert (r["fill"], r["order"]) == (text, ",".join(moved))
    again = lms.launch("typed", prev=t)
    assert again.ui.fieldset("practice-quiz", "fill").locator("input[type=text]").input_value() == text
    assert again.ui.order("practice-quiz", "order") == moved


def test_a_session_whose_finish_never_arrived_is_counted_at_the_next_launch(browser, site, packages):
    """Moodle adds session time only at LMSFinish. When the finish sent at pagehide is lost (an API
    without Moodle's beacon fallback, or a beacon dropped as the browser quits), the time of that session rides in
    suspend_data and the next launch reports it, once."""
    lms = Lms(browser, site, packages["sample"], "lost-finish")
    started = time.monotonic()
    run = lms.launch("lost")
    run.ui.go(run.ui.quiz_page("basics-quiz"))
    run.ui.answer_quiz("basics-quiz", True, only=["q1"])
    time.sleep(READ_ON)
    lms.close(run, "tab")
    first_wall = time.monotonic() - started
    t = lms.stored("lost")
    assert lms.finished("lost") == 0 and "cmi.core.total_time" not in t
    base, saved = suspend(t)["t"]
    assert base == 0 and 1 <= saved <= first_wall

    started = time.monotonic()
    again = lms.launch("lost", prev=t)
    assert again.session()["carried"] == saved
    again.ui.go(again.ui.quiz_page("basics-quiz"))
    again.frame.evaluate("SB.lms.finish()")  # this time the finish is sent while the page is alive
    second_wall = time.monotonic() - started
    total = seconds(lms.stored("lost")["cmi.core.total_time"])
    assert saved < total <= saved + second_wall

    third = lms.launch("lost", prev=lms.stored("lost"))
    assert third.session()["carried"] == 0  # counted once
    for context in lms.contexts:
        context.close()
