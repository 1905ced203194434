"""Unit tests on inline data: Markdown safety, suspend_data bound, YAML reading, structure messages."""
from __future__ import annotations

import json
import re

import lxml.html
import pytest

from scorm_builder import markup, structure, suspend
from scorm_builder.loader import load_course
from scorm_builder.plan import plan
from scorm_builder.render import script_json
from scorm_builder.schema import COURSE
from scorm_builder.yamlsource import Source, read_yaml
from helpers import SAMPLE, SEED


def md(text: str, rtl: bool = False) -> tuple[str, list[str]]:
    problems: list[str] = []
    return markup.render(text, lambda url: f"media/{url}", rtl, problems), problems


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<iframe src="https://example.org"></iframe>',
    '<form action="https://example.org"><input></form>',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
])
def test_markdown_never_lets_active_content_through(text):
    html, _ = md(text)
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in tree.iter():
        assert el.tag not in ("script", "iframe", "form", "input", "object", "embed"), html
        for name, value in el.attrib.items():
            assert not name.startswith("on"), html
            assert not value.strip().lower().startswith(("javascript:", "data:")), html


def test_markdown_headings_start_below_the_page_title_and_tables_render():
    html, _ = md("# Part\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<h2>Part</h2>" in html and "<table>" in html and "<td>1</td>" in html


def test_markdown_isolates_latin_runs_in_arabic_text():
    html, _ = md("تعمل المنصة على Moodle 5.0 منذ 2024.", rtl=True)
    assert "<bdi>Moodle 5.0</bdi>" in html and "<bdi>2024</bdi>." in html


def test_markdown_refuses_network_images_and_rewrites_local_ones():
    html, problems = md("![a](pic.png) ![b](https://cdn.example.org/x.png)")
    assert 'src="media/pic.png"' in html
    assert problems == ["image 'https://cdn.example.org/x.png' would be loaded from the network "
                        "(copy it into the course folder)"]


def test_script_json_cannot_close_its_script_element():
    text = script_json({"t": "</script><b>&"})
    assert "</" not in text and json.loads(text) == {"t": "</script><b>&"}


def test_worst_case_suspend_data_is_an_upper_bound_and_grows_with_content():
    course = load_course(SAMPLE)
    sco = plan(course)[0].scos[0]
    worst = suspend.worst_case(sco)
    # a real state: every page seen, every quiz answered with its longest answer
    assert 500 < worst < suspend.LIMIT
    state = {"v": 1, "l": "practice-quiz", "p": [e.id for e in sco.nav],
             "q": {"practice-quiz": {"n": 2, "b": 100, "s": 50, "f": 1, "d": ["fill", "num", "match", "order"],
                                     "r": {"fill": "x" * 80, "num": "3.14", "match": "1.a,2.b,3.c", "order": "a,b,c,d"}}}}
    assert len(json.dumps(state, separators=(",", ":"))) < worst


def test_seed_course_worst_case_suspend_data_leaves_room():
    """Every page seen and every quiz at its longest answers, with the session clock: at most 3,000 of 4,096."""
    for sco in plan(load_course(SEED))[0].scos:
        assert suspend.worst_case(sco) <= 3000


def test_yaml_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    _, errors = read_yaml(path, "bomb.yaml")
    assert len(errors) == 1 and "more than 200000 values" in str(errors[0])


def test_utf16_and_bom(tmp_path):
    path = tmp_path / "u.yaml"
    path.write_bytes("id: x\n".encode("utf-16"))
    assert "the file is UTF-16 (save it as UTF-8)" in str(read_yaml(path, "u.yaml")[1][0])
    path.write_bytes("\ufeffid: x\r\ntitle: t\r\n".encode("utf-8"))
    source, errors = read_yaml(path, "u.yaml")
    assert not errors and source.data == {"id": "x", "title": "t"}


def test_structure_messages_point_at_the_value():
    source = Source("c.yaml", data={"id": "Bad Id", "version": "1", "title": "t", "language": "ar", "modules": []},
                    values={("id",): (1, 5), ("modules",): (5, 10)})
    found = [str(d) for d in structure.check(source, COURSE)]
    assert found == [
        "c.yaml:1:5: error: id: 'Bad Id' is not a valid id (use lower-case ASCII letters, digits and '-', "
        "starting with a letter, e.g. 'stage-one')",
        "c.yaml:5:10: error: modules: needs at least 1 item(s), found 0 (add items)",
    ]


@pytest.mark.parametrize("text", [
    "نص عربي Moodle 5.0, و 12 كلمة.", "Plain text.", 'Quote "x" here', "a - b", "x = y", "ما هي الشبكة؟",
    "L'avion de 3 h", "كل ما سبق", "tabs\tinside", "a+b", "end.",
    "First paragraph.\n\nSecond, with Moodle 4.5 inside.\n", "نص أول\nسطر ثان فيه Moodle 5\n\n\nفقرة ثالثة.",
    "trailing space \nnext line", "hard break  \nnext line", "para\n\n    indented code", "line\n  indented continuation",
])
@pytest.mark.parametrize("rtl", [True, False])
@pytest.mark.parametrize("inline", [True, False])
def test_plain_text_shortcut_renders_exactly_like_markdown(monkeypatch, text, rtl, inline):
    fast = markup.render(text, str, rtl, [], inline)
    monkeypatch.setattr(markup, "_PLAIN", re.compile(r"(?!)"))  # never matches: the full Markdown path
    assert fast == markup.render(text, str, rtl, [], inline)
