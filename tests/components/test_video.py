"""The video block (templates/components/video/): the player, captions as tracks, the transcript."""
from blockcase import errors, page

WEBM = bytes.fromhex("1a45dfa3") + b"\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + bytes(64)
VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWelcome.\n"


def test_tracks_with_the_course_language_on_and_the_transcript(tmp_path):
    section, names = page(tmp_path, """
    - type: video
      src: media/talk.webm
      caption: A talk.
      captions: {en: media/talk.en.vtt, fr: media/talk.fr.vtt}
      transcript: "**Speaker:** Welcome."
    """, language="fr", files={"media/talk.webm": WEBM, "media/talk.en.vtt": VTT, "media/talk.fr.vtt": VTT})
    video = section.xpath(".//figure[@data-block='video']/video")[0]
    assert video.get("src") in names and video.get("controls") is not None
    tracks = video.xpath(".//track")  # libxml2 nests void <track>s
    assert [(t.get("srclang"), t.get("default") is not None) for t in tracks] == [("en", False), ("fr", True)]
    assert all(t.get("src") in names for t in tracks)
    assert section.xpath(".//details[@class='transcript']//strong")[0].text == "Speaker:"


def test_a_video_file_and_webvtt_captions_are_checked(tmp_path):
    [error] = errors(tmp_path / "a", "- type: video\n  src: media/talk.mp3", files={"media/talk.mp3": b"ID3"})
    assert "module.yaml:8:14: error:" in error and "is not a video file" in error
    [error] = errors(tmp_path / "b", "- type: video\n  src: media/talk.webm\n  captions: {en: media/talk.srt}",
                     files={"media/talk.webm": WEBM, "media/talk.srt": b"1\n"})
    assert "is not a WebVTT file" in error
    [error] = errors(tmp_path / "c", "- type: video\n  src: media/talk.webm\n  captions: {en: media/none.vtt}",
                     files={"media/talk.webm": WEBM})
    assert "module.yaml:9:24: error:" in error and "does not exist" in error
