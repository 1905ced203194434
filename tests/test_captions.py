"""Captions and transcripts of video and audio (WebVTT), and the upload-limit warning."""
from __future__ import annotations

import io
import random
import wave
import zipfile

import lxml.html
import pytest
from click.testing import CliRunner

from helpers import SAMPLE, copy_course, edit
from scorm_builder import webvtt
from scorm_builder.cli import main
from scorm_builder.pipeline import build

VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nWelcome to the network.\n\n00:00:01.500 --> 00:00:03.000\nThree associations.\n"
# the first bytes of a WebM file (EBML header, doctype webm): enough for the build's checks
WEBM = bytes.fromhex("1a45dfa3") + b"\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + bytes(64)


def wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1), w.setsampwidth(1), w.setframerate(8000)
        w.writeframes(bytes([128]) * 8000 * 3)
    return out.getvalue()


def course_with(tmp_path, media_yaml: str, files: dict[str, bytes]):
    course = copy_course(SAMPLE, tmp_path / "course")
    for name, data in files.items():
        (course / name).write_bytes(data)
    edit(course / "modules" / "basics.yaml", "        caption: A network node\n",
         "        caption: A network node\n" + media_yaml)
    return course


def page_of(zip_path, page_id: str):
    with zipfile.ZipFile(zip_path) as zf:
        return lxml.html.fromstring(zf.read("index.html")).get_element_by_id(f"p-{page_id}"), zf.namelist()


@pytest.mark.parametrize("text, line, words", [
    (b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", None, None),
    (b"\xef\xbb\xbfWEBVTT - with a title\r\n\r\n01:00:01.000 --> 01:00:02.000 align:start\r\nhi\r\n", None, None),
    (b"1\n00:00:01,000 --> 00:00:02,000\nhi\n", 1, "starts with the line 'WEBVTT'"),
    (b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n", 3, "is not read by browsers"),
    (b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nhi\n", 3, "ends before it starts"),
    (b"WEBVTT\n", 1, "holds no captions"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nمرحبا\n".encode("cp1256"), 1, "not UTF-8"),
])
def test_webvtt_problems(text, line, words):
    found = webvtt.problems(text)
    if line is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0][0] == line and words in found[0][1] and found[0][2]


def test_video_with_captions_and_transcript(tmp_path):
    course = course_with(tmp_path, """      - src: media/talk.webm
        caption: The coordinator speaks
        captions: {fr: media/talk.fr.vtt, en: media/talk.en.vtt}
        transcript: |
          **Coordinator:** we started with *three* associations.
""", {"media/talk.webm": WEBM, "media/talk.en.vtt": VTT, "media/talk.fr.vtt": VTT.replace(b"Welcome", b"Bienvenue")})
    result = build(course, tmp_path / "dist")
    assert not [w for w in result.warnings if "captions" in w]
    page, names = page_of(result.packages[0], "what-is")
    video = page.xpath(".//video")[0]
    tracks = video.xpath(".//track")  # libxml2 does not know <track> is void: it nests them
    assert [(t.get("srclang"), t.get("label"), t.get("kind")) for t in tracks] == [
        ("fr", "Français", "captions"), ("en", "English", "captions")]
    assert [t.get("default") is not None for t in tracks] == [False, True]  # the course's language
    assert all(t.get("src") in names for t in tracks)
    transcript = page.xpath('.//details[@class="transcript"]')[0]
    assert transcript.xpath("summary")[0].text == "Transcript"
    assert transcript.xpath(".//strong")[0].text == "Coordinator:"


def test_caption_mistakes_are_reported_with_their_lines(tmp_path):
    course = course_with(tmp_path, """      - src: media/talk.webm
        captions:
          en: media/talk.srt
          fr: media/talk.fr.vtt
          ar: media/missing.vtt
""", {"media/talk.webm": WEBM, "media/talk.srt": VTT, "media/talk.fr.vtt": b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nx\n"})
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [l for l in result.output.splitlines() if ": error: " in l]
    assert any("basics.yaml:" in l and "'media/talk.srt' is not a WebVTT file (.vtt)" in l for l in lines)
    assert any("media/talk.fr.vtt:3: cue timing" in l and "a dot before the milliseconds" in l for l in lines)
    assert any("'media/missing.vtt' does not exist" in l for l in lines)
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.zip"))


def test_captions_on_a_picture_are_refused(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course")
    (course / "media" / "dot.vtt").write_bytes(VTT)
    edit(course / "modules" / "basics.yaml", "        caption: A network node\n",
         "        caption: A network node\n        captions: {en: media/dot.vtt}\n")
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 1 and "'captions' is for video and audio, not 'media/dot.png'" in result.output


def test_a_video_without_captions_is_a_warning(tmp_path):
    course = course_with(tmp_path, "      - src: media/talk.webm\n", {"media/talk.webm": WEBM})
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 0
    assert "warning: " in result.output and "the video 'media/talk.webm' has no captions" in result.output
    assert "captions: {en: PATH.vtt}" in result.output


def test_a_package_over_the_upload_limit_is_a_warning(tmp_path):
    course = course_with(tmp_path, "      - src: media/data.bin\n", {"media/data.bin": random.Random(1).randbytes(2 * 2**20)})
    edit(course / "course.yaml", "assessment: final.yaml\n", "assessment: final.yaml\npackaging:\n  upload_limit: 1\n")
    result = build(course, tmp_path / "dist")
    [warning] = [w for w in result.warnings if "upload limit" in w]
    assert "over the upload limit of 1 MiB" in warning and "Maximum uploaded file size" in warning
    edit(course / "course.yaml", "upload_limit: 1\n", "upload_limit: 3\n")
    assert not [w for w in build(course, tmp_path / "dist").warnings if "upload limit" in w]

