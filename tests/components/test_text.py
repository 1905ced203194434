"""The text block (templates/components/text/)."""
from blockcase import errors, page


def test_markdown_is_rendered_and_sanitised(tmp_path):
    section, names = page(tmp_path, """
    - type: text
      body: "**Bold** <script>alert(1)</script>"
    """)
    block = section.xpath(".//*[@data-block='text']")[0]
    assert block.xpath(".//strong")[0].text == "Bold"
    assert not section.xpath(".//script")
    assert "assets/sb-blocks.js" not in names  # no behaviour to ship


def test_a_page_needs_a_body_or_blocks(tmp_path):
    found = errors(tmp_path, "[]")
    assert any("needs at least 1 item" in e for e in found), found


def test_body_is_required(tmp_path):
    [error] = errors(tmp_path / "a", "- type: text\n  bdy: hello")  # misspelt: one mistake, said once
    assert "module.yaml:8:9: error:" in error and "unknown key 'bdy'" in error and "'body:' is required" in error
    missing, unknown = errors(tmp_path / "b", "- type: text\n  text: hello")
    assert "missing required key 'body'" in missing and "allowed keys: type, body" in unknown
