"""Numbering typed as text, common in Arabic documents: kept exactly as written, never turned into a list."""
from __future__ import annotations

import re

_ORDINALS = "أول|ثان|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر"
# a number typed before Arabic text may touch it: "1-تعريف", "2.أصناف" (never "2024-2025" or "1.5")
_TYPED = re.compile(rf"^\s*(?:(?:{_ORDINALS})ي?[اً]{{0,2}}\s*[:：،,.\-–)]|[\u0621-\u064a]\s*[-–)/]\s|"
                    r"\d{1,3}\s*(?:[-–)/]\s|[-–)/.](?=[\u0621-\u064a]))|[ivxIVX]{1,4}\s*[-–).]\s|[a-zA-Z]\s*[-–)]\s)")
ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"


def typed_ordinal(text: str) -> bool:
    """'أولا: ...', 'ثانيا - ...', 'أ- ...', '1- ...', 'ii) ...': the writer numbered it by hand."""
    return bool(_TYPED.match(text))


def arabic_marker(n: int, abjad: bool = False) -> str:
    """The marker PowerPoint shows for Arabic letter numbering: أ- ب- ج- ..."""
    letters = ABJAD if abjad else ALPHA
    return letters[(n - 1) % len(letters)] + "-"
