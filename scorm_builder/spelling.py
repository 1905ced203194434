"""Spelling of a course's text with Hunspell, through the `hunspell` program and the dictionaries of the
system (Debian: hunspell-ar, hunspell-fr, hunspell-en-us).

The program, not a Python port: it is the reference implementation of the dictionaries' affix rules, which
matter most for Arabic (attached prefixes and suffixes), and it checks thousands of words in a few
milliseconds. Words are sent once each, one per line, in its pipe mode (-a).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata

from .errors import ToolMissing
from .i18n import _

# the dictionary of each course language, and the Debian package that installs it
DICTIONARIES = {"ar": ("ar", "hunspell-ar"), "fr": ("fr_FR", "hunspell-fr"), "en": ("en_US", "hunspell-en-us")}
_SEARCH = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/local/share/hunspell", "/Library/Spelling")
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640"  # Arabic diacritics and tatweel: not spelling
_ARABIC_MARKS = re.compile(f"[{_MARKS}]")
# a word: letters of any script, with the Arabic marks inside it (Python counts them as non-word characters)
# and inner apostrophes or hyphens; digits stay out
WORD = re.compile(f"[^\\W\\d_](?:[^\\W\\d_]|[{_MARKS}]|['’\\-](?=[^\\W\\d_]))*")


def dictionary_for(language: str) -> tuple[str, str]:
    """(dictionary name, package) for a course language; ToolMissing when not installed."""
    base = language.split("-")[0]
    if base not in DICTIONARIES:
        raise ToolMissing(_("no spelling dictionary is known for the language '{language}'").format(language=language),
                          _("known: {names}; run lint with --no-spelling").format(names=', '.join(DICTIONARIES)))
    name, package = DICTIONARIES[base]
    if shutil.which("hunspell") is None:
        raise ToolMissing(_("spelling needs the hunspell program"), _("install it (Debian, Ubuntu: apt-get install "
                                                                      "hunspell {package}), or run lint with "
                                                                      "--no-spelling").format(
            package=package))
    extra = os.environ.get("DICPATH", "").split(os.pathsep)
    if not any(os.path.isfile(os.path.join(d, name + ".dic")) for d in [*extra, *_SEARCH] if d):
        raise ToolMissing(_("the {name} spelling dictionary is not installed").format(name=name),
                          _("install it (Debian, Ubuntu: apt-get install {package}), or run lint with --no-spelling").format(
                              package=package))
    return name, package


def comparable(word: str) -> str:
    """A word as the dictionary and the word list see it: no Arabic diacritics or tatweel, NFC."""
    return unicodedata.normalize("NFC", _ARABIC_MARKS.sub("", word))


def misspelt(words: set[str], language: str) -> dict[str, list[str]]:
    """The words of `words` that the dictionary does not know, each with its suggestions (best first).

    Checking is fast (about 1,500 Arabic words in 0.2 s, most of it loading the dictionary); suggesting is not
    (about 40 ms a word in Arabic): the unknown words are found first, then only the first SUGGESTED of them get
    suggestions, so that a course full of names or typos is still reviewed in seconds."""
    name, _ = dictionary_for(language)
    unknown = sorted(set(_hunspell(name, "-L", sorted(words)).splitlines()) & words)
    found: dict[str, list[str]] = {word: [] for word in unknown}
    asked = unknown[:SUGGESTED]
    # '^' makes each line plain text to check, whatever it starts with
    answers = iter(_hunspell(name, "-a", [f"^{w}" for w in asked]).splitlines()[1:])  # line 1: the version
    for word in asked:
        for line in answers:  # one line per word checked, then a blank line
            if not line:
                break
            if line[0] == "&":
                found[word] = [s.strip() for s in line.split(":", 1)[1].split(",")][:3]
    return found


SUGGESTED = 20


def _hunspell(dictionary: str, mode: str, lines: list[str]) -> str:
    if not lines:
        return ""
    run = subprocess.run(["hunspell", "-d", dictionary, mode, "-i", "utf-8"], input="".join(f"{w}\n" for w in lines),
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    if run.returncode != 0:
        raise ToolMissing(_("hunspell failed: {reason}").format(
            reason=run.stderr.strip()[:200]), _("check the hunspell installation"))
    return run.stdout
