"""The learner-facing message catalogues (templates/i18n/<lang>.json)."""
from __future__ import annotations

import json
import os
from functools import lru_cache

from .paths import TEMPLATES

UI_LANGUAGES = ("ar", "fr", "en")
# names of languages in themselves, as caption menus show them; other codes are shown as written
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English", "kab": "Taqbaylit", "tzm": "Tamaziɣt",
                  "es": "Español", "de": "Deutsch", "it": "Italiano", "tr": "Türkçe", "fa": "فارسی"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, LANGUAGE_NAMES.get(code.split("-")[0], code))


@lru_cache(maxsize=None)
def messages(language: str) -> dict[str, str]:
    return json.loads((TEMPLATES / "i18n" / f"{language}.json").read_text(encoding="utf-8"))


def ui_language(course_language: str, chosen: str | None) -> str:
    """The catalogue to use: the one chosen, else the course's language when we have it, else English."""
    if chosen:
        return chosen
    base = course_language.split("-")[0]
    return base if base in UI_LANGUAGES else "en"


def language_from_env(environ=os.environ) -> str:
    """The user's language as the C library reads it (LC_ALL, then LC_MESSAGES, then LANG: "fr_FR.UTF-8" is
    fr); English when it is none of UI_LANGUAGES."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            base = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return base if base in UI_LANGUAGES else "en"
    return "en"
