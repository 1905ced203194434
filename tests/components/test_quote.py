"""The quote block (templates/components/quote/)."""
from blockcase import errors, page


def test_words_and_source(tmp_path):
    section, _names = page(tmp_path, """
    - type: quote
      body: Together we can do so much.
      source: Helen Keller
    """)
    figure = section.xpath(".//figure[@data-block='quote']")[0]
    assert figure.xpath(".//blockquote/p")[0].text == "Together we can do so much."
    assert figure.xpath(".//figcaption")[0].text_content().strip() == "— Helen Keller"


def test_source_is_optional_and_unknown_keys_are_refused(tmp_path):
    section, _names = page(tmp_path, "- type: quote\n  body: Words.")
    assert not section.xpath(".//figcaption")
    [error] = errors(tmp_path / "bad", "- type: quote\n  body: Words.\n  author: Me")
    assert "unknown key 'author'" in error and "allowed keys: type, body, source" in error
