"""Reading one YAML file into plain data plus the line and column of every value.

Only YAML's safe subset is read; duplicate keys, huge files and alias bombs are refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster; positions are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

from .errors import Diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

YamlPath = tuple  # of str keys and int indexes


def format_path(path: YamlPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Source:
    """A parsed YAML file: `data` and the (line, col) of each value and key, by path."""

    file: str  # as shown to the user
    data: Any = None
    values: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)

    def where(self, path: YamlPath, key: bool = False) -> tuple[int, int]:
        table = self.keys if key else self.values
        while path not in table and path:
            path = path[:-1]
        return table.get(path, (1, 1))

    def diag(self, path: YamlPath, message: str, hint: str = "", key: bool = False) -> Diagnostic:
        line, col = self.where(path, key)
        return Diagnostic(self.file, line, col, format_path(path), message, hint)


class _Budget(Exception):
    pass


def _decode(raw: bytes, shown: str) -> tuple[str | None, Diagnostic | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(shown, 1, 1, "", "the file is UTF-16", "save it as UTF-8")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Diagnostic(shown, line, col, "", "the file is not valid UTF-8", "save it as UTF-8")


def read_yaml(path: Path, shown: str) -> tuple[Source, list[Diagnostic]]:
    """Parse `path`; errors come back as diagnostics, never as exceptions."""
    source = Source(shown)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return source, [Diagnostic(shown, 1, 1, "", f"the file is {size // 1024} KiB",
                                       f"keep each YAML file under {MAX_FILE_BYTES // 1024 // 1024} MiB; split modules")]
        raw = path.read_bytes()
    except OSError as exc:
        return source, [Diagnostic(shown, 0, 0, "", f"cannot read the file: {exc.strerror}", "check that it exists")]
    text, problem = _decode(raw, shown)
    if problem:
        return source, [problem]
    if not text.strip():
        return source, [Diagnostic(shown, 1, 1, "", "the file is empty", "write the module's id, title and pages")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or "invalid YAML").strip()
        at_tab = mark is not None and mark.index < len(text) and text[mark.index] == "\t"
        hint = ("YAML indents with spaces, never tabs" if at_tab or "tab" in what
                else "check the indentation, the quoting and the ':' after each key")
        return source, [Diagnostic(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "",
                                   f"YAML syntax error: {what}", hint)]
    except yaml.YAMLError as exc:
        return source, [Diagnostic(shown, 1, 1, "", f"YAML error: {exc}", "check the file")]
    finally:
        loader.dispose()
    errors: list[Diagnostic] = []
    try:
        source.data = _convert(node, (), source, errors, loader, [0])
    except _Budget as exc:
        return source, [Diagnostic(shown, 1, 1, "", str(exc), "remove YAML aliases (*name) and deep nesting")]
    return source, errors


def _convert(node, path, source: Source, errors, loader, count):
    count[0] += 1
    if count[0] > MAX_NODES:
        raise _Budget(f"the document expands to more than {MAX_NODES} values")
    if len(path) > MAX_DEPTH:
        raise _Budget(f"the document is nested more than {MAX_DEPTH} levels deep")
    source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                key = str(key) if isinstance(key, (int, float, bool)) else None
            if key is None:
                errors.append(Diagnostic(source.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                         format_path(path), "a key must be plain text", "write key: value"))
                continue
            kpath = path + (key,)
            source.keys[kpath] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                errors.append(source.diag(kpath, f"duplicate key '{key}'", "keep only one of them", key=True))
                continue
            out[key] = _convert(value_node, kpath, source, errors, loader, count)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), source, errors, loader, count) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:timestamp":  # dates are text for us (e.g. a version)
        return node.value
    return loader.construct_object(node)
