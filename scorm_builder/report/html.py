"""The report as one self-contained HTML page: styles inline, charts inline SVG, no script, nothing loaded."""
from __future__ import annotations

import json
from functools import lru_cache

import jinja2

from ..model import RTL_LANGUAGES
from ..paths import TEMPLATES
from . import svg

REPORT_TEMPLATES = TEMPLATES / "report"


@lru_cache(maxsize=None)
def strings(language: str) -> dict[str, str]:
    return json.loads((REPORT_TEMPLATES / "i18n" / f"{language}.json").read_text(encoding="utf-8"))


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _decimal(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def context(report) -> dict:
    """The template's whole context: `t` (strings), `lang`, `dir`, `course`, `a` (statistics.Analysis),
    `quizzes` (per quiz: stats, questions, chart), `flagged` (items with flags), `charts`, `exports`, and the
    number formatters `pct` and `dec`."""
    t = strings(report.language)
    a = report.analysis
    items_by_quiz: dict[str, list] = {}
    for item in a.items:
        items_by_quiz.setdefault(item.quiz, []).append(item)
    quizzes = []
    for n, q in enumerate(a.quizzes):
        chart = svg.histogram(f"quiz{n}", q.first_scores, t["first_scores_chart"].format(quiz=q.title),
                              t["first_scores_desc"], t["score_axis"], t["learners_axis"])
        quizzes.append({"stats": q, "questions": items_by_quiz.get(q.id, []), "chart": chart})
    points = [(f"{i.quiz}/{i.question}", i.facility, i.discrimination, bool(set(i.flags) - {"few_answers"}))
              for i in a.items if i.facility is not None and i.discrimination is not None]
    charts = {
        "scores": svg.histogram("scores", a.moodle_scores, t["scores_chart"], t["scores_desc"], t["score_axis"],
                                t["learners_axis"]),
        "scatter": svg.scatter("scatter", points, t["scatter_chart"], t["scatter_desc"], t["facility"],
                               t["discrimination"]),
    }
    return {
        "t": t, "lang": report.language, "dir": "rtl" if report.language in RTL_LANGUAGES else "ltr",
        "course": report.course, "a": a, "quizzes": quizzes, "charts": charts,
        "flagged": [i for i in a.items if set(i.flags) - {"few_answers"}],
        "exports": report.exports, "pct": _percent, "dec": _decimal,
        "css": (REPORT_TEMPLATES / "report.css").read_text(encoding="utf-8"),
    }


def render_html(report) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPORT_TEMPLATES)),
                             undefined=jinja2.StrictUndefined, autoescape=True, keep_trailing_newline=True)
    return env.get_template("report.html.j2").render(context(report))

