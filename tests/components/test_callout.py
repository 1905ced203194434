"""The callout block (templates/components/callout/)."""
from blockcase import errors, page


def test_kind_and_title_name_the_note(tmp_path):
    section, _names = page(tmp_path, """
    - type: callout
      kind: warning
      title: Careful
      body: A network is not a *mailing list*.
    """, language="fr")
    note = section.xpath(".//*[@data-block='callout']")[0]
    assert note.get("role") == "note" and "sb-callout-warning" in note.get("class")
    label = section.get_element_by_id(note.get("aria-labelledby"))
    assert label.text_content() == "Attention: Careful"  # the kind in the course's language, then the title
    assert note.xpath(".//*[@class='body']//em")[0].text == "mailing list"


def test_a_wrong_kind_suggests_the_right_one(tmp_path):
    [error] = errors(tmp_path, "- type: callout\n  kind: warn\n  body: x")
    assert "module.yaml:8:15: error:" in error and "'warn' is not allowed" in error and "did you mean 'warning'?" in error


def test_a_wrong_block_type_suggests_the_right_one(tmp_path):
    [error] = errors(tmp_path, "- type: calout\n  kind: tip\n  body: x")
    assert "module.yaml:7:15: error:" in error and "did you mean 'callout'?" in error
