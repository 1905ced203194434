"""ASCII ids made from titles in any language, the same every time for the same source."""
from __future__ import annotations

import re
import unicodedata

from ..schema import SLUG

# A plain letter-by-letter romanisation of Arabic: enough for a readable, stable id (not a scholarly one).
_ARABIC = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "w", "ئ": "y", "ب": "b", "ت": "t", "ة": "a",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
})
MAX = 40


def slug(text: str, max_length: int = 32) -> str:
    """'Module 1 : Les bases' -> 'module-1-les-bases'; 'تعريف الشبكة' -> 'tryf-alshbka'; '' when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_ARABIC)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_length:
            break
        out = candidate
    if not out and words:
        out = words[0][:max_length]
    return out


class Ids:
    """Hands out ids unique in the course: the slug of a title, else `fallback`, with -2, -3 ... on a clash."""

    def __init__(self, reserved: set[str] = frozenset({"home"})):
        self.used = set(reserved)

    def take(self, title: str, fallback: str, max_length: int = 32) -> str:
        base = slug(title, max_length) or fallback
        if not base[0].isalpha():
            base = f"{fallback.rstrip('0123456789-') or 'p'}-{base}"[:32]
        candidate, n = base, 1
        while candidate in self.used or not re.match(SLUG, candidate):
            n += 1
            candidate = f"{base[:MAX - 1 - len(str(n))]}-{n}"
        self.used.add(candidate)
        return candidate

    def reserve(self, value: str) -> None:
        self.used.add(value)
