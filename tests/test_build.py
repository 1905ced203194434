"""Building the sample course: a valid, complete, reproducible SCORM 1.2 package."""
from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from helpers import NS, SAMPLE, TESTS, copy_course, edit, manifest
from scorm_builder import build
from scorm_builder.manifest import CONTROLLING_XSDS, schema
from scorm_builder.paths import XSD_DIR

GOLDEN = TESTS / "golden" / "sample-imsmanifest.xml"
SHARED_XSD = Path(__file__).resolve().parents[2] / "shared" / "scorm12-xsd"


@pytest.fixture(scope="module")
def sample_zip(tmp_path_factory) -> Path:
    result = build(SAMPLE, tmp_path_factory.mktemp("dist"))
    assert [p.name for p in result.packages] == ["sample-course-1.0.zip"]
    return result.packages[0]


def test_manifest_at_root_and_valid_against_the_scorm_schemas(sample_zip):
    with zipfile.ZipFile(sample_zip) as zf:
        names = zf.namelist()
        assert names[0] == "imsmanifest.xml"
        doc = etree.fromstring(zf.read("imsmanifest.xml"))
    assert schema().validate(doc), schema().error_log


def test_every_file_listed_and_every_listed_file_present(sample_zip):
    doc = manifest(sample_zip)
    listed = {f.get("href") for f in doc.iterfind(".//cp:file", NS)}
    with zipfile.ZipFile(sample_zip) as zf:
        present = set(zf.namelist()) - {"imsmanifest.xml"}
    assert listed == present
    for res in doc.iterfind(".//cp:resource", NS):
        if res.get("href"):
            assert res.get("href") in present


def test_identifiers_unique_ascii_and_references_resolve(sample_zip):
    doc = manifest(sample_zip)
    ids = [el.get("identifier") for el in doc.iter() if el.get("identifier")]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() for i in ids)
    assert doc.find("cp:organizations", NS).get("default") in ids
    for ref in doc.iterfind(".//*[@identifierref]"):
        assert ref.get("identifierref") in ids


def test_moodle_reads_the_literal_adlcp_prefix(sample_zip):
    with zipfile.ZipFile(sample_zip) as zf:
        text = zf.read("imsmanifest.xml").decode()
    assert 'adlcp:scormtype="sco"' in text
    assert "<adlcp:masteryscore>70</adlcp:masteryscore>" in text


def test_xsds_shipped_unchanged(sample_zip):
    with zipfile.ZipFile(sample_zip) as zf:
        for name in CONTROLLING_XSDS:
            assert zf.read(name) == (XSD_DIR / name).read_bytes()
            if SHARED_XSD.is_dir():
                assert zf.read(name) == (SHARED_XSD / name).read_bytes()


def test_file_names_ascii_and_media_stored(sample_zip):
    with zipfile.ZipFile(sample_zip) as zf:
        infos = zf.infolist()
    assert all(i.filename.isascii() and "\\" not in i.filename for i in infos)
    kinds = {i.filename: i.compress_type for i in infos}
    media = [n for n in kinds if n.startswith("media/")]
    assert media and all(kinds[n] == zipfile.ZIP_STORED for n in media)
    assert kinds["index.html"] == zipfile.ZIP_DEFLATED


def test_golden_manifest(sample_zip):
    """Set REGENERATE_GOLDEN=1 to accept a deliberate change of the manifest."""
    with zipfile.ZipFile(sample_zip) as zf:
        text = zf.read("imsmanifest.xml").decode()
    if os.environ.get("REGENERATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(tmp_path, sample_zip):
    again = build(SAMPLE, tmp_path).packages[0]
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(sample_zip.read_bytes()).hexdigest()


def test_identifiers_stable_after_adding_a_page(tmp_path, sample_zip):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "modules" / "basics.yaml", "  - id: kinds\n",
         "  - id: added\n    title: Added\n    body: New page.\n  - id: kinds\n")
    rebuilt = build(course, tmp_path / "out").packages[0]
    old = {el.get("identifier") for el in manifest(sample_zip).iter() if el.get("identifier")}
    new = {el.get("identifier") for el in manifest(rebuilt).iter() if el.get("identifier")}
    assert old == new


def test_page_content_reaches_the_launch_page(sample_zip):
    with zipfile.ZipFile(sample_zip) as zf:
        html = zf.read("index.html").decode()
    assert 'dir="ltr"' in html and 'lang="en"' in html
    assert "<strong>exchange</strong>" in html
    assert 'id="sb-data"' in html


@pytest.mark.parametrize("mode,expected", [
    ("sco-per-module", {"sample-course-1.0.zip"}),
    ("package-per-module", {"sample-course-home-1.0.zip", "sample-course-basics-1.0.zip",
                            "sample-course-practice-1.0.zip", "sample-course-final-1.0.zip"}),
])
def test_packaging_modes(tmp_path, mode, expected):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "assessment: final.yaml\n", f"assessment: final.yaml\npackaging:\n  mode: {mode}\n")
    result = build(course, tmp_path / "out")
    assert {p.name for p in result.packages} == expected
    for package in result.packages:
        doc = manifest(package)
        assert schema().validate(doc)
        scos = doc.findall(".//cp:resource[@adlcp:scormtype='sco']", NS)
        assert len(scos) == (4 if mode == "sco-per-module" else 1)
    if mode == "sco-per-module":
        items = manifest(result.packages[0]).findall(".//cp:item", NS)
        assert [i.get("identifier") for i in items] == ["ITEM-home", "ITEM-basics", "ITEM-practice", "ITEM-final"]
        mastery = [i.findtext("adlcp:masteryscore", namespaces=NS) for i in items]
        assert mastery == [None, "70", "70", "70"]


def test_source_date_epoch_sets_zip_timestamps(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    package = build(SAMPLE, tmp_path).packages[0]
    with zipfile.ZipFile(package) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_image_in_the_description_is_shipped(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "uses **every** question type", "uses **every** question type ![dot](media/dot.png)")
    package = build(course, tmp_path / "out").packages[0]
    with zipfile.ZipFile(package) as zf:
        html = zf.read("index.html").decode()
        assert 'src="media/dot-48da7f7b.png"' in html
        assert "media/dot-48da7f7b.png" in zf.namelist()


def test_unwritable_output_folder_is_a_file_system_error(tmp_path):
    from click.testing import CliRunner

    from scorm_builder.cli import main

    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(SAMPLE / "course.yaml" / "x")])
    assert result.exit_code == 3 and "cannot write there" in result.stderr and "Traceback" not in result.output
