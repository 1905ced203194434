"""templates/static/min/: the runtime as packages ship it, local names shortened by calmjs.parse, made from the
readable sources next to it. Set REGENERATE_GOLDEN=1 after changing a source to make them again."""
from __future__ import annotations

import os

import pytest

from scorm_builder.paths import TEMPLATES
from scorm_builder import components
from scorm_builder.render import ASSETS, assets, block_assets, source_stamp

SCRIPTS = [name for name in ASSETS if name.endswith(".js")]


def minify(text: str) -> str:
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    # globals (window, document, SB) keep their names; properties are never renamed
    return source_stamp(text) + minify_print(es5(text), obfuscate=True, obfuscate_globals=False) + "\n"


@pytest.mark.parametrize("name", SCRIPTS)
def test_shipped_scripts_are_made_from_their_sources(name):
    source = (TEMPLATES / "static" / name).read_text(encoding="utf-8")
    made = TEMPLATES / "static" / "min" / name
    expected = minify(source)
    if os.environ.get("REGENERATE_GOLDEN"):
        made.write_text(expected, encoding="utf-8")
    assert made.read_text(encoding="utf-8") == expected, f"run REGENERATE_GOLDEN=1 pytest {__file__}"
    assets.cache_clear()
    assert assets()[f"assets/{name}"].decode("utf-8") == expected[len(source_stamp(source)):]


BLOCK_SCRIPTS = [c for c in components.blocks().values() if c.source("block.js")]


@pytest.mark.parametrize("component", BLOCK_SCRIPTS, ids=lambda c: c.type)
def test_block_scripts_are_made_from_their_sources(component):
    """Each block folder's block.min.js, made like the runtime's (REGENERATE_GOLDEN=1 after a change)."""
    source = component.source("block.js")
    made = component.folder / "block.min.js"
    expected = minify(source)
    if os.environ.get("REGENERATE_GOLDEN"):
        made.write_text(expected, encoding="utf-8")
    assert made.read_text(encoding="utf-8") == expected, f"run REGENERATE_GOLDEN=1 pytest {__file__}"
    block_assets.cache_clear()
    assert expected[len(source_stamp(source)):] in block_assets((component.type,))["assets/sb-blocks.js"].decode()
