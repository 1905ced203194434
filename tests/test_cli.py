"""The command line, through click's CliRunner: summaries, exit codes, no tracebacks."""
from __future__ import annotations

import json

import jsonschema
import yaml
from click.testing import CliRunner

from helpers import SAMPLE, copy_course, edit
from scorm_builder.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_build_prints_a_one_line_summary(tmp_path):
    result = run("build", str(SAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sample-course-1.0.zip").is_file()
    line = result.stdout.strip()
    assert "\n" not in line
    assert "sample-course-1.0.zip: 4 pages, 12 questions" in line
    assert "files" in line and "KiB" in line and "suspend_data" in line and line.endswith(" s")


def test_course_error_exit_1_with_location_and_no_traceback(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "pass_mark: 70", "pass_mrk: 70")
    result = run("build", str(course), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "course.yaml:15:1: error: pass_mrk: unknown key 'pass_mrk' (did you mean 'pass_mark'?)" in result.stderr
    assert "1 error in the course" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2(tmp_path):
    result = run("build", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such folder" in result.stderr
    assert run("build", "--bogus").exit_code == 2


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "scorm-builder" in result.output


def test_schema_accepts_the_sample_course_and_rejects_typos():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in [SAMPLE / "course.yaml", *sorted((SAMPLE / "modules").glob("*.yaml")), SAMPLE / "final.yaml"]:
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text()))), path
    course = yaml.safe_load((SAMPLE / "course.yaml").read_text())
    course["pass_mrk"] = 70
    assert list(validator.iter_errors(course))


def test_committed_schema_of_the_seed_course_is_current():
    committed = (SAMPLE.parents[2] / "course" / "course.schema.json").read_text(encoding="utf-8")
    assert committed == run("schema").output, "run: scorm-builder schema > course/course.schema.json"


def test_build_json_of_an_unchanged_course_says_skipped_without_stale_timings(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    first = json.loads(run("build", str(course), "-o", str(tmp_path / "out"), "--json").stdout)[0]
    assert first["skipped"] is False and first["summary"]["phases"]
    again = json.loads(run("build", str(course), "-o", str(tmp_path / "out"), "--json").stdout)[0]
    assert again["skipped"] is True
    assert again["summary"]["phases"] == {}
    assert again["summary"]["seconds"] < first["summary"]["seconds"]
    assert again["summary"]["packages"] == first["summary"]["packages"]
