"""The audio block (templates/components/audio/)."""
from blockcase import errors, page

VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWelcome.\n"


def test_player_named_and_captioned(tmp_path):
    section, names = page(tmp_path, """
    - type: audio
      src: media/talk.ogg
      captions: {en: media/talk.en.vtt}
    """, files={"media/talk.ogg": b"OggS" + bytes(60), "media/talk.en.vtt": VTT})
    audio = section.xpath(".//figure[@data-block='audio']/audio")[0]
    assert audio.get("src") in names and audio.get("aria-label") == "The page"  # no caption: the page's title
    assert audio.xpath(".//track")[0].get("default") is not None
    assert not section.xpath(".//details")  # no transcript written


def test_an_image_is_not_a_sound(tmp_path):
    [error] = errors(tmp_path, "- type: audio\n  src: media/dot.png", files={"media/dot.png": b"\x89PNG"})
    assert "is not a sound file" in error
