"""The accordion block (templates/components/accordion/); its behaviour: tests/browser/test_blocks.py."""
from blockcase import errors, page


def test_headings_with_buttons_controlling_hidden_regions(tmp_path):
    section, names = page(tmp_path, """
    - type: accordion
      items:
        - title: One
          body: First **part**.
        - title: Two
          body: Second part.
    """)
    block = section.xpath(".//*[@data-block='accordion']")[0]
    buttons = block.xpath("./h2/button")
    assert [b.text_content() for b in buttons] == ["One", "Two"]
    for button in buttons:
        panel = section.get_element_by_id(button.get("aria-controls"))
        assert button.get("aria-expanded") == "false" and panel.get("hidden") is not None
        assert panel.get("role") == "region" and panel.get("aria-labelledby") == button.get("id")
    assert block.xpath(".//strong")[0].text == "part"  # in the page, for reading without script
    assert {"assets/sb-blocks.js", "assets/sb-blocks.css"} <= names


def test_an_item_needs_a_title_and_a_body(tmp_path):
    found = errors(tmp_path, "- type: accordion\n  items:\n    - title: One\n    - body: Two")
    assert any("needs at least" not in e and "missing required key 'body'" in e for e in found), found
    assert any("missing required key 'title'" in e for e in found), found
