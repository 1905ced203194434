"""How the course ends (issue: a course that ends well), in the Arabic seed course under Chromium: the graded final
says what it is, a passed final offers no retry and shows the course's outcome, a failed one says what to do,
results link to their questions and repeat at the bottom, a returning learner is welcomed back, and every control
is a touch target of at least 44 x 44 px on a 360 px phone."""
from __future__ import annotations

import pytest

from test_ui import open_course, pkg_ar, pkg_seed  # noqa: F401 (fixtures)

# every control a learner can point at or tap; links inside running text are exempt (WCAG 2.5.8, "inline")
TARGETS = """() => {
  const seen = [];
  for (const e of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')) {
    const r0 = e.getBoundingClientRect();
    if (!r0.width || !r0.height || getComputedStyle(e).visibility === 'hidden') continue;
    if (e.matches('a') && e.closest('p, li:not(.qlist li), td, figcaption, .body, .prompt, .cfb, .fbtext') &&
        !e.closest('.toc, .qlist, .cards, .pager')) continue;
    // a radio or checkbox is tapped through its whole card (label), the card is the target
    const t = e.matches('input[type=radio], input[type=checkbox]') ? e.closest('.choice') || e : e;
    const r = t.getBoundingClientRect();
    seen.push({what: e.outerHTML.slice(0, 90), w: Math.round(r.width), h: Math.round(r.height)});
  }
  return seen;
}"""


def small(course) -> list[dict]:
    return [t for t in course.page.evaluate(TARGETS) if t["w"] < 44 or t["h"] < 44]


def test_every_control_is_44px_at_360(pkg_seed, open_course):  # noqa: F811
    course = open_course(pkg_seed, width=360, height=740)
    found = small(course)
    course.page.click("#sb-toc-toggle")
    found += small(course)
    course.page.click("#sb-toc-toggle")
    for page_id in course.nav[:6]:
        course.go(page_id)
        found += small(course)
    types = set()
    for quiz in course.data["quizzes"].values():  # every question type of the seed is on one of them
        course.go(course.quiz_page(quiz["id"]))
        types |= {q["type"] for q in quiz["questions"] if q["id"] in course.drawn(quiz["id"])}
        found += small(course)
    assert {"single", "multiple", "true-false", "matching", "ordering", "fill-in"} <= types
    first = next(iter(course.data["quizzes"]))
    course.go(course.quiz_page(first))
    course.answer_quiz(first, True)
    course.submit(first)
    found += small(course)
    assert not found, "\n".join(sorted({f"{t['w']}x{t['h']} {t['what']}" for t in found}))


@pytest.mark.parametrize("width", [1280, 360])
def test_final_passed_ends_the_course_without_retry(pkg_seed, open_course, shots, width):  # noqa: F811
    course = open_course(pkg_seed, width=width)
    final = next(q for q in course.data["quizzes"].values() if q["final"])
    course.go(course.quiz_page(final["id"]))
    intro = course.box(final["id"]).locator(".quiz-intro.final").inner_text()
    assert "التقييم النهائي" in intro and f"{final['passMark']}%" in intro.replace("\u00a0", "")
    assert str(len(final["questions"])) in intro and "أفضل محاولة" in intro
    course.answer_quiz(final["id"], True)
    score, passed = course.submit(final["id"])
    assert passed and score == 100
    box = course.box(final["id"])
    assert box.locator('[data-action="retry"]').count() == 0
    assert "المتبقّية" not in box.locator(".result").inner_text()  # no attempts left to speak of
    assert box.locator("[data-course-result]").get_attribute("data-course-result") == "passed"
    assert "لقد نجحت في الدورة" in box.locator(".course-result").inner_text()
    end = box.locator(".result-end")
    assert "100" in end.locator(".score").inner_text() and end.locator('[data-action="exit"]').count() == 1
    # a result line leads to its question
    link = box.locator(".qlist a").nth(1)
    target = link.get_attribute("href")[1:]
    link.click()
    assert course.page.evaluate("document.activeElement.id") == target
    course.axe("final passed: course outcome")
    box.locator(".result").scroll_into_view_if_needed()
    course.page.screenshot(path=str(shots / f"complete-ar-{width}.png"))


def test_final_failed_says_what_to_do(pkg_seed, open_course, shots):  # noqa: F811
    course = open_course(pkg_seed, width=360, height=740)
    final = next(q for q in course.data["quizzes"].values() if q["final"])
    course.go(course.quiz_page(final["id"]))
    for attempt in range(final["attempts"]):
        course.answer_quiz(final["id"], False)
        score, passed = course.submit(final["id"])
        assert not passed
        box = course.box(final["id"])
        text = box.locator(".result-end").inner_text()
        if attempt < final["attempts"] - 1:
            assert "أعد المحاولة" in text and box.locator('.result-end [data-action="retry"]').count() == 1
            course.axe(f"final failed, attempt {attempt + 1}")
            box.locator('.result-end [data-action="retry"]').click()
        else:
            assert "استنفدت جميع محاولاتك" in text and box.locator('[data-action="retry"]').count() == 0
            assert box.locator("[data-course-result]").get_attribute("data-course-result") == "failed"
            course.axe("final failed, no attempt left")
            box.locator(".result-end").scroll_into_view_if_needed()
            course.page.screenshot(path=str(shots / "failed-final-ar-360.png"))


def test_a_returning_learner_is_welcomed_back_once(pkg_seed, open_course):  # noqa: F811
    course = open_course(pkg_seed)
    assert "مرحبًا بعودتك" not in course.notice()
    course.go(course.nav[3])
    course.reload()
    assert course.current() == course.nav[3]
    assert course.notice().count("مرحبًا بعودتك") == 1
