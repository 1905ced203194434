"""Markdown to safe HTML: CommonMark with tables, raw HTML kept as text, the result sanitised with nh3.

Relative links and images are resolved inside the course folder and renamed to their place in the package;
in right-to-left courses, runs of Latin letters and digits are isolated with <bdi>.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

import nh3

from .i18n import _

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
    "h2", "h3", "h4", "h5", "h6", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "bdi", "figure",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "target"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/_%+#@&'\-]*(?:\s+[A-Za-z0-9][A-Za-z0-9.,:/_%+#@&'\-]*)*")
_RTL_CHAR = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

# A resolver gets a relative URL written in Markdown and returns the URL in the package, or raises ValueError
# with the message to show.
Resolver = Callable[[str], str]


@lru_cache(maxsize=1)
def _parser():
    """Loaded on first need: plain text, most of what trainers write, never needs it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


# A line with no character Markdown gives a meaning to renders as itself, and paragraphs of such lines as
# <p> elements: most prompts, choices, feedback and many pages.
_PLAIN = re.compile(r"[^\\`*_\[\]<>&!#|~\s0-9+=-][^\\`*_\[\]<>&!#|~\n\r\t]*")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def _escape(text: str) -> str:
    # as nh3 writes text: quotes need no escaping outside attributes
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain_paragraphs(text: str) -> list[list[str]] | None:
    """The lines of each paragraph when the whole text is plain, else None."""
    paragraphs = []
    for paragraph in _BLANK_LINES.split(text):
        if "  " in paragraph:  # two spaces may end a line with a hard break
            return None
        lines = [line.rstrip(" ") for line in paragraph.split("\n")]
        if not all(_PLAIN.fullmatch(line) for line in lines):
            return None
        paragraphs.append(lines)
    return paragraphs


def _latin_runs(text: str):
    """The text cut into (piece, is_latin) around its runs of Latin letters and digits."""
    last = 0
    for match in _LATIN_RUN.finditer(text):
        run = match.group(0).rstrip(".,:'")
        yield text[last:match.start()], False
        yield run, True
        last = match.start() + len(run)
    yield text[last:], False


def _plain_line(text: str, rtl: bool) -> str:
    """Safe by construction: escaped text, and only the <bdi> tags added here."""
    if rtl and _LATIN_RUN.search(text) and _RTL_CHAR.search(text):
        return "".join(f"<bdi>{_escape(piece)}</bdi>" if latin else _escape(piece)
                       for piece, latin in _latin_runs(text))
    return _escape(text)


def render(text: str, resolve: Resolver, rtl: bool, problems: list[str], inline: bool = False,
           images: Resolver | None = None) -> str:
    """Render Markdown (a block, or one line when `inline`); unresolvable references go to `problems`. Links
    are resolved with `resolve`, images with `images` (default: `resolve`): a file may be shown as a picture
    and yet refused as a link (an SVG)."""
    stripped = text.strip()
    if inline and _PLAIN.fullmatch(stripped) and "  " not in stripped:
        return _plain_line(stripped, rtl)
    paragraphs = None if inline else _plain_paragraphs(stripped)
    if paragraphs is not None:
        return "".join("<p>" + "\n".join(_plain_line(line, rtl) for line in lines) + "</p>\n"
                       for lines in paragraphs)
    md = _parser()
    tokens = md.parseInline(stripped) if inline else md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # the page title is the <h1>: '#' in a body becomes <h2>, and so on
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        if token.type == "inline" and token.children:
            token.children = _inline(token.children, resolve, images or resolve, rtl, problems)
    html = md.renderer.render(tokens, md.options, {})
    return clean(html)


def clean(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)


def _inline(children: list, resolve: Resolver, images: Resolver, rtl: bool, problems: list[str]) -> list:
    out: list = []
    for tok in children:
        if tok.type in ("image", "link_open"):
            attr = "src" if tok.type == "image" else "href"
            url = str(tok.attrGet(attr) or "")
            if tok.type == "image" and _SCHEME.match(url):
                problems.append(_("image '{url}' would be loaded from the network (copy it into the course folder)").format(
                    url=url))
                tok.attrSet(attr, "")
            elif tok.type == "link_open" and _SCHEME.match(url):
                tok.attrSet("target", "_blank")
            elif url and not url.startswith("#"):
                try:
                    tok.attrSet(attr, (images if tok.type == "image" else resolve)(url))
                except ValueError as exc:
                    problems.append(str(exc))
                    tok.attrSet(attr, "")
        if rtl and tok.type == "text" and _RTL_CHAR.search(tok.content) and _LATIN_RUN.search(tok.content):
            out.extend(_isolate(tok.content))
        else:
            out.append(tok)
    return out


def _isolate(text: str) -> list:
    from markdown_it.token import Token

    out: list = []
    for piece, latin in _latin_runs(text):
        if latin:
            out += [Token("html_inline", "", 0, content="<bdi>"), _text(piece),
                    Token("html_inline", "", 0, content="</bdi>")]
        elif piece:
            out.append(_text(piece))
    return out


def _text(content: str):
    from markdown_it.token import Token

    return Token("text", "", 0, content=content)
