"""The `scorm-builder report` page in Chromium: nothing loaded from anywhere, right to left, no axe violation."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, copy_node_module

sys.path.insert(0, str(ROOT / "tests"))
import moodle_exports as me  # noqa: E402
import report_data as rd  # noqa: E402
from scorm_builder.loader import load_course  # noqa: E402
from scorm_builder.report import make_report, write_outputs  # noqa: E402
from scorm_builder.report.html import strings  # noqa: E402
from scorm_builder.report.questions import catalogue, sco_titles  # noqa: E402

SEED = ROOT / "course"


def _report_page(site, tmp_path, language: str | None) -> str:
    course = load_course(SEED)
    entries = catalogue(course, strings("ar"))
    cohort = rd.simulate(entries, 200, plant=rd.Plant(miskeyed="concepts-quiz_q1", true_key="c",
                                                              unused=("founding-quiz_q3", "d")))
    export = me.write(tmp_path / "interactions.ods", cohort.learners, list(sco_titles(course)), "ar")
    report = make_report(SEED, [export], language=language)
    write_outputs(report, site.root / "report.html")
    copy_node_module("axe-core/axe.min.js", site.root / "axe.min.js")
    return site.url("report.html")


@pytest.mark.parametrize("language, width", [(None, 1280), ("en", 1280), (None, 360)])
def test_report_page_is_self_contained_rtl_and_accessible(browser, site, tmp_path, shots, language, width):
    url = _report_page(site, tmp_path, language)
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    requested = []
    ctx.on("request", lambda r: requested.append(r.url))
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    assert requested == [url]  # one file: styles and charts are inline
    rtl = language is None
    assert page.get_attribute("html", "dir") == ("rtl" if rtl else "ltr")
    # right to left: headings, table cells and the first cell of a row sit on the right
    main = page.locator("main").bounding_box()
    h1 = page.locator("h1").bounding_box()
    first_th = page.locator("section table").first.locator("thead th").first.bounding_box()
    table = page.locator("section table").first.bounding_box()
    if rtl:
        assert abs((h1["x"] + h1["width"]) - (main["x"] + main["width"])) < 40
        assert abs((first_th["x"] + first_th["width"]) - (table["x"] + table["width"])) < 2
        assert page.locator(".flag-negative_discrimination").first.inner_text() == "تمييز سالب: راجع الإجابة المعتمدة"
    else:
        assert abs(first_th["x"] - table["x"]) < 2
    assert page.locator("svg.chart").count() == 2 + 4  # scores, scatter, one histogram per quiz
    assert page.locator("svg.chart rect.point.flagged").count() == 2
    page.add_script_tag(path=str(site.root / "axe.min.js"))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' -> ' +
            v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '));
    }""")
    assert found == [], "\n".join(found)
    if rtl:
        page.screenshot(path=str(shots / f"report-ar-{width}.png"), full_page=False)
    ctx.close()
    assert errors == []
