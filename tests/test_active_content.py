"""No script through course files (issue 21): pages, SVG opened on their own, XML, scripts and Flash are refused
whatever they are called; SVG shown as a picture ships as a static copy; `check` finds such files in any package."""
from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from helpers import SAMPLE, build_errors, copy_course, edit
from scorm_builder import build, sniff, svgclean
from scorm_builder.check import check
from scorm_builder.cli import main

EVIL_HTML = b"<!DOCTYPE html><html><body><script>top.document.title = 'pwned'</script></body></html>"
EVIL_SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            b' width="40" height="40" onload="top.document.title=\'pwned\'">'
            b"<script>top.document.title = 'pwned'</script>"
            b'<a xlink:href="javascript:alert(1)"><rect width="20" height="20" fill="red" onclick="alert(2)"/></a>'
            b'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml" onmouseover="alert(3)">x</div></foreignObject>'
            b'<set attributeName="href" to="javascript:alert(4)"/><style>@import url(https://evil.example/x.css);</style>'
            b'<use href="https://evil.example/x.svg#a"/><image href="https://evil.example/track.png"/>'
            b'<circle cx="30" cy="30" r="5" fill="url(#g)" style="fill:url(https://evil.example/x)"/>'
            b'<linearGradient id="g"><stop offset="0" stop-color="blue"/></linearGradient></svg>')
BODY = "A network is a group of people or associations that **exchange** information."


@pytest.fixture
def course(tmp_path) -> Path:
    course = copy_course(SAMPLE, tmp_path / "course")
    (course / "evil.html").write_bytes(EVIL_HTML)
    (course / "media" / "evil.svg").write_bytes(EVIL_SVG)
    return course


def _errors(course: Path, tmp_path: Path) -> list[str]:
    return build_errors(course, tmp_path / "out")


def _in_body(course: Path, markdown: str) -> str:
    module = course / "modules" / "basics.yaml"
    edit(module, BODY, f"{BODY} {markdown}")
    return f"{module.as_posix()}:8:11"  # the body of page 'what-is'


def test_link_to_an_html_file_is_refused_with_its_place(course, tmp_path):
    where = _in_body(course, "[the details](evil.html)")
    assert _errors(course, tmp_path) == [
        f"{where}: error: 'evil.html' is a web page, which would run inside the learner's LMS session when opened "
        "(put its content in a page of the course, offer it as a .zip or .pdf download, or link to it on the web "
        "with https://)"]


def test_cli_refuses_it_with_exit_1_no_traceback_nothing_written(course, tmp_path):
    _in_body(course, "[the details](evil.html)")
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "'evil.html' is a web page" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_link_to_an_svg_is_refused_but_the_same_svg_as_a_picture_builds(course, tmp_path):
    _in_body(course, "[the map](media/evil.svg)")
    (error,) = _errors(course, tmp_path)
    assert "'media/evil.svg' is an SVG file, which can run script when it is opened on its own" in error
    assert "show it as a picture" in error


@pytest.mark.parametrize("name,content,what", [
    ("notes.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'><script>x()</script></html>", "a web page"),
    ("data.xml", b"<?xml version='1.0'?><data/>", "an XML file"),
    ("app.js", b"alert(1)", "a script"),
    ("module.mjs", b"export default 1", "a script"),
    ("old.swf", b"FWS\x09", "a Flash file"),
    ("page.htm", b"hello", "a web page"),
    ("notes.txt", b"\xef\xbb\xbf  <!DOCTYPE html><p>hi<script>x()</script>", "a web page whatever its name says"),
    ("photo.png", b"<html><body onload=x()>", "a web page whatever its name says"),
    ("report.pdf", b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "an SVG file"),
])
def test_every_kind_of_active_file_is_refused_by_name_or_content(course, tmp_path, name, content, what):
    (course / "media" / name).write_bytes(content)
    _in_body(course, f"[it](media/{name})")
    (error,) = _errors(course, tmp_path)
    assert f"'media/{name}' is {what}" in error, error


def test_html_named_png_shown_as_a_picture_is_refused(course, tmp_path):
    (course / "media" / "photo.png").write_bytes(EVIL_HTML)
    _in_body(course, "![a photo](media/photo.png)")
    (error,) = _errors(course, tmp_path)
    assert "'media/photo.png' is a web page whatever its name says" in error


def test_media_entry_that_is_a_page_is_refused_at_its_src(course, tmp_path):
    module = course / "modules" / "basics.yaml"
    edit(module, "src: media/dot.png", "src: evil.html")
    assert _errors(course, tmp_path) == [
        f"{module.as_posix()}:14:14: error: media 1 of page 'what-is', src: 'evil.html' is a web page, which would run "
        "inside the learner's LMS session when opened (put its content in a page of the course, offer it as a .zip "
        "or .pdf download, or link to it on the web with https://)"]


def _svg_in_package(package: Path) -> bytes:
    with zipfile.ZipFile(package) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".svg")]
        page = zf.read("index.html").decode()
        assert f'src="{name}"' in page and f'href="{name}' not in page  # shown, never linked
        return zf.read(name)


def _assert_static(svg: bytes) -> None:
    root = etree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    for el in root.iter():
        assert etree.QName(el).localname not in {"script", "foreignObject", "set", "a", "image", "iframe"}
        for key, value in el.attrib.items():
            assert not etree.QName(key).localname.lower().startswith("on"), key
            if etree.QName(key).localname == "href":
                assert value.startswith("#"), value
            assert "https:" not in value and "javascript:" not in value
        if etree.QName(el).localname == "style":
            assert "@import" not in (el.text or "")
    assert b"<!DOCTYPE" not in svg and b"<!ENTITY" not in svg
    assert svgclean.active_parts(svg) == []


@pytest.mark.parametrize("how", ["markdown", "media"])
def test_svg_picture_ships_as_a_static_copy_with_a_warning(course, tmp_path, how):
    if how == "markdown":
        _in_body(course, "![the map](media/evil.svg)")
    else:
        edit(course / "modules" / "basics.yaml", "src: media/dot.png", "src: media/evil.svg")
    result = build(course, tmp_path / "out")
    svg = _svg_in_package(result.packages[0])
    _assert_static(svg)
    assert b'<rect width="20" height="20" fill="red"/>' in svg and b'fill="url(#g)"' in svg  # the drawing stays
    (warning,) = result.warnings
    assert "warning: 'media/evil.svg': left out of the picture, which is shown as a still image: " in warning
    for part in ("event handlers (onload)", "script", "foreignObject", "links and references to other files"):
        assert part in warning
    assert check(result.packages[0]).findings == []


def test_static_svg_builds_without_a_word_and_the_same_bytes_every_time(course, tmp_path):
    (course / "media" / "plain.svg").write_bytes(
        b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Generator: a drawing program -->\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        b'viewBox="0 0 10 10" inkscape:version="1.0"><title>A dot</title><circle cx="5" cy="5" r="4"/></svg>')
    _in_body(course, "![a dot](media/plain.svg)")
    first = build(course, tmp_path / "a", reuse=False)
    assert first.warnings == []
    os.utime(course / "media" / "plain.svg", (time.time() + 5, time.time() + 5))
    second = build(course, tmp_path / "b", reuse=False)
    assert first.packages[0].read_bytes() == second.packages[0].read_bytes()
    assert b"<circle" in _svg_in_package(first.packages[0]) and b"inkscape" not in _svg_in_package(first.packages[0])


def test_svg_that_cannot_be_read_is_refused(course, tmp_path):
    (course / "media" / "broken.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>")
    _in_body(course, "![broken](media/broken.svg)")
    (error,) = _errors(course, tmp_path)
    assert "'media/broken.svg' cannot be read as an SVG picture" in error and "export it as PNG" in error


# svgclean on its own ------------------------------------------------------------------------------------------

def test_clean_is_static_idempotent_and_keeps_drawing():
    out, removed = svgclean.clean(EVIL_SVG)
    _assert_static(out)
    assert svgclean.clean(out) == (out, [])
    assert "a style sheet that loads files or runs code" in removed and "styles that load files" in removed


def test_entities_are_never_expanded_nor_the_dtd_loaded():
    secret = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
              b'<svg xmlns="http://www.w3.org/2000/svg"><text>&a;&x;</text></svg>')
    out, removed = svgclean.clean(secret)
    assert b"lol" not in out and b"root:" not in out and b"ENTITY" not in out and b"DOCTYPE" not in out
    assert removed == ["entity declarations", "entity references"]


def test_billion_laughs_is_refused_at_once():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol">'
              + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
              + b']><svg xmlns="http://www.w3.org/2000/svg"><text>&j;</text></svg>')
    started = time.perf_counter()
    try:
        out = svgclean.clean(laughs)[0]
    except svgclean.SvgError:  # libxml2 refuses the declarations themselves
        out = b""
    assert time.perf_counter() - started < 1 and b"lol" not in out


@pytest.mark.parametrize("data", [b"<html><svg/></html>", b"<rect/>", b"not xml", b""])
def test_clean_refuses_what_is_no_svg(data):
    with pytest.raises(svgclean.SvgError):
        svgclean.clean(data)


@pytest.mark.parametrize("head,kind", [
    (b"\x89PNG\r\n\x1a\n\0\0", "png"), (b"\xff\xd8\xff\xe0", "jpeg"), (b"GIF89a", "gif"),
    (b"RIFF\0\0\0\0WEBPVP8 ", "webp"), (b"RIFF\0\0\0\0WAVEfmt ", "wav"), (b"\0\0\0\x1cftypavif\0\0\0\0avifmif1", "avif"),
    (b"\0\0\0\x18ftypisom\0\0\2\0isomiso2", "mp4"), (b"\0\0\0\x20ftypM4A \0\0\0\0M4A mp42", "m4a"),
    (b"\0\0\0\x14ftypqt  \0\0\0\0qt  ", "mov"), (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "webm"),
    (b"\x1a\x45\xdf\xa3\xa3\x42\x82\x88matroska", "matroska"), (b"OggS\0\2", "ogg"), (b"ID3\4\0", "mp3"),
    (b"\xff\xfb\x90\x64", "mp3"), (b"\xff\xf1\x50\x80", "aac"), (b"%PDF-1.7", "pdf"),
    (b"<?xml version='1.0'?>\n<!-- x -->\n<svg xmlns='http://www.w3.org/2000/svg'/>", "svg"),
    (b"<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' 'x'><svg>", "svg"), (b"\n <HTML><body>", "html"),
    (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", "html"), (b"<?xml version='1.0'?><a/>", "xml"),
    (b"\xff\xfe<\0h\0t\0m\0l\0>\0", "html"), (b"Plain notes <b>bold</b>", None), (b"\0\1\2\3garbage", None),
])
def test_real_type_from_magic_bytes(head, kind):
    assert sniff.real_type(head) == kind


# check on any package --------------------------------------------------------------------------------------------

def _with_extra(package: Path, dest: Path, extra: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
        for name, data in extra.items():
            out.writestr(name, data)
    return dest


def test_check_refuses_active_files_added_to_one_of_our_packages(tmp_path):
    package = build(SAMPLE, tmp_path / "out").packages[0]
    spoiled = _with_extra(package, tmp_path / "spoiled.zip",
                          {"media/evil.html": EVIL_HTML, "media/evil.svg": EVIL_SVG, "media/x.png": EVIL_HTML})
    found = {(f.severity, f.code, f.file) for f in check(spoiled).findings if f.code == "active-content"}
    assert found == {("error", "active-content", n) for n in ("media/evil.html", "media/evil.svg", "media/x.png")}
    result = CliRunner().invoke(main, ["check", str(spoiled)])
    assert result.exit_code == 1 and "media/evil.svg: error: an SVG file with event handlers (onload), script" in result.output


def _foreign(path: Path, extra: dict[str, bytes]) -> Path:
    manifest = (b'<?xml version="1.0"?><manifest identifier="M" version="1" '
                b'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
                b'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schema>ADL SCORM</schema>'
                b'<schemaversion>1.2</schemaversion></metadata><organizations default="O"><organization identifier="O">'
                b'<title>T</title><item identifier="I" identifierref="R"><title>T</title></item></organization>'
                b'</organizations><resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" '
                b'href="index.html"><file href="index.html"/>'
                + b"".join(b'<file href="%s"/>' % n.encode() for n in extra) + b"</resource></resources></manifest>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("imsmanifest.xml", manifest)
        zf.writestr("index.html", EVIL_HTML)  # the launch page: its script is the package's own code
        for name, data in extra.items():
            zf.writestr(name, data)
    return path


def test_check_warns_once_with_the_names_in_another_tools_package(tmp_path):
    static = svgclean.clean(EVIL_SVG)[0]
    package = _foreign(tmp_path / "other.zip", {"extra.html": EVIL_HTML, "pic.svg": EVIL_SVG, "ok.svg": static,
                                                "photo.jpg": EVIL_HTML, "dot.png": b"\x89PNG\r\n\x1a\n",
                                                "schemas/extra.xsd": b'<?xml version="1.0"?><xs:schema '
                                                b'xmlns:xs="http://www.w3.org/2001/XMLSchema"/>'})
    report = check(package)
    (finding,) = [f for f in report.findings if f.code == "active-content"]
    assert finding.severity == "warning" and report.errors == []
    assert finding.message.startswith("3 file(s) besides the launch pages can run script in the learner's Moodle "
                                      "session: extra.html, pic.svg (an SVG file with event handlers (onload), script")
    assert finding.message.endswith(", photo.jpg (a web page under another name)")
    for inert in ("ok.svg", "index.html", "dot.png", "extra.xsd"):
        assert inert not in finding.message
    strict = CliRunner().invoke(main, ["check", "--strict", str(package)])
    assert strict.exit_code == 1


def test_svg_with_a_long_licence_comment_first_is_still_a_picture(course, tmp_path):
    licence = b"<!-- " + b"Licence text. " * 200 + b"-->\n"
    (course / "media" / "long.svg").write_bytes(b'<?xml version="1.0"?>\n' + licence +
                                                b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    _in_body(course, "![a square](media/long.svg)")
    svg = _svg_in_package(build(course, tmp_path / "out").packages[0])
    assert b"<rect" in svg and b"Licence" not in svg
