"""The steps block (templates/components/steps/)."""
from blockcase import errors, page


def test_an_ordered_list_of_titled_steps(tmp_path):
    section, names = page(tmp_path, """
    - type: steps
      items:
        - title: Meet
          body: Bring people together.
        - title: Agree
          body: Write the goal down.
    """)
    steps = section.xpath(".//ol[@data-block='steps']/li")
    assert [s.xpath(".//*[@class='sb-step-title']")[0].text for s in steps] == ["Meet", "Agree"]
    assert "assets/sb-blocks.js" not in names and "assets/sb-blocks.css" in names


def test_items_are_a_list(tmp_path):
    [error] = errors(tmp_path, "- type: steps\n  items: Meet, then agree")
    assert "expected a list, found text" in error
