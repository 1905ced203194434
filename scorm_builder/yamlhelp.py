"""Why a YAML file does not parse, in a trainer's words, at the line where the mistake is.

libyaml reports where it gave up, which is often far from the mistake: a quote opened on line 6 and never closed
is reported where the next quote happens to stand, a missing ':' on the line after it. Each rule below looks for
one common mistake around that place and, when it finds it, names its line and the fix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .i18n import _, ngettext


@dataclass(frozen=True)
class Explained:
    line: int  # 0-based, as in libyaml's marks
    col: int
    what: str
    hint: str


# `key: value`, `- value` or `- key: value`: where a value starts on its line
_VALUE = re.compile(r"^(\s*(?:-\s+)*)(?:([^\s#'\"][^:#]*?|\"[^\"]*\"|'[^']*')\s*:(?:\s+|$))?")


def explain(exc: yaml.MarkedYAMLError, text: str) -> Explained:
    lines = text.splitlines() or [""]
    problem = exc.problem_mark or exc.context_mark
    at = min(problem.line, len(lines) - 1) if problem else 0
    what = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    for rule in (_tab, _unclosed_flow, _quote, _no_colon, _second_colon, _indent, _documents, _bad_start):
        found = rule(lines, at, problem, what, context, exc)
        if found:
            return found
    return Explained(at, problem.column if problem else 0, _("this line cannot be read as YAML"),
                     _("check the indentation, the quoting and the ': ' after each key "
                       "(the YAML reader says: {said})").format(said=what or context or "invalid YAML"))


def _tab(lines, at, problem, what, context, exc):
    for n in range(at, -1, -1):
        col = lines[n].find("\t")
        if col >= 0 and not lines[n][:col].strip():
            return Explained(n, col, _("a tab character in the indentation"),
                             _("YAML indents with spaces, never tabs: replace it with spaces"))
        if n < at - 1:
            break
    if "tab" in what:
        return Explained(at, problem.column, _("a tab character"), _("YAML indents with spaces, never tabs"))
    return None


def _unclosed_flow(lines, at, problem, what, context, exc):
    if context.startswith("while parsing a flow") and exc.context_mark:
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        mark = exc.context_mark
        return Explained(mark.line, mark.column, _("this '{opening}' is not closed").format(opening=opening),
                         _("close it with '{closing}' and separate its items with ','; put text holding ',' in quotes")
                         .format(closing=closing))
    return None


def _quote(lines, at, problem, what, context, exc):
    """A quoted value that runs on to the line where the reader gave up, or has text after its closing quote."""
    first = exc.context_mark.line if "quoted scalar" in context and exc.context_mark else 0
    for n in range(first, at + 1):
        col = _VALUE.match(lines[n]).end()
        if col >= len(lines[n]) or lines[n][col] not in "\"'":
            continue
        quote = lines[n][col]
        closed = _closing(lines, n, col + 1, quote)
        if closed is None or (closed[0] > n and closed[0] >= at):
            fix = (_("end it on this line with the same quote") if quote == '"' else
                   _("end it on this line with ', and write '' for an apostrophe inside, e.g. 'l''équipe'"))
            return Explained(n, col, _("this quoted text is never closed on its line"), fix)
        rest = lines[n][closed[1] + 1:].split(" #")[0].strip() if closed[0] == n else ""
        if rest and n == at:
            fix = (_("put the whole text between the quotes; an apostrophe inside '...' is written '' "
                     "(e.g. 'l''équipe'), or use \"...\" around it") if quote == "'" else
                   _("put the whole text between the quotes; a quote inside \"...\" is written \\\", "
                     "or use '...' around it"))
            return Explained(n, closed[1] + 1, _("text after the closing quote: '{rest}'").format(rest=rest[:30]), fix)
    return None


def _closing(lines, n: int, start: int, quote: str):
    """(line, column) of the quote that ends a quoted value opened at line n, or None."""
    while n < len(lines):
        line, i = lines[n], start
        while i < len(line):
            if quote == '"' and line[i] == "\\":
                i += 2
                continue
            if line[i] == quote:
                if quote == "'" and line[i + 1:i + 2] == "'":
                    i += 2
                    continue
                return n, i
            i += 1
        n, start = n + 1, 0
    return None


def _no_colon(lines, at, problem, what, context, exc):
    if "expected ':'" in what and "simple key" in context and exc.context_mark:
        mark = exc.context_mark
        return Explained(mark.line, mark.column, _("this line has no ':' after its key"),
                         _("write 'key: value', with a colon and a space after the key; if the line continues the "
                           "text above it, put that whole text in quotes"))
    return None


def _second_colon(lines, at, problem, what, context, exc):
    if "mapping values are not allowed" not in what:
        return None
    line = lines[at]
    above = _previous(lines, at)
    if above is not None and _indent_of(line) > _indent_of(lines[above]) and ": " in lines[above].strip() + " " \
            and not lines[above].rstrip().endswith(":"):
        return Explained(at, _indent_of(line), _("this line is indented more than the line above it"),
                         _("indent it like line {line}; a key under a value that already has text is not allowed")
                         .format(line=above + 1))
    return Explained(at, problem.column, _("a second ': ' in this line"),
                     _("text that holds ': ' goes in quotes, e.g. title: \"Rôles: introduction\""))


def _indent(lines, at, problem, what, context, exc):
    if "expected key" not in what and "'-' indicator" not in what and "block end" not in what:
        return None
    line = lines[at]
    if not line.strip():
        return None
    mine = _indent_of(line)
    levels = {_indent_of(lines[n]) for n in range(at) if lines[n].strip() and not lines[n].lstrip().startswith("#")}
    if mine in levels:
        return None
    item = line.lstrip().startswith("- ")
    like = _previous(lines, at, items_only=item)
    if like is None:
        return None
    want = _indent_of(lines[like])
    what = (_("this list item is indented by {spaces}, in line with nothing above it") if item else
            _("this line is indented by {spaces}, in line with nothing above it"))
    return Explained(at, mine, what.format(spaces=_spaces(mine)),
                     _("indent it by {spaces}, like line {line}").format(spaces=_spaces(want), line=like + 1))


def _bad_start(lines, at, problem, what, context, exc):
    if problem is None or problem.line >= len(lines):
        return None
    char = lines[problem.line][problem.column:problem.column + 1]
    if "cannot start any token" in what or "scanning an a" in context:
        mark = exc.context_mark if ("alias" in context or "anchor" in context) and exc.context_mark else problem
        start = mark.column
        char = lines[mark.line][start:start + 1] or char
        return Explained(mark.line, start, _("text cannot begin with '{char}' in YAML").format(char=char),
                         _("put the whole text in quotes: \"{char}...\"").format(char=char))
    return None


def _documents(lines, at, problem, what, context, exc):
    if "another document" in what:
        return Explained(at, problem.column, _("a second document starts here"),
                         _("a file holds one document: remove the '---' line, or move what follows to a file of its "
                           "own"))
    if context.startswith("found duplicate anchor") and exc.context_mark:
        return Explained(at, problem.column, _("this anchor is already defined on line {line}").format(
            line=exc.context_mark.line + 1), _("give each &anchor its own name"))
    if "undefined alias" in what:
        return Explained(at, problem.column, _("this alias (*name) names no anchor"),
                         _("define the anchor (&name) before its alias (*name), or put text starting with * in "
                           "quotes"))
    return None


def _previous(lines, at, items_only: bool = False):
    for n in range(at - 1, -1, -1):
        text = lines[n].lstrip()
        if text and not text.startswith("#") and (text.startswith("- ") or not items_only):
            return n
    return None


def _spaces(count: int) -> str:
    return ngettext("{count} space", "{count} spaces", count).format(count=count)


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
