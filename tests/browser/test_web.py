"""The web version of the seed course (`build --format web`) in Chromium, served over HTTP and opened from
file://. With no LMS the runtime runs standalone and keeps progress in localStorage: the learner (learner.py)
takes the pass and fail paths the SCORM package takes in an LMS (test_runtime.py), and what the LMS would have
recorded is read back from localStorage."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED, StaticServer
from learner import Learner
from lms_harness import objectives

from scorm_builder import build


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Path:
    result = build(SEED, tmp_path_factory.mktemp("web") / "out", fmt="web")
    assert [p.name for p in result.packages] == ["networking-collective-work-1.0.0-web"]
    return result.packages[0]


class WebVersion:
    """The web folder copied to a fresh place, opened in one browser context (one localStorage)."""

    def __init__(self, context, base: str):
        self.context, self.base = context, base
        self.errors: list[str] = []

    def open(self) -> Learner:
        page = self.context.new_page()
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.goto(self.base + "index.html")
        ui = Learner(page)
        ui.wait_ready()
        return ui

    def stored(self, key: str) -> dict:
        """What the runtime left in localStorage, read from a page of the same origin."""
        page = self.context.new_page()
        try:
            page.goto(self.base + "peek.html")
            return json.loads(page.evaluate("k => localStorage.getItem(k)", key))
        finally:
            page.close()


@pytest.fixture(params=["http", "file"])
def site(request, browser, web, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(web, root)
    (root / "peek.html").write_text("<!DOCTYPE html><title>peek</title>")
    server = StaticServer(root) if request.param == "http" else None
    base = server.url() if server else root.as_uri() + "/"
    context = browser.new_context()
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()
    context.route("**/*", route)
    version = WebVersion(context, base)
    yield version
    context.close()
    if server:
        server.close()
    assert version.errors == []
    assert outside == [], f"requests off the web folder: {outside}"


def session(ui: Learner) -> dict:
    return ui.frame.evaluate("JSON.parse(JSON.stringify(SB.lms.info()))")


def test_pass_path(site):
    ui = site.open()
    data = ui.data
    assert ui.frame.evaluate("document.documentElement.dir") == "rtl"
    s = session(ui)
    assert (s["mode"], s["entry"], s["readOnly"]) == ("standalone", "ab-initio", False)
    assert data["strings"]["standalone_notice"] in ui.notice()
    ui.walk()
    ui.page.close()
    t = site.stored(ui.storage_key)
    assert t["cmi.core.lesson_status"] == "passed"
    assert (t["cmi.core.score.raw"], t["cmi.core.score.min"], t["cmi.core.score.max"]) == ("100", "0", "100")
    assert t["cmi.core.exit"] == ""
    objs = objectives(t)
    assert set(objs) == set(data["quizzes"])
    for o in objs.values():
        assert (o["status"], o["score.raw"]) == ("passed", "100")
    state = json.loads(t["cmi.suspend_data"])
    assert state["v"] == 1 and state["l"] == data["nav"][-1]["id"] == t["cmi.core.lesson_location"]
    assert set(state["p"]) == {e["id"] for e in data["nav"]}


def test_fail_path(site):
    ui = site.open()
    data = ui.data
    scoring = data["scoring"]["quizzes"]
    scores, _ = ui.fail_all()
    ui.page.close()
    t = site.stored(ui.storage_key)
    raw = round(sum(scores.values()) / len(scores))
    assert t["cmi.core.lesson_status"] == "failed"
    assert t["cmi.core.score.raw"] == str(raw) and raw < data["sco"]["masteryScore"]
    assert t["cmi.core.exit"] == ""
    objs = objectives(t)
    for qz in scoring:
        assert (objs[qz]["status"], objs[qz]["score.raw"]) == ("failed", str(scores[qz]))
    assert t["cmi.core.lesson_location"] == ui.nav[-1]


def test_resume_where_left(site):
    ui = site.open()
    quiz = next(e for e in ui.data["nav"] if e.get("quiz"))
    ui.go(quiz["id"])
    ui.answer_quiz(quiz["quiz"], True)
    assert ui.submit(quiz["quiz"]) == (100, True)
    page = ui.nav[ui.nav.index(quiz["id"]) + 2]
    ui.go(page)
    ui.page.close()
    again = site.open()
    s = session(again)
    assert (s["mode"], s["entry"], s["location"]) == ("standalone", "resume", page)
    assert again.current() == page
    again.go(quiz["id"])
    assert again.result(quiz["quiz"]) == (100, True)
