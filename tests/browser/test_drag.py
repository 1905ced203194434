"""Matching and ordering by drag and drop, with a mouse and with a finger (touch events through Chromium's
DevTools protocol, as a phone sends them), in the sample course; the keyboard way (buttons, selects) is tested in
test_ui.py and still works beside it."""
from __future__ import annotations

import pytest

from test_ui import open_course, pkg_en  # noqa: F401 (fixtures)

QUIZ = "practice-quiz"


def centre(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


class Pointer:
    """Drags with the mouse, or with one finger through CDP touch events."""

    def __init__(self, page, kind: str):
        self.page, self.kind = page, kind
        self.cdp = page.context.new_cdp_session(page) if kind == "touch" else None

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 12) -> None:
        (x0, y0), (x1, y1) = start, end
        if self.kind == "mouse":
            self.page.mouse.move(x0, y0)
            self.page.mouse.down()
            self.page.mouse.move(x1, y1, steps=steps)
            self.page.mouse.up()
            return
        self.touch("touchStart", x0, y0)
        for i in range(1, steps + 1):
            self.touch("touchMove", x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps)
        self.cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    def touch(self, kind: str, x: float, y: float) -> None:
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})


@pytest.fixture(params=["mouse", "touch"])
def dragging(request, open_course, pkg_en):  # noqa: F811
    width = 1280 if request.param == "mouse" else 360
    course = open_course(pkg_en, width=width, height=900)
    if request.param == "touch":
        course.page.context.new_cdp_session(course.page).send("Emulation.setTouchEmulationEnabled", {"enabled": True})
    course.go(course.quiz_page(QUIZ))
    return course, Pointer(course.page, request.param)


def test_ordering_items_move_under_the_pointer(dragging):
    course, pointer = dragging
    before = course.order(QUIZ, "order")
    box = course.fieldset(QUIZ, "order")
    box.locator("ol").evaluate("list => list.scrollIntoView({block: 'center'})")  # pointers work in the viewport
    last = box.locator(f'li[data-key="{before[-1]}"]')
    first = box.locator(f'li[data-key="{before[0]}"]')
    grab = last.locator(".grip" if pointer.kind == "touch" else ".item")
    x, y = centre(grab)
    top = first.bounding_box()["y"]
    pointer.drag((x, y), (x, top + 3))
    after = course.order(QUIZ, "order")
    assert after == [before[-1]] + before[:-1], (before, after)
    # the buttons follow the new order, and the answer is the one that will be submitted
    assert box.locator(f'li[data-key="{before[-1]}"] button[data-move=up]').is_disabled()
    course.axe(f"ordering dragged ({pointer.kind})")


def test_a_matching_chip_dropped_on_a_line_chooses_it(dragging):
    course, pointer = dragging
    q = course.question(QUIZ, "match")
    box = course.fieldset(QUIZ, "match")
    pair = q["pairs"][-1]
    chip = box.locator(f'.chip[data-right="{pair["rightKey"]}"]')
    row = box.locator(f'.pair[data-left="{pair["key"]}"]')
    box.evaluate("question => question.scrollIntoView({block: 'center'})")
    row_box = row.bounding_box()
    pointer.drag(centre(chip), (row_box["x"] + row_box["width"] / 2, row_box["y"] + row_box["height"] / 2))
    assert row.locator("select").input_value() == pair["rightKey"]
    course.answer(QUIZ, "fill")
    course.axe(f"matching dragged ({pointer.kind})")


def test_a_finger_on_an_item_outside_its_grip_still_scrolls_the_page(open_course, pkg_en):  # noqa: F811
    course = open_course(pkg_en, width=360, height=640)
    page = course.page
    page.context.new_cdp_session(page).send("Emulation.setTouchEmulationEnabled", {"enabled": True})
    course.go(course.quiz_page(QUIZ))
    before = course.order(QUIZ, "order")
    item = course.fieldset(QUIZ, "order").locator("li .item").first
    item.scroll_into_view_if_needed()
    x, y = centre(item)
    Pointer(page, "touch").drag((x, y), (x, y - 120))
    assert course.order(QUIZ, "order") == before
