"""The tabs block (templates/components/tabs/); its behaviour: tests/browser/test_blocks.py."""
from blockcase import errors, page


def test_tablist_tabs_and_panels(tmp_path):
    section, _names = page(tmp_path, """
    - type: tabs
      items:
        - title: Local
          body: One town.
        - title: National
          body: One country.
    """, language="ar")
    tabs = section.xpath(".//*[@data-block='tabs']//*[@role='tablist']/*[@role='tab']")
    assert [t.get("aria-selected") for t in tabs] == ["true", "false"]
    assert [t.get("tabindex") for t in tabs] == [None, "-1"]  # roving tabindex: one tab stop
    panels = [section.get_element_by_id(t.get("aria-controls")) for t in tabs]
    assert [p.get("role") for p in panels] == ["tabpanel", "tabpanel"]
    assert [p.get("hidden") is not None for p in panels] == [False, True]
    assert [p.xpath(".//*[@class='sb-print-title']")[0].text for p in panels] == ["Local", "National"]  # printed titles


def test_one_tab_is_not_tabs(tmp_path):
    [error] = errors(tmp_path, "- type: tabs\n  items:\n    - title: Only\n      body: One.")
    assert "needs at least 2 item(s), found 1" in error
