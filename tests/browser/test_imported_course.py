"""A course imported from the seed deck, in Chromium: every page opens, the Arabic text runs right to left with
its French words and its numbering where the trainer put them, and the picture taken from the slide shows."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT, build_one, unpack
from learner import Learner

from scorm_builder.importer import import_course

pytest.importorskip("pptx")
_spec = importlib.util.spec_from_file_location("import_fixtures", ROOT / "tests" / "import_fixtures.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)

# the box of `text` (a piece of the paragraph) on the screen, from a Range over it
BOX = """([selector, text]) => {
    const p = [...document.querySelectorAll(selector)].find(e => e.textContent.includes(text));
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(text);
        if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            const r = range.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top};
        }
    }
    return null;
}"""


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imported")
    course = import_course(fx.seed_deck(folder / "التشبيك.pptx"), folder / "networking").course_dir
    return build_one(course, folder)


@pytest.fixture
def learner(new_context, site, package):
    unpack(package, site.root)
    context = new_context(viewport={"width": 1280, "height": 900})
    errors, outside = [], []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site.url())
                  else (outside.append(r.request.url), r.abort()))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site.url("index.html"))
    learner = Learner(page)
    learner.wait_ready()
    yield learner
    assert errors == [] and outside == [], (errors, outside)


def _box(learner, page_id: str, text: str) -> dict:
    found = learner.page.evaluate(BOX, [f'section[data-page="{page_id}"] .body p', text])
    assert found, f"{text!r} is not on page {page_id}"
    return found


def test_every_imported_page_opens_right_to_left(learner):
    pages = [n["id"] for n in learner.data["nav"] if n["kind"] == "page"]
    assert len(pages) == 7
    for page_id in pages:
        learner.go(page_id)
        body = learner.section(page_id).locator(".body").first
        assert body.evaluate("e => getComputedStyle(e).direction") == "rtl", page_id
        assert body.inner_text().strip(), page_id


def test_mixed_runs_read_in_their_order_on_screen(learner):
    learner.go("tryf-alshbka")
    paragraph = learner.section("tryf-alshbka").locator(".body p", has_text="Moodle")
    assert paragraph.inner_text() == "".join(fx.SEED_MIXED)
    # right to left: each Arabic word lies left of the one before it; "Moodle 4.1" keeps its own order
    before, latin, after = (_box(learner, "tryf-alshbka", t) for t in ("منصة", "Moodle 4.1", "أو فضاء"))
    assert before["left"] >= latin["right"] - 1 and latin["left"] >= after["right"] - 1, (before, latin, after)
    moodle, version = _box(learner, "tryf-alshbka", "Moodle"), _box(learner, "tryf-alshbka", "4.1")
    assert moodle["right"] <= version["left"] + 1


def test_arabic_letter_numbering_stands_first_and_in_order(learner):
    learner.go("asnaf-alshbkat")
    lettered = learner.section("asnaf-alshbkat").locator(".body > p").all_inner_texts()
    assert [t for t in lettered if t[1:3] == "- "] == ["أ- معيار المستوى", "ب- المعيار الجغرافي", "ت- معيار الهدف"]
    marker, text = _box(learner, "asnaf-alshbkat", "أ-"), _box(learner, "asnaf-alshbkat", "معيار المستوى")
    assert marker["left"] >= text["right"] - 1  # the letter is read first: at the right
    tops = [_box(learner, "asnaf-alshbkat", t)["top"] for t in ("أ-", "ب-", "ت-")]
    assert tops == sorted(tops) and len(set(tops)) == 3


def test_the_slide_picture_shows_with_its_description(learner):
    learner.go("almrhla-alawla-altwafq-la-alrwya")
    image = learner.section("almrhla-alawla-altwafq-la-alrwya").locator("figure img")
    image.scroll_into_view_if_needed()
    learner.page.wait_for_function("img => img.complete", arg=image.element_handle())
    assert image.get_attribute("alt") == fx.SEED_ALT
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [60, 40]
