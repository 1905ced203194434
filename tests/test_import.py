"""`scorm-builder import`: slides and documents become courses that build and pass check at once."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, strategies as st
from lxml import html

import import_fixtures as fx
from scorm_builder import build
from scorm_builder.check import check
from scorm_builder.cli import main
from scorm_builder.errors import UsageError
from scorm_builder.importer import import_course
from scorm_builder.importer.slugs import Ids, slug
from scorm_builder.importer.text import ListWriter, escape, guess_language
from scorm_builder.importer.typed import typed_ordinal
from scorm_builder.importer.writer import block, scalar
from scorm_builder.schema import SLUG

pytest.importorskip("pptx")
pytest.importorskip("docx")


def _built(course: Path, out: Path):
    """Build the imported course; return the package's page text and its file names."""
    result = build(course, out)
    (package,) = result.packages
    report = check(package)
    assert not report.errors, report.errors
    with zipfile.ZipFile(package) as z:
        page = html.fromstring(z.read("index.html").decode("utf-8"))
        return result, " ".join(page.text_content().split()), z.namelist(), z


def _in_order(text: str, expected: list[str]) -> None:
    position = 0
    for piece in expected:
        found = text.find(" ".join(piece.split()), position)
        assert found >= 0, f"{piece!r} missing, or out of order, after position {position}"
        position = found + len(piece)


def _module_files(course: Path) -> list[dict]:
    listed = yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))["modules"]
    return [yaml.safe_load((course / name).read_text(encoding="utf-8")) for name in listed]


# The Arabic deck -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deck")
    source = fx.arabic_deck(folder / "التشبيك.pptx")
    result = import_course(source, folder / "networking")
    return source, folder / "networking", result


def test_deck_sections_become_modules_and_slides_pages(deck):
    _, course, result = deck
    modules = _module_files(course)
    assert [m["title"] for m in modules] == ["المحور الأول: المفاهيم", "المحور الثاني: التأسيس", "المحور الثالث: التنشيط"]
    assert [len(m["pages"]) for m in modules] == [3, 3, 2]  # 12 slides: a title slide, 3 dividers, 8 pages
    assert (result.modules, result.pages, result.pictures, result.language) == (3, 8, 2, "ar")
    top = yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))
    assert top["title"] == "التشبيك في العمل الجماعي" and top["description"].strip() == "دورة تدريبية للجمعيات"
    ids = [top["id"]] + [m["id"] for m in modules] + [p["id"] for m in modules for p in m["pages"]]
    assert all(re.match(SLUG, i) for i in ids) and len(set(ids)) == len(ids)
    assert ids[:3] == ["networking", "almhwr-alawl-almfahym", "almhwr-althany-altasys"]


def test_deck_builds_with_every_text_in_order_and_its_pictures(deck, tmp_path):
    source, course, _ = deck
    result, text, names, _ = _built(course, tmp_path / "dist")
    _in_order(text, fx.DECK_TEXTS)
    assert result.pages == 8 and result.questions == 0  # no quiz invented
    pictures = [n for n in names if n.startswith("media/")]
    assert len(pictures) == 2
    with zipfile.ZipFile(result.packages[0]) as z:
        assert fx.png() in {z.read(n) for n in pictures}
    assert 'alt="' + fx.DECK_ALT + '"' in (z := zipfile.ZipFile(result.packages[0])).read("index.html").decode()
    z.close()


def test_deck_markdown_keeps_nesting_tables_and_typed_numbering(deck):
    _, course, _ = deck
    pages = {p["title"]: p for m in _module_files(course) for p in m["pages"]}
    assert pages["تعريف الشبكة"]["body"] == (
        "أولا: تعريف الشبكة\n\n- الشبكة هي مجموعة من الجمعيات (NGO) تعمل معا\n  - تبادل المعلومات عبر البريد e-mail\n")
    assert pages["أصناف الشبكات"]["body"] == "أ- معيار المستوى\n\nب- المعيار الجغرافي\n"
    assert pages["من يقوم بماذا؟"]["body"] == (
        "| الدور | المهام |\n|---|---|\n| المنسّق | يحضّر الاجتماعات \\| يتابعها |\n")


def test_deck_notes_and_quiz_skeleton_are_comments(deck):
    _, course, _ = deck
    first = (course / "modules" / "01-almhwr-alawl-almfahym.yaml").read_text(encoding="utf-8")
    assert f"    #   {fx.DECK_NOTES}" in first and "    # notes: |" in first
    assert "# quiz:\n#   id: almhwr-alawl-almfahym-quiz\n" in first
    assert "quiz" not in yaml.safe_load(first)


def test_deck_report_names_what_was_not_carried(deck):
    _, _, result = deck
    assert result.dropped == [
        "slide 9: a chart 'Chart 2' (save it as a picture and add it under media:)",
        "slide 11: 1 animation effect (the text is kept, shown at once)",
        "slide 12: a picture without a text alternative (written as alt: TODO; describe it)",
    ]


def test_picture_without_alt_is_todo_and_the_build_warns(deck, tmp_path):
    _, course, _ = deck
    last = (course / "modules" / "03-almhwr-althalth-altnshyt.yaml").read_text(encoding="utf-8")
    assert "alt: TODO" in last
    result = build(course, tmp_path / "dist")
    (warning,) = [w for w in result.warnings if "TODO" in w]
    assert re.match(r"^.*modules/03-almhwr-althalth-altnshyt\.yaml:\d+:9: warning: alt: the picture 'media/", warning)


def test_same_source_same_course(deck, tmp_path):
    source, course, _ = deck
    again = import_course(source, tmp_path / "networking").course_dir
    files = sorted(p.relative_to(course).as_posix() for p in course.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (course / name).read_bytes() == (again / name).read_bytes(), name


# The seed course's deck: right-to-left runs, typed and automatic Arabic numbering -------------------------

SEED_PAGES = {
    "أهداف التدريب": "- آليات تنشيط و تقييم الشبكات في العمل الجمعي.\n  - الإطار المفاهيمي\n"
                     "- التمكن من فهم دقيق للتشبيك و أهدافه و فوائده.\n",
    # bullets typed as text and titles broken over two lines: one list item each
    "برنامج دورة التدريب": "- المحور 1: الإطار المفاهيمي للتشبيك\n- المحور 2: تأسيس الشبكة،\n"
                           "- المحور 3: آليات تنشيط و تسيير و تقييم الشبكة\n",
    "محتويات المحور": "1-تعريف الشبكة\n\n2-أصناف الشبكات\n\n3-أهمية التشبيك\n",
    "تعريف الشبكة": "الشبكة هي مجموعة من الأشخاص أو الجمعيات الذين يتبادلون بصفة إرادية معلومات.\n\n"
                    + "".join(fx.SEED_MIXED) + "\n\n1. تجميع أشخاص طبيعيين أو معنويين\n"
                    "2. أهمية الاستقلالية لكل طرف ،\n3. تنظيم العلاقات في إطار (ميثاق)\n",
    # PowerPoint's Arabic letter numbering (arabic1Minus) written out as the letters it shows, in order
    "أصناف الشبكات": "هناك عدة معايير لتصنيف الشبكات منها ما يلي:\n\nأ- معيار المستوى\n\n"
                     "- الشبكات من النوع الأفقي\n- الشبكات من النوع العمودي\n\nب- المعيار الجغرافي\n\n"
                     "- محلية ، جهوية، وطنية و دولية .\n\nت- معيار الهدف\n",
    "أهمية التشبيك": "أولا: تبادل الخبرات،\n\nثانيا: ترشيد الموارد و الطاقات\n\n"
                     "ثالثا: زيادة قوة التأثير على تسيير الشأن العام\n",
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    result = import_course(fx.seed_deck(folder / "التشبيك.pptx"), folder / "networking")
    return folder / "networking", result


def test_seed_deck_keeps_right_to_left_text_and_arabic_numbering_in_order(seed):
    course, result = seed
    modules = _module_files(course)
    assert [m["title"] for m in modules] == ["التشبيك في العمل الجماعي", "المحور الأول", "المحور الثاني"]
    pages = {p["title"]: p["body"] for m in modules for p in m["pages"]}
    assert {t: pages[t] for t in SEED_PAGES} == SEED_PAGES
    assert (result.language, result.pages, result.pictures, result.dropped) == ("ar", 7, 1, [])


def test_seed_deck_builds_at_once_with_its_texts_in_order(seed, tmp_path):
    course, _ = seed
    built, text, names, _ = _built(course, tmp_path / "dist")
    assert not built.warnings and built.pages == 7
    expected = [line for body in SEED_PAGES.values() for line in body.splitlines() if line]
    _in_order(text, [re.sub(r"^\s*(- |\d\. )", "", line) for line in expected])
    with zipfile.ZipFile(built.packages[0]) as z:
        page = html.fromstring(z.read("index.html").decode("utf-8"))
    assert page.get("dir") == "rtl" and page.get("lang") == "ar"
    mixed = [p for p in page.iter("p") if "Moodle" in p.text_content()]
    assert [p.text_content() for p in mixed] == ["".join(fx.SEED_MIXED)]  # runs joined as written, in order
    lettered = [p.text_content() for p in page.iter("p") if re.match("^[أبت]- ", p.text_content())]
    assert lettered == ["أ- معيار المستوى", "ب- المعيار الجغرافي", "ت- معيار الهدف"]
    assert len([n for n in names if n.startswith("media/")]) == 1


def test_word_arabic_letter_numbering_and_right_to_left_runs(tmp_path):
    result = import_course(fx.arabic_numbered_doc(tmp_path / "أصناف.docx"), tmp_path / "kinds")
    ((page,),) = [m["pages"] for m in _module_files(tmp_path / "kinds")]
    assert page["body"] == (
        "".join(fx.SEED_MIXED) + "\n\nأ- معيار المستوى\n\n- الشبكات من النوع الأفقي\n- الشبكات من النوع العمودي"
        "\n\nب- المعيار الجغرافي\n\nت- معيار الهدف\n\nأولا: تبادل الخبرات\n\nثانيا: ترشيد الموارد"
        "\n\nأ- محلية\n\nب- جهوية\n\nج- وطنية\n\nد- دولية\n")  # abjad letters: أ ب ج د
    assert result.language == "ar"
    _built(tmp_path / "kinds", tmp_path / "dist")


def test_opendocument_arabic_letter_numbering(tmp_path):
    styles = ('<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
              'style:num-format="أ, ب, ت, ..."/><text:list-level-style-bullet text:level="2"/></text:list-style>'
              '<text:list-style style:name="L2"><text:list-level-style-number text:level="1" '
              'style:num-format="أ, ب, ج, ..."/></text:list-style>')

    def items(*texts, sub=""):
        return "".join(f"<text:list-item><text:p>{t}</text:p>{sub if i == 0 else ''}</text:list-item>"
                       for i, t in enumerate(texts))

    body = ('<text:h text:outline-level="1">أصناف الشبكات</text:h>'
            f'<text:list text:style-name="L1">{items("معيار المستوى", "المعيار الجغرافي", "معيار الهدف", sub="<text:list>" + items("الأفقي", "العمودي") + "</text:list>")}</text:list>'
            f'<text:list text:style-name="L2">{items("محلية", "جهوية", "وطنية")}</text:list>')
    import_course(fx.odf(tmp_path / "kinds.odt", "text", body, styles=styles), tmp_path / "kinds")
    ((page,),) = [m["pages"] for m in _module_files(tmp_path / "kinds")]
    assert page["body"] == ("أ- معيار المستوى\n\n- الأفقي\n- العمودي\n\nب- المعيار الجغرافي\n\nت- معيار الهدف"
                            "\n\nأ- محلية\n\nب- جهوية\n\nج- وطنية\n")


def test_report_lists_smartart_video_objects_and_unshown_pictures_with_where(tmp_path):
    deck = import_course(fx.uncarried_deck(tmp_path / "deck.pptx"), tmp_path / "deck")
    assert deck.dropped == [
        "slide 1: a SmartArt diagram 'Table 2' (write its text as a list)",
        "slide 2: an embedded video or sound 'movie.mp4' (add the file under media:)",
        "slide 3: an embedded object 'Object 2' (save it as a picture or a document)",
        "slide 4: a picture in EMF/WMF format ('مخطط قديم') (save it as PNG or JPEG and add it under media:)",
    ]
    pages = [p for m in _module_files(tmp_path / "deck") for p in m["pages"]]
    assert pages[3]["body"] == "المنسّق يحضّر الاجتماعات\n" and deck.pictures == 0  # text inside a group kept
    _built(tmp_path / "deck", tmp_path / "dist-deck")
    document = import_course(fx.uncarried_doc(tmp_path / "doc.docx"), tmp_path / "doc")
    assert document.dropped == [
        "paragraph 4: a chart (save it as a picture and add it under media:)",
        "paragraph 5: a SmartArt diagram (write its text as a list)",
        "paragraph 6: a text box (copy its text into the page)",
        "paragraph 7: an embedded video (add the file under media:)",
    ]
    _built(tmp_path / "doc", tmp_path / "dist-doc")


# The Arabic/French Word document, OpenDocument files, Markdown ---------------------------------------------

def test_bilingual_document_builds_with_headings_as_modules_and_pages(tmp_path):
    source = fx.bilingual_doc(tmp_path / "guide.docx")
    result = import_course(source, tmp_path / "guide")
    modules = _module_files(tmp_path / "guide")
    assert [m["title"] for m in modules] == ["المحور الأول: المفاهيم", "المحور الثاني: التأسيس"]
    assert [[p["title"] for p in m["pages"]] for m in modules] == [
        ["تعريف الشبكة", "Le réseau en pratique"], ["خطوات التأسيس"]]
    assert modules[0]["pages"][0]["body"].endswith("- تبادل الخبرات\n  - ترشيد الموارد\n")
    assert result.language == "ar" and result.pictures == 1
    assert result.dropped == ["paragraph 14: an embedded object (save it as a picture or a document)"]
    top = yaml.safe_load((tmp_path / "guide" / "course.yaml").read_text(encoding="utf-8"))
    assert top["title"] == "دليل التشبيك - Guide du réseau" and top["description"].strip() == fx.DOC_TEXTS[0]
    built, text, names, _ = _built(tmp_path / "guide", tmp_path / "dist")
    _in_order(text, fx.DOC_TEXTS)
    assert [n for n in names if n.startswith("media/")] and not built.warnings


def test_odp_and_odt_build(tmp_path):
    presentation = import_course(fx.arabic_odp(tmp_path / "deck.odp"), tmp_path / "odp")
    assert (presentation.modules, presentation.pages, presentation.pictures) == (2, 3, 1)
    assert presentation.dropped == ["slide 6: animation effects (the text is kept, shown at once)"]
    _, text, names, _ = _built(tmp_path / "odp", tmp_path / "dist-odp")
    _in_order(text, ["الشبكة مجموعة", "عنصر فرعي", "ثانيا: الهدف", "رسم الشبكة"])
    assert "ملاحظة المدرب" in (tmp_path / "odp" / "modules" / "01-almhwr-alawl.yaml").read_text(encoding="utf-8")

    document = import_course(fx.french_odt(tmp_path / "guide.odt"), tmp_path / "odt")
    assert (document.language, document.modules, document.pages, document.pictures) == ("fr", 1, 2, 1)
    (module,) = _module_files(tmp_path / "odt")
    assert module["pages"][0]["body"] == (
        "Un réseau relie des associations ([site](https://example.org)).\n\n1. premier\n2. second\n")
    _built(tmp_path / "odt", tmp_path / "dist-odt")


def test_markdown_copies_pictures_beside_it_and_nothing_from_elsewhere(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "red.png").write_bytes(fx.png())
    (tmp_path / "secret.png").write_bytes(fx.png((1, 2, 3)))
    (folder / "link.png").symlink_to(tmp_path / "secret.png")
    (folder / "cours.md").write_text(
        "# Mon cours\n\nIntroduction.\n\n## Module un\n\n### Page A\n\nTexte avec `code`.\n\n![Un carré](red.png)\n"
        "![x](../secret.png)\n![y](link.png)\n![z](https://example.org/a.png)\n\n#### Détail\n\nFin.\n",
        encoding="utf-8")
    result = import_course(folder / "cours.md", tmp_path / "course")
    (module,) = _module_files(tmp_path / "course")
    assert module["pages"][0]["body"] == "Texte avec `code`.\n\n# Détail\n\nFin.\n"
    assert [line.split(":")[0] for line in result.dropped] == ["line 12", "line 13", "line 14"]
    assert sorted(p.name for p in (tmp_path / "course" / "media").iterdir()) == ["page-a-1.png"]
    _built(tmp_path / "course", tmp_path / "dist")


# Refusals: nothing is written ----------------------------------------------------------------------------

def _left(tmp_path: Path) -> set[str]:
    return {p.name for p in tmp_path.iterdir()}


def test_existing_folder_is_kept_unless_force(deck, tmp_path):
    source, _, _ = deck
    course = tmp_path / "course"
    course.mkdir()
    (course / "mine.txt").write_text("keep me")
    with pytest.raises(UsageError, match="not empty; nothing was written"):
        import_course(source, course)
    assert [p.name for p in course.iterdir()] == ["mine.txt"] and _left(tmp_path) == {"course"}
    import_course(source, course, force=True)
    assert not (course / "mine.txt").exists() and (course / "course.yaml").is_file()
    assert _left(tmp_path) == {"course"}


@pytest.mark.parametrize("name, content, message", [
    ("deck.pptx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected or in the old binary format"),
    ("deck.pptx", b"PK\x03\x04 not really a zip", "is not a readable PowerPoint file"),
    ("guide.docx", b"hello", "is not a readable Word file"),
    ("deck.ppt", b"old", "cannot import '.ppt' files"),
    ("deck.odp", b"PK\x05\x06" + b"\0" * 18, "has no mimetype"),
])
def test_unreadable_sources_give_a_clear_error_and_write_nothing(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(tmp_path / name), "-o", str(tmp_path / "course")])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert _left(tmp_path) == {name}


def test_encrypted_opendocument_is_refused(tmp_path):
    source = fx.odf(tmp_path / "deck.odp", "presentation", "", {"META-INF/manifest.xml": b"<manifest:encryption-data/>"})
    with pytest.raises(UsageError, match="password-protected"):
        import_course(source, tmp_path / "course")


@pytest.mark.parametrize("module, write", [("pptx", fx.arabic_deck), ("docx", fx.bilingual_doc)])
def test_missing_extra_names_what_to_install(tmp_path, monkeypatch, module, write):
    source = write(tmp_path / f"source.{module}")
    monkeypatch.setitem(__import__("sys").modules, module, None)  # as if the library were not installed
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "course")])
    assert result.exit_code == 2
    assert f"reading .{module} files needs python-{module}, which is not installed (run: pip install " \
           "'scorm-builder[import]')" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "course").exists()
    assert import_course(fx.arabic_odp(tmp_path / "deck.odp"), tmp_path / "odp").modules  # no extra needed


def test_cli_prints_counts_report_and_next_step(deck, tmp_path):
    source, _, _ = deck
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "c"), "--language", "ar"])
    assert result.exit_code == 0, result.output
    assert "3 modules, 8 pages, 2 pictures, language ar" in result.output
    assert "not carried: slide 9: a chart" in result.output
    assert f"scorm-builder build {tmp_path / 'c'} -o dist/" in result.output
    quiet = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "d"), "-q"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and "not carried: slide 9: a chart" in quiet.stderr


# Units ---------------------------------------------------------------------------------------------------

def test_slugs_are_ascii_stable_and_unique():
    assert slug("تعريف الشبكة") == "tryf-alshbka"
    assert slug("Module 1 : Les bases élémentaires") == "module-1-les-bases-elementaires"
    ids = Ids()
    assert [ids.take(t, "page-1") for t in ["2024", "تعريف", "تعريف", "", "home"]] == \
        ["page-2024", "tryf", "tryf-2", "page-1", "home-2"]


def test_typed_numbering_is_recognised():
    assert all(map(typed_ordinal, ["أولا: مقدمة", "ثانياً - الهدف", "أ- معيار", "ب) آخر", "1- خطوة", "ii) suite",
                                   "1-تعريف الشبكة", "2.أصناف", "٣- أهمية"]))
    assert not any(map(typed_ordinal, ["الشبكة هي", "ثانوية: x", "Alpha", "2024-2025 سنة", "1.5 مليون", "1-a"]))


def test_list_writer_nests_by_marker_width_and_restarts_on_a_new_kind():
    out = ListWriter()
    out.paragraph("Intro")
    out.item("a", 0, numbered=True)
    out.item("b", 3)  # a jump of levels is one step deeper
    out.item("c", 0, numbered=True)
    out.item("d", 0)
    assert out.markdown() == "Intro\n\n1. a\n   - b\n2. c\n\n- d"

    out = ListWriter()
    out.paragraph("أ- معيار")
    out.item("x", 1)  # level-1 bullets under a typed heading: one list, not nested ones
    out.item("y", 1)
    out.item("z", 2)
    out.item("n", 0, numbered=True, start=3)  # a top-level numbered list may start further on
    assert out.markdown() == "أ- معيار\n\n- x\n- y\n  - z\n\n3. n"


def test_language_guess():
    assert guess_language("الشبكة هي مجموعة من الجمعيات (NGO)") == "ar"
    assert guess_language("Un réseau relie des associations et des personnes") == "fr"
    assert guess_language("A network links the people of this association") == "en"


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@given(_TEXT)
def test_scalars_read_back_as_written(text):
    text = text.strip() or "x"
    assert yaml.safe_load(f"key: {scalar(text)}\n") == {"key": text}


@given(st.lists(_TEXT, min_size=1, max_size=5))
def test_markdown_blocks_read_back_as_written(lines):
    body = "\n".join(escape(line.strip()) or "x" for line in lines).strip()  # as the readers write lines
    assert yaml.safe_load(f"a:\n  body: {block(body, 4)}\n") == {"a": {"body": body + "\n"}}


def test_force_never_deletes_the_source_or_the_current_folder(deck, tmp_path, monkeypatch):
    source, _, _ = deck
    folder = tmp_path / "work"
    folder.mkdir()
    inside = folder / "deck.pptx"
    inside.write_bytes(source.read_bytes())
    with pytest.raises(UsageError, match="which --force would delete"):
        import_course(inside, folder, force=True)
    monkeypatch.chdir(folder)
    with pytest.raises(UsageError, match="is the current folder"):
        import_course(inside, Path("."), force=True)
    with pytest.raises(UsageError, match="not a language code"):
        import_course(inside, tmp_path / "new", language="Arabic")
    assert _left(tmp_path) == {"work"} and _left(folder) == {"deck.pptx"}


def test_unreadable_source_file_is_a_clear_error(tmp_path, monkeypatch):
    source = tmp_path / "notes.md"
    source.write_text("# Title\n")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", denied)  # as for a file of another user (the tests may run as root)
    with pytest.raises(UsageError, match="notes.md: cannot be read \\(Permission denied\\)"):
        import_course(source, tmp_path / "course")
    assert _left(tmp_path) == {"notes.md"}


def test_text_stays_as_written():
    from scorm_builder.importer.text import clean

    mixed = "\u200fتُستعمل منصة Moodle 4.1 (LMS) في التكوين\u200e"  # direction marks and Latin runs kept
    assert clean(mixed + "\v" + "  سطر  ثان") == mixed + " سطر ثان"
    out = ListWriter()
    out.paragraph("1. " + escape("Étape *une* <b>"))  # typed as text: neither a list nor markup once rendered
    out.item("- x", 0)
    assert out.markdown() == "1\\. Étape \\*une\\* \\<b\\>\n\n- \\- x"


def test_titles_are_plain_text(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_heading("Module *1* : <bases>", 1)
    doc.add_heading("Page [a]", 2)
    doc.add_paragraph("Texte.")
    doc.add_heading("Détail *b*", 3)
    doc.add_heading("Module 2", 1)
    doc.add_paragraph("Suite.")
    doc.save(tmp_path / "d.docx")
    import_course(tmp_path / "d.docx", tmp_path / "c")
    module, _ = _module_files(tmp_path / "c")
    assert module["title"] == "Module *1* : <bases>" and module["pages"][0]["title"] == "Page [a]"
    assert module["pages"][0]["body"] == "Texte.\n\n# Détail \\*b\\*\n"
