"""Page blocks as component folders. templates/components/<type>/ holds one block type: its part of the course
schema (schema.json), its Jinja partial (partial.html.j2), optionally its behaviour (block.js, shipped as
block.min.js, made by tests/test_assets.py) and its styles (block.css), and its tests (test_<type>.py).

Adding a folder adds a block type: the course schema, the structure checker, the loader, the renderer and the
build all find it here. Nothing else names the block types."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .i18n import N_
from .paths import TEMPLATES

FOLDER = TEMPLATES / "components"
MARKDOWN = "text/markdown"  # schema.json marks Markdown fields with "contentMediaType": "text/markdown"
FILE = "x-course-file"  # ... and paths of files of the course with "x-course-file": "image"


@dataclass(frozen=True)
class Component:
    type: str
    folder: Path
    schema: dict  # its part: description, required, properties (the keys beside `type`)

    @property
    def partial(self) -> str:
        """The partial's name for the Jinja loader (rooted at templates/)."""
        return f"components/{self.type}/partial.html.j2"

    def source(self, name: str) -> str:
        """block.js or block.css, "" when the block has none."""
        path = self.folder / name
        return path.read_text(encoding="utf-8") if path.is_file() else ""


@lru_cache(maxsize=1)
def blocks() -> dict[str, Component]:
    """Every block type, by name, in alphabetical order (the folder names)."""
    found = {}
    for folder in sorted(FOLDER.iterdir()):
        if (folder / "schema.json").is_file():
            found[folder.name] = Component(folder.name, folder,
                                           json.loads((folder / "schema.json").read_text(encoding="utf-8")))
    return found


@lru_cache(maxsize=1)
def signature() -> str:
    """Which block types there are, and their schemas: a YAML file's shape check, cached by its bytes
    (cache.py), holds only for these."""
    text = json.dumps({name: c.schema for name, c in blocks().items()}, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def block_schema() -> dict:
    """The JSON Schema of one item of a page's `blocks:`: `type` picks the block, whose keys are then checked
    (draft-07 allOf/if/then, which editors and scorm_builder/structure.py both read)."""
    kinds = blocks()
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": list(kinds), "description": N_("the kind of block, e.g. text, callout, "
                                                                       "accordion")}},
        "allOf": [{"if": {"properties": {"type": {"const": name}}},
                   "then": {"description": c.schema["description"], "required": c.schema.get("required", []),
                            "properties": {"type": {}, **c.schema["properties"]}, "additionalProperties": False}}
                  for name, c in kinds.items()],
    }


def fields_of(kind: str) -> dict:
    return blocks()[kind].schema["properties"]


def is_markdown(schema: dict) -> bool:
    return schema.get("contentMediaType") == MARKDOWN


def item_fields(schema: dict) -> dict:
    """The fields of the items of a list field (`items: [{title, body}]`)."""
    return schema.get("items", {}).get("properties", {})


def files(block: dict) -> list[tuple[tuple, str, str]]:
    """(path inside the block, path written, kind) of each file of the course a block names."""
    found = []
    for key, schema in fields_of(block["type"]).items():
        if FILE in schema and isinstance(block.get(key), str):
            found.append(((key,), block[key], schema[FILE]))
    return found


def texts(block) -> list[str]:
    """Every text a block shows (for reading time): its text fields and those of its items, in order; not the
    paths of its files, nor the choices of an enum."""
    def shown(field: dict) -> bool:
        return field.get("type") == "string" and FILE not in field

    fields = fields_of(block.type)
    out = []
    for key, value in block.fields:
        if shown(fields[key]):
            out.append(value)
        elif fields[key].get("type") == "array":
            inner = item_fields(fields[key])
            out += [v for item in value for k, v in item if shown(inner.get(k, {}))]
    return out


def used(pages) -> list[str]:
    """The block types `pages` use, in the order of blocks()."""
    kinds = {b.type for page in pages for b in page.blocks}
    return [name for name in blocks() if name in kinds]


def extract_messages(fileobj, keywords, comment_tags, options):
    """Babel extractor (babel.cfg) for schema.json: its descriptions go into the catalogue like N_() texts."""
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("description", "title") and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    for message in walk(json.loads(text)):
        line = next((n for n, written in enumerate(lines, 1) if json.dumps(message, ensure_ascii=False) in written), 1)
        yield line, "N_", message, []
