"""Property-based tests: whatever is written in a course's files, the loader and validator answer with a
ScormBuilderError (CourseError/UsageError) listing diagnostics, never with another exception.

The sample course is mutated: random bytes, edits of its YAML text (random Unicode inserted, lines deleted,
duplicated, re-indented), and edits of its data (keys deleted, values replaced by values of another type or by
odd values of the same type, list entries duplicated) written back as YAML. Whatever passes validation must
build a package that passes its own check, with JSON a browser can parse. And Markdown mixed with hostile HTML
never renders to active content. The runs are bounded (max_examples, no deadline, no example database) so the
suite stays fast; hypothesis prints the failing input.
"""
from __future__ import annotations

import json
import math
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import SAMPLE
from scorm_builder import ScormBuilderError, build, load_course, markup
from scorm_builder.check import check

FILES = ["course.yaml", "modules/basics.yaml", "modules/practice.yaml", "final.yaml"]
ORIGINAL = {name: (SAMPLE / name).read_bytes() for name in FILES}
DATA = {name: yaml.safe_load(ORIGINAL[name]) for name in FILES}
BOUNDED = settings(max_examples=200, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    return shutil.copytree(SAMPLE, tmp_path_factory.mktemp("fuzz") / "course")


def load_with(course: Path, name: str, content: bytes) -> None:
    """Load the course with one file replaced; only the project's own errors may come out."""
    path = course / name
    path.write_bytes(content)
    try:
        load_course(course)
    except ScormBuilderError as error:
        assert str(error)  # every error has something to say
        for diagnostic in getattr(error, "diagnostics", []):
            assert diagnostic.file and diagnostic.message, diagnostic
    finally:
        path.write_bytes(ORIGINAL[name])


# Values of every kind YAML can hold, including the awkward ones ----------------------------------------------
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["", " ", "a", "b", "z", "home", "kinds", "steps", "basics", "media/dot.png", "../x", "/etc/passwd",
                     "media", "single", "multiple", "true-false", "yes", "no", "1.0", "0", "-1", "101", "~", "\u202e",
                     "\ufeff", "أساسيات", "a" * 41, "x" * 81, "# h", "<script>alert(1)</script>",
                     "[x](javascript:1)"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)


def paths(data, prefix=()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths(value, prefix + (i,))
    return found


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


def _same_kind(value):
    """A strategy for an odd value of the same type as `value` (so that the validator, not only the shape
    check, sees it)."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, (int, float)):
        return st.one_of(st.integers(-5, 200), st.sampled_from([0, 26, 27, 10 ** 20, 0.5, math.nan, math.inf]))
    if isinstance(value, str):
        return st.one_of(st.text(max_size=20), st.sampled_from(["a", "b", "z", "kinds", "steps", "what-is", "basics",
                                                               "final", "home", "media/dot.png", "media/none.png",
                                                               "x\x07y", "\u202eevil", "</script>", "]]>", "&amp;"]))
    if isinstance(value, list):
        return st.lists(st.sampled_from(value) if value else scalars, max_size=max(len(value) + 1, 2))
    return st.just(value)


@st.composite
def mutated_data(draw, same_kind: bool, ops=("replace", "delete", "duplicate", "insert"), most: int = 3):
    """A course file's data with one to `most` random edits."""
    name = draw(st.sampled_from(FILES))
    data = yaml.safe_load(ORIGINAL[name])
    for _ in range(draw(st.integers(1, most))):
        op = draw(st.sampled_from(ops))
        candidates = paths(data)
        if same_kind and op == "replace":  # the leaves: text, numbers, true/false
            candidates = [p for p in candidates if not isinstance(_get(data, p), (dict, list))] or candidates
        path = draw(st.sampled_from(candidates))
        if not path:
            data = draw(values) if op == "replace" and not same_kind else data
            continue
        parent, last = _parent(data, path), path[-1]
        if op == "replace":
            parent[last] = draw(_same_kind(parent[last]) if same_kind else values)
        elif op == "delete":
            del parent[last]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, parent[last])
        elif op == "insert" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(values)
    return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


# Pieces of YAML syntax, so that random edits reach tags, anchors, merges, escapes and odd scalars
SNIPPETS = st.sampled_from([
    "!foo ", "!!python/object:os.system ", "!!binary ", "!!int ", "!!float ", "!!bool ", "!!set ", "!!str ", "&a ",
    "*a", "<<: ", "{", "}", "[", "]", "'", '"', '"\\a"', '"\\x00"', '"\\ud800"', ": ", "- ", "? ", "|", ">", "---",
    "...", "%YAML 1.1", "\t", "=", "\ufeff", "\x85", "\u2028", ".nan", ".inf", "-.inf", "9" * 5000, "0x1F", "1e400",
    "2024-01-01", "~", "null", "yes", "\U0010ffff", "\r",
])


@st.composite
def mutated_text(draw):
    """A course file's YAML text with one to three random edits of its lines and characters."""
    name = draw(st.sampled_from(FILES))
    lines = ORIGINAL[name].decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "indent", "dedent", "replace-char", "swap"]))
        if op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.one_of(SNIPPETS, st.text(min_size=1, max_size=12))) + lines[i][at:]
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][1:]
        elif op == "replace-char" and lines[i]:
            at = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:at] + draw(st.characters()) + lines[i][at + 1:]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return name, "\n".join(lines).encode("utf-8", "surrogatepass")


@BOUNDED
@given(name=st.sampled_from(FILES), content=st.binary(max_size=600))
def test_random_bytes(course, name, content):
    load_with(course, name, content)


@BOUNDED
@given(name=st.sampled_from(FILES), document=values)
def test_random_documents(course, name, document):
    load_with(course, name, yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@BOUNDED
@given(case=mutated_text())
def test_mutated_yaml_text(course, case):
    load_with(course, *case)


@BOUNDED
@given(case=mutated_data(same_kind=False))
def test_mutated_data(course, case):
    load_with(course, *case)


@BOUNDED
@given(case=mutated_data(same_kind=True))
def test_mutated_data_of_the_same_types(course, case):
    load_with(course, *case)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated_data(same_kind=True, ops=("replace",), most=1))
def test_whatever_passes_validation_builds_a_valid_package(course, tmp_path_factory, case):
    """Past the validator, rendering and packaging must not fail either: the package passes its own check."""
    name, content = case
    out = tmp_path_factory.mktemp("out")
    (course / name).write_bytes(content)
    try:
        result = build(course, out)
    except ScormBuilderError as error:
        assert "failed its own check" not in str(error), error
        assert not list(out.iterdir())
    else:
        for package in result.packages:
            assert not check(package).errors
            with zipfile.ZipFile(package) as zf:
                for page in (n for n in zf.namelist() if n.endswith(".html")):
                    html = zf.read(page).decode("utf-8")
                    data = html.split('id="sb-data">', 1)[1].split("</script>", 1)[0]
                    json.loads(data, parse_constant=_no_nan)  # what the browser's JSON.parse accepts
    finally:
        (course / name).write_bytes(ORIGINAL[name])
        shutil.rmtree(out)


def _no_nan(name: str):
    raise AssertionError(f"{name} in the package's JSON: browsers cannot parse it")


def test_the_unmutated_sample_loads():  # so that every failure above comes from a mutation
    assert load_course(SAMPLE).id == DATA["course.yaml"]["id"]


# Markdown: whatever a course writes, the HTML has no active content ----------------------------------------------
ATTACKS = st.sampled_from([
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<iframe src=https://evil.example></iframe>", "<iframe srcdoc='<script>1</script>'>",
    "<form action=https://evil.example><input name=p><button formaction=javascript:alert(1)>go</button></form>",
    "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<object data=x.swf>",
    "<embed src=x>", "<style>body{display:none}</style>", "<meta http-equiv=refresh content='0;url=https://e.x'>",
    "<base href=https://evil.example/>", "<details open ontoggle=alert(1)>", "<math><mtext><table><mglyph><style>",
    "<!-- <script>alert(1)</script> -->", "<![CDATA[<script>]]>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:1)",
    "[x](javascript&#58;alert(1))", "[x](vbscript:msgbox(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)", "![x](javascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>", "[x](<javascript:alert(1)>)", "[x](http://a \"onmouseover=alert(1)\")",
    "![\" onerror=\"alert(1)](x.png)", "[x](//evil.example/x.js)", "[x](file:///etc/passwd)", "```\n<script>\n```",
    "`<script>`", "<a href=https://e.x onclick=alert(1)>x</a>", "\n\n", "# ", "| a |\n|---|\n| <b onclick=x>b</b> |",
    "*", "_", "[", "]", "(", ")", "<", ">", "&", "\"", "'", "`", "!", "\\",
])
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=10)  # the YAML reader refuses the rest
ALLOWED = {"div", *markup.ALLOWED_TAGS}


def _resolve(url: str) -> str:
    if url.startswith(("/", "..")) or ":" in url:
        raise ValueError(f"'{url}' refused")
    return "media/file.png"


@settings(max_examples=300, deadline=None, database=None)
@given(pieces=st.lists(st.one_of(ATTACKS, PRINTABLE), min_size=1, max_size=6), rtl=st.booleans(),
       inline=st.booleans())
def test_markdown_never_lets_active_content_through(pieces, rtl, inline):
    html = markup.render(" ".join(pieces), _resolve, rtl, [], inline=inline)
    assert "<script" not in html.lower() and "<iframe" not in html.lower() and "<form" not in html.lower()
    if not html.strip():
        return
    for el in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(el.tag, str):  # a comment would be a leak of its own
            raise AssertionError(html)
        assert el.tag in ALLOWED, html
        for name, value in el.attrib.items():
            assert name in markup.ALLOWED_ATTRIBUTES.get(el.tag, set()) | {"rel"}, html
            if name in ("href", "src"):
                url = value.strip().lower()
                assert url in ("", "media/file.png") or url.startswith(("#", "http://", "https://", "mailto:")), html
