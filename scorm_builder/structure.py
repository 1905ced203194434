"""Checks parsed YAML against the subset of JSON Schema used in schema.py, with messages for trainers."""
from __future__ import annotations

import difflib
import math
import re

from .errors import Diagnostic
from .i18n import N_, _
from .schema import SLUG, SLUG_HINT
from .yamlsource import Source, short, written_number

_TYPE_NAMES = {"string": N_("text"), "integer": N_("a whole number"), "number": N_("a number"),
               "boolean": N_("true or false"), "array": N_("a list"), "object": N_("a mapping of keys")}


def _wanted(kinds) -> str:
    names = [_(_TYPE_NAMES[k]) for k in kinds]
    return names[0] if len(names) == 1 else _("{one} or {other}").format(one=", ".join(names[:-1]), other=names[-1])


def _is(value, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


def _describe(value) -> str:
    if value is None:
        return _("nothing")
    for kind in ("boolean", "integer", "number", "string", "array", "object"):
        if _is(value, kind):
            return _(_TYPE_NAMES[kind])
    return type(value).__name__


def check(source: Source, schema: dict) -> list[Diagnostic]:
    """What does not fit `schema`. Where text is expected, an unquoted value that YAML read as a number or
    true/false becomes the text written (`title: 1.10` is the title "1.10"), in source.data."""
    errors: list[Diagnostic] = []
    source.data = _check(source, schema, source.data, (), errors)
    return errors


def _as_written(src: Source, schema: dict, value, path: tuple):
    if isinstance(value, str) or path not in src.plain:
        return value
    branches = schema.get("oneOf", [schema])
    if any(_matches(b, value) for b in branches) or not any(b.get("type") == "string" for b in branches):
        return value
    return src.plain[path]


def _matches(schema: dict, value) -> bool:
    """Whether value fits a oneOf branch well enough to report that branch's errors."""
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else (kinds or [])
    return not kinds or any(_is(value, k) for k in kinds)


def _check(src: Source, schema: dict, value, path: tuple, errors: list):
    """Adds what is wrong with `value` to `errors`; returns the value, as written where text is expected."""
    value = _as_written(src, schema, value, path)
    if "oneOf" in schema:
        branch = next((b for b in schema["oneOf"] if _matches(b, value)), None)
        if branch is None:
            wanted = _wanted([b["type"] for b in schema["oneOf"]])
            errors.append(src.diag(path, _("expected {wanted}, found {found}").format(
                wanted=wanted, found=_describe(value)),
                                   _("see docs/course-format.md")))
            return value
        schema = branch
    kinds = schema.get("type")
    if kinds:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            hint = _("write a value after the colon") if value is None else _type_hint(kinds[0], value)
            errors.append(src.diag(path, _("expected {wanted}, found {found}").format(
                wanted=_wanted(kinds), found=_describe(value)), hint))
            return value
    if "enum" in schema and value not in schema["enum"]:
        options = ", ".join(str(v) for v in schema["enum"])
        close = difflib.get_close_matches(str(value), [str(v) for v in schema["enum"]], n=1)
        hint = (_("did you mean '{close}'? use one of: {options}").format(close=close[0], options=options) if close
                else _("use one of: {options}").format(options=options))
        errors.append(src.diag(path, _("'{value}' is not allowed").format(value=short(str(value))), hint))
        return value
    if isinstance(value, str):
        _check_string(src, schema, value, path, errors)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(src, schema, value, path, errors)
    elif isinstance(value, list):
        _check_list(src, schema, value, path, errors)
    elif isinstance(value, dict):
        _check_mapping(src, schema, value, path, errors)
    return value


def _type_hint(kind: str, value) -> str:
    number = written_number(value) if kind in ("number", "integer") and isinstance(value, str) else None
    if number:
        return _("write {number}: digits 0-9 (or ٠-٩), and a dot before the decimals").format(number=number)
    return _(_TYPE_HINTS.get(kind, N_("see docs/course-format.md")))


_TYPE_HINTS = {
    "string": N_("write it as text, in quotes"),
    "array": N_("write a list, one '- item' per line"),
    "object": N_("write indented 'key: value' lines"),
    "boolean": N_("write true or false"),
    "integer": N_("write a whole number such as 3"),
    "number": N_("write a number such as 70"),
}


def _check_string(src, schema, value, path, errors):
    if schema.get("minLength") and not value.strip():
        errors.append(src.diag(path, _("must not be empty"), _("write some text or remove the key")))
    elif "maxLength" in schema and len(value) > schema["maxLength"]:
        errors.append(src.diag(path, _("is {count} characters long").format(count=len(value)),
                               _("keep it to {limit}").format(limit=schema["maxLength"])))
    elif "pattern" in schema and not re.search(schema["pattern"], value):
        if schema["pattern"] == SLUG and re.fullmatch(r"[a-z][a-z0-9-]*", value):
            errors.append(src.diag(path, _("'{value}' is {count} characters long").format(
                value=short(value), count=len(value)), _("an id has at most 40 characters; shorten it")))
        elif schema["pattern"] == SLUG:
            errors.append(src.diag(path, _("'{value}' is not a valid id").format(value=short(value)), _(SLUG_HINT)))
        else:
            errors.append(src.diag(path, _("'{value}' is not in the expected form").format(value=short(value)),
                                   _(schema["description"]) if schema.get("description") else ""))


def _check_number(src, schema, value, path, errors):
    if not math.isfinite(value):  # .nan and .inf are YAML numbers, but not JSON ones, nor scores
        errors.append(src.diag(path, _("{value} is not a finite number").format(value=value),
                               _("write an ordinary number such as 70")))
        return
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and value < low or high is not None and value > high:
        span = (_("use a number from {low} to {high}").format(low=low, high=high) if high is not None
                else _("use a number of at least {low}").format(low=low))
        errors.append(src.diag(path, _("{value} is out of range").format(value=value), span))
    elif "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        errors.append(src.diag(path, _("{value} is too small").format(value=value),
                               _("use a number above {low}").format(low=schema["exclusiveMinimum"])))


def _check_list(src, schema, value, path, errors):
    if len(value) < schema.get("minItems", 0):
        errors.append(src.diag(path, _("needs at least {minimum} item(s), found {count}").format(
            minimum=schema["minItems"], count=len(value)), _("add items")))
    if len(value) > schema.get("maxItems", len(value)):
        errors.append(src.diag(path, _("has {count} items").format(count=len(value)),
                               _("keep it to {limit}").format(limit=schema["maxItems"])))
    if "items" in schema:
        for i, item in enumerate(value):
            value[i] = _check(src, schema["items"], item, path + (i,), errors)


def _check_mapping(src, schema, value, path, errors):
    props = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    required = list(schema.get("required", []))
    for rule in schema.get("allOf", []):
        const = rule["if"]["properties"]["type"]["const"]
        if value.get("type") == const:
            then = rule["then"]
            required += then["required"]
            if "properties" in then:  # a block type: its own keys, and no others (components.block_schema)
                props = {**then["properties"], **props}
                extra = then.get("additionalProperties", extra)
    missing = [key for key in dict.fromkeys(required) if key not in value]
    alternatives = [rule["required"] for rule in schema.get("anyOf", [])]
    either = [keys[0] for keys in alternatives]
    if alternatives and not any(all(key in value for key in keys) for keys in alternatives):
        missing.append(either[0])  # reported below, with the other keys that would do
    else:
        either = []
    names = schema.get("propertyNames", {}).get("pattern")
    if len(value) < schema.get("minProperties", 0):
        errors.append(src.diag(path, "is empty", "add an entry or remove the key"))
    for key, item in value.items():
        if names and not re.search(names, str(key)):
            errors.append(src.diag(path + (key,), _("'{key}' is not a language code").format(key=short(str(key))),
                                   _("write a language code such as ar, fr or en"), key=True))
        elif key in props:
            value[key] = _check(src, props[key], item, path + (key,), errors)
        elif isinstance(extra, dict):
            value[key] = _check(src, extra, item, path + (key,), errors)
        elif extra is False:
            # a misspelt required key is one mistake: said once, at the misspelling
            near = difflib.get_close_matches(key, missing + either[1:], n=1, cutoff=0.6)
            close = near or difflib.get_close_matches(key, list(props), n=1, cutoff=0.6)
            if near:
                missing.remove(either[0] if near[0] in either else near[0])
                hint = _("did you mean '{close}'? '{close}:' is required").format(close=near[0])
            elif close:
                hint = _("did you mean '{close}'?").format(close=close[0])
            else:
                hint = _("allowed keys: {keys}").format(keys=", ".join(props))
            errors.append(src.diag(path + (key,), _("unknown key '{key}'").format(key=key), hint, key=True))
    for key in missing:
        hint = (_("add '{key}:' or '{other}:'").format(key=key, other=either[1]) if either[:1] == [key]
                else _("add '{key}:'").format(key=key))
        errors.append(src.diag(path, _("missing required key '{key}'").format(key=key), hint))
