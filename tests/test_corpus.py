"""A corpus of broken courses, one mistake each, with the exact diagnostics expected (tests/corpus/README.md).

Each case is the sample course (tests/courses/sample) plus a small change; it must fail with exactly the lines
of its expected.txt (paths shown relative to the temporary folder), through the library and through the command
line: exit 1, file:line:col and a hint in parentheses on every line, no traceback, nothing written to the output.
A case whose expected.txt says `builds` must build (a BOM, CRLF line ends).
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import SAMPLE, TESTS
from scorm_builder import CourseError, build
from scorm_builder.cli import main

CORPUS = TESTS / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.txt").is_file())
LINE = re.compile(r"^course/[\w./-]+\.yaml:[1-9]\d*:[1-9]\d*: error: .+ \(.+\)$")


def apply_case(case: Path, root: Path) -> Path:
    """The sample course in root/course with the case applied; returns the course folder."""
    course = root / "course"
    shutil.copytree(SAMPLE, course)
    (root / "secret.png").write_bytes(b"outside the course")  # something for links to point at
    if (case / "files").is_dir():
        for src in sorted((case / "files").rglob("*")):
            if src.is_file():
                dest = course / src.relative_to(case / "files")
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(src.read_bytes())
    if (case / "edit.txt").is_file():
        _edit(case / "edit.txt", course)
    return course


def _edit(script: Path, course: Path) -> None:
    """Apply edit.txt: `--- FILE` starts a file; then hunks of ' ' (context), '-' (old) and '+' (new) lines, one
    hunk per run of such lines (a line `@@` separates two runs); `!` lines are actions; `#` lines are comments."""
    target: Path | None = None
    hunk: list[str] = []

    def flush() -> None:
        if not hunk:
            return
        assert target is not None, f"{script}: a hunk before any '--- FILE' line"
        old = "".join(line[1:] + "\n" for line in hunk if line[0] in " -")
        new = "".join(line[1:] + "\n" for line in hunk if line[0] in " +")
        text = target.read_bytes().decode("utf-8") if target.exists() else ""
        if not old:
            text += new
        else:
            count = ("\n" + text).count("\n" + old)
            assert count == 1, f"{script}: the '-' lines occur {count} times in {target.name}; add context"
            text = ("\n" + text).replace("\n" + old, "\n" + new, 1)[1:]
        target.write_bytes(text.encode("utf-8"))
        hunk.clear()

    for line in script.read_text(encoding="utf-8").split("\n")[:-1]:
        if line[:1] in (" ", "-", "+") and not line.startswith("--- "):
            hunk.append(line)
            continue
        flush()
        if line.startswith("--- "):
            target = course / line[4:]
        elif line.startswith("!"):
            _action(line[1:].split(), course)
        else:
            assert line == "@@" or line.startswith("#") or not line, f"{script}: cannot read {line!r}"
    flush()


def _action(words: list[str], course: Path) -> None:
    verb, path = words[0], course / words[1]
    if verb == "symlink":  # !symlink PATH -> TARGET (relative to PATH's folder)
        os.symlink(words[3], path)
    elif verb == "sparse":  # !sparse PATH BYTES: a large file that takes no room on disk
        with open(path, "wb") as f:
            f.truncate(int(words[2]))
    elif verb == "fifo":  # !fifo PATH: a named pipe
        os.mkfifo(path)
    elif verb == "grow":  # !grow PATH BYTES: pad a YAML file with comment lines
        with open(path, "ab") as f:
            while f.tell() < int(words[2]):
                f.write(b"# " + b"padding " * 12 + b"\n")
    else:
        raise AssertionError(f"unknown action {verb}")


def expected_lines(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_corpus_is_big_enough_and_every_line_is_well_formed():
    assert len(CASES) >= 40
    for name in CASES:
        lines = expected_lines(CORPUS / name)
        assert lines, name
        if lines != ["builds"]:
            for line in lines:
                assert LINE.match(line), f"{name}: {line}"


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path):
    case = CORPUS / name
    course = apply_case(case, tmp_path)
    expected = expected_lines(case)
    prefix = f"{tmp_path.as_posix()}/"

    if expected == ["builds"]:
        assert build(course, tmp_path / "out").packages
        result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "cli-out")])
        assert result.exit_code == 0, result.output
        assert list((tmp_path / "cli-out").glob("*.zip"))
        return
    with pytest.raises(CourseError) as info:
        build(course, tmp_path / "out")
    found = [str(d).replace(prefix, "") for d in info.value.diagnostics]
    if os.environ.get("REGENERATE_GOLDEN"):  # same switch as the golden manifest: rewrite, then review the diff
        (case / "expected.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
        expected = found
    assert found == expected
    assert not (tmp_path / "out").exists()
    check_cli(course, tmp_path, expected)


def check_cli(course: Path, tmp_path: Path, expected: list[str]) -> None:
    prefix = f"{tmp_path.as_posix()}/"
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "cli-out")])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    count = len(expected)
    assert result.stderr.replace(prefix, "").splitlines() == expected + [
        f"{count} error{'s' if count != 1 else ''} in the course"]
    assert not (tmp_path / "cli-out").exists()


# The 24 mistakes trainers make most (docs/authoring.md, "When the tool reports a mistake"): their messages in
# Arabic and French too (expected.ar.txt, expected.fr.txt), each at the right line with a hint.
TYPICAL = ["yaml-stray-quote-arabic", "yaml-unclosed-quote", "yaml-missing-colon", "yaml-list-item-under-indented",
           "yaml-tab-indent", "yaml-colon-in-text", "yaml-bad-indent", "yaml-apostrophe-in-single-quotes",
           "yaml-duplicate-key", "yaml-text-after-quote", "unknown-key-typo", "missing-page-title", "media-missing",
           "media-name-typo", "image-without-alt", "module-missing", "duplicate-page-id", "id-arabic",
           "question-without-correct", "single-with-two-correct", "pool-smaller-than-draw", "see-missing-page",
           "not-utf8", "wrong-type-text-for-number"]
WORDS = {"ar": ("خطأ", "أخطاء|خطأ"), "fr": ("erreur", "erreurs?")}
# and what the trainer wrote is taken as meant (yes/no are text, true-false words of the course's language, numbers
# written with Arabic digits or commas): said in their language too
MEANING = ["yaml-yes-no-boolean", "true-false-other-language", "true-false-quoted", "numeric-arabic-comma",
           "duplicate-choice-id"]


@pytest.mark.parametrize("lang", sorted(WORDS))
@pytest.mark.parametrize("name", TYPICAL + MEANING)
def test_typical_mistake_in_the_trainers_language(name, lang, tmp_path):
    case = CORPUS / name
    course = apply_case(case, tmp_path)
    result = CliRunner().invoke(main, ["--lang", lang, "build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.replace(f"{tmp_path.as_posix()}/", "").splitlines()
    found, summary = lines[:-1], lines[-1]
    if os.environ.get("REGENERATE_GOLDEN"):
        (case / f"expected.{lang}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == (case / f"expected.{lang}.txt").read_text(encoding="utf-8").splitlines()
    word, count = WORDS[lang]
    # the same places as in English: only the words change
    assert [re.match(r"^[^ ]+:\d+:\d+:", f).group(0) for f in found] == \
        [re.match(r"^[^ ]+:\d+:\d+:", e).group(0) for e in expected_lines(case)]
    for line in found:
        assert re.match(rf"^course/[\w./-]+\.yaml:[1-9]\d*:[1-9]\d*: {word}: .+ \(.+\)$", line), line
    assert re.search(count, summary), summary
