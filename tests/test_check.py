"""`check` and `diff` on real third-party packages, on our own, and on hostile zips."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, SAMPLE, copy_course, edit
from scorm_builder import build
from scorm_builder.check import check
from scorm_builder.cli import main
from scorm_builder.diff import diff

FIXTURES = ROOT.parent / "shared" / "fixtures" / "third-party-scorm"
GOLF_12 = ["singlescobasic.zip", "singlesco_scorm12.zip", "RuntimeMinimumCalls_SCORM12.zip",
           "RuntimeMinimumCalls_SCORM12-mini.zip"]
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="shared fixtures not present")


def codes(report) -> set[str]:
    return {f.code for f in report.errors}


@needs_fixtures
@pytest.mark.parametrize("name", GOLF_12)
def test_golf_examples_pass(name):
    report = check(FIXTURES / name)
    assert report.version == "1.2"
    assert report.errors == []


@needs_fixtures
@pytest.mark.parametrize("name,code", [
    ("badscorm.zip", "manifest-in-folder"),
    ("invalid.zip", "no-manifest"),
    ("singlescobasic_missingorg.zip", "no-organization"),
    ("validscorm.zip", "malformed-xml"),
    ("RuntimeBasicCalls_SCORM20043rdEdition.zip", "not-scorm12"),
])
def test_broken_packages_get_their_specific_error(name, code):
    assert codes(check(FIXTURES / name)) == {code}


@needs_fixtures
def test_cli_exit_codes_and_json(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["check", str(FIXTURES / "singlescobasic.zip")])
    assert ok.exit_code == 0 and "READY for Moodle" in ok.output
    bad = runner.invoke(main, ["check", "--json", str(FIXTURES / "badscorm.zip")])
    assert bad.exit_code == 1
    assert json.loads(bad.output)["findings"][0]["code"] == "manifest-in-folder"
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert runner.invoke(main, ["check", str(junk)]).exit_code == 2


def test_our_package_has_no_findings_at_all(tmp_path):
    report = check(build(SAMPLE, tmp_path).packages[0])
    assert report.findings == []


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


MANIFEST_HEAD = '<?xml version="1.0"?>\n'
XXE = MANIFEST_HEAD + '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest>&x;</manifest>'
LAUGHS = MANIFEST_HEAD + "<!DOCTYPE m [<!ENTITY a \"lol\">" + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]><manifest>&j;</manifest>"


def _hostile(kind: str, tmp: Path) -> Path:
    path = tmp / f"{kind}.zip"
    if kind == "bomb":
        return _zip(path, {"imsmanifest.xml": b"<manifest/>", "big.html": b"\0" * (64 * 1024 * 1024)})
    if kind == "entries":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
            for i in range(100_000):
                zf.writestr(f"f{i}.txt", b"")
        return path
    if kind == "slip":
        return _zip(path, {"imsmanifest.xml": b"<manifest/>", "../evil.html": b"x", "/etc/cron.d/x": b"x", "a\\b.html": b"x"})
    return _zip(path, {"imsmanifest.xml": (XXE if kind == "xxe" else LAUGHS).encode()})


@pytest.mark.parametrize("kind,code", [
    ("bomb", "zip-bomb"), ("entries", "too-many-entries"), ("slip", "unsafe-name"), ("xxe", "dtd"), ("laughs", "dtd"),
])
def test_hostile_zips_get_a_clean_verdict_fast_and_in_bounded_memory(tmp_path, kind, code):
    path = _hostile(kind, tmp_path)
    script = ("import resource, sys, time\nfrom scorm_builder.check import check\nt = time.perf_counter()\n"
              f"r = check({str(path)!r})\n"
              "print(','.join(sorted({f.code for f in r.errors})), time.perf_counter() - t,"
              " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    # through sh, which forks python: Linux keeps a process's peak memory across exec, so a python exec'd
    # straight from pytest would report pytest's own
    out = subprocess.run(["/bin/sh", "-c", '"$0" -c "$1"; exit $?', sys.executable, script],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    found, seconds, peak_mib = out.stdout.split()
    print(f"{kind}: {found} in {float(seconds):.2f} s, peak {peak_mib} MiB")
    assert code in found.split(",")
    assert float(seconds) < 5
    assert int(peak_mib) < 150


def test_diff_identical_rebuild_is_safe(tmp_path):
    a = build(SAMPLE, tmp_path / "a").packages[0]
    b = build(SAMPLE, tmp_path / "b").packages[0]
    report = diff(a, b)
    assert report.safe and report.verdict.startswith("SAFE: nothing")


def test_diff_renamed_module_lists_the_items_moodle_deletes(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "assessment: final.yaml\n", "assessment: final.yaml\npackaging:\n  mode: sco-per-module\n")
    old = build(course, tmp_path / "old").packages[0]
    edit(course / "modules" / "basics.yaml", "id: basics\n", "id: fundamentals\n")
    new = build(course, tmp_path / "new").packages[0]
    report = diff(old, new)
    assert not report.safe
    assert report.lost == ["item 'ITEM-basics' (Basics) is gone: Moodle deletes its tracking data"]
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 1 and result.output.startswith("NOT SAFE")


def test_diff_added_page_keeps_progress_and_mastery_change_is_said(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    old = build(course, tmp_path / "old").packages[0]
    edit(course / "modules" / "basics.yaml", "  - id: kinds\n", "  - id: added\n    title: Added\n    body: New.\n  - id: kinds\n")
    edit(course / "final.yaml", "pass_mark: 70", "pass_mark: 80")
    report = diff(old, build(course, tmp_path / "new").packages[0])
    assert report.safe
    assert any("mastery score 70 -> 80" in line for line in report.changed)
    assert any("reads the old progress data" in line for line in report.notes)


def _mutated(package: Path, dest: Path, manifest=lambda m: m, extra: dict | None = None,
             drop: str | None = None) -> Path:
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            if info.filename == drop:
                continue
            data = src.read(info)
            out.writestr(info.filename, manifest(data) if info.filename == "imsmanifest.xml" else data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return dest


@pytest.mark.parametrize("change,code", [
    ({"manifest": lambda m: m.replace(b"xmlns:adlcp=", b"xmlns:adl=").replace(b"adlcp:", b"adl:")}, "adlcp-prefix"),
    ({"manifest": lambda m: m.replace(b"<adlcp:masteryscore>70<", b"<adlcp:masteryscore>seventy<")}, "bad-mastery"),
    ({"manifest": lambda m: m.replace(b"<title>Sample course</title>", b"<title>" + b"x" * 201 + b"</title>", 2)},
     "long-title"),
    ({"manifest": lambda m: m.replace(b'identifierref="RES-sample-course"', b'identifierref="RES-nowhere"')}, "bad-ref"),
    ({"manifest": lambda m: m.replace(b'default="ORG-sample-course"', b'default="ORG-other"')}, "bad-default"),
    ({"manifest": lambda m: m.replace(b'<file href="index.html"/>', b'<file href="../index.html"/>')}, "href-escapes"),
    ({"drop": "assets/sb.css"}, "missing-file"),
])
def test_moodle_lints_on_a_spoiled_package(tmp_path, change, code):
    package = build(SAMPLE, tmp_path / "out").packages[0]
    assert code in codes(check(_mutated(package, tmp_path / "spoiled.zip", **change)))


def test_network_loads_and_unlisted_files_are_warned(tmp_path):
    package = build(SAMPLE, tmp_path / "out").packages[0]
    spoiled = _mutated(package, tmp_path / "w.zip",
                       extra={"extra.css": b'@import "https://cdn.example.org/x.css";'})
    report = check(spoiled)
    assert report.errors == []
    assert {f.code for f in report.findings} == {"network-load", "unlisted-file"}


def test_damaged_entry_is_unreadable_input_not_a_crash(tmp_path):
    package = build(SAMPLE, tmp_path / "out").packages[0]
    data = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as zf:
        info = zf.getinfo("index.html")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start:start + 20] = bytes(20)  # inside the deflated data of index.html
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["check", str(damaged)])
    assert result.exit_code == 2 and "cannot be read" in result.stderr and "Traceback" not in result.output


def test_diff_refuses_a_package_that_is_not_scorm12(tmp_path):
    aicc = _zip(tmp_path / "aicc.zip", {"course.au": b"x", "course.crs": b"x"})
    ours = build(SAMPLE, tmp_path / "out").packages[0]
    result = CliRunner().invoke(main, ["diff", str(aicc), str(ours)])
    assert result.exit_code == 2 and "AICC package detected" in result.stderr
