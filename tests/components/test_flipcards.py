"""The flipcards block (templates/components/flipcards/); its behaviour: tests/browser/test_blocks.py."""
from blockcase import errors, page


def test_each_card_is_a_disclosure_named_by_its_front(tmp_path):
    section, _names = page(tmp_path, """
    - type: flipcards
      items:
        - front: Advocacy
          back: Speaking up to change a **decision**.
    """)
    card = section.xpath(".//*[@data-block='flipcards']/li[@class='sb-card']")[0]
    button = card.xpath(".//button[@class='sb-flip']")[0]
    back = section.get_element_by_id(button.get("aria-controls"))
    assert button.get("aria-expanded") == "false" and back.get("hidden") is not None
    assert back.xpath(".//strong")[0].text == "decision"
    named = [section.get_element_by_id(i).text_content() for i in button.get("aria-labelledby").split()]
    assert named == ["Turn the card over", "Advocacy"]


def test_front_and_back_are_needed(tmp_path):
    missing, unknown = errors(tmp_path, "- type: flipcards\n  items:\n    - front: Advocacy\n      answer: x")
    assert "module.yaml:9:13: error:" in missing and "missing required key 'back'" in missing
    assert "module.yaml:10:13: error:" in unknown and "allowed keys: front, back" in unknown
