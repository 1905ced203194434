"""How a course is cut into SCOs and packages for each packaging mode. Pure functions of the model."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from .model import Course, Module, Page, Quiz


@dataclass(frozen=True)
class NavEntry:
    id: str
    kind: str  # home | module | page | closing | quiz
    title: str
    module: Optional[str] = None
    page: Optional[Page] = None
    quiz: Optional[Quiz] = None


@dataclass(frozen=True)
class Sco:
    id: str
    title: str
    href: str
    nav: tuple[NavEntry, ...]
    modules: tuple[Module, ...]
    scoring: str  # assessment | mean | none
    scoring_quizzes: tuple[str, ...]
    mastery: Optional[float]


@dataclass(frozen=True)
class PackagePlan:
    name: str  # zip file name
    manifest_id: str
    scos: tuple[Sco, ...]


def _module_nav(module: Module) -> list[NavEntry]:
    nav = [NavEntry(module.id, "module", module.title, module.id)]
    nav += [NavEntry(p.id, "page", p.title, module.id, page=p) for p in module.pages]
    if module.quiz:
        nav.append(NavEntry(module.quiz.id, "quiz", module.quiz.title, module.id, quiz=module.quiz))
    return nav


def _tail_nav(course: Course) -> list[NavEntry]:
    nav = []
    if course.closing:
        nav.append(NavEntry(course.closing.id, "closing", course.closing.title, page=course.closing))
    if course.assessment:
        nav.append(NavEntry(course.assessment.id, "quiz", course.assessment.title, quiz=course.assessment))
    return nav


def _sco(sco_id: str, title: str, href: str, nav: list[NavEntry], modules: tuple[Module, ...],
         assessment: Optional[Quiz], pass_mark: float) -> Sco:
    quizzes = [e.quiz for e in nav if e.quiz]
    if assessment is not None and assessment in quizzes:
        # the SCO's score is the assessment's, so passing it must mean the same to Moodle and to the runtime
        scoring, scored, pass_mark = "assessment", (assessment.id,), assessment.pass_mark
    elif quizzes:
        scoring, scored = "mean", tuple(q.id for q in quizzes)
    else:
        scoring, scored = "none", ()
    return Sco(sco_id, title, href, tuple(nav), modules, scoring, scored, None if scoring == "none" else pass_mark)


def plan(course: Course) -> list[PackagePlan]:
    """The packages of the course and their SCOs. Without a pass/fail rule (completion.assessment: submit or
    none) no mastery score is written, so that Moodle does not turn the score into passed or failed."""
    plans = _plan(course)
    if course.completion_assessment == "pass":
        return plans
    return [replace(p, scos=tuple(replace(s, mastery=None) for s in p.scos)) for p in plans]


def _plan(course: Course) -> list[PackagePlan]:
    home = NavEntry("home", "home", course.intro_title or course.title)
    version = course.version
    if course.packaging_mode == "single-sco":
        nav = [home] + [e for m in course.modules for e in _module_nav(m)] + _tail_nav(course)
        sco = _sco(course.id, course.title, "index.html", nav, course.modules, course.assessment, course.pass_mark)
        return [PackagePlan(f"{course.id}-{version}.zip", course.id, (sco,))]
    scos = [_sco("home", home.title, "home.html", [home], (), None, course.pass_mark)]
    for m in course.modules:
        mastery = m.quiz.pass_mark if m.quiz else course.pass_mark
        scos.append(_sco(m.id, m.title, f"{m.id}.html", _module_nav(m), (m,), None, mastery))
    tail = _tail_nav(course)
    if tail:
        mastery = course.assessment.pass_mark if course.assessment else course.pass_mark
        scos.append(_sco(tail[-1].id, tail[-1].title, f"{tail[-1].id}.html", tail, (), course.assessment, mastery))
    if course.packaging_mode == "sco-per-module":
        return [PackagePlan(f"{course.id}-{version}.zip", course.id, tuple(scos))]
    return [PackagePlan(f"{course.id}-{s.id}-{version}.zip", f"{course.id}-{s.id}", (replace(s, href="index.html"),))
            for s in scos]
