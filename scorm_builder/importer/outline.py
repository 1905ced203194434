"""What every reader produces: a course outline (modules of pages, pictures, notes) and what it could not carry.

Two ways of cutting a source into modules: slides (a section-divider slide starts a module) and headings (the
highest heading level starts a module, the next one a page).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .text import escape, words


@dataclass
class Picture:
    data: bytes
    ext: str  # lower-case, with the dot: ".png"
    alt: str  # "" when the source gave none
    where: str  # "slide 4", "paragraph 12": for the report


@dataclass
class Page:
    title: str
    body: str  # Markdown
    pictures: list[Picture] = field(default_factory=list)
    notes: str = ""  # speaker notes, plain text
    where: str = ""  # where the notes come from, in the course's language


@dataclass
class Module:
    title: str
    pages: list[Page] = field(default_factory=list)


@dataclass
class Outline:
    title: str
    description: str
    modules: list[Module]
    dropped: list[str]  # "slide 5: an animation (...)", in source order


MAX_PAGES = 40  # per module: a module is a SCO in sco-per-module mode, and its page ids share 4096 characters


def split_long(modules: list[Module]) -> list[Module]:
    """Modules of more than MAX_PAGES pages cut into parts, 'Title (1)', 'Title (2)' ..."""
    out = []
    for module in modules:
        parts = [module.pages[i:i + MAX_PAGES] for i in range(0, len(module.pages), MAX_PAGES)]
        if len(parts) == 1:
            out.append(module)
        else:
            out += [Module(f"{module.title} ({n})", pages) for n, pages in enumerate(parts, 1)]
    return out


@dataclass
class Slide:
    number: int
    title: str
    body: str
    pictures: list[Picture]
    notes: str
    divider: bool  # a section header: starts a module
    opening: bool  # a title slide: names the course


def from_slides(slides: list[Slide], fallback_title: str, language: str, dropped: list[str]) -> Outline:
    """Slides in order -> modules: the first title slide names the course; each divider starts a module."""
    title, description = fallback_title, ""
    if slides and slides[0].opening and slides[0].title:
        title, description = slides[0].title, slides[0].body
        slides = slides[1:]
    modules: list[Module] = []
    for slide in slides:
        if slide.divider or not modules:
            module = Module(slide.title if slide.divider and slide.title else title)
            modules.append(module)
            if slide.divider:
                if slide.body or slide.pictures or slide.notes:
                    module.pages.append(_page(slide, language, module.title))
                continue
        modules[-1].pages.append(_page(slide, language))
    for module in modules:
        if not module.pages:  # two dividers in a row: the module still needs a page
            module.pages.append(Page(module.title, module.title))
    if not modules:
        modules.append(Module(title, [Page(title, description or title)]))
    return Outline(title, description, split_long(modules), dropped)


def _page(slide: Slide, language: str, title: str = "") -> Page:
    title = title or slide.title or f"{words(language)['slide']} {slide.number}"
    body = slide.body or "\n\n".join(p.alt for p in slide.pictures if p.alt) or title
    return Page(title, body, slide.pictures, slide.notes, f"{words(language)['slide']} {slide.number}")


@dataclass
class Heading:
    level: int
    text: str  # plain text, as titles are


@dataclass
class Text:
    markdown: str


def from_headings(blocks: list, title: str, dropped: list[str]) -> Outline:
    """Headings, texts and pictures in order -> modules: the highest heading level used starts a module, the
    next one a page, deeper ones become headings inside the page. One level only: one module, one page per
    heading. A lone top heading above all others is the course's title."""
    levels = sorted({b.level for b in blocks if isinstance(b, Heading)})
    tops = [b for b in blocks if isinstance(b, Heading) and b.level == levels[0]] if levels else []
    if len(levels) > 1 and len(tops) == 1 and blocks and blocks[0] is tops[0]:
        title = tops[0].text
        blocks = blocks[1:]
        levels = levels[1:]
    module_level = levels[0] if len(levels) > 1 else None
    page_level = levels[1] if len(levels) > 1 else (levels[0] if levels else None)
    builder = _Pages(title)
    for block in blocks:
        if isinstance(block, Heading) and block.level == module_level:
            builder.module(block.text)
        elif isinstance(block, Heading) and block.level == page_level:
            builder.page(block.text)
        elif isinstance(block, Heading):
            depth = min(6, block.level - page_level) if page_level is not None else 1
            builder.text("#" * max(1, depth) + " " + escape(block.text))
        elif isinstance(block, Picture):
            builder.picture(block)
        else:
            builder.text(block.markdown)
    modules = builder.done()
    return Outline(title, builder.description.strip(), split_long(modules), dropped)


def sample(blocks: list) -> str:
    """Text enough to tell the language."""
    return " ".join(b.text if isinstance(b, Heading) else getattr(b, "markdown", "") for b in blocks[:200])


class _Pages:
    """Collects pages: text before any heading describes the course; text under a module heading before its
    first page heading becomes a page named like the module."""

    def __init__(self, title: str):
        self.title = title
        self.modules: list[Module] = []
        self.description = ""
        self.current: Page | None = None
        self.parts: list[str] = []

    def module(self, title: str) -> None:
        self._close()
        self.modules.append(Module(title))
        self.current = None

    def page(self, title: str) -> None:
        self._close()
        if not self.modules:
            self.modules.append(Module(self.title))
        self.current = Page(title, "")
        self.modules[-1].pages.append(self.current)

    def text(self, markdown: str) -> None:
        if self.current is None and not self.modules:
            self.description += markdown + "\n\n"
            return
        self._ensure_page()
        self.parts.append(markdown)

    def picture(self, picture: Picture) -> None:
        self._ensure_page()
        self.current.pictures.append(picture)

    def _ensure_page(self) -> None:
        if self.current is None:
            if not self.modules:
                self.modules.append(Module(self.title))
            self.page(self.modules[-1].title)

    def _close(self) -> None:
        if self.current is not None:
            self.current.body = "\n\n".join(self.parts).strip()
            if not self.current.body:
                alts = [p.alt for p in self.current.pictures if p.alt]
                self.current.body = "\n\n".join(alts) or self.current.title
        self.parts = []

    def done(self) -> list[Module]:
        self._close()
        for module in self.modules:
            if not module.pages:
                module.pages.append(Page(module.title, module.title))
        if not self.modules:
            self.modules.append(Module(self.title, [Page(self.title, self.description.strip() or self.title)]))
            self.description = ""
        return self.modules
