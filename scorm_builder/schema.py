"""The JSON Schema of the course format: one source for editors (`scorm-builder schema`) and for the checker."""
from __future__ import annotations

import json

from .catalogue import UI_LANGUAGES
from .components import block_schema
from .i18n import N_, translated

SLUG = r"^[a-z][a-z0-9-]{0,39}$"
SLUG_HINT = N_("use lower-case ASCII letters, digits and '-', starting with a letter, e.g. 'stage-one'")
QUESTION_TYPES = ["single", "multiple", "true-false", "fill-in", "numeric", "matching", "ordering"]

_slug = {"type": "string", "pattern": SLUG, "description": N_("ASCII id: a-z, 0-9 and '-', starting with a letter; "
                                                              "never change it once published")}
_text = {"type": "string", "minLength": 1}
_markdown = {"type": "string", "minLength": 1, "description": N_("Markdown (CommonMark with tables)")}
_percent = {"type": "number", "minimum": 0, "maximum": 100}

_media = {
    "type": "object",
    "required": ["src"],
    "additionalProperties": False,
    "properties": {
        "src": {"type": "string", "minLength": 1, "description": N_("path of the file inside the course folder, "
                                                                    "e.g. media/photo.jpg")},
        "alt": {"type": "string", "description": N_("text alternative, required for images")},
        "caption": {"type": "string"},
        "captions": {"type": "object", "minProperties": 1,
                     "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
                     "additionalProperties": {"type": "string", "minLength": 1},
                     "description": N_("video and audio: a WebVTT file per language, e.g. {ar: media/talk.ar.vtt}")},
        "transcript": {"type": "string", "minLength": 1,
                       "description": N_("video and audio: the words spoken (Markdown), shown under the player")},
    },
}

_page = {
    "type": "object",
    "required": ["id", "title"],
    # a page says something: a body, blocks, or both (the body first); structure.py reads this anyOf as
    # "one of these keys is required"
    "anyOf": [{"required": ["body"]}, {"required": ["blocks"]}],
    "additionalProperties": False,
    "properties": {
        "id": _slug,
        "title": _text,
        "body": _markdown,
        "blocks": {"type": "array", "minItems": 1, "items": block_schema(),
                   "description": N_("the page's blocks, after its body: text, callout, quote, accordion, tabs, "
                                     "steps, flipcards, image, video, audio (docs/course-format.md)")},
        "media": {"type": "array", "items": _media},
    },
}

_choice = {
    "oneOf": [
        _text,
        {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "id": _slug,
                "text": _text,
                "pin": {"type": "boolean", "description": N_("keep this choice in place when choices are shuffled")},
                "feedback": _markdown,
            },
        },
    ]
}

_feedback = {
    "oneOf": [
        _markdown,
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["correct", "incorrect"],
            "properties": {"correct": _markdown, "incorrect": _markdown},
        },
    ]
}


def _when(kind: str, required: list[str]) -> dict:
    return {"if": {"properties": {"type": {"const": kind}}}, "then": {"required": required}}


_question = {
    "type": "object",
    "required": ["id", "type", "prompt"],
    "additionalProperties": False,
    "properties": {
        "id": _slug,
        "type": {"enum": QUESTION_TYPES},
        "prompt": _markdown,
        "weight": {"type": "number", "exclusiveMinimum": 0},
        "feedback": _feedback,
        "see": {**_slug, "description": N_("id of the page this question comes from")},
        "choices": {"type": "array", "minItems": 2, "maxItems": 26, "items": _choice},
        "correct": {"type": ["string", "array", "boolean", "number"], "items": _slug},
        "answers": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1, "maxLength": 80}},
        "tolerance": {"type": "number", "minimum": 0},
        "pairs": {
            "type": "array", "minItems": 2, "maxItems": 10,
            "items": {"type": "object", "required": ["left", "right"], "additionalProperties": False,
                      "properties": {"left": _text, "right": _text}},
        },
        "items": {"type": "array", "minItems": 2, "maxItems": 10, "items": _text},
    },
    "allOf": [
        _when("single", ["choices", "correct"]),
        _when("multiple", ["choices", "correct"]),
        _when("true-false", ["correct"]),
        _when("fill-in", ["answers"]),
        _when("numeric", ["correct"]),
        _when("matching", ["pairs"]),
        _when("ordering", ["items"]),
    ],
}

_quiz = {
    "type": "object",
    "required": ["id", "title", "questions"],
    "additionalProperties": False,
    "properties": {
        "id": _slug,
        "title": _text,
        "pass_mark": _percent,
        "draw": {"type": "integer", "minimum": 1, "description": N_("draw this many questions at random per attempt")},
        "shuffle": {"type": "boolean"},
        "attempts": {"type": "integer", "minimum": 0, "description": N_("0 = unlimited")},
        "show_answers": {"type": "boolean"},
        "requires": {"enum": ["all-pages"],
                     "description": N_("the final assessment opens once every page of the course has been seen")},
        "retry_after_pass": {"type": "boolean",
                             "description": N_("offer another attempt once passed (default: yes, except the final "
                                               "assessment)")},
        "questions": {"type": "array", "minItems": 1, "items": _question},
    },
}

_module = {
    "type": "object",
    "required": ["id", "title", "pages"],
    "additionalProperties": False,
    "properties": {
        "id": _slug,
        "title": _text,
        "objectives": {"type": "array", "items": _markdown},
        "pages": {"type": "array", "minItems": 1, "items": _page},
        "quiz": _quiz,
    },
}

_course = {
    "type": "object",
    "required": ["id", "version", "title", "language", "modules"],
    "additionalProperties": False,
    "properties": {
        "id": _slug,
        "version": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$",
                    "description": N_("e.g. \"1.0.0\" (quote it); part of the zip name")},
        "title": _text,
        "language": {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "description": N_("e.g. ar, "
                                                                                                         "fr, en")},
        "description": _markdown,
        "organisation": _text,
        "platform": _text,
        "authors": {
            "type": "array",
            "items": {"oneOf": [_text, {"type": "object", "required": ["name"], "additionalProperties": False,
                                        "properties": {"name": _text, "role": _text}}]},
        },
        "objectives": {"type": "array", "items": _markdown},
        "pass_mark": _percent,
        "intro": {"type": "object", "additionalProperties": False, "required": ["body"],
                  "properties": {"title": _text, "body": _markdown}},
        "modules": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1,
                                                                "description": N_("a module file, relative to "
                                                                                  "course.yaml")}},
        "closing": _page,
        "assessment": {"type": "string", "minLength": 1, "description": N_("a file holding the final quiz")},
        "completion": {
            "type": "object", "additionalProperties": False,
            "description": N_("when the course is complete: pages seen, and what the final assessment must be"),
            "properties": {
                "pages": {"type": "string", "pattern": "^(all|(100|[1-9]?[0-9])%)$",
                          "description": N_("pages to see: all, or a share such as 80%")},
                "assessment": {"enum": ["pass", "submit", "none"],
                               "description": N_("pass (default): passed or failed by the score; submit: completed "
                                                 "once submitted; none: the pages alone")},
            },
        },
        "packaging": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "mode": {"enum": ["single-sco", "sco-per-module", "package-per-module"]},
                "suspend_data_limit": {"enum": ["error", "warn"],
                                       "description": N_("what to do when progress data may exceed 4096 characters")},
                "upload_limit": {"type": "integer", "minimum": 1, "maximum": 100000,
                                 "description": N_("MiB: warn when a package is larger (Moodle's usual limit: 100)")},
            },
        },
        "theme": {
            "type": "object", "additionalProperties": False,
            "description": N_("the platform's look: colours, font, logo (checked for WCAG AA contrast)"),
            "properties": {
                "primary": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$",
                            "description": N_("links and buttons, e.g. \"#17606b\" (quote it)")},
                "accent": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$",
                           "description": N_("progress bar and focus ring, e.g. \"#c75b12\"")},
                "font": {"type": "string", "minLength": 1, "description": N_("a CSS font stack, e.g. \"Tahoma, "
                                                                             "sans-serif\"")},
                "logo": {"type": "string", "minLength": 1,
                         "description": N_("a PNG, JPEG, GIF or WebP file, relative to course.yaml, shown in the header")},
            },
        },
        "ui": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "language": {"enum": list(UI_LANGUAGES)},
                "strings": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
    },
}

COURSE = _course
MODULE = _module
QUIZ = _quiz


def json_schema(language: str = "en") -> dict:
    """The schema for editors: a course.yaml, a module file or an assessment (quiz) file; titles and
    descriptions (what editors show beside each key) in `language`."""
    return _described({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": N_("scorm-builder course files"),
        "description": N_("course.yaml, a module file or an assessment file of a scorm-builder course"),
        "anyOf": [_course, _module, _quiz],
    }, language)


def _described(node, language: str):
    """A copy of `node` with its descriptions and titles in `language` (property names are keys, not text)."""
    if isinstance(node, list):
        return [_described(item, language) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: translated(value, language) if key in ("description", "title") and isinstance(value, str)
            else _described(value, language) for key, value in node.items()}


def json_text(language: str = "en") -> str:
    """The schema as `scorm-builder schema` prints it and `scorm-builder new` writes it."""
    return json.dumps(json_schema(language), ensure_ascii=False, indent=2) + "\n"
