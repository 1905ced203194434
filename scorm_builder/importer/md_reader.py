"""Markdown (.md) -> headings and texts; the text between headings is kept as written. Pictures it names
are copied when they are files beside it (never from outside its folder, never from the web)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..errors import UsageError
from .outline import Heading, Outline, Text, from_headings, sample
from .pictures import picture
from .text import guess_language
from ..i18n import _

MAX_BYTES = 8 * 1024 * 1024
MAX_PICTURE = 50 * 1024 * 1024
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read(path: Path, language: str | None) -> tuple[Outline, str]:
    if path.stat().st_size > MAX_BYTES:
        raise UsageError(_("{path}: is over {limit} MiB (split it)").format(path=path, limit=MAX_BYTES // 2**20))
    try:
        source = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(_("{path}: byte {start} is not UTF-8 (save the file as UTF-8)").format(
            path=path, start=exc.start)) from None
    lines = _CONTROL.sub("", source.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    dropped: list[str] = []
    blocks: list = []
    start = 0
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map and token.level == 0:
            _text(lines[start:token.map[0]], start, path, blocks, dropped)
            blocks.append(Heading(int(token.tag[1]), _plain(tokens[i + 1])))
            start = token.map[1]
    _text(lines[start:], start, path, blocks, dropped)
    return from_headings(blocks, path.stem, dropped), language or guess_language(sample(blocks))


def _plain(inline) -> str:
    return " ".join("".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline")).split())


def _text(lines: list[str], first: int, path: Path, blocks: list, dropped: list[str]) -> None:
    text = "\n".join(lines)
    pictures = []

    def take(match: re.Match) -> str:
        line = first + text.count("\n", 0, match.start()) + 1
        found = _picture(path, match.group(2), match.group(1).strip(), f"line {line}", dropped)
        if found:
            pictures.append(found)
        return ""

    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", _IMAGE.sub(take, text)).strip()
    if text:
        blocks.append(Text(text))
    blocks.extend(pictures)


def _picture(path: Path, src: str, alt: str, where: str, dropped: list[str]):
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
        dropped.append(_("{where}: the picture '{src}' is on the web (download it and add it under media:)").format(
            where=where, src=src[:60]))
        return None
    folder = os.path.realpath(path.parent)
    target = os.path.realpath(os.path.join(folder, src.split("#")[0].split("?")[0]))
    if os.path.commonpath([folder, target]) != folder or not os.path.isfile(target):
        dropped.append(_("{where}: the picture '{src}' is not a file in {folder}/ (copy it there, or add it under "
                         "media: yourself)").format(
            where=where, src=src[:60], folder=path.parent.name or '.'))
        return None
    if os.path.getsize(target) > MAX_PICTURE:
        dropped.append(_("{where}: the picture '{src}' is over {limit} MiB (make it smaller)").format(
            where=where, src=src[:60], limit=MAX_PICTURE // 2**20))
        return None
    with open(target, "rb") as f:
        return picture(f.read(), alt, where, dropped)
