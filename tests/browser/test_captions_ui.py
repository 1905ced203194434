"""Captions and a transcript in Chromium: the track of the course's language is on and its cues are read, the
transcript opens from the keyboard, and the page has no axe-core violation either way."""
from __future__ import annotations

import sys
from pathlib import Path

from conftest import SAMPLE, build_one, copy_course
from test_ui import open_course  # noqa: F401 (the fixture)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_captions import VTT, wav  # noqa: E402

MEDIA = """      - src: media/talk.wav
        caption: The coordinator speaks
        captions: {fr: media/talk.fr.vtt, en: media/talk.en.vtt}
        transcript: |
          **Coordinator:** we started with three associations.
"""


def test_captions_and_transcript(tmp_path, open_course):  # noqa: F811
    course = copy_course(SAMPLE, tmp_path / "course")
    (course / "media" / "talk.wav").write_bytes(wav())
    (course / "media" / "talk.en.vtt").write_bytes(VTT)
    (course / "media" / "talk.fr.vtt").write_bytes(VTT.replace(b"Welcome", b"Bienvenue"))
    basics = course / "modules" / "basics.yaml"
    basics.write_text(basics.read_text().replace("        caption: A network node\n",
                                                 "        caption: A network node\n" + MEDIA, 1))
    learner = open_course(build_one(course, tmp_path))
    page = learner.page
    learner.go("what-is")
    page.wait_for_function("""() => { const t = document.querySelector('#p-what-is audio').textTracks;
        return t.length === 2 && t[1].cues && t[1].cues.length === 2; }""", timeout=10000)
    tracks = page.evaluate("""() => [...document.querySelector('#p-what-is audio').textTracks]
        .map(t => [t.language, t.mode, t.cues ? t.cues.length : -1, t.cues && t.cues.length ? t.cues[0].text : ''])""")
    assert tracks[1] == ["en", "showing", 2, "Welcome to the network."]
    assert tracks[0][:2] == ["fr", "disabled"]
    learner.axe("audio with captions, transcript closed")
    summary = page.locator("#p-what-is details.transcript summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#p-what-is details.transcript").get_attribute("open") is not None
    assert "three associations" in page.locator("#p-what-is details.transcript .body").inner_text()
    learner.axe("transcript open")
