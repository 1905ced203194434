"""A branded course (`theme:` in course.yaml) in Chromium: the platform's colours, font and logo reach the page,
the page still has no axe-core violation, in Arabic at phone and laptop widths."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import SEED, build_one, copy_course
from test_ui import open_course  # noqa: F401 (the fixture)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_theme import png  # noqa: E402

THEME = '''theme:
  primary: "#6a1b9a"
  accent: "#c75b12"
  font: "Tahoma, 'Noto Sans Arabic', sans-serif"
  logo: media/logo.png
'''


@pytest.fixture(scope="module")
def branded(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("branded")
    course = copy_course(SEED, base / "course", lambda yaml: yaml + THEME)
    (course / "media").mkdir(exist_ok=True)
    (course / "media" / "logo.png").write_bytes(png(120, 40))
    return build_one(course, base)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_platform_look_reaches_the_learner(branded, open_course, shots, width):  # noqa: F811
    course = open_course(branded, width=width)
    page = course.page
    style = page.evaluate("""() => {
        const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
        const logo = document.querySelector('header img.logo');
        const box = logo.getBoundingClientRect();
        return {button: css('.primary', 'backgroundColor'),
                bar: css('.progress span', 'backgroundColor'), font: css('body', 'fontFamily'),
                logo: [logo.naturalWidth, box.width, box.height, logo.alt]};
    }""")
    assert style["button"] == "rgb(106, 27, 154)"
    assert style["bar"] == "rgb(199, 91, 18)"
    assert style["font"].startswith("Tahoma")
    natural, shown_w, shown_h, alt = style["logo"]
    assert natural == 120 and 0 < shown_h <= 48 and shown_w > 0 and alt
    course.axe(f"branded home at {width} px")
    page.screenshot(path=str(shots / f"branded-ar-{width}.png"))
