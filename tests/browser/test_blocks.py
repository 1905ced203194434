"""Page blocks (templates/components/) in Chromium: the blocks course (tests/courses/blocks, every block type)
operated by keyboard, axe-core with 0 violations in every state, right to left, and a course without blocks
shipping no block code."""
from __future__ import annotations

import re
import zipfile

import pytest

from conftest import ROOT, SAMPLE, build_one, copy_course
from test_ui import open_course  # noqa: F401 (the fixture)

from scorm_builder import components

BLOCKS = ROOT / "tests" / "courses" / "blocks"


@pytest.fixture(scope="module")
def pkg_blocks(tmp_path_factory):
    return build_one(BLOCKS, tmp_path_factory.mktemp("blocks"))


@pytest.fixture(scope="module")
def pkg_blocks_ar(tmp_path_factory):
    base = tmp_path_factory.mktemp("blocks-ar")
    course = copy_course(BLOCKS, base / "course", lambda y: y.replace("language: en", "language: ar"))
    return build_one(course, base)


def _expanded(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "b => b.map(x => x.getAttribute('aria-expanded'))")


def test_every_block_type_is_rendered_with_data_block(open_course, pkg_blocks):
    c = open_course(pkg_blocks)
    rendered = c.page.eval_on_selector_all("[data-block]", "b => b.map(x => x.dataset.block)")
    assert sorted(set(rendered)) == sorted(components.blocks())
    # each block's root element has the class of its kind: nothing else claims data-block
    assert c.page.eval_on_selector_all("[data-block]", "b => b.every(x => x.classList.contains('sb-' + x.dataset.block))")


def test_accordion_by_keyboard_and_axe_in_each_state(open_course, pkg_blocks):
    c = open_course(pkg_blocks)
    c.go("sections")
    p = c.page
    buttons = "[data-block=accordion] .sb-acc-button"
    assert _expanded(p, buttons) == ["false"] * 3
    assert p.locator("[data-block=accordion] .sb-acc-panel:visible").count() == 0
    c.axe("accordion collapsed")
    p.focus(f"{buttons} >> nth=0")
    p.keyboard.press("Enter")
    assert _expanded(p, buttons) == ["true", "false", "false"]
    assert p.locator("#b-sections-1-1-p").is_visible()
    p.keyboard.press("Tab")  # the next section's button (the open section holds no link)
    p.keyboard.press("Space")
    assert _expanded(p, buttons) == ["true", "true", "false"]
    c.axe("accordion expanded")
    p.keyboard.press("Space")
    assert _expanded(p, buttons) == ["true", "false", "false"]
    assert not p.locator("#b-sections-1-2-p").is_visible()


def _tabs(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all("[data-block=tabs] [role=tab]",
                                     "t => t.map(x => [x.getAttribute('aria-selected'), x.getAttribute('tabindex')])")


def _shown_panel(page) -> list[str]:
    return page.eval_on_selector_all("[data-block=tabs] [role=tabpanel]:not([hidden])", "p => p.map(x => x.id)")


@pytest.mark.parametrize("rtl", [False, True], ids=["ltr", "rtl"])
def test_tabs_by_arrow_keys_home_end_and_axe_on_each_tab(open_course, pkg_blocks, pkg_blocks_ar, rtl):
    c = open_course(pkg_blocks_ar if rtl else pkg_blocks)
    c.go("sections")
    p = c.page
    forward, back = ("ArrowLeft", "ArrowRight") if rtl else ("ArrowRight", "ArrowLeft")
    assert _tabs(p) == [["true", None], ["false", "-1"], ["false", "-1"]]
    c.axe("tab 1")
    p.focus("[data-block=tabs] [role=tab] >> nth=0")
    p.keyboard.press(forward)
    assert _tabs(p) == [["false", "-1"], ["true", "0"], ["false", "-1"]]
    assert _shown_panel(p) == ["b-sections-2-2-p"]
    assert p.evaluate("document.activeElement.id") == "b-sections-2-2-t"
    c.axe("tab 2")
    p.keyboard.press("End")
    assert _shown_panel(p) == ["b-sections-2-3-p"]
    c.axe("tab 3")
    p.keyboard.press(forward)  # wraps round to the first
    assert _shown_panel(p) == ["b-sections-2-1-p"]
    p.keyboard.press(back)  # and back to the last
    assert _shown_panel(p) == ["b-sections-2-3-p"]
    p.keyboard.press("Home")
    assert _shown_panel(p) == ["b-sections-2-1-p"]
    p.keyboard.press("Tab")  # one tab stop: Tab leaves the tablist for the panel
    assert p.evaluate("document.activeElement.id") == "b-sections-2-1-p"
    p.click("#b-sections-2-2-t")
    assert _shown_panel(p) == ["b-sections-2-2-p"]


def test_flip_cards_turn_over_by_keyboard_and_click(open_course, pkg_blocks):
    c = open_course(pkg_blocks)
    c.go("process")
    p = c.page
    flips = "[data-block=flipcards] .sb-flip"
    assert _expanded(p, flips) == ["false", "false"]
    c.axe("cards face up")
    p.focus(f"{flips} >> nth=0")
    p.keyboard.press("Enter")
    assert _expanded(p, flips) == ["true", "false"]
    assert p.locator("#b-process-2-1-b").is_visible() and not p.locator("#b-process-2-1-f").is_visible()
    name = p.evaluate("""() => { const b = document.getElementById('b-process-2-1-x');
        return b.getAttribute('aria-labelledby').split(' ').map(i => document.getElementById(i).textContent).join(' '); }""")
    assert "Advocacy" in name  # the button says which card it turns
    p.click("#b-process-2-2-f")  # anywhere on the card
    assert _expanded(p, flips) == ["true", "true"]
    c.axe("cards flipped")
    p.keyboard.press("Space")  # the focus went to the card's button
    assert _expanded(p, flips) == ["true", "false"]


def test_image_zooms_into_a_dialog_that_escape_closes(open_course, pkg_blocks):
    c = open_course(pkg_blocks)
    c.go("picture")
    p = c.page
    c.axe("image")
    p.focus("[data-block=image] .sb-zoom")
    p.keyboard.press("Enter")
    dialog = p.locator("dialog.sb-dialog")
    assert dialog.is_visible() and p.evaluate("document.querySelector('dialog.sb-dialog').open")
    assert p.evaluate("document.activeElement.classList.contains('sb-dialog-close')")
    c.axe("image zoomed")
    p.keyboard.press("Escape")
    p.wait_for_selector("dialog", state="detached")
    assert p.evaluate("document.activeElement.classList.contains('sb-zoom')")  # focus back on the picture
    p.click("[data-block=image] .sb-zoom")
    p.click("dialog .sb-dialog-close")
    p.wait_for_selector("dialog", state="detached")
    assert p.evaluate("document.activeElement.classList.contains('sb-zoom')")


def test_words_page_passes_axe_rtl_and_ltr(open_course, pkg_blocks, pkg_blocks_ar):
    for pkg in (pkg_blocks, pkg_blocks_ar):
        c = open_course(pkg)
        c.go("words")
        assert c.page.locator("[data-block=callout]").count() == 4
        c.axe(f"callouts and quote ({pkg.stem})")


def test_players_pass_axe_and_the_transcript_opens(open_course, pkg_blocks):
    c = open_course(pkg_blocks)
    c.go("players")
    p = c.page
    c.axe("video and audio")
    assert p.eval_on_selector_all("[data-block=video] track", "t => t.map(x => x.srclang + (x.default ? '*' : ''))") == [
        "fr", "en*"]
    p.focus("[data-block=video] summary")
    p.keyboard.press("Enter")
    assert p.locator("[data-block=video] .transcript .body").is_visible()
    c.axe("transcript open")


def test_controls_are_44_px_at_360(open_course, pkg_blocks):
    c = open_course(pkg_blocks, width=360)
    small = []
    for page_id in ("sections", "process", "picture", "players"):
        c.go(page_id)
        small += c.page.eval_on_selector_all(
            f"[data-page={page_id}] [data-block] button",
            "b => b.filter(x => x.offsetParent).map(x => x.getBoundingClientRect())"
            ".filter(r => r.width < 44 || r.height < 44).map(r => [r.width, r.height])")
        assert c.page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than a phone
    assert small == []


def test_print_shows_every_section_and_tab(open_course, pkg_blocks):
    c = open_course(pkg_blocks)
    p = c.page
    p.emulate_media(media="print")
    for panel in ("#b-sections-1-3-p", "#b-sections-2-3-p", "#b-process-2-1-b"):
        assert p.locator(panel).is_visible(), panel
    assert p.locator("#b-sections-1-3-h").is_visible()  # the section titles, though buttons are not printed
    assert p.locator("#b-sections-2-3-p .sb-print-title").is_visible()


def test_without_script_every_block_can_be_read(browser, pkg_blocks, site):
    from conftest import unpack
    unpack(pkg_blocks, site.root)
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site.url("index.html"))
        for panel in ("#b-sections-1-3-p", "#b-sections-2-3-p", "#b-process-2-2-b", "#b-process-2-2-f"):
            assert page.locator(panel).is_visible(), panel
        assert page.locator("#b-sections-1-1-h").is_visible()
        assert not page.locator("[data-block=tabs] [role=tablist]").is_visible()
        assert page.locator("#b-sections-2-1-p .sb-print-title").is_visible()
    finally:
        ctx.close()


def test_a_course_without_blocks_ships_no_block_code(pkg_blocks, tmp_path):
    plain = build_one(SAMPLE, tmp_path)
    with zipfile.ZipFile(plain) as z:
        names = z.namelist()
        html = z.read("index.html").decode("utf-8")
    assert not [n for n in names if "block" in n] and "sb-blocks" not in html and "data-block" not in html
    with zipfile.ZipFile(pkg_blocks) as z:
        names = z.namelist()
        html = z.read("index.html").decode("utf-8")
    assert {"assets/sb-blocks.js", "assets/sb-blocks.css"} <= set(names)
    assert re.search(r'<script src="assets/sb-blocks.js"></script>', html)


def test_only_the_code_of_the_block_types_used_is_shipped(tmp_path):
    course = copy_course(BLOCKS, tmp_path / "course")
    module = course / "modules" / "blocks.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text[:text.index("  - id: sections")], encoding="utf-8")  # text, callouts, quote
    with zipfile.ZipFile(build_one(course, tmp_path)) as z:
        names = set(z.namelist())
        css = z.read("assets/sb-blocks.css").decode("utf-8")
    assert "assets/sb-blocks.js" not in names  # none of these blocks has behaviour
    assert ".sb-callout" in css and ".sb-tab" not in css and ".sb-card" not in css


@pytest.fixture(scope="module")
def pkg_seed_blocks(tmp_path_factory):
    return build_one(ROOT / "course", tmp_path_factory.mktemp("seed-blocks"))


@pytest.mark.parametrize("width", [360, 1280])
def test_the_seed_course_blocks_pass_axe_and_are_shown(open_course, pkg_seed_blocks, width, shots):
    """The Arabic seed's blocks (callout, accordion, steps, tabs): axe in each state, nothing wider than the
    screen; screenshots blocks-*-ar-<width>.png in docs/screenshots/ with SB_SCREENSHOTS=1."""
    c = open_course(pkg_seed_blocks, width=width, height=800)
    p = c.page

    def shot(name: str):
        assert p.evaluate("document.scrollingElement.scrollWidth") <= width, name
        p.screenshot(path=str(shots / f"blocks-{name}-ar-{width}.png"), full_page=True)

    c.go("definition")
    c.axe("seed callout")
    shot("callout")
    c.go("types")
    c.axe("seed accordion collapsed")
    p.click("[data-page=types] .sb-acc-button >> nth=0")
    c.axe("seed accordion expanded")
    shot("accordion")
    c.go("stage-vision")
    c.axe("seed steps")
    shot("steps")
    c.go("risks")
    p.focus("[data-page=risks] [role=tab] >> nth=0")
    p.keyboard.press("ArrowLeft")  # right to left: the next tab is on the left
    assert p.get_attribute("[data-page=risks] [role=tab] >> nth=1", "aria-selected") == "true"
    c.axe("seed second tab")
    shot("tabs")
    c.go("animation-mechanisms")  # the 11 mechanisms in three groups, the second one open
    p.click("[data-page=animation-mechanisms] .sb-acc-button >> nth=1")
    assert p.locator("[data-page=animation-mechanisms] ol:visible li").count() == 4
    c.axe("seed mechanisms")
    shot("mechanisms")
