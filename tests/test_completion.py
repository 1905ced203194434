"""completion: in course.yaml and requires: in the final assessment: what the build accepts, refuses and writes."""
from __future__ import annotations

from click.testing import CliRunner

from helpers import NS, SAMPLE, copy_course, edit, manifest
from scorm_builder.cli import main
from scorm_builder.pipeline import build


def course_with(tmp_path, course_yaml="", final_yaml="", module_quiz=""):
    course = copy_course(SAMPLE, tmp_path / "course")
    for path, extra in ((course / "course.yaml", course_yaml), (course / "final.yaml", final_yaml)):
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    if module_quiz:
        edit(course / "modules" / "basics.yaml", "quiz:\n", "quiz:\n" + module_quiz)
    return course


def mastery(zip_path) -> list[str]:
    return [e.text for e in manifest(zip_path).iterfind(".//adlcp:masteryscore", NS)]


def test_the_mastery_score_follows_the_rule(tmp_path):
    assert mastery(build(course_with(tmp_path / "a"), tmp_path / "a" / "out").packages[0]) == ["70"]
    for rule in ("submit", "none"):
        course = course_with(tmp_path / rule, f"completion:\n  assessment: {rule}\n  pages: 80%\n")
        assert mastery(build(course, tmp_path / rule / "out").packages[0]) == []


def test_requires_is_for_the_final_in_one_sco(tmp_path):
    course = course_with(tmp_path / "m", module_quiz="  requires: all-pages\n")
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "m" / "out")])
    assert result.exit_code == 1 and "basics.yaml:" in result.output
    assert "'requires: all-pages' is for the final assessment" in result.output

    course = course_with(tmp_path / "p", "packaging:\n  mode: sco-per-module\n", "requires: all-pages\n")
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "p" / "out")])
    assert result.exit_code == 1 and "final.yaml:" in result.output
    assert "needs packaging mode single-sco, not sco-per-module" in result.output


def test_a_share_of_pages_is_written_as_a_percentage(tmp_path):
    course = course_with(tmp_path, "completion:\n  pages: 80\n")
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "course.yaml:" in result.output and "pages" in result.output


def test_caption_languages_are_language_codes(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "course")
    (course / "media" / "v.webm").write_bytes(bytes.fromhex("1a45dfa3") + bytes(60))
    edit(course / "modules" / "basics.yaml", "        caption: A network node\n",
         "        caption: A network node\n      - src: media/v.webm\n        captions: {Arabic: media/x.vtt}\n")
    result = CliRunner().invoke(main, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "'Arabic' is not a language code" in result.output
