"""Every block type together (tests/courses/blocks): the editors' schema accepts the course and refuses the
mistakes the checker refuses, the package passes `scorm-builder check`, and a block folder is all it takes."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from scorm_builder import build, components
from scorm_builder.cli import main
from scorm_builder.schema import json_schema

BLOCKS = Path(__file__).resolve().parents[1] / "courses" / "blocks"


def test_the_course_uses_every_block_type():
    module = yaml.safe_load((BLOCKS / "modules" / "blocks.yaml").read_text(encoding="utf-8"))
    used = {b["type"] for page in module["pages"] for b in page.get("blocks", [])}
    assert used == set(components.blocks())


def test_the_editor_schema_accepts_it_and_refuses_a_wrong_key():
    validator = jsonschema.Draft7Validator(json_schema())
    module = yaml.safe_load((BLOCKS / "modules" / "blocks.yaml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(module))
    module["pages"][0]["blocks"][1]["items"] = []  # a callout has no items
    assert list(validator.iter_errors(module))
    del module["pages"][0]["blocks"][1]["items"]
    module["pages"][0]["blocks"][1]["kind"] = "note"
    assert list(validator.iter_errors(module))
    module["pages"][0]["blocks"][1]["kind"] = "key"
    del module["pages"][0]["body"], module["pages"][0]["blocks"]  # a page says something
    assert list(validator.iter_errors(module))


def test_it_builds_and_passes_check(tmp_path):
    built = build(BLOCKS, tmp_path / "out")
    result = CliRunner().invoke(main, ["check", "--json", str(built.packages[0])])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)


def test_each_block_folder_is_complete():
    for name, component in components.blocks().items():
        assert (component.folder / "partial.html.j2").is_file(), name
        assert 'data-block="' + name + '"' in (component.folder / "partial.html.j2").read_text(encoding="utf-8")
        assert component.schema["description"].startswith(name + ":"), name
        assert (Path(__file__).parent / f"test_{name}.py").is_file(), f"tests/components/test_{name}.py"
        if component.source("block.js"):
            assert (component.folder / "block.min.js").is_file(), "REGENERATE_GOLDEN=1 pytest tests/test_assets.py"


def test_the_handout_prints_every_part_of_every_block():
    from scorm_builder.handout import handout_html
    from scorm_builder.loader import load_course

    html, files = handout_html(load_course(BLOCKS), BLOCKS)
    for text in ("How to keep it alive?", "A network across borders.", "Organisations that agree",
                 "Helen Keller", "Write down the shared goal."):
        assert text in html, text
    assert html.count('data-block="') == sum(len(p.get("blocks", [])) for p in yaml.safe_load(
        (BLOCKS / "modules" / "blocks.yaml").read_text(encoding="utf-8"))["pages"])
    assert any(name.endswith(".svg") for name in files)  # the image block's picture


def test_lint_says_when_an_image_block_has_a_weak_alt(tmp_path):
    import shutil

    course = tmp_path / "course"
    shutil.copytree(BLOCKS, course)
    module = course / "modules" / "blocks.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("alt: Two circles joined by a line", "alt: image"),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(course), "--json"])
    assert "media/network.svg" in result.output and "no meaningful description" in result.output
