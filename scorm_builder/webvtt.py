"""Caption files (WebVTT, https://www.w3.org/TR/webvtt1/): what a browser needs to show them, checked before a
package is made. A file a browser cannot parse shows no captions at all, without a word to the learner."""
from __future__ import annotations

import re

MAX_BYTES = 2 * 2**20
_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t].*)?$")
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")


def _seconds(h, m, s, ms) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def problems(data: bytes) -> list[tuple[int, str, str]]:
    """(line, what is wrong, how to fix) for each mistake; empty when browsers will show the captions."""
    if len(data) > MAX_BYTES:
        return [(1, f"the file is {len(data) // 2**20} MiB", "captions are text: a file this large is not WebVTT")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [(1, "the file is not UTF-8", "save it as UTF-8 (WebVTT files are always UTF-8)")]
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _HEADER.match(lines[0]):
        return [(1, "a WebVTT file starts with the line 'WEBVTT'",
                 "convert the file to WebVTT (.srt files: add 'WEBVTT' and a blank line, write times with '.')")]
    found, cues = [], 0
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        timing = _TIMING.match(line.strip())
        if not timing:
            found.append((number, f"cue timing '{line.strip()[:40]}' is not read by browsers",
                          "write it as 00:01:02.500 --> 00:01:05.000 (a dot before the milliseconds)"))
            continue
        start, end = _seconds(*timing.groups()[:4]), _seconds(*timing.groups()[4:])
        if end <= start:
            found.append((number, "this cue ends before it starts", "make the second time later than the first"))
        cues += 1
    if not cues and not found:
        found.append((1, "the file holds no captions", "add cues: a timing line, then the text, then a blank line"))
    return found
