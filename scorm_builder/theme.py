"""A platform's look on its courses (`theme:` in course.yaml): colours and a font stack applied through the
stylesheet's custom properties, and a logo in the header. Colours are checked against WCAG 2.1 level AA at
build time, because a trainer picking a brand colour cannot see that learners with low vision lose the
links and buttons drawn in it."""
from __future__ import annotations

import re
from pathlib import Path

from .i18n import N_, _
from .model import Theme
from .paths import inside

WHITE = "#ffffff"
PAGE_BACKDROP = "#f3f5f7"  # sb.css --backdrop, behind the pages
TEXT_AA = 4.5  # WCAG 1.4.3, normal text: links, white text on buttons
UI_AA = 3.0  # WCAG 1.4.11, non-text: the progress bar, the focus ring
# A font stack is written into a <style> block: names, quotes, commas, spaces and hyphens only, so that it can
# never close the rule or the block
FONT_STACK = re.compile(r"^[A-Za-z0-9 ,'\"-]{1,200}$")
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF"}


def from_yaml(written: dict) -> Theme:
    """The `theme:` mapping of course.yaml, already checked against the schema."""
    return Theme(**{key: written.get(key, "").strip() for key in ("primary", "accent", "font", "logo")})


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of "#rrggbb"."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` of the way towards `other`."""
    return "#" + "".join(f"{round(c + (o - c) * share):02x}" for c, o in zip(_rgb(colour), _rgb(other)))


def darker_until(colour: str, against: str, ratio: float) -> str:
    """The closest darker shade of `colour` that reaches `ratio` against `against`, to suggest in an error."""
    for step in range(1, 21):
        shade = mix(colour, "#000000", step / 20)
        if contrast(shade, against) >= ratio:
            return shade
    return "#000000"


def _darker_primary(colour: str) -> str:
    """A shade of `colour` that passes all three pairs a primary colour makes."""
    for step in range(1, 21):
        shade = mix(colour, "#000000", step / 20)
        if contrast(shade, mix(shade, WHITE, 0.9)) >= TEXT_AA + 0.1:
            return shade
    return "#000000"


def palette(theme: Theme) -> dict[str, str]:
    """The custom properties of sb.css that the theme sets (the dark and soft shades follow the primary)."""
    found = {}
    if theme.primary:
        found.update({"--accent": theme.primary, "--accent-dark": mix(theme.primary, "#000000", 0.3),
                      "--accent-soft": mix(theme.primary, WHITE, 0.9)})
    if theme.accent:
        found["--highlight"] = theme.accent
    return found


def css(theme: Theme | None) -> str:
    """The rules a themed launch page adds after sb.css; empty without a theme."""
    if theme is None:
        return ""
    props = ";".join(f"{k}:{v}" for k, v in palette(theme).items())
    rules = f":root{{{props}}}" if props else ""
    if theme.font:
        rules += f"body,[dir=rtl] body{{font-family:{theme.font}}}"
    return rules


def problems(theme: Theme, course_dir: Path) -> list[tuple[str, str, str]]:
    """What is wrong with the theme, as (key, message, hint)."""
    found = []
    if theme.primary:
        p = palette(theme)
        for fg, bg, what in ((theme.primary, WHITE, N_("links and white text on buttons")),
                             (theme.primary, p["--accent-soft"], N_("buttons under the pointer, on its light tint")),
                             (p["--accent-dark"], p["--accent-soft"], N_("its darker shade on its light tint (notes)"))):
            ratio = contrast(fg, bg)
            if ratio < TEXT_AA:
                found.append(("primary", _("'{primary}' gives a contrast of {ratio:.1f}:1 for {what}, below the "
                                           "{aa}:1 of WCAG AA").format(
                    primary=theme.primary, ratio=ratio, what=_(what), aa=TEXT_AA),
                              _("choose a darker colour, e.g. '{darker}'").format(
                                  darker=_darker_primary(theme.primary))))
                break
    if theme.accent:
        ratio = min(contrast(theme.accent, WHITE), contrast(theme.accent, PAGE_BACKDROP))
        if ratio < UI_AA:
            found.append(("accent", _("'{accent}' gives a contrast of {ratio:.1f}:1 against the page (progress "
                                      "bar, focus ring), below the {aa}:1 of WCAG AA").format(
                accent=theme.accent, ratio=ratio, aa=UI_AA),
                          _("choose a darker colour, e.g. '{darker}'").format(
                              darker=darker_until(theme.accent, PAGE_BACKDROP, UI_AA + 0.1))))
    if theme.font and not FONT_STACK.match(theme.font):
        found.append(("font", _("a font stack holds font names, quotes, commas and spaces only"),
                      _('e.g. font: "\'Noto Kufi Arabic\', Tahoma, sans-serif"')))
    if theme.logo:
        found += _logo(theme.logo, course_dir)
    return found


def _logo(written: str, course_dir: Path) -> list[tuple[str, str, str]]:
    target, problem, hint = inside(course_dir, written)
    if target is None:
        return [("logo", problem, hint)]
    with open(target, "rb") as f:
        head = f.read(16)
    if not any(head.startswith(magic) for magic in LOGO_TYPES) and not (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return [("logo", _("'{written}' is not a PNG, JPEG, GIF or WebP picture").format(written=written),
                 _("save the logo as PNG (an SVG logo: export it as PNG at twice the size it is shown)"))]
    if target.stat().st_size > 200 * 1024:
        return [("logo", _("'{written}' is {size} KiB, heavy for a header picture loaded on every page").format(
            written=written, size=target.stat().st_size // 1024), _("save it smaller (under 200 KiB; it is shown "
                                                                    "at most 48 pixels high)"))]
    return []
