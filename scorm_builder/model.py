"""The course as plain, typed, frozen data. Text fields hold Markdown; nothing here reads files or renders."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "ckb", "dv"})


@dataclass(frozen=True)
class Loc:
    """Where something was written, for messages: file as shown to the user, 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0


Locs = tuple[tuple[str, Loc], ...]  # where each Markdown text of a part was written: ("prompt", loc), ...


def loc_of(part, key: str) -> Loc:
    """Where the text `key` of a course, module or question was written (its own line, for messages about
    it); the part's own place when it is not known."""
    return dict(part.locs).get(key, part.loc)


@dataclass(frozen=True)
class Media:
    src: str  # POSIX path relative to the course folder, already checked to stay inside it
    alt: str
    caption: str
    loc: Loc
    captions: tuple[tuple[str, str], ...] = ()  # (language, path of a WebVTT file), in the order written
    transcript: str = ""  # Markdown


@dataclass(frozen=True)
class Block:
    """One block of a page (templates/components/<type>/): its type and the fields written, in the order of its
    schema; a list field (`items:`) holds one tuple of (key, value) pairs per item. Text stays Markdown."""

    type: str
    fields: tuple[tuple[str, object], ...]
    loc: Loc

    def get(self, key: str, default=""):
        return next((value for name, value in self.fields if name == key), default)


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    body: str  # "" when the page is made of blocks alone
    media: tuple[Media, ...]
    loc: Loc
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Choice:
    id: str
    key: str  # the single character SCORM 1.2 reports: a, b, c ...
    text: str
    pin: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Pair:
    key: str  # 1, 2, 3 ...
    left: str
    right: str
    right_key: str  # a, b, c ...


@dataclass(frozen=True)
class Item:
    key: str
    text: str


@dataclass(frozen=True)
class Feedback:
    correct: str
    incorrect: str


Answer = Union[tuple[str, ...], bool, float, None]


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    weight: float
    feedback: Optional[Feedback]
    see: Optional[str]
    loc: Loc
    choices: tuple[Choice, ...] = ()
    correct: Answer = None  # choice ids (single/multiple), bool (true-false) or number (numeric)
    answers: tuple[str, ...] = ()  # fill-in
    tolerance: float = 0.0
    pairs: tuple[Pair, ...] = ()
    items: tuple[Item, ...] = ()  # ordering, in the correct order
    locs: Locs = ()  # "prompt", "feedback", "feedback.correct", "choices.1", "choices.1.feedback", "pairs.0.left"


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    pass_mark: float
    draw: Optional[int]
    shuffle: bool
    attempts: int
    show_answers: bool
    questions: tuple[Question, ...]
    loc: Loc
    retry_after_pass: Optional[bool] = None  # None: yes for module quizzes, no for the final assessment
    requires_all_pages: bool = False  # opens once every other page has been seen

    @property
    def drawn(self) -> int:
        return self.draw or len(self.questions)


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    objectives: tuple[str, ...]
    pages: tuple[Page, ...]
    quiz: Optional[Quiz]
    loc: Loc
    locs: Locs = ()  # "objectives.0", ...


@dataclass(frozen=True)
class Theme:
    """A platform's look (theme.py): "#rrggbb" colours, a CSS font stack, a logo path; "" when not set."""
    primary: str = ""
    accent: str = ""
    font: str = ""
    logo: str = ""


@dataclass(frozen=True)
class Author:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Course:
    id: str
    version: str
    title: str
    language: str
    description: str
    organisation: str
    platform: str
    authors: tuple[Author, ...]
    objectives: tuple[str, ...]
    pass_mark: float
    intro_title: str
    intro: str
    modules: tuple[Module, ...]
    closing: Optional[Page]
    assessment: Optional[Quiz]
    packaging_mode: str
    suspend_limit: str  # "error" or "warn"
    ui_language: str
    strings: tuple[tuple[str, str], ...]  # course overrides of the message catalogue
    loc: Loc
    theme: Optional[Theme] = None
    upload_limit: int = 100  # MiB; a larger package gets a warning
    completion_pages: Optional[float] = None  # share of pages to see (0-1); None: all without a score, else none
    completion_assessment: str = "pass"  # pass | submit | none
    locs: Locs = ()  # "description", "objectives.0", "intro.body"

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0] in RTL_LANGUAGES else "ltr"

    @property
    def pages(self) -> tuple[Page, ...]:
        """Every written page: the modules' in order, then the closing page."""
        return tuple(p for m in self.modules for p in m.pages) + ((self.closing,) if self.closing else ())

    @property
    def quizzes(self) -> tuple[Quiz, ...]:
        found = tuple(m.quiz for m in self.modules if m.quiz)
        return found + ((self.assessment,) if self.assessment else ())
