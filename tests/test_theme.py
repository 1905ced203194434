"""`theme:` in course.yaml: colours through the stylesheet's custom properties, WCAG AA checked at build time,
a logo in the header."""
from __future__ import annotations

import struct
import zipfile
import zlib

import pytest

from helpers import SAMPLE, copy_course
from scorm_builder import build
from scorm_builder.check import check
from scorm_builder.errors import CourseError
from scorm_builder.theme import TEXT_AA, UI_AA, contrast, darker_until, mix

PAGE = "#f3f5f7"


def png(width: int = 96, height: int = 32, rgb=(106, 27, 154)) -> bytes:
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def themed(tmp_path, theme: str, files: dict[str, bytes] | None = None):
    course = copy_course(SAMPLE, tmp_path / "course")
    for name, data in (files or {}).items():
        (course / name).write_bytes(data)
    with open(course / "course.yaml", "a", encoding="utf-8") as f:
        f.write("theme:\n" + "".join(f"  {line}\n" for line in theme.strip().splitlines()))
    return course


def errors_of(course, tmp_path) -> list[str]:
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.zip"))
    return [str(d) for d in caught.value.diagnostics]


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert mix("#000000", "#ffffff", 0.5) == "#808080"


@pytest.mark.parametrize("colour", ["#88ccff", "#ffee00", "#ff0000", "#17a2b8"])
def test_the_suggested_colour_passes(colour):
    assert contrast(darker_until(colour, PAGE, UI_AA), PAGE) >= UI_AA
    assert contrast(darker_until(colour, "#ffffff", TEXT_AA), "#ffffff") >= TEXT_AA


def test_bad_theme_gets_one_error_per_key_with_its_line_and_a_fix(tmp_path):
    course = themed(tmp_path, '''
primary: "#88ccff"
accent: "#ffee00"
font: "Tahoma; } body {display:none"
logo: media/logo.jpg''', {"media/logo.jpg": b"<svg onload=alert(1)>"})
    found = errors_of(course, tmp_path)
    lines = (course / "course.yaml").read_text(encoding="utf-8").splitlines()
    at = {key: lines.index(next(line for line in lines if line.startswith(f"  {key}:"))) + 1
          for key in ("primary", "accent", "font", "logo")}
    assert len(found) == 4, found
    primary, accent, font, logo = found
    assert f"course.yaml:{at['primary']}:" in primary and "theme.primary" in primary and "1.7:1" in primary
    suggested = primary.split("e.g. '")[1][:7]
    assert contrast(suggested, "#ffffff") >= TEXT_AA
    assert f"course.yaml:{at['accent']}:" in accent and "below the 3.0:1" in accent
    assert f"course.yaml:{at['font']}:" in font and "font names" in font
    assert f"course.yaml:{at['logo']}:" in logo and "not a PNG, JPEG, GIF or WebP" in logo


def test_colours_must_be_written_as_hex(tmp_path):
    course = themed(tmp_path, 'primary: purple')
    (found,) = errors_of(course, tmp_path)
    assert "theme.primary" in found


def test_missing_logo_is_named(tmp_path):
    (found,) = errors_of(themed(tmp_path, "logo: media/logo.png"), tmp_path)
    assert "theme.logo" in found and "'media/logo.png' does not exist" in found


def test_theme_reaches_the_launch_page_and_the_logo_the_package(tmp_path):
    course = themed(tmp_path, '''
primary: "#6a1b9a"
accent: "#c75b12"
font: "'Noto Kufi Arabic', Tahoma, sans-serif"
logo: media/logo.png''', {"media/logo.png": png()})
    (pkg,) = build(course, tmp_path / "out").packages
    with zipfile.ZipFile(pkg) as z:
        page = z.read("index.html").decode()
        logos = [n for n in z.namelist() if n.startswith("media/logo-")]
        assert len(logos) == 1 and z.read(logos[0]) == png()
    assert ("<style>:root{--accent:#6a1b9a;--accent-dark:#4a136c;--accent-soft:#f0e8f5;--highlight:#c75b12}"
            "body,[dir=rtl] body{font-family:'Noto Kufi Arabic', Tahoma, sans-serif}</style>") in page
    assert f'<img class="logo" src="{logos[0]}" alt="Test Centre">' in page
    assert check(pkg).findings == []


def test_a_course_without_theme_has_no_style_block(tmp_path):
    (pkg,) = build(SAMPLE, tmp_path / "out").packages
    with zipfile.ZipFile(pkg) as z:
        page = z.read("index.html").decode()
    assert "<style>:root" not in page and 'class="logo"' not in page
