"""`build --format web`: the course as a static folder (scorm_builder/site.py); in a browser: browser/test_web.py."""
from __future__ import annotations

from click.testing import CliRunner

from helpers import SAMPLE, copy_course
from scorm_builder.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_web_folder_has_one_launch_page_whatever_the_packaging(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    with open(course / "course.yaml", "a", encoding="utf-8") as f:
        f.write("packaging:\n  mode: package-per-module\n")
    result = run("build", str(course), "-o", str(tmp_path / "out"), "--format", "web")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"built {tmp_path / 'out' / 'sample-course-1.0-web'}: 4 pages, 12 questions")
    site = files(tmp_path / "out" / "sample-course-1.0-web")
    assert sorted(site) == ["assets/sb-answers.js", "assets/sb-app.js", "assets/sb-lms.js", "assets/sb.css", "index.html",
                            next(n for n in site if n.startswith("media/dot-"))]
    page = site["index.html"].decode()
    for section in ("home", "basics", "what-is", "practice-quiz", "wrap-up", "final"):
        assert f'data-page="{section}"' in page
    assert not list((tmp_path / "out").glob("*.zip"))


def test_web_folder_is_reproducible_and_replaced_whole(tmp_path):
    out = tmp_path / "out"
    assert run("build", str(SAMPLE), "-o", str(out), "--format", "web").exit_code == 0
    site = out / "sample-course-1.0-web"
    first = files(site)
    (site / "stale.html").write_text("left from an older build")
    assert run("build", str(SAMPLE), "-o", str(out), "--format", "web").exit_code == 0
    assert files(site) == first
    assert sorted(p.name for p in out.iterdir()) == [".scorm-builder", "sample-course-1.0-web"]
    # the zip build beside it is not taken for done
    result = run("build", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0 and result.stdout.startswith("built ") and (out / "sample-course-1.0.zip").is_file()
