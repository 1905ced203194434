"""The learner-facing message catalogues (templates/i18n/<lang>.json)."""
from __future__ import annotations

import json
from functools import lru_cache

from .paths import TEMPLATES

UI_LANGUAGES = ("ar", "fr", "en")


@lru_cache(maxsize=None)
def messages(language: str) -> dict[str, str]:
    return json.loads((TEMPLATES / "i18n" / f"{language}.json").read_text(encoding="utf-8"))


def ui_language(course_language: str, chosen: str | None) -> str:
    """The catalogue to use: the one chosen, else the course's language when we have it, else English."""
    if chosen:
        return chosen
    base = course_language.split("-")[0]
    return base if base in UI_LANGUAGES else "en"
