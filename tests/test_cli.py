"""The command line, through click's CliRunner: summaries, exit codes, no tracebacks."""
from __future__ import annotations

import json
import zipfile

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


# ---------------------------------------------------------------- habits of mkdocs and sphinx

def warned_course(tmp_path, monkeypatch):
    """A copy of the sample course whose build gives one warning (progress data over a lowered limit)."""
    course = copy_course(SAMPLE, tmp_path / "warned")
    (course / "course.yaml").write_text((course / "course.yaml").read_text() + "packaging:\n  suspend_data_limit: warn\n")
    monkeypatch.setattr("scorm_builder.suspend.LIMIT", 100)
    return course


def test_build_in_a_course_folder_needs_no_argument(tmp_path, monkeypatch):
    course = copy_course(SAMPLE, tmp_path / "c")
    monkeypatch.chdir(course)
    result = run("build", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "sample-course-1.0.zip").is_file()
    monkeypatch.chdir(tmp_path)   # no course.yaml here: course/ as before
    result = run("build", "-o", str(tmp_path / "out2"))
    assert result.exit_code == 2 and "course: no such folder" in result.stderr


def test_strict_makes_warnings_fail_build_and_check(tmp_path, monkeypatch):
    course = warned_course(tmp_path, monkeypatch)
    relaxed = run("build", str(course), "-o", str(tmp_path / "a"), "--force")
    assert relaxed.exit_code == 0 and ": warning: packaging: progress data" in relaxed.stderr
    strict = run("build", str(course), "-o", str(tmp_path / "b"), "--force", "--strict")
    assert strict.exit_code == 1
    assert "error: 1 warning treated as errors (--strict)" in strict.stderr
    assert "Traceback" not in strict.output

    # check: a zip with a file its manifest does not list is READY with a warning, and fails with --strict
    monkeypatch.undo()
    package = tmp_path / "a" / "sample-course-1.0.zip"
    run("build", str(SAMPLE), "-o", str(tmp_path / "a"), "--force")
    with zipfile.ZipFile(package, "a") as zf:
        zf.writestr("notes.txt", "left over")
    assert run("check", str(package)).exit_code == 0
    result = run("check", str(package), "--strict")
    assert result.exit_code == 1 and "notes.txt: warning: file not listed" in result.stdout
    assert "treated as errors (--strict)" in result.stderr


def test_check_without_argument_checks_the_course_of_this_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(copy_course(SAMPLE, tmp_path / "c"))
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("sample-course-1.0.zip: SCORM 1.2: READY for Moodle")
    assert not list(tmp_path.glob("**/*.zip"))   # built in a temporary folder, then removed


def test_verbose_and_quiet_before_or_after_the_verb(tmp_path):
    for args in (["-v", "build", str(SAMPLE), "-o", str(tmp_path), "--force"],
                 ["build", str(SAMPLE), "-o", str(tmp_path), "--force", "-v"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "load and validate" in result.stdout   # the time of each step
    for args in (["-q", "build", str(SAMPLE), "-o", str(tmp_path)], ["build", str(SAMPLE), "-o", str(tmp_path), "-q"]):
        result = run(*args)
        assert result.exit_code == 0 and result.stdout == ""


def test_colour_on_a_terminal_only_and_never_with_no_color(tmp_path, monkeypatch):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "pass_mark: 70", "pass_mrk: 70")
    red = "\x1b[31m\x1b[1merror:\x1b[0m"
    coloured = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "o")], color=True)
    assert red in coloured.stderr
    assert red not in run("build", str(course), "-o", str(tmp_path / "o")).stderr   # not a terminal
    assert red not in CliRunner().invoke(main, ["build", str(course), "--no-color"], color=True).stderr
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "o")], color=True)
    assert "\x1b[" not in result.stderr and "course.yaml:15:1: error: pass_mrk" in result.stderr


def test_preview_language_follows_the_environment():
    from scorm_builder.catalogue import language_from_env

    assert language_from_env({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert language_from_env({"LC_ALL": "ar_SA.UTF-8", "LANG": "fr_FR.UTF-8"}) == "ar"
    assert language_from_env({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "ar"}) == "en"   # the first one set decides
    assert language_from_env({}) == "en"
    assert "--lang [ar|fr|en]" in run("preview", "--help").stdout


def test_shell_completion_scripts_and_answers():
    def complete(shell: str, instruction: str, **env):
        return CliRunner().invoke(main, [], prog_name="scorm-builder",
                                  env={"_SCORM_BUILDER_COMPLETE": f"{shell}_{instruction}", **env})

    for shell, marker in (("bash", "complete -o nosort -F"), ("zsh", "#compdef scorm-builder"),
                          ("fish", "complete --no-files --command scorm-builder"),
                          ("powershell", "Register-ArgumentCompleter -Native -CommandName scorm-builder")):
        result = complete(shell, "source")
        assert result.exit_code == 0 and marker in result.output, shell
    answer = complete("powershell", "complete", COMP_LINE="scorm-builder bu", COMP_INCOMPLETE="bu")
    assert answer.output.split() == ["build"]
    answer = complete("powershell", "complete", COMP_LINE="scorm-builder build --st", COMP_INCOMPLETE="--st")
    assert answer.output.split() == ["--strict"]
    answer = complete("bash", "complete", COMP_WORDS="scorm-builder preview --la", COMP_CWORD="2")
    assert "--lang" in answer.output
