"""`scorm-builder import` on hostile files: clear errors or bounded work, nothing written outside COURSE_DIR,
nothing written at all on failure."""
from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

import import_fixtures as fx
from helpers import ROOT
from scorm_builder import build
from scorm_builder.check import check
from scorm_builder.errors import PackageError, UsageError
from scorm_builder.importer import import_course, pptx_reader, writer
from scorm_builder.importer.odf_reader import PARSER

pytest.importorskip("pptx")
pytest.importorskip("docx")

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


def _rewrite(source: Path, dest: Path, change) -> Path:
    """A copy of the zip `source` in which `change(name, data)` returns each part's new (name, data), or None."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            changed = change(info.filename, old.read(info))
            if changed:
                new.writestr(changed[0], changed[1])
    return dest


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return fx.arabic_deck(tmp_path_factory.mktemp("deck") / "deck.pptx")


# Zip bombs ------------------------------------------------------------------------------------------------

def _bomb(path: Path, name: str, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z, z.open(name, "w") as part:
        zeros = bytes(2**20)
        for _ in range(megabytes):
            part.write(zeros)
    return path


def _lie(path: Path, name: str, size: int) -> None:
    """Rewrite the local and central headers of part `name` to claim `size` bytes (and their CRC)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    crc = zlib.crc32(bytes(size))
    struct.pack_into("<I", data, info.header_offset + 14, crc)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    central = data.find(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, size)
    path.write_bytes(bytes(data))


def test_zip_bomb_disguised_as_pptx_is_refused_before_inflating(deck, tmp_path):
    bomb = _bomb(_rewrite(deck, tmp_path / "bomb.pptx", lambda n, d: (n, d)), "ppt/media/huge.png", 64)
    assert bomb.stat().st_size < 2**20
    started = time.perf_counter()
    with pytest.raises(UsageError, match=r"part 'ppt/media/huge.png' unpacks \d+ times larger .* zip bomb"):
        import_course(bomb, tmp_path / "course")
    assert time.perf_counter() - started < 5
    assert _files(tmp_path) == {"bomb.pptx"}


def test_part_whose_header_understates_its_size_is_refused(deck, tmp_path):
    bomb = _bomb(_rewrite(deck, tmp_path / "bomb.pptx", lambda n, d: (n, d)), "ppt/media/huge.png", 64)
    _lie(bomb, "ppt/media/huge.png", 1000)
    with pytest.raises(UsageError, match="stored larger than its stated size"):
        import_course(bomb, tmp_path / "course")
    assert _files(tmp_path) == {"bomb.pptx"}


# VmHWM is the peak of this process's own memory: Linux carries ru_maxrss across exec, so a child started
# from pytest would report pytest's peak (which reached 314 MiB in a full run)
MEASURE = """
import json, re, sys, time
from scorm_builder.importer import import_course
started = time.perf_counter()
error = None
try:
    import_course(sys.argv[1], sys.argv[2])
except Exception as exc:
    error = f"{type(exc).__name__}: {exc}"
print(json.dumps({"seconds": time.perf_counter() - started, "error": error,
                  "peak_mib": int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read())[1]) / 1024}))
"""


def _measured(source: Path, dest: Path) -> dict:
    """Import in a fresh process, for its own peak memory."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(source), str(dest)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_part_that_inflates_past_its_stated_size_costs_only_what_it_states(deck, tmp_path):
    """Stated size = stored size passes the header checks; inflating stops at the stated size anyway."""
    bomb = _bomb(_rewrite(deck, tmp_path / "bomb.pptx", lambda n, d: (n, d)), "ppt/media/huge.png", 256)
    with zipfile.ZipFile(bomb) as z:
        stored = z.getinfo("ppt/media/huge.png").compress_size
    _lie(bomb, "ppt/media/huge.png", stored)
    numbers = _measured(bomb, tmp_path / "course")
    print(f"\nlying 256 MiB part: {numbers}")
    assert numbers["peak_mib"] < 200, numbers  # the part alone would take 256 MiB
    assert numbers["error"] is None and (tmp_path / "course" / "course.yaml").is_file()


# XML entity expansion -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, part", [("pptx", "ppt/slides/slide3.xml"), ("docx", "word/document.xml"),
                                        ("odp", "content.xml")])
def test_entity_expansion_is_refused(deck, tmp_path, kind, part):
    sources = {"pptx": lambda p: deck, "docx": fx.bilingual_doc, "odp": fx.arabic_odp}
    original = sources[kind](tmp_path / f"original.{kind}")

    def laugh(name, data):
        if name == part:
            body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data)
            data = LAUGHS.encode() + body.replace("تعريف".encode(), b"&lol9;", 1).replace(b"</text:p>", b"&lol9;</text:p>", 1)
        return name, data

    hostile = _rewrite(original, tmp_path / f"hostile.{kind}", laugh)
    with pytest.raises(UsageError, match=f"part '{part}' declares XML entities"):
        import_course(hostile, tmp_path / "course")
    assert not (tmp_path / "course").exists()


def test_parsers_never_expand_entities():
    """Behind the refusal, the parsers themselves (ours for OpenDocument, python-pptx's, python-docx's) keep
    entities unexpanded, or libxml2 stops at once on the amplification."""
    from docx.oxml.parser import oxml_parser as docx_parser
    from pptx.oxml import oxml_parser as pptx_parser

    document = (LAUGHS + "<r>&lol9;</r>").encode()
    for parser in (PARSER, pptx_parser, docx_parser):
        started = time.perf_counter()
        try:
            assert "lol" not in "".join(etree.fromstring(document, parser).itertext())
        except etree.XMLSyntaxError as error:
            assert "amplification" in str(error)
        assert time.perf_counter() - started < 1


# Path traversal in media names -----------------------------------------------------------------------------

def test_pptx_media_names_that_climb_out_stay_inside(deck, tmp_path):
    def climb(name, data):
        if name == "ppt/slides/_rels/slide8.xml.rels":
            return name, re.sub(rb'Target="\.\./media/[^"]+"', b'Target="../../../../../../evil.png"', data)
        return name, data

    hostile = _rewrite(deck, tmp_path / "hostile.pptx", climb)
    with zipfile.ZipFile(hostile, "a") as z:
        z.writestr("evil.png", fx.png((9, 9, 9)))
        z.writestr("../../evil.png", fx.png((9, 9, 9)))
    result = import_course(hostile, tmp_path / "course")
    written = _files(tmp_path / "course")
    assert all(re.fullmatch(r"(course\.yaml|course\.schema\.json|modules/\d\d-[a-z0-9-]+\.yaml|media/[a-z0-9-]+\.png)",
                            name) for name in written), written
    assert _files(tmp_path) == {"hostile.pptx"} | {f"course/{n}" for n in written}
    assert result.pictures == 2


def test_odp_picture_hrefs_outside_the_file_are_never_read(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(fx.png((7, 7, 7)))
    frames = "".join(f'<draw:frame><draw:image xlink:href="{href}"/><svg:desc>x</svg:desc></draw:frame>'
                     for href in ("../../../evil.png", str(secret), "file:///etc/passwd", "/etc/passwd"))
    body = (f'<draw:page><draw:frame presentation:class="title"><draw:text-box><text:p>صور</text:p></draw:text-box>'
            f'</draw:frame>{frames}</draw:page>')
    source = fx.odf(tmp_path / "hostile.odp", "presentation", body, {"../../../evil.png": fx.png((9, 9, 9))})
    result = import_course(source, tmp_path / "course")
    assert result.pictures == 1  # the part named ../../../evil.png, read from inside the file
    assert [line.split(": ")[1][:17] for line in result.dropped] == ["a linked picture "] * 3
    media = list((tmp_path / "course" / "media").iterdir())
    assert [p.read_bytes() for p in media] == [fx.png((9, 9, 9))]
    assert _files(tmp_path) == {"hostile.odp", "secret.png"} | {f"course/{n}" for n in _files(tmp_path / "course")}


# Size: a 500-slide deck ------------------------------------------------------------------------------------

def _big_deck(path: Path, slides: int) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    picture = fx.png((30, 60, 90), (320, 200))
    for n in range(1, slides + 1):
        if n % 50 == 1:
            deck.slides.add_slide(deck.slide_layouts[2]).shapes.title.text = f"المحور {n // 50 + 1}"
            continue
        s = deck.slides.add_slide(deck.slide_layouts[1])
        s.shapes.title.text = f"الشريحة {n}: موضوع التشبيك"
        frame = s.placeholders[1].text_frame
        frame.text = f"النقطة الأولى من الشريحة {n} حول العمل الجماعي (networking)"
        for level in (1, 2, 0):
            p = frame.add_paragraph()
            p.text, p.level = f"نقطة في المستوى {level} من الشريحة {n}", level
        s.notes_slide.notes_text_frame.text = f"ملاحظات الشريحة {n}"
        if n % 10 == 0:
            s.shapes.add_picture(__import__("io").BytesIO(picture), Inches(5), Inches(5))
    deck.save(path)
    return path


def test_500_slide_deck_imports_and_builds_in_bounded_time_and_memory(tmp_path):
    source = _big_deck(tmp_path / "big.pptx", 500)
    numbers = _measured(source, tmp_path / "big")
    assert numbers["error"] is None, numbers
    started = time.perf_counter()
    result = build(tmp_path / "big", tmp_path / "dist")
    numbers["build_seconds"] = time.perf_counter() - started
    print(f"\n500-slide deck ({source.stat().st_size // 1024} KiB): {numbers}")
    assert result.pages == 490 and not check(result.packages[0]).errors
    assert "mode: sco-per-module" in (tmp_path / "big" / "course.yaml").read_text(encoding="utf-8")
    # generous ceilings (a shared 2-core machine): measured 3.7 s and 87 MiB here
    assert numbers["seconds"] < 60 and numbers["peak_mib"] < 400, numbers


def test_too_many_slides_is_a_clear_error(deck, tmp_path, monkeypatch):
    monkeypatch.setattr(pptx_reader, "MAX_SLIDES", 10)
    with pytest.raises(UsageError, match="has 12 slides, more than the 10 one course can hold"):
        import_course(deck, tmp_path / "course")


# Nothing written on failure -------------------------------------------------------------------------------

def test_a_failure_while_writing_leaves_nothing(deck, tmp_path, monkeypatch):
    def broken(outline, dest, *args):
        (dest / "course.yaml").write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "write", broken)
    with pytest.raises(UsageError, match="No space left on device"):
        import_course(deck, tmp_path / "course")
    assert _files(tmp_path) == set() and not list(tmp_path.iterdir())


def test_a_course_that_would_not_load_is_never_put_in_place(deck, tmp_path, monkeypatch):
    real = writer.write

    def wrong(outline, dest, *args):
        counts = real(outline, dest, *args)
        (dest / "course.yaml").write_text((dest / "course.yaml").read_text().replace("id: course", "id: Course"))
        return counts

    monkeypatch.setattr(writer, "write", wrong)
    with pytest.raises(PackageError, match="does not load"):
        import_course(deck, tmp_path / "course")
    assert not list(tmp_path.iterdir())
