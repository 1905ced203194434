"""The printable handout (scorm_builder/handout.py, templates/handout/): the PDF's text read back with pdftotext
(poppler-utils), its pages and metadata with pdfinfo, images with pdfimages."""
from __future__ import annotations

import builtins
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, SAMPLE, SEED, copy_course, edit
from scorm_builder.catalogue import messages
from scorm_builder.cli import main
from scorm_builder.handout import BASE, _fetcher, css_counters, css_string, handout
from scorm_builder.loader import load_course

# the seed course's handout: pages without and with its quizzes and answer key (A4)
SEED_PAGES = range(8, 15)
SEED_PAGES_WITH_QUIZZES = range(18, 30)


@pytest.fixture(scope="session", autouse=True)
def _tools():
    missing = [tool for tool in ("pdftotext", "pdfinfo", "pdfimages") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run `make test` (it installs poppler-utils)")
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.fail(f"WeasyPrint cannot be used ({exc}): pip install -e '.[test]' and run `make test`")


def pdf_text(pdf: Path) -> str:
    return plain(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def plain(text: str) -> str:
    """Letters, digits and punctuation in logical order, for comparisons. Left out: bidi controls, combining marks
    (shadda, harakat) and white space, which pdftotext places apart from their letters and neighbours (it reads
    'الأول: الإطار' as 'الأول :الإطار')."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Mn") and not c.isspace())


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(re.match(r"([^:]+):\s*(.*)", line).groups() for line in out.splitlines() if ":" in line)


def headings(course_dir: Path) -> list[str]:
    """Every section heading of a course, in reading order: module, page and Markdown headings."""
    course = load_course(course_dir)
    found = []
    pages = [(m.title, m.pages) for m in course.modules] + [(None, (course.closing,) if course.closing else ())]
    for title, module_pages in pages:
        found += [title] if title else []
        for page in module_pages:
            found.append(page.title)
            found += re.findall(r"(?m)^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$", page.body)
            for block in page.blocks:  # the titles of accordion sections, tabs and steps, printed as headings
                found += [dict(item)["title"] for item in block.get("items", ()) if "title" in dict(item)]
    return [plain(h) for h in found]


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> Path:
    return handout(SEED, tmp_path_factory.mktemp("seed")).path


@pytest.fixture(scope="module")
def seed_quizzes_pdf(tmp_path_factory) -> Path:
    return handout(SEED, tmp_path_factory.mktemp("seed-q"), with_quizzes=True).path


def test_seed_handout_has_every_heading_in_order_in_logical_arabic(seed_pdf):
    assert seed_pdf.name == "networking-collective-work-1.0.0.pdf"
    text = pdf_text(seed_pdf)
    about = plain(messages("ar")["about"])
    pos = text.index(about, text.index(about) + 1)  # past the contents, which list the titles too
    expected = headings(SEED)
    assert len(expected) > 20
    for heading in expected:
        found = text.find(heading, pos)
        assert found >= 0, f"'{heading}' not found in order after: …{text[pos - 80:pos]}"
        pos = found + len(heading)
    info = pdf_info(seed_pdf)
    assert int(info["Pages"]) in SEED_PAGES, info["Pages"]
    assert "A4" in info["Page size"]
    assert info["Title"] == "التشبيك في العمل الجماعي"


def test_cover_contents_running_headers_and_page_numbers_in_the_course_language(seed_pdf):
    pages = subprocess.run(["pdftotext", str(seed_pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    strings = messages("ar")
    cover, contents = plain(pages[0]), plain(pages[1])
    for value in ("التشبيك في العمل الجماعي", "المركز الوطني للمجتمع المدني", "جمال بوشبوط", "الإصدار 1.0.0"):
        assert plain(value) in cover
    assert plain(strings["page_of"].split("{")[0]) not in cover  # no page number on the cover
    assert contents.startswith(plain("التشبيك في العمل الجماعي" + strings["contents"]))  # header, title
    # the contents give each part's page, and that page shows the part's title as its running header
    title = plain(load_course(SEED).modules[1].title)
    number = int(re.search(re.escape(title) + r"\.*(\d+)", contents).group(1))
    target = plain(pages[number - 1])
    assert target.count(title) >= 2  # running header and title
    assert plain(f"الصفحة {number} من {len(pages) - 1}") in target


def test_quizzes_and_answer_key(seed_quizzes_pdf, seed_pdf):
    info = pdf_info(seed_quizzes_pdf)
    assert int(info["Pages"]) in SEED_PAGES_WITH_QUIZZES, info["Pages"]
    text = pdf_text(seed_quizzes_pdf)
    without = pdf_text(seed_pdf)
    course = load_course(SEED)
    name = plain(messages("ar")["answer_key"])
    key = text.index(name, text.index(name) + 1)  # past the contents
    for quiz in course.quizzes:
        title = plain(quiz.title)
        assert title not in without
        assert text.index(title) < key < text.rindex(title)  # the quiz, then its part of the key
        letters = "".join(c for c in text if c.isalnum())
        for q in quiz.questions:  # every question of the pool, by its first words: pdftotext moves punctuation
            # and may give a wrapped line before the first one
            start = " ".join(q.prompt.split()[:3])
            assert "".join(c for c in start if c.isalnum()) in letters, q.id
    assert plain(messages("ar")["answer_key"]) not in without
    # the key after the last quiz: a true-false answer, a multiple-choice answer and a fill-in answer
    answers = text[key:]
    tf = next(q for qz in course.quizzes for q in qz.questions if q.type == "true-false")
    assert plain(messages("ar")["true" if tf.correct else "false"]) in answers
    choice = next(q for qz in course.quizzes for q in qz.questions if q.type == "single")
    assert plain(next(c.text for c in choice.choices if c.id in choice.correct)) in answers
    fill = next(q for qz in course.quizzes for q in qz.questions if q.type == "fill-in")
    assert plain(fill.answers[0]) in answers


def test_reproducible_and_dated_by_source_date_epoch(tmp_path, monkeypatch, seed_pdf):
    again = handout(SEED, tmp_path / "again").path
    assert again.read_bytes() == seed_pdf.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = handout(SEED, tmp_path / "dated").path
    assert dated.read_bytes() == handout(SEED, tmp_path / "dated2").path.read_bytes()
    assert pdf_info(dated)["CreationDate"].startswith("Tue Nov 14 22:13:20 2023")
    assert pdf_info(seed_pdf)["CreationDate"].startswith("Sat Jan  1 00:00:00 2000")


def test_letter_paper_english_course_with_image_and_every_question_type(tmp_path):
    result = handout(SAMPLE, tmp_path, paper="letter", with_quizzes=True)
    info = pdf_info(result.path)
    assert "612 x 792" in info["Page size"] and int(info["Pages"]) == result.pages
    text = pdf_text(result.path)
    assert f"Page2of{result.pages}" in text
    assert "Anetworknode" in text  # the image's caption
    images = subprocess.run(["pdfimages", "-list", str(result.path)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(images) == 1
    # matching: the right-hand column is not printed in the written order, and the key says which goes where
    key = text[text.rindex("Answerkey"):]
    assert "1:b2:a3:c" in key
    assert "1.Vision2.Organisation3.Activities4.Resources" in key  # ordering, in the right order


def test_media_are_served_from_the_course_only(tmp_path):
    image = tmp_path / "a.png"
    image.write_bytes(b"png")
    import weasyprint

    fetch = _fetcher(weasyprint, {"media/a.png": image})
    assert fetch(BASE + "media/a.png").read() == b"png"
    for url in ("https://example.org/x.png", "file:///etc/passwd", BASE + "media/other.png"):
        with pytest.raises(ValueError):
            fetch(url)


def test_css_strings_cannot_leave_their_string_or_the_style_element():
    assert css_string('a"b\\c</style>') == "a\\22 b\\5c c\\3c /style\\3e "
    assert css_counters("Page {n} of {total}") == '"Page " counter(page) " of " counter(pages)'
    assert css_counters("{n}/{total}") == 'counter(page) "/" counter(pages)'


# ---------------------------------------------------------------- command line

def run(*args):
    return CliRunner().invoke(main, list(args))


def test_cli_writes_the_pdf(tmp_path):
    result = run("handout", str(SAMPLE), "-o", str(tmp_path), "--paper", "letter")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"wrote .*sample-course-1\.0\.pdf: \d+ pages, \d+ KiB, [\d.]+ s\n", result.stdout)
    assert (tmp_path / "sample-course-1.0.pdf").read_bytes().startswith(b"%PDF-")


def test_cli_course_error_writes_nothing(tmp_path):
    course = copy_course(SAMPLE, tmp_path / "c")
    edit(course / "course.yaml", "pass_mark: 70", "pass_mrk: 70")
    result = run("handout", str(course), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "course.yaml:15:1: error: pass_mrk" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert run("handout", str(SAMPLE), "--paper", "a3").exit_code == 2


@pytest.mark.parametrize("failure", [ImportError("No module named 'weasyprint'"),
                                     OSError("cannot load library 'libpango-1.0-0'")])
def test_missing_weasyprint_or_pango_names_what_to_install(tmp_path, monkeypatch, failure):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise failure
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    result = run("handout", str(SAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "pip install 'scorm-builder[handout]'" in result.stderr
    assert "apt-get install libpango-1.0-0" in result.stderr
    assert "Traceback" not in result.output and not list(tmp_path.iterdir())


def test_page_images(seed_pdf, tmp_path):
    """The cover, the contents and a content page as PNG (pdftoppm), into docs/screenshots/ when
    SB_SCREENSHOTS=1 (linked from README)."""
    out = ROOT / "docs" / "screenshots" if os.environ.get("SB_SCREENSHOTS") == "1" else tmp_path
    from PIL import Image  # WeasyPrint's own dependency

    for number, name in ((1, "cover"), (2, "contents"), (4, "page")):
        prefix = tmp_path / name
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(number), "-l", str(number),
                        str(seed_pdf), str(prefix)], check=True)
        with Image.open(f"{prefix}.png") as image:
            assert image.size == (662, 936)  # A4 at 80 dpi
            assert len(image.convert("L").getcolors(256)) > 16  # text was drawn, not a blank page
        shutil.copyfile(f"{prefix}.png", out / f"handout-{name}-ar.png")
