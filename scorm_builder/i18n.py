"""The tool's own messages in the trainer's language: standard gettext catalogues (locale/<lang>/LC_MESSAGES/
scorm_builder.mo, compiled from the .po files beside them), read with the standard library's gettext.

English is the source text: `_("'{path}' does not exist").format(path=...)`. Messages are translated as
templates, before their values are put in, so one catalogue entry serves every value. The language is the
process's (one trainer runs the tool): `set_language` is called once by the command line.

What `_` returns remembers its English template (`msgid`), so a diagnostic keeps a stable English code
whatever language it is printed in (errors.Diagnostic.code).
"""
from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

DOMAIN = "scorm_builder"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("ar", "fr", "en")

_language = "en"


class Text(str):
    """A translated message that knows its English template."""

    msgid: str

    def __new__(cls, text: str, msgid: str):
        made = super().__new__(cls, text)
        made.msgid = msgid
        return made

    def __reduce__(self):  # pickled across build processes as itself, not as a plain str
        return Text, (str(self), self.msgid)

    def format(self, *args, **kwargs) -> "Text":
        return Text(str.format(self, *args, **kwargs), self.msgid)


@lru_cache(maxsize=None)
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


def set_language(language: str) -> None:
    """Messages from now on are in `language` (ar, fr or en; anything else is English)."""
    global _language
    _language = language if language in LANGUAGES else "en"


def language() -> str:
    return _language


def _(message: str) -> Text:
    return Text(_catalogue(_language).gettext(message), message)


def ngettext(singular: str, plural: str, count: int) -> Text:
    """The form of the message for `count` (Arabic has six, French two)."""
    return Text(_catalogue(_language).ngettext(singular, plural, count), singular)


def N_(message: str) -> str:
    """Marks text for the catalogue that is translated later, where it is shown (help texts, tables)."""
    return message


def code_of(message: str) -> str:
    """A stable English code for a message: its template's words, placeholders and quoted values left out
    ("unknown key '{key}'" -> "unknown-key")."""
    template = getattr(message, "msgid", message)
    words = re.findall(r"[a-z0-9]+", re.sub(r"\{[^}]*\}|'[^']*'", " ", template.lower()))
    return "-".join(words[:6]) or "message"


def translated(message: str, language: str) -> str:
    """`message` in `language`, whatever the messages' language is (the schema `new` writes for a course)."""
    return _catalogue(language if language in LANGUAGES else "en").gettext(message)


def list_separator() -> str:
    """What separates the items of a list in a sentence (Arabic writes its own comma)."""
    # TRANSLATORS: the comma and space between the items of a list
    return _(", ")
