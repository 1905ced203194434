"""Reading one YAML file into plain data plus the line and column of every value.

Only plain data is read (text, numbers, true/false, lists, mappings): duplicate keys, tags, control characters,
huge files, deep nesting and alias bombs are refused with a diagnostic, never an exception.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster; positions are the same
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader

from .errors import Diagnostic
from .i18n import N_, _
from .yamlhelp import explain

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

YamlPath = tuple  # of str keys and int indexes


# What an entry of each list is called in messages, counted from 1 as trainers count
# ("{n}" is the entry's number, "{id}" its id)
_ENTRY = {"questions": (N_("question {n}"), N_("question {n} ({id})")), "pages": (N_("page {n}"), N_("page '{id}'")),
          "choices": (N_("choice {n} ({id})"), N_("choice {n} ({id})")),
          "pairs": (N_("pair {n}"), N_("pair {n} ({id})")), "items": (N_("item {n}"), N_("item {n} ({id})")),
          "answers": (N_("answer {n}"), N_("answer {n} ({id})")), "media": (N_("media {n}"), N_("media {n} ({id})")),
          "modules": (N_("module file {n}"), N_("module file {n} ({id})")),
          "authors": (N_("author {n}"), N_("author {n} ({id})")),
          "objectives": (N_("objective {n}"), N_("objective {n} ({id})"))}
_NAMED = {"quiz": (N_("quiz"), N_("quiz '{id}'")), "closing": (N_("closing page"), N_("closing page '{id}'"))}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def format_path(path: YamlPath, data=None) -> str:
    """Where a value is, as a trainer finds it: "question 3 (q3) of quiz 'basics-quiz', correct",
    "page 'welcome', title", "ui.strings.next". `data` (the file's data, when known) gives the ids."""
    entities: list[str] = []  # outermost first
    keys: list[str] = []  # since the last entity
    if isinstance(data, dict) and path[:1] == ("questions",):  # a quiz file
        entities.append(_named("quiz", data))
    node = data
    for part in path:
        node = node[part] if _has(node, part) else None
        if isinstance(part, int):
            entities.append(_entry(keys[-1] if keys else "", part, node, keys))
            keys = []
        elif part in ("quiz", "closing") and isinstance(node, dict):
            entities.append(_named(part, node))
            keys = []
        else:
            keys.append(str(part))
    where = entities[0] if entities else ""
    for inner in entities[1:]:
        where = _("{inner} of {outer}").format(inner=inner, outer=where)
    tail = ".".join(keys)
    return _("{where}, {key}").format(where=where, key=tail) if where and tail else where or tail


def _has(node, part) -> bool:
    if isinstance(part, int):
        return isinstance(node, list) and part < len(node)
    return isinstance(node, dict) and part in node


def _named(kind: str, node: dict) -> str:
    ident = node.get("id")
    bare, named = _NAMED[kind]
    return _(named).format(id=ident) if isinstance(ident, str) and ident.strip() else _(bare)


def _entry(key: str, index: int, node, keys: list) -> str:
    ident = node.get("id") if isinstance(node, dict) else None
    ident = ident if isinstance(ident, str) and ident.strip() else None
    if key not in _ENTRY:
        return (_("entry {n} of {list}").format(n=index + 1, list=".".join(keys)) if keys
                else _("entry {n} of the list").format(n=index + 1))
    if key == "choices":  # named by its id, by default its letter
        ident = ident or _LETTERS[index % 26]
    bare, named = _ENTRY[key]
    return _(named if ident else bare).format(n=index + 1, id=ident)


@dataclass
class Source:
    """A parsed YAML file: `data` and the (line, col) of each value and key, by path."""

    file: str  # as shown to the user
    data: Any = None
    values: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    # the text of each unquoted value read as a number or true/false, by path: where the course format
    # expects text, the value is this text, as the trainer wrote it (`title: 1.10`, `version: 1.0`)
    plain: dict = field(default_factory=dict)

    def where(self, path: YamlPath, key: bool = False) -> tuple[int, int]:
        table = self.keys if key else self.values
        while path not in table and path:
            path = path[:-1]
        return table.get(path, (1, 1))

    def diag(self, path: YamlPath, message: str, hint: str = "", key: bool = False) -> Diagnostic:
        line, col = self.where(path, key)
        return Diagnostic(self.file, line, col, format_path(path, self.data), message, hint)


class _Budget(Exception):
    """The document is too big or too deep; raised with the place where the limit was crossed."""

    def __init__(self, message: str, mark=None):
        super().__init__(message)
        self.mark = mark


_STD = "tag:yaml.org,2002:"
_STR = _STD + "str"


# YAML 1.2's core schema, for plain (unquoted) values: only these are read as null, true/false and numbers; the
# rest is text. YAML 1.1's yes/no/on/off, 010 as octal, 1_000, 1:30 and dates are text as written. Numbers
# may also be written with Arabic-Indic or Persian digits (and the Arabic decimal separator '٫').
_ARABIC_DIGITS = "\u0660-\u0669\u06f0-\u06f9"
_CORE = (
    (re.compile(r"(?:null|Null|NULL|~)?\Z"), "null"),
    (re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), "bool"),
    (re.compile(rf"[-+]?(?:[0-9]+|[{_ARABIC_DIGITS}]+)\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z"), "int"),
    (re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z|[-+]?\.(?:inf|Inf|INF)\Z"
                rf"|\.(?:nan|NaN|NAN)\Z|[-+]?[{_ARABIC_DIGITS}]+[.\u066b][{_ARABIC_DIGITS}]+\Z"), "float"),
)
_MAY_BE_TYPED = frozenset("-+.0123456789~nNtTfF<" + "".join(map(chr, [*range(0x660, 0x66a), *range(0x6f0, 0x6fa)])))
_DIGIT_VALUES = {c: str(c % 16) for c in [*range(0x660, 0x66a), *range(0x6f0, 0x6fa)]} | {0x66b: "."}


class _Loader(_BaseLoader):
    def resolve(self, kind, value, implicit):
        # called for every value: most are text that no type of the core schema starts like
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0] or (value and value[0] not in _MAY_BE_TYPED):
            return _STR
        if value == "<<":  # a merge key: refused with a message of its own
            return _STD + "merge"
        return next((_STD + tag for pattern, tag in _CORE if pattern.match(value)), _STR)


def written_number(text: str) -> str | None:
    """How to write `text` as a YAML number, when it is one written otherwise ('٣،٥', '3,5' -> '3.5')."""
    plain = text.strip().translate(_DIGIT_VALUES).replace("\u060c", ",")
    return plain.replace(",", ".") if re.fullmatch(r"[-+]?[0-9]+(?:[.,][0-9]+)?", plain) else None


def _core_value(tag: str, text: str):
    """The value of a plain scalar of the core schema (or of one written with an explicit !!int, !!float, ...);
    ValueError when `text` is not one."""
    kind = tag[len(_STD):]
    text = text.translate(_DIGIT_VALUES)
    if kind == "null":
        if text not in ("", "~", "null", "Null", "NULL"):
            raise ValueError(text)
        return None
    if kind == "bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(text)
        return text.lower() == "true"
    if kind == "int":
        base = {"0o": 8, "0x": 16}.get(text[:2], 10)
        return int(text[2:] if base != 10 else text, base)
    if text.lstrip("+-").lower() in (".inf", ".nan"):
        text = text.replace(".", "", 1)
    return float(text)

_PLAIN = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_AS_TEXT = {_STD + "value", _STD + "merge"}  # a bare '=' or '<<' as a value: YAML 1.1 oddities, text for us
_CORE_TAGS = {_STD + t for t in ("int", "float", "bool", "null")}
# Characters YAML itself refuses, and characters that cannot appear in XML 1.0 (so in a manifest or a page).
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _decode(raw: bytes, shown: str) -> tuple[str | None, Diagnostic | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4]:
        kind = "UTF-32" if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "UTF-16"
        return None, Diagnostic(shown, 1, 1, "", _("the file is {encoding}").format(encoding=kind),
                                _("save it as UTF-8"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Diagnostic(shown, line, col, "", _not_utf8(raw), _(_RESAVE))
    bad = _UNPRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        what = _("the file contains the control character {code}").format(code=f"U+{ord(bad.group()):04X}")
        return None, Diagnostic(shown, line, col, "", what, _("delete it; YAML files hold printable text only"))
    return text, None


_RESAVE = N_("save it as UTF-8: in Notepad, File > Save as, Encoding: UTF-8; in VS Code, click the encoding in the "
             "status bar, 'Reopen with Encoding' (the one named here), then 'Save with Encoding', UTF-8")
_ARABIC = re.compile("[\u0600-\u06ff]")


def _not_utf8(raw: bytes) -> str:
    """What the file most likely is: a Windows editor's Arabic or Western European encoding, by what each
    makes of its non-ASCII bytes."""
    odd = bytes(b for b in raw if b >= 0x80)
    arabic = odd.decode("cp1256", errors="replace")
    if len(_ARABIC.findall(arabic)) >= 0.8 * len(odd):
        return _("the file is not UTF-8 but most likely Windows-1256 (Arabic)")
    try:
        odd.decode("cp1252")
    except UnicodeDecodeError:
        return _("the file is not valid UTF-8")
    return _("the file is not UTF-8 but most likely Windows-1252 (Western European)")


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of `path`, or why they cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Diagnostic(shown, 1, 1, "", _("the file is {size} KiB").format(size=size // 1024),
                                     _("keep each YAML file under {limit} MiB; split modules").format(
                                         limit=MAX_FILE_BYTES // 1024 // 1024))]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [Diagnostic(shown, 0, 0, "", _("cannot read the file: {reason}").format(reason=exc.strerror),
                                 _("check that it exists"))]


def read_yaml(path: Path, shown: str) -> tuple[Source, list[Diagnostic]]:
    """Parse `path`; errors come back as diagnostics, never as exceptions."""
    raw, problems = read_bytes(path, shown)
    return (Source(shown), problems) if raw is None else parse(raw, shown)


def parse(raw: bytes, shown: str) -> tuple[Source, list[Diagnostic]]:
    """Parse the bytes of a YAML file shown to the user as `shown`."""
    source = Source(shown)
    text, problem = _decode(raw, shown)
    if problem:
        return source, [problem]
    empty = Diagnostic(shown, 1, 1, "", _("the file is empty"), _("write its keys; see docs/course-format.md"))
    if not text.strip():
        return source, [empty]
    loader = None
    try:
        if _may_cross_limits(text):
            _scan(text, _Loader)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:  # only comments
            return source, [empty]
        if "&" in text:  # without an anchor there is no alias, so nothing to expand
            _expanded(node, 1, {})
        errors: list[Diagnostic] = []
        # control characters were refused in the text above; only an escape ("\a") can write one in a value
        source.data = _convert(node, (), source, errors, loader, escapes="\\" in text)
        return source, errors
    except _Budget as exc:
        return source, [_over_budget(exc, shown)]
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):
            # newer libyaml stops at its own depth limit (1000), even while looking ahead before any event:
            # the pure Python parser, slower but with no such limit, finds where ours (64) is passed
            try:
                _scan(text, yaml.SafeLoader)
            except _Budget as budget:
                return source, [_over_budget(budget, shown)]
        found = explain(exc, text)
        return source, [Diagnostic(shown, found.line + 1, found.col + 1, "",
                                   _("YAML syntax error: {what}").format(what=found.what), found.hint)]
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        return source, [Diagnostic(shown, 1, 1, "", _("YAML error: {what}").format(what=first), _("check the file"))]
    finally:
        if loader is not None:
            loader.dispose()


def _over_budget(exc: _Budget, shown: str) -> Diagnostic:
    mark = exc.mark
    return Diagnostic(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "", str(exc),
                      _("a course file needs a few levels and a few thousand values; "
                        "split it, and do not repeat YAML aliases (*name)"))


def _may_cross_limits(text: str) -> bool:
    """Whether the event scan is needed. Every value but the root starts after one of [ { , : - ? or a line end,
    and each of those starts at most two values (a collection and its first item), so few of them cannot make
    many values; and with few openers the C composer cannot recurse deep enough to crash. Deeper nesting and
    aliases are still refused on the tree, by _expanded, before it is converted."""
    openers = text.count("[") + text.count("{") + text.count("-") + text.count("?")
    separators = openers + text.count(",") + text.count(":") + text.count("\n")
    return openers > 5_000 or 2 * separators + 2 > MAX_NODES


def _scan(text: str, kind: type) -> None:
    """Walk the parser's events once and stop at the first limit crossed, before any tree is built: building
    holds every node in memory and recurses in C (a deeply nested file would crash the process)."""
    loader = kind(text)
    depth = values = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.NodeEvent):
                values += 1
                if values > MAX_NODES:
                    raise _Budget(_("the file holds more than {limit} values").format(limit=MAX_NODES),
                                  event.start_mark)
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise _Budget(_(_TOO_DEEP).format(limit=MAX_DEPTH), event.start_mark)
    finally:
        loader.dispose()


_KINDS = {_STD + "int": N_("a whole number"), _STD + "float": N_("a number"), _STD + "bool": N_("true or false")}
_TOO_DEEP = N_("the document is nested more than {limit} levels deep")


def short(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _expanded(node, depth: int, sizes: dict) -> int:
    """How many values the tree holds once its aliases are expanded, counted on the shared nodes (so an alias
    bomb is refused at once, without expanding it)."""
    if depth > MAX_DEPTH:  # aliases can nest deeper than the text (and &a [*a] is a cycle)
        raise _Budget(_(_TOO_DEEP).format(limit=MAX_DEPTH), node.start_mark)
    if id(node) in sizes:
        return sizes[id(node)]
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded(item, depth + 1, sizes) for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded(value, depth + 1, sizes) for _, value in node.value)
    if size > MAX_NODES:
        raise _Budget(_("the document expands to more than {limit} values").format(limit=MAX_NODES), node.start_mark)
    sizes[id(node)] = size
    return size


_NO_TAG = N_("the YAML tag '{tag}' is not supported")
_NO_TAG_HINT = N_("remove it: write plain text, numbers, true/false, lists and mappings")


def _tag(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


def _at(node, source: Source, path, message: str, hint: str) -> Diagnostic:
    mark = node.start_mark
    return Diagnostic(source.file, mark.line + 1, mark.column + 1, format_path(path, source.data), message, hint)


def _scalar(node, path, source: Source, errors: list, loader, escapes: bool):
    """A scalar's value; a problem (an unknown tag, a bad value for its tag) is added to `errors`."""
    if node.tag == _STR:  # text needs no constructing, and it is most of a course
        value = node.value
    elif node.tag == _STD + "timestamp" or node.tag in _AS_TEXT:  # dates are text for us (e.g. a version)
        return node.value
    elif node.tag not in _PLAIN:
        errors.append(_at(node, source, path, _(_NO_TAG).format(tag=_tag(node.tag)), _(_NO_TAG_HINT)))
        return None
    else:
        try:
            if node.tag in _CORE_TAGS:
                value = _core_value(node.tag, node.value)
                if value is not None and not node.style:  # plain: None, or "" from the C parser
                    source.plain[path] = node.value
            else:
                value = loader.construct_object(node)
        except (yaml.YAMLError, ValueError, KeyError, TypeError, OverflowError):  # e.g. !!int abc, or 5000 digits
            kind = _(_KINDS[node.tag]) if node.tag in _KINDS else _tag(node.tag)
            errors.append(_at(node, source, path, _("cannot read '{value}' as {kind}").format(
                value=short(node.value), kind=kind), _("correct the value, or put it in quotes to make it text")))
            return None
    if escapes and isinstance(value, str):
        bad = _NOT_XML.search(value)
        if bad:
            errors.append(_at(node, source, path, _("contains the control character {code}").format(
                code=f"U+{ord(bad.group()):04X}"),
                _("remove it; it often comes from an escape such as \\a or \\x07 in double quotes")))
    return value


def _convert(node, path, source: Source, errors, loader, escapes: bool):
    # _expanded has bounded the number of values already; depth is checked again here because aliases are
    # counted once there, not at every place they are used
    if len(path) >= MAX_DEPTH:  # the root is at depth 1
        raise _Budget(_(_TOO_DEEP).format(limit=MAX_DEPTH), node.start_mark)
    mark = node.start_mark
    source.values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, source, errors, loader, escapes)
    if node.tag not in _PLAIN:
        errors.append(_at(node, source, path, _(_NO_TAG).format(tag=_tag(node.tag)), _(_NO_TAG_HINT)))
        return None
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), source, errors, loader, escapes) for i, item in enumerate(node.value)]
    out: dict = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STD + "merge":
            errors.append(_at(key_node, source, path, _("YAML merge keys ('<<') are not supported"),
                              _("write the keys out in full")))
            continue
        key, known = None, len(errors)
        if isinstance(key_node, yaml.ScalarNode):
            key = _scalar(key_node, path, source, errors, loader, escapes)
            source.plain.pop(path, None)  # recorded for the key, not for the mapping's value
            if isinstance(key, (int, float, bool)):  # a key is a name: as written
                key = key_node.value
        if len(errors) > known:  # a tag or a control character in the key, already reported
            continue
        if not isinstance(key, str):
            errors.append(_at(key_node, source, path, _("a key must be plain text"), _("write key: value")))
            continue
        kpath = path + (key,)
        if key in out:
            errors.append(_at(key_node, source, kpath, _("duplicate key '{key}'").format(key=key),
                              _("keep only one of them")))
            continue
        key_mark = key_node.start_mark
        source.keys[kpath] = (key_mark.line + 1, key_mark.column + 1)
        out[key] = _convert(value_node, kpath, source, errors, loader, escapes)
    return out
