"""Media checked by what they hold (issue 24), file names in Markdown as under `media:`, every Markdown error at
its own line, and two choices that read the same (issue 21)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import SAMPLE, build_errors, copy_course, edit
from scorm_builder import build
from scorm_builder.cli import main

PNG = (SAMPLE / "media" / "dot.png").read_bytes()
MP4 = b"\0\0\0\x18ftypisom\0\0\2\0isomiso2" + b"\0" * 64
PLAYABLE = {
    "clip.mp4": MP4, "clip.webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\0" * 64,
    "talk.mp3": b"ID3\4\0\0\0\0\0\0" + b"\xff\xfb\x90\x64" * 16, "bare.mp3": b"\xff\xfb\x90\x64" * 16,
    "talk.m4a": b"\0\0\0\x20ftypM4A \0\0\0\0M4A mp42isom\0\0\0\0" + b"\0" * 64, "talk.ogg": b"OggS\0\2" + b"\0" * 64,
    "film.ogv": b"OggS\0\2" + b"\0" * 64, "talk.wav": b"RIFF\x24\0\0\0WAVEfmt " + b"\0" * 64,
}


@pytest.fixture
def course(tmp_path) -> Path:
    return copy_course(SAMPLE, tmp_path / "course")


def _media(course: Path, name: str, data: bytes, alt: str = "") -> Path:
    (course / "media" / name).write_bytes(data)
    module = course / "modules" / "basics.yaml"
    edit(module, "        caption: A network node\n",
         f"        caption: A network node\n      - src: media/{name}\n" + (f"        alt: {alt}\n" if alt else ""))
    return module


def _errors(course: Path, tmp_path: Path) -> list[str]:
    return build_errors(course, tmp_path / "out")


def test_png_named_jpg_warns_naming_the_real_type(course, tmp_path):
    module = _media(course, "photo.jpg", PNG, alt="A photo")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (f"{module.as_posix()}:17:9: warning: 'media/photo.jpg' is a PNG image, not what its name says "
            "(rename it to end in .png, so that every browser and the LMS treat it as what it is)") in result.stderr
    strict = runner.invoke(main, ["build", "--strict", "--force", str(course), "-o", str(tmp_path / "strict")])
    assert strict.exit_code == 1


def test_garbage_mp4_is_an_error_at_its_src(course, tmp_path):
    module = _media(course, "lecture.mp4", b"\x13\x37" * 40_000)
    assert _errors(course, tmp_path) == [
        f"{module.as_posix()}:17:14: error: media 2 of page 'what-is', src: 'media/lecture.mp4' is not a video or sound "
        "file that browsers play: its content is not MP4, WebM, MP3, M4A, Ogg or WAV (convert a video to MP4 with "
        "H.264 and AAC, a sound to MP3 or M4A)"]
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("name,data,what", [
    ("film.mp4", b"\0\0\0\x14ftypqt  \0\0\0\0qt  " + b"\0" * 64, "a QuickTime (.mov) video"),
    ("film.webm", b"\x1a\x45\xdf\xa3\xa3\x42\x82\x88matroska" + b"\0" * 64, "a Matroska (.mkv) video"),
    ("song.mp3", b"\xff\xf1\x50\x80" + b"\0" * 64, "an AAC (ADTS) file"),
    ("song.ogg", PNG, "a PNG image"),
])
def test_media_no_browser_plays_everywhere_is_an_error_naming_its_type(course, tmp_path, name, data, what):
    _media(course, name, data)
    (error,) = _errors(course, tmp_path)
    assert f"'media/{name}' is {what}, which not every browser plays" in error


def test_playable_media_build_and_a_misnamed_one_warns(course, tmp_path):
    for name, data in PLAYABLE.items():
        _media(course, name, data)
    _media(course, "voice.mp3", PLAYABLE["talk.ogg"])
    result = build(course, tmp_path / "out")
    about_types = [w for w in result.warnings if "captions" not in w]  # videos without captions are warned too
    assert len(about_types) == 1 and "'media/voice.mp3' is an Ogg file, not what its name says" in about_types[0]


def test_garbage_picture_warns(course, tmp_path):
    _media(course, "chart.png", b"\0\1\2\3 not a picture", alt="A chart")
    (warning,) = build(course, tmp_path / "out").warnings
    assert "'media/chart.png' does not look like a picture: its content is not PNG, JPEG, GIF, WebP, AVIF or SVG" in warning


# File names in Markdown ---------------------------------------------------------------------------------------

BODY = "A network is a group of people or associations that **exchange** information."


@pytest.mark.parametrize("name,written", [
    ("صورة.png", "media/صورة.png"),
    ("my file.png", "<media/my file.png>"),
    ("my file.png", "media/my%20file.png"),
    ("a#b.png", "<media/a#b.png>"),
    ("what?.png", "<media/what?.png>"),
    ("café ligne.png", "<media/café ligne.png>"),
])
def test_markdown_names_with_spaces_arabic_hash_and_question_mark_build(course, tmp_path, name, written):
    (course / "media" / name).write_bytes(PNG)
    edit(course / "modules" / "basics.yaml", BODY, f"{BODY} ![picture]({written})")
    package = build(course, tmp_path / "out").packages[0]
    with zipfile.ZipFile(package) as zf:
        page = zf.read("index.html").decode()
        shipped = [n for n in zf.namelist() if n.startswith("media/") and zf.read(n) == PNG and "dot-" not in n]
    assert len(shipped) == 1 and shipped[0].isascii()
    assert f'<img src="{shipped[0]}" alt="picture" loading="lazy">' in page


def test_hash_is_a_fragment_when_no_file_has_that_name(course, tmp_path):
    (course / "media" / "guide.pdf").write_bytes(b"%PDF-1.7\n")
    edit(course / "modules" / "basics.yaml", BODY, f"{BODY} [the guide](media/guide.pdf#page=2) [again](media/guide.pdf?x=1)")
    package = build(course, tmp_path / "out").packages[0]
    with zipfile.ZipFile(package) as zf:
        page = zf.read("index.html").decode()
    (name,) = {n for n in zipfile.ZipFile(package).namelist() if n.endswith(".pdf")}
    assert f'href="{name}#page=2"' in page and f'href="{name}?x=1"' in page


def test_a_missing_arabic_name_is_reported_as_written(course, tmp_path):
    edit(course / "modules" / "basics.yaml", BODY, f"{BODY} ![x](media/صورة.png)")
    (error,) = _errors(course, tmp_path)
    assert "'media/صورة.png' does not exist" in error and "%D8" not in error


# Every Markdown error at its own line ------------------------------------------------------------------------

@pytest.mark.parametrize("old,new,where", [
    ("uses **every** question type, for the test suite.", "uses ![x](media/none.png) types.", "6:14"),  # `|`
    ("  - Answer every kind of question.", "  - Answer [every](media/none.png) question.", "14:5"),
    ("    Read each page, then take the quizzes.", "    Read each page ![x](media/none.png).", "17:9"),  # intro.body
])
def test_errors_in_the_description_objectives_and_intro_carry_their_line(course, tmp_path, old, new, where):
    top = course / "course.yaml"
    edit(top, old, new)
    assert _errors(course, tmp_path) == [
        f"{top.as_posix()}:{where}: error: 'media/none.png' does not exist (check the file name; paths are relative "
        "to course/)"]


def test_errors_in_module_objectives_and_question_texts_carry_their_line(course, tmp_path):
    module = course / "modules" / "basics.yaml"
    edit(module, "  - Define a network.", "  - Define a [network](media/none.png).")
    text = module.read_text()
    edit(module, text.split("choices:\n", 1)[1].split("\n", 1)[0], text.split("choices:\n", 1)[1].split("\n", 1)[0]
         + " ![c](media/gone.png)")
    lines = module.read_text().splitlines()
    errors = _errors(course, tmp_path)
    for missing in ("media/none.png", "media/gone.png"):
        line = next(n for n, t in enumerate(lines, 1) if missing in t)
        assert any(e.startswith(f"{module.as_posix()}:{line}:") and missing in e for e in errors), (missing, errors)


# Two choices that read the same --------------------------------------------------------------------------------

def test_two_choices_with_the_same_text_are_an_error_naming_both(course, tmp_path):
    module = course / "modules" / "basics.yaml"
    edit(module, "        - Money only\n        - Information\n", "        - Money only\n        - 'Money   only '\n")
    assert _errors(course, tmp_path) == [
        f"{module.as_posix()}:34:11: error: choice 2 (b) of question 1 (q1) of quiz 'basics-quiz': reads the same as "
        "choice 1 (a): 'Money only' (reword one of them so that learners can tell them apart)"]


def test_hash_and_question_mark_in_a_media_entry_name_are_part_of_the_name(course, tmp_path):
    (course / "media" / "a#b?.png").write_bytes(PNG)
    edit(course / "modules" / "basics.yaml", "src: media/dot.png", 'src: "media/a#b?.png"')
    package = build(course, tmp_path / "out").packages[0]
    with zipfile.ZipFile(package) as zf:
        assert [n for n in zf.namelist() if n.startswith("media/a-b-")] != []


def test_a_nul_in_a_module_or_assessment_path_is_one_message_not_a_crash(course, tmp_path):
    top = course / "course.yaml"
    edit(top, "  - modules/basics.yaml", '  - "modules/basics\\0.yaml"')
    edit(top, "assessment: final.yaml", 'assessment: "final\\0.yaml"')
    errors = _errors(course, tmp_path)
    assert [e.split(": error: ")[0].rsplit(":", 2)[1:] for e in errors] == [["20", "5"], ["27", "13"]]
    assert all("control character U+0000" in e for e in errors)
