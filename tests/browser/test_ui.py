"""The learner experience (templates/sco.html.j2, static/sb-app.js, static/sb.css, i18n/*.json) in Chromium.

The sample course (tests/courses/sample, every question type) is built once per module in English and once in
Arabic (same course with `language: ar`), unpacked into a fresh loopback site per test, and opened in
standalone mode (no LMS). Screenshots go to docs/screenshots/ only when SB_SCREENSHOTS=1.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, SCO_PER_MODULE, SEED, build_one, copy_course, copy_node_module, unpack
from learner import Learner

from scorm_builder.render import assets

TEMPLATES = ROOT / "templates"


# ---------------------------------------------------------------- builds (once per module)

def _build_copy(tmp_path_factory, name: str, change) -> Path:
    """The sample course with its course.yaml changed, built."""
    base = tmp_path_factory.mktemp(name)
    return build_one(copy_course(SAMPLE, base / "course", change), base)


@pytest.fixture(scope="module")
def pkg_en(tmp_path_factory) -> Path:
    return build_one(SAMPLE, tmp_path_factory.mktemp("en"))


@pytest.fixture(scope="module")
def pkg_ar(tmp_path_factory) -> Path:
    """The sample course with `language: ar`: Arabic interface, right to left."""
    return _build_copy(tmp_path_factory, "ar", lambda yaml: re.sub(r"(?m)^language: en$", "language: ar", yaml))


@pytest.fixture(scope="module")
def pkg_multi(tmp_path_factory) -> Path:
    """The sample course cut into one SCO per module (home, basics, practice, final)."""
    return _build_copy(tmp_path_factory, "multi", lambda yaml: yaml + SCO_PER_MODULE)


@pytest.fixture(scope="module")
def pkg_seed(tmp_path_factory, pkg_ar) -> Path:
    """The Arabic seed course when it builds, else the Arabic sample."""
    try:
        return build_one(SEED, tmp_path_factory.mktemp("seed"))
    except Exception:  # course/ still being written
        return pkg_ar


# ---------------------------------------------------------------- pages

class Course(Learner):
    """One launch page opened at the top of a tab, standalone (no LMS)."""

    def __init__(self, page, root: Path):
        super().__init__(page)
        self.root = root

    def reload(self) -> None:
        self.page.reload()
        self.wait_ready()

    # accessibility
    def axe(self, label: str):
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.add_script_tag(path=str(self.root / "axe.min.js"))
        found = self.page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' -> ' +
                v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '));
        }""")
        assert found == [], f"axe on {label}: " + "\n".join(found)

    def stored(self) -> dict:
        """What the runtime keeps in standalone mode (localStorage): flat CMI keys."""
        return json.loads(self.page.evaluate("k => localStorage.getItem(k)", self.storage_key))


@pytest.fixture
def open_course(browser, site):
    """open_course(pkg, width=1280) -> Course; fails the test on script errors or any request off loopback."""
    contexts, errors, outside = [], [], []

    def _open(pkg: Path, width: int = 1280, height: int = 900, patch=None, path: str = "index.html") -> Course:
        if not (site.root / "index.html").exists():
            unpack(pkg, site.root)
            copy_node_module("axe-core/axe.min.js", site.root / "axe.min.js")
            if patch:
                index = site.root / "index.html"
                index.write_text(patch(index.read_text(encoding="utf-8")), encoding="utf-8")
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)

        def route(r):
            if r.request.url.startswith(site.url()):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()
        ctx.route("**/*", route)
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(site.url(path))
        course = Course(page, site.root)
        course.wait_ready()
        return course

    yield _open
    for ctx in contexts:  # before the checks: what runs as the pages close counts too
        ctx.close()
    assert errors == [], errors
    assert outside == [], f"requests off the package: {outside}"


# ---------------------------------------------------------------- static checks

def test_catalogues_have_the_same_snake_case_keys_and_placeholders():
    cats = {lang: json.loads((TEMPLATES / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
            for lang in ("ar", "fr", "en")}
    keys = set(cats["en"])
    for lang, cat in cats.items():
        assert set(cat) == keys, lang
        for k, v in cat.items():
            assert re.fullmatch(r"[a-z][a-z0-9_]*", k) and isinstance(v, str) and v.strip(), (lang, k)
            assert set(re.findall(r"\{\w+\}", v)) == set(re.findall(r"\{\w+\}", cats["en"][k])), (lang, k)


def test_assets_are_small_and_never_touch_the_network():
    """The budget is on what packages ship: sb-lms.js, sb-answers.js, sb-app.js and sb.css as minified by render.assets()
    (the sources in templates/static/ are written to be read, comments and all), and apart, the page blocks' code
    the seed course ships (sb-blocks.js and sb-blocks.css, only for the block types it uses)."""
    from scorm_builder import components
    from scorm_builder.loader import load_course
    from scorm_builder.render import block_assets

    shipped = assets()
    size = sum(len(data) for data in shipped.values())
    # 46,000 since the runtime checks the progress it reads back from the LMS (SB.answers.resume)
    assert size <= 45_000, f"shipped assets = {size} bytes: " + ", ".join(f"{k} {len(v)}" for k, v in shipped.items())
    seed = load_course(SEED)
    blocks = block_assets(tuple(components.used(p for m in seed.modules for p in m.pages)))
    assert "assets/sb-blocks.js" in blocks
    assert sum(len(data) for data in blocks.values()) <= 4_500, {k: len(v) for k, v in blocks.items()}
    shipped = {**shipped, **blocks}
    network = re.compile(r"(?i)\b(https?:|ftp:|wss?:)|//[a-z0-9.-]+\.[a-z]{2,}|@import|url\(")
    sources = [TEMPLATES / "static" / name for name in ("sb-lms.js", "sb-answers.js", "sb-app.js", "sb.css")] + [TEMPLATES / "sco.html.j2"]
    sources += [f for c in components.blocks().values() for f in sorted(c.folder.iterdir()) if f.suffix in (".js", ".css", ".j2")]
    for f in sources:
        assert not network.search(f.read_text(encoding="utf-8")), f.name
    for name, data in shipped.items():
        assert not network.search(data.decode("utf-8")), name


# ---------------------------------------------------------------- navigation, progress

def test_every_page_by_next_previous_and_contents(open_course, pkg_en):
    c = open_course(pkg_en)
    p = c.page
    assert c.visible() == [c.nav[0]] and p.is_disabled("#sb-prev")
    assert p.locator("#sb-notice").is_visible()  # standalone mode is said
    total = len(c.nav)
    assert p.get_attribute("#sb-progress", "aria-valuemax") == str(total)
    for i, pid in enumerate(c.nav[1:], start=2):
        p.click("#sb-next")
        assert c.visible() == [pid]
        assert p.evaluate("document.activeElement.tagName") == "H1"  # focus moved to the heading
        assert p.evaluate("document.activeElement.closest('section').dataset.page") == pid
        assert p.get_attribute(f'#sb-toc a[data-page="{pid}"]', "aria-current") == "page"
        assert p.locator("#sb-toc a[aria-current]").count() == 1
        assert p.get_attribute("#sb-progress", "aria-valuenow") == str(i)
    assert p.is_disabled("#sb-next")
    assert "done" in p.get_attribute(f'#sb-toc a[data-page="{c.nav[1]}"]', "class")
    p.click("#sb-prev")
    assert c.visible() == [c.nav[-2]]
    c.go(c.nav[2])
    assert c.page.evaluate("SB.app.current()") == c.nav[2]
    # home page: title, organisation, authors, programme linking to the module pages, intro text
    c.go("home")
    home = c.section("home")
    assert home.locator("h1").inner_text() == "Sample course"
    assert "Test Centre" in home.inner_text() and "Ada Trainer" in home.inner_text()
    assert "Read each page" in home.inner_text()
    home.locator(".programme a").nth(1).click()
    assert c.visible() == ["practice"]
    # module page lists its pages and quiz
    assert c.section("practice").locator(".contents a").evaluate_all("l => l.map(a => a.dataset.goto)") == \
        ["steps", "practice-quiz"]
    # lesson page with its figure
    c.go("what-is")
    fig = c.section("what-is").locator("figure")
    assert fig.locator("img").get_attribute("alt") == "A small red dot"
    assert fig.locator("figcaption").inner_text() == "A network node"
    assert p.evaluate("document.querySelector('figure img').naturalWidth") > 0


@pytest.mark.parametrize("sco", ["home", "basics", "practice", "final"])
def test_each_sco_of_a_multi_sco_package_works_alone(open_course, pkg_multi, sco):
    c = open_course(pkg_multi, path=f"{sco}.html")
    assert c.visible() == [c.nav[0]]
    assert c.page.locator("#sb-toc a[data-page]").count() == len(c.nav)
    for pid in c.nav[1:]:
        c.page.click("#sb-next")
        assert c.visible() == [pid]
    assert c.page.is_disabled("#sb-next")
    assert c.page.get_attribute("#sb-progress", "aria-valuenow") == str(len(c.nav))
    c.axe(f"{sco}.html, last page")
    if c.data["scoring"]["method"] == "none":  # every page seen: completed
        data = c.stored()
        assert data["cmi.core.lesson_status"] == "completed"


def test_home_sco_of_a_multi_sco_package_lists_the_programme(open_course, pkg_multi):
    c = open_course(pkg_multi, path="home.html")
    programme = c.section("home").locator(".programme li")
    assert programme.all_inner_texts() == ["Basics", "Practice"]
    assert programme.locator("a").count() == 0  # each module is another SCO: nothing to link to here


def test_resume_restores_place_seen_pages_and_quizzes(open_course, pkg_en):
    c = open_course(pkg_en)
    c.go("basics-quiz")
    c.answer("basics-quiz", "q1")
    c.submit("basics-quiz")
    c.go("kinds")
    c.reload()
    assert c.visible() == ["kinds"]
    assert "done" in c.page.get_attribute('#sb-toc a[data-page="basics-quiz"]', "class")
    c.go("basics-quiz")
    res = c.box("basics-quiz").locator("[data-result]")
    assert res.get_attribute("data-score") == "25"  # q1 (weight 1) of 1 + 1 + 2
    assert c.fieldset("basics-quiz", "q1").locator("input[value=b]").is_checked()
    state = c.stored()
    susp = json.loads(state["cmi.suspend_data"])
    assert susp["v"] == 1 and susp["l"] == state["cmi.core.lesson_location"] == "basics-quiz"
    assert susp["p"] == ["home", "kinds", "basics-quiz"]  # seen pages, in course order
    assert susp["q"] == {"basics-quiz": {"n": 1, "b": 25, "s": 25, "f": 1, "d": ["q1", "q2", "q3"], "r": {"q1": "b"}}}


# ---------------------------------------------------------------- quiz engine

def test_every_question_type_right_and_wrong(open_course, pkg_en):
    c = open_course(pkg_en)
    for quiz_id in ("basics-quiz", "practice-quiz"):
        c.go(quiz_id)
        c.answer_quiz(quiz_id, right=True)
        assert c.submit(quiz_id) == (100, True)
        for qid in c.drawn(quiz_id):
            assert c.fieldset(quiz_id, qid).locator(".qfb.ok").count() == 1
        c.retry(quiz_id)
        c.answer_quiz(quiz_id, right=False)
        assert c.submit(quiz_id) == (0, False)
        for qid in c.drawn(quiz_id):
            assert c.fieldset(quiz_id, qid).locator(".qfb.ko").count() == 1


def test_weights_feedback_and_see_links(open_course, pkg_en):
    c = open_course(pkg_en)
    c.go("basics-quiz")
    assert c.drawn("basics-quiz") == ["q1", "q2", "q3"]
    # shuffle: false keeps the written order
    assert c.fieldset("basics-quiz", "q1").locator("input").evaluate_all("l => l.map(i => i.value)") == \
        ["a", "b", "none"]
    c.answer("basics-quiz", "q1", right=False)      # weight 1, wrong ("a")
    c.fieldset("basics-quiz", "q2").locator("input[value=a]").check()  # half right = wrong
    c.answer("basics-quiz", "q3", right=True)       # weight 2
    assert c.submit("basics-quiz") == (50, False)
    q2 = c.fieldset("basics-quiz", "q2")
    assert "independence is kept" in q2.locator(".cfb").inner_text()  # per-choice feedback, chosen choice
    assert "Members stay independent" in q2.locator(".fbtext").inner_text()  # per-question feedback
    q1 = c.fieldset("basics-quiz", "q1")
    assert "They exchange information" in q1.locator(".fbtext").inner_text()
    assert q1.locator(".right input").get_attribute("value") == "b"  # showAnswers
    assert c.box("basics-quiz").locator(".qlist li").count() == 3
    q1.locator(".see a").click()
    assert c.visible() == ["what-is"]


def test_choice_shuffle_keeps_pinned_choices(open_course, pkg_en):
    def shuffled(html: str) -> str:  # basics-quiz is the only quiz written with shuffle: false
        assert html.count('"shuffle":false') == 1
        return html.replace('"shuffle":false', '"shuffle":true')
    c = open_course(pkg_en, patch=shuffled)
    orders = set()
    for _ in range(15):
        c.page.evaluate("localStorage.clear()")
        c.reload()
        c.go("basics-quiz")
        order = c.fieldset("basics-quiz", "q1").locator("input").evaluate_all("l => l.map(i => i.value)")
        assert order[2] == "none" and sorted(order[:2]) == ["a", "b"]  # the pinned choice stays last
        orders.add(tuple(order))
        q2 = c.fieldset("basics-quiz", "q2").locator("input").evaluate_all("l => l.map(i => i.value)")
        orders.add(tuple(q2))
    assert len(orders) > 3


def test_pool_draws_distinct_questions_and_attempts_run_out(open_course, pkg_en):
    c = open_course(pkg_en)
    quiz = c.quiz("final")
    c.go("final")
    seen_draws = set()
    for attempt in range(1, quiz["attempts"] + 1):
        drawn = c.drawn("final")
        assert len(drawn) == quiz["draw"] == 3 and len(set(drawn)) == 3
        assert set(drawn) <= {q["id"] for q in quiz["questions"]}
        seen_draws.add(tuple(drawn))
        c.answer_quiz("final", right=False)
        assert c.submit("final") == (0, False)
        retry = c.box("final").locator("[data-action=retry]")
        if attempt < quiz["attempts"]:
            assert retry.count() == 2  # with the results, and under the last question
            assert str(quiz["attempts"] - attempt) in c.page.locator(".result").inner_text()
            c.retry("final")
            assert c.box("final").locator("[data-result]").count() == 0
        else:
            assert retry.count() == 0
            assert "used all your attempts" in c.page.locator(".result").inner_text()
    # the assessment is final (attempts used up): the SCO reports failed with score 0
    c.go("wrap-up")
    data = c.stored()
    assert data.get("cmi.core.lesson_status") == "failed" and data.get("cmi.core.score.raw") == "0"


def test_passing_the_assessment_reports_the_score(open_course, pkg_en):
    c = open_course(pkg_en)
    c.go("final")
    c.answer_quiz("final", right=True)
    assert c.submit("final") == (100, True)
    data = c.stored()
    assert data.get("cmi.core.lesson_status") == "passed" and data.get("cmi.core.score.raw") == "100"


def test_answers_are_normalised(open_course, pkg_en):
    """SB.answers (sb-answers.js, tested in detail by tests/js/) is loaded before SB.app and does the reading."""
    c = open_course(pkg_en)
    norm = lambda s: c.page.evaluate("s => SB.answers.fold(s)", s)  # noqa: E731
    num = lambda s: c.page.evaluate("s => SB.answers.readNumber(s).value", s)  # noqa: E731
    assert norm("  أَلْمَدْرَسَـــةُ   الكُبْرى ") == norm("المدرسه الكبري") == "المدرسه الكبري"
    assert norm("مسئول") == norm("مسؤول") and norm("آمن") == norm("امن")
    assert norm("  The   VISION ") == "the vision"
    assert num("٣،٥") == 3.5 and num("3,5") == 3.5 and num(" 12 ") == 12 and num("-0.5") == -0.5
    assert num("١٢") == 12 and num("abc") is None and num("1.2.3") is None and num("1,000") is None
    # in the quiz: a numeric answer typed with Arabic-Indic digits and a fill-in with another case
    c.go("practice-quiz")
    c.fieldset("practice-quiz", "num").locator("input").fill("٤")
    c.fieldset("practice-quiz", "fill").locator("input").fill("  THE   Vision ")
    c.submit("practice-quiz")
    assert c.fieldset("practice-quiz", "num").locator(".qfb.ok").count() == 1
    assert c.fieldset("practice-quiz", "fill").locator(".qfb.ok").count() == 1


def test_exit_finishes_and_says_so(open_course, pkg_en):
    c = open_course(pkg_en)
    c.go("kinds")
    c.page.evaluate("""() => { window.__finished = 0; const f = SB.lms.finish;
        SB.lms.finish = function () { window.__finished++; return f.apply(this, arguments); }; }""")
    c.page.click("[data-action=exit]")
    assert c.page.evaluate("window.__finished") == 1
    h1 = c.page.locator(".sb-page-exit h1")
    assert "close this window" in h1.inner_text()
    assert c.page.evaluate("document.activeElement.closest('.sb-page-exit') !== null")
    assert not c.page.is_visible("#sb-toc") and not c.page.is_visible("#sb-next")
    assert not c.page.is_visible("[data-action=exit]")
    data = c.stored()  # finished as "not done yet": the next launch resumes
    assert data["cmi.core.exit"] == "suspend" and data["cmi.core.lesson_location"] == "kinds"


# ---------------------------------------------------------------- keyboard

def _tab_to(page, selector: str, limit: int = 80, key: str = "Tab"):
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got the focus")


def test_keyboard_only_through_modules_and_quizzes(open_course, pkg_en):
    c = open_course(pkg_en)
    p, kb = c.page, c.page.keyboard
    _tab_to(p, ".skip")
    kb.press("Enter")
    assert p.evaluate("document.activeElement.id") == "sb-main"
    for pid in ("basics", "what-is", "kinds", "basics-quiz"):
        _tab_to(p, "#sb-next")
        kb.press("Enter")
        assert c.visible() == [pid]
    # single (correct b): Tab into the group lands on "a", ArrowDown selects the next one
    _tab_to(p, 'fieldset[data-question="q1"] input')
    kb.press("ArrowDown")
    # multiple (a, c): Space on a, Tab, Tab, Space on c
    kb.press("Tab")
    kb.press("Space")
    kb.press("Tab")
    kb.press("Tab")
    kb.press("Space")
    # true-false (false): Tab into the group, ArrowDown to "false"
    kb.press("Tab")
    kb.press("ArrowDown")
    _tab_to(p, '.sb-quiz[data-quiz="basics-quiz"] [data-action=submit]')
    kb.press("Enter")
    res = c.box("basics-quiz").locator("[data-result]")
    assert res.get_attribute("data-score") == "100"
    assert p.evaluate("document.activeElement.hasAttribute('data-result')")
    # on to the practice module and its quiz
    for pid in ("practice", "steps", "practice-quiz"):
        _tab_to(p, "#sb-next")
        kb.press("Enter")
        assert c.visible() == [pid]
    _tab_to(p, 'fieldset[data-question="fill"] input')
    kb.type("vision")
    kb.press("Tab")
    kb.type("4")
    q = c.question("practice-quiz", "match")
    for pair in q["pairs"]:
        _tab_to(p, f'select[data-left="{pair["key"]}"]')
        options = p.evaluate("() => [...document.activeElement.options].map(o => o.value)")
        for _ in range(options.index(pair["rightKey"])):
            kb.press("ArrowDown")
        assert p.evaluate("document.activeElement.value") == pair["rightKey"]
    want = [i["key"] for i in c.question("practice-quiz", "order")["items"]]
    order = 'fieldset[data-question="order"]'
    for pos, key in enumerate(want):
        while True:
            keys = p.eval_on_selector_all(f"{order} li", "l => l.map(x => x.dataset.key)")
            if keys.index(key) <= pos:
                break
            _tab_to(p, f'{order} li[data-key="{key}"] button[data-move=up]')
            kb.press("Enter")
            assert p.evaluate("document.activeElement.closest('li').dataset.key") == key  # focus follows
    assert p.eval_on_selector_all(f"{order} li", "l => l.map(x => x.dataset.key)") == want
    _tab_to(p, '.sb-quiz[data-quiz="practice-quiz"] [data-action=submit]')
    kb.press("Space")
    assert c.box("practice-quiz").locator("[data-result]").get_attribute("data-score") == "100"


def test_small_screen_contents_drawer(open_course, pkg_ar):
    c = open_course(pkg_ar, width=360, height=740)
    p = c.page
    assert p.evaluate("document.scrollingElement.scrollWidth") <= 360
    toggle = p.locator("#sb-toc-toggle")
    assert toggle.is_visible() and not p.is_visible("#sb-toc")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and p.is_visible("#sb-toc")
    # the drawer opens below the header, its current link focused and not covered by anything
    assert p.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
        return a.matches('#sb-toc a[aria-current]') && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2).closest('a') === a; }""")
    c.axe("drawer open, 360 px, ar")
    p.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not p.is_visible("#sb-toc")
    assert p.evaluate("document.activeElement.id") == "sb-toc-toggle"
    toggle.click()
    p.click('#sb-toc a[data-page="kinds"]')
    assert c.visible() == ["kinds"] and not p.is_visible("#sb-toc")
    assert p.evaluate("document.scrollingElement.scrollWidth") <= 360


# ---------------------------------------------------------------- accessibility and right-to-left

@pytest.mark.parametrize("lang", ["ar", "en"])
def test_axe_finds_nothing_on_any_view(open_course, pkg_ar, pkg_en, lang):
    c = open_course(pkg_ar if lang == "ar" else pkg_en)
    assert c.page.get_attribute("html", "lang") == lang
    assert c.page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    c.axe(f"home ({lang})")
    c.go("basics")
    c.axe(f"module page ({lang})")
    c.go("what-is")
    c.axe(f"lesson page ({lang})")
    c.go("practice-quiz")
    c.axe(f"quiz, unanswered ({lang})")
    for qid in c.drawn("practice-quiz"):
        c.answer("practice-quiz", qid, right=qid in ("fill", "order"))
    c.axe(f"quiz, answered ({lang})")
    c.submit("practice-quiz")
    assert c.page.locator(".qfb").count() == 4
    c.axe(f"quiz submitted, feedback and results ({lang})")
    c.go("basics-quiz")
    c.answer("basics-quiz", "q2", right=False)
    c.submit("basics-quiz")
    c.axe(f"results with per-choice feedback ({lang})")
    c.go("final")
    c.answer_quiz("final", right=True)
    c.submit("final")
    c.axe(f"final results, passed ({lang})")
    c.go("wrap-up")
    c.axe(f"closing page ({lang})")


def test_right_to_left_layout(open_course, pkg_ar):
    c = open_course(pkg_ar)
    p = c.page
    c.go("what-is")
    nxt, prv = p.locator("#sb-next").bounding_box(), p.locator("#sb-prev").bounding_box()
    assert nxt["x"] + nxt["width"] <= prv["x"], "next must sit left of previous in Arabic"
    body = p.locator('section[data-page="what-is"] .body p').first
    assert body.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert body.evaluate("e => getComputedStyle(e).textAlign") in ("start", "right")
    arrow = p.locator("#sb-next .arrow")
    assert arrow.evaluate("e => getComputedStyle(e).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    # the table of contents is on the right, the text column on its left
    toc, main = p.locator("#sb-toc").bounding_box(), p.locator("#sb-main").bounding_box()
    assert toc["x"] > main["x"]
    assert p.inner_text("#sb-next").strip().startswith("التالي")
    # numbers in messages are isolated
    c.go("basics-quiz")
    assert p.locator(".quiz-intro bdi").count() >= 2
    c.submit("basics-quiz")
    assert p.locator(".result .score bdi").inner_text() in ("0%", "0 %")
    # typed answers follow their own direction
    c.go("practice-quiz")
    assert c.fieldset("practice-quiz", "fill").locator("input").get_attribute("dir") == "auto"


def test_print_gives_every_page_as_a_handout(open_course, pkg_en):
    c = open_course(pkg_en)
    c.page.emulate_media(media="print")
    shown = c.page.eval_on_selector_all(
        "section.sb-page", "s => s.filter(x => getComputedStyle(x).display !== 'none').map(x => x.dataset.page)")
    assert shown == [n["id"] for n in c.data["nav"] if n["kind"] != "quiz"]
    for sel in ("#sb-toc", "#sb-next", ".header"):
        assert not c.page.is_visible(sel)


# ---------------------------------------------------------------- screenshots

@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(open_course, pkg_seed, width, shots):
    """An Arabic lesson page, quiz, results and home page; the layout never scrolls sideways."""
    c = open_course(pkg_seed, width=width, height=800)
    p = c.page

    def shot(name: str, full: bool = False):
        assert p.evaluate("document.scrollingElement.scrollWidth") <= width, name
        p.screenshot(path=str(shots / f"{name}-ar-{width}.png"), full_page=full)

    lesson = next(n["id"] for n in c.data["nav"] if n["kind"] == "page")
    quiz = next(n for n in c.data["nav"] if n["kind"] == "quiz")
    c.go(lesson)
    shot("page", full=width > 400)
    if width > 400:  # a page of each other module too ("page" is the first module's)
        for number, page_id in ((2, "stage-vision"), (3, "risks")):
            c.go(page_id)
            shot(f"module{number}", full=True)
    c.go(quiz["id"])
    drawn = c.drawn(quiz["quiz"])
    for qid in drawn[:2]:
        c.answer(quiz["quiz"], qid, right=True)
    p.evaluate("window.scrollTo(0, 0)")
    shot("quiz")
    for qid in drawn[2:]:
        c.answer(quiz["quiz"], qid, right=qid != drawn[-1])
    c.submit(quiz["quiz"])
    p.evaluate("window.scrollTo(0, 0)")
    shot("results")
    p.evaluate("document.querySelector('.qfb.ko').scrollIntoView({block: 'center'})")
    shot("feedback")
    c.go("home")
    shot("home")
    if width < 400:
        p.click("#sb-toc-toggle")
        shot("contents")
