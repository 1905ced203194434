"""The documentation tells the truth: every command it shows runs, every link points to something, every verb
has help with an example, the CI recipes work.

Commands are the lines of the ```sh blocks of README.md and docs/*.md. Each document's commands run in order,
in a fresh workspace holding a copy of the seed course as `course/`, with `scorm-builder` replaced by
`python -m scorm_builder`. A command must exit 0, unless a comment on its line says `# exit N`.
`make ...`, `pip install ...` and `scorm-builder preview ...` are not run; each appears as a SKIPPED test with
the reason, so that nothing is left out silently.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import import_fixtures
from helpers import ROOT, SAMPLE, SEED, copy_course, edit
from scorm_builder import build
from scorm_builder.cli import main

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^([ \t]*)```([\w-]*)[^\n]*\n(.*?)^[ \t]*```[ \t]*$", re.M | re.S)
RUN = re.compile(r"^(scorm-builder|python -m scorm_builder)(\s|$)")
NOT_RUN = [
    (re.compile(r"^make(\s|$)"),
     "make installs software (pip, apt, npm) and runs the whole suite; CI runs it through .ci/run"),
    (re.compile(r"^(python -m )?pip install\b"), "installs software"),
    (re.compile(r"^python bench/bench.py\b"),
     "the benchmark takes about a minute; tests/test_bench.py runs it with --quick"),
    (re.compile(r"^python bench/(learner|commits).py\b"),
     "browser benchmarks of a minute or more; their parts are the browser tests' (tests/browser)"),
    (re.compile(r"^(scorm-builder|python -m scorm_builder) preview\b"),
     "preview serves the course until it is stopped, so it would never return"),
]
EXPECTED_EXIT = re.compile(r"#.*\bexit (\d)\b")


def _rel(doc: Path) -> str:
    return doc.relative_to(ROOT).as_posix()


def shell_lines(doc: Path) -> list[str]:
    """The command lines of the ```sh blocks (comments and blank lines left out, `\\` continuations joined)."""
    lines = []
    for indent, lang, body in FENCE.findall(doc.read_text(encoding="utf-8")):
        if lang != "sh":
            continue
        pending = ""
        for raw in body.splitlines():
            line = raw[len(indent):] if raw.startswith(indent) else raw.lstrip()
            line = pending + line.strip()
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            pending = ""
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def _reason_not_run(line: str) -> str | None:
    return next((reason for pattern, reason in NOT_RUN if pattern.search(line)), None)


ALL = [(doc, line) for doc in DOCS for line in shell_lines(doc)]
SKIPPED = [(doc, line, _reason_not_run(line)) for doc, line in ALL if _reason_not_run(line)]
RUNNABLE = {doc: [line for d, line in ALL if d == doc and RUN.match(line) and not _reason_not_run(line)]
            for doc in DOCS}


def test_every_shell_line_of_the_docs_is_run_or_skipped_with_a_reason():
    unknown = [f"{_rel(doc)}: {line}" for doc, line in ALL if not RUN.match(line) and not _reason_not_run(line)]
    assert not unknown, "commands this test cannot run; show scorm-builder commands, or add a reason to NOT_RUN"
    assert sum(len(v) for v in RUNNABLE.values()) >= 15, "the ```sh blocks were not found"


@pytest.mark.parametrize("doc, line, reason", SKIPPED, ids=[f"{_rel(d)}: {l}" for d, l, _ in SKIPPED])
def test_command_not_run(doc, line, reason):
    pytest.skip(f"{_rel(doc)}: `{line}` is not run: {reason}")


def _python_command(line: str) -> str:
    return RUN.sub(lambda m: f"{shlex.quote(sys.executable)} -m scorm_builder{m.group(2)}", line, count=1)


def _env(**extra) -> dict:
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A folder like the repository's: `course/` (the seed course), `published/` (its package, standing for
    the zip learners use today, which README's `diff` example compares with a new build) and Moodle report
    downloads of it (the `report` examples)."""
    work = tmp_path / "work"
    copy_course(SEED, work / "course")
    build(work / "course", work / "published")
    import_fixtures.arabic_deck(work / "slides.pptx")  # the deck the `import` examples start from
    for name in ("interactions-ar.ods", "interactions-en.txt", "basic-en.txt"):
        shutil.copyfile(ROOT / "tests" / "report" / name, work / name)
    return work


@pytest.mark.parametrize("doc", [d for d in DOCS if RUNNABLE[d]], ids=_rel)
def test_commands_shown_in_the_docs_run(doc, workspace):
    for line in RUNNABLE[doc]:
        expected = int(EXPECTED_EXIT.search(line).group(1)) if EXPECTED_EXIT.search(line) else 0
        done = subprocess.run(["bash", "-c", _python_command(line)], cwd=workspace, env=_env(),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == expected, (f"{_rel(doc)}: `{line}` exited {done.returncode}, expected {expected}\n"
                                             f"{done.stdout}\n{done.stderr}")


def test_readme_shows_every_verb_and_each_verb_has_help_with_an_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    verbs = sorted(set(main.commands) | {"preview"})
    for verb in verbs:
        assert re.search(rf"^scorm-builder {verb}\b", readme, re.M), f"README shows no example of `{verb}`"
    for verb in main.commands:
        result = CliRunner().invoke(main, [verb, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output and f"scorm-builder {verb}" in result.output, f"`{verb} --help`"
    assert "--version" in readme


def test_readme_keeps_the_two_set_up_commands_and_shows_the_screenshot():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [line.split()[:2] for line in shell_lines(ROOT / "README.md")[:2]] == [["make", "build"], ["make", "test"]]
    assert "](docs/screenshots/page-ar-1280.png)" in readme


# Links ---------------------------------------------------------------------------------------------------------

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""<(?:a|img)\b[^>]*\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)


def _prose(text: str) -> str:
    """The text without code blocks and inline code, where link-like strings are examples, not links."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def anchors(doc: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to '-', '-1', '-2' for repeats."""
    seen: dict[str, int] = {}
    found = set()
    for _, title in HEADING.findall(FENCE.sub("", doc.read_text(encoding="utf-8"))):
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


@pytest.mark.parametrize("doc", DOCS, ids=_rel)
def test_every_relative_link_points_to_an_existing_file(doc):
    text = _prose(doc.read_text(encoding="utf-8"))
    targets = LINK.findall(text) + HTML_LINK.findall(text)
    broken = []
    for target in targets:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto: ...
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading with this anchor in {file.name}")
    assert not broken, f"{_rel(doc)}: " + "; ".join(broken)


def test_the_guides_are_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for guide in ["docs/authoring.md", "docs/authoring.ar.md", "docs/authoring.fr.md", "docs/moodle.md",
                  "docs/course-format.md",
                  "docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml"]:
        assert f"]({guide})" in readme, guide


def test_every_message_key_is_documented_in_the_authoring_guide():
    keys = set(json.loads((ROOT / "templates" / "i18n" / "en.json").read_text(encoding="utf-8")))
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    table = re.search(r"^\| key \| English \|\n\|---\|---\|\n((?:\|.*\n)+)", guide, re.M).group(1)
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.M))
    assert documented == keys, {"undocumented": keys - documented, "not in the catalogue": documented - keys}


# CI recipes ----------------------------------------------------------------------------------------------------

def _github_build_script() -> str:
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["packages"]["steps"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") and "dist/*.zip" in s["with"]["path"]
               for s in steps), "the zips are published"
    return next(s["run"] for s in steps if s.get("name") == "Build and check every course")


def _gitlab_build_script() -> str:
    job = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["scorm-packages"]
    assert "dist/*.zip" in job["artifacts"]["paths"], "the zips are published"
    # the install line is left out: the test runs the library of this checkout through a `scorm-builder` shim
    return "\n".join(line for line in job["script"] if not line.startswith("python -m pip install"))


def _recipe_env(tmp_path: Path) -> dict:
    shim = tmp_path / "bin" / "scorm-builder"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m scorm_builder "$@"\n')
    shim.chmod(0o755)
    return _env(PATH=f"{shim.parent}{os.pathsep}{os.environ['PATH']}", COURSES=".")


def _problem_matcher() -> re.Pattern:
    text = (ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    matcher = json.loads(re.search(r"<<'JSON'\n(.*?)\n\s*JSON\n", text, re.S).group(1))
    return re.compile(matcher["problemMatcher"][0]["pattern"][0]["regexp"])


@pytest.mark.parametrize("recipe", [_github_build_script, _gitlab_build_script], ids=["github", "gitlab"])
def test_ci_recipe_builds_and_checks_every_course(recipe, tmp_path):
    repo = tmp_path / "repo"
    copy_course(SEED, repo / "course")
    copy_course(SAMPLE, repo / "sample")
    done = subprocess.run(["bash", "-e", "-c", recipe()], cwd=repo, env=_recipe_env(tmp_path),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (repo / "dist").glob("*.zip")) == ["networking-collective-work-1.0.0.zip",
                                                                    "sample-course-1.0.zip"]
    assert done.stdout.count("READY for Moodle") == 2
    summary = json.loads((repo / "dist" / "build-summary.json").read_text(encoding="utf-8"))
    assert sorted(s["summary"]["course_id"] for s in summary) == ["networking-collective-work", "sample-course"]


@pytest.mark.parametrize("recipe", [_github_build_script, _gitlab_build_script], ids=["github", "gitlab"])
def test_ci_recipe_fails_on_a_course_error_and_points_at_its_line(recipe, tmp_path):
    repo = tmp_path / "repo"
    copy_course(SAMPLE, repo / "sample")
    edit(repo / "sample" / "course.yaml", "pass_mark: 70", "pass_mrk: 70")
    done = subprocess.run(["bash", "-e", "-c", recipe()], cwd=repo, env=_recipe_env(tmp_path),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    found = [m for m in map(_problem_matcher().match, done.stderr.splitlines()) if m]
    assert [m.groups()[:4] for m in found] == [("sample/course.yaml", "15", "1", "error")], done.stderr
