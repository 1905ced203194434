"""Source files for the import tests, written by the tests themselves (python-pptx, python-docx, plain zips)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree


def png(color=(200, 0, 0), size=(24, 12)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


# The Arabic deck: 12 slides, 3 section dividers; texts listed in the order they must come out.
DECK_TEXTS = [
    "أولا: تعريف الشبكة", "الشبكة هي مجموعة من الجمعيات (NGO) تعمل معا", "تبادل المعلومات عبر البريد e-mail",
    "أ- معيار المستوى", "ب- المعيار الجغرافي", "الدور", "المنسّق", "ثانيا: أهداف التشبيك", "تنسيق المرافعة",
    "ترشيد الموارد", "الخطوة الأولى", "الخطوة الثانية", "خلاصة المحور الثالث",
]
DECK_NOTES = "اسأل المشاركين عن تجاربهم قبل عرض التعريف."
DECK_ALT = "رسم لشبكة من خمس جمعيات"


def arabic_deck(path: Path) -> Path:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.title = "التشبيك في العمل الجماعي"
    title, content, divider, only_title = (deck.slide_layouts[i] for i in (0, 1, 2, 5))

    def slide(layout, heading):
        s = deck.slides.add_slide(layout)
        s.shapes.title.text = heading
        return s

    def bullets(s, items):
        frame = s.placeholders[1].text_frame
        frame.text = items[0][1]
        frame.paragraphs[0].level = items[0][0]
        for level, text in items[1:]:
            p = frame.add_paragraph()
            p.text, p.level = text, level

    s = slide(title, "التشبيك في العمل الجماعي")                                            # 1
    s.placeholders[1].text = "دورة تدريبية للجمعيات"
    slide(divider, "المحور الأول: المفاهيم")                                                 # 2
    s = slide(content, "تعريف الشبكة")                                                      # 3
    bullets(s, [(0, DECK_TEXTS[0]), (1, DECK_TEXTS[1]), (2, DECK_TEXTS[2])])
    s.notes_slide.notes_text_frame.text = DECK_NOTES
    s = slide(content, "أصناف الشبكات")                                                     # 4
    bullets(s, [(0, DECK_TEXTS[3]), (0, DECK_TEXTS[4])])
    s = slide(only_title, "من يقوم بماذا؟")                                                 # 5
    grid = s.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1.5)).table
    grid.cell(0, 0).text, grid.cell(0, 1).text = DECK_TEXTS[5], "المهام"
    grid.cell(1, 0).text, grid.cell(1, 1).text = DECK_TEXTS[6], "يحضّر الاجتماعات | يتابعها"
    slide(divider, "المحور الثاني: التأسيس")                                                # 6
    s = slide(content, "أهداف التشبيك")                                                     # 7
    bullets(s, [(0, DECK_TEXTS[7]), (1, DECK_TEXTS[8]), (1, DECK_TEXTS[9])])
    s = slide(only_title, "شبكة الجمعيات")                                                  # 8
    picture = s.shapes.add_picture(io.BytesIO(png()), Inches(1), Inches(2))
    picture._element.nvPicPr.cNvPr.set("descr", DECK_ALT)
    s = slide(only_title, "أرقام التشبيك")                                                  # 9
    data = CategoryChartData()
    data.categories = ["2023", "2024"]
    data.add_series("جمعيات", (12, 30))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(5), Inches(3), data)
    slide(divider, "المحور الثالث: التنشيط")                                                # 10
    s = slide(content, "خطوات التنشيط")                                                     # 11
    bullets(s, [(0, DECK_TEXTS[10]), (0, DECK_TEXTS[11])])
    _animate(s)
    s = slide(only_title, "صورة بلا وصف")                                                   # 12
    s.shapes.add_picture(io.BytesIO(png((0, 120, 0))), Inches(1), Inches(2))
    box = s.shapes.add_textbox(Inches(1), Inches(4), Inches(6), Inches(1))
    box.text_frame.text = DECK_TEXTS[12]
    deck.save(path)
    return path


def _animate(slide) -> None:
    """An entrance effect on the slide, as PowerPoint writes it (python-pptx cannot add one)."""
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    timing = etree.fromstring(
        f'<p:timing xmlns:p="{p}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot">'
        '<p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq">'
        '<p:childTnLst><p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst>'
        '<p:childTnLst><p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
        '<p:par><p:cTn id="5" presetID="10" presetClass="entr" presetSubtype="0" fill="hold" nodeType="clickEffect">'
        '<p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>'
        '</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:seq></p:childTnLst></p:cTn></p:par></p:tnLst>'
        '</p:timing>')
    slide._element.append(timing)


# The Arabic/French Word document.
DOC_TEXTS = [
    "يقدّم هذا الدليل أسس التشبيك بين الجمعيات.", "الشبكة (réseau) مجموعة من الجمعيات المستقلة.",
    "أولا: الاستقلالية", "ثانيا: التطوع", "تبادل الخبرات", "ترشيد الموارد", "Un réseau relie des associations.",
    "Rôle", "coordonne les réunions", "نص المحور الثاني وفيه كلمة Moodle داخل الجملة العربية.",
]
DOC_ALT = "Schéma du réseau"


def bilingual_doc(path: Path) -> Path:
    from docx import Document
    from docx.shared import Inches

    doc = Document()
    doc.add_heading("دليل التشبيك - Guide du réseau", 0)
    doc.add_paragraph(DOC_TEXTS[0])
    doc.add_heading("المحور الأول: المفاهيم", 1)
    doc.add_heading("تعريف الشبكة", 2)
    doc.add_paragraph(DOC_TEXTS[1])
    doc.add_paragraph(DOC_TEXTS[2])
    doc.add_paragraph(DOC_TEXTS[3])
    doc.add_paragraph(DOC_TEXTS[4], style="List Bullet")
    doc.add_paragraph(DOC_TEXTS[5], style="List Bullet 2")
    doc.add_heading("Le réseau en pratique", 2)
    doc.add_paragraph(DOC_TEXTS[6])
    grid = doc.add_table(rows=2, cols=2)
    grid.cell(0, 0).text, grid.cell(0, 1).text = DOC_TEXTS[7], "Tâche"
    grid.cell(1, 0).text, grid.cell(1, 1).text = "المنسّق", DOC_TEXTS[8]
    doc.add_picture(io.BytesIO(png((0, 0, 200))), width=Inches(1))
    doc.inline_shapes[0]._inline.docPr.set("descr", DOC_ALT)
    embedded = doc.add_paragraph()
    embedded._p.append(etree.fromstring(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:object/></w:r>'))
    doc.add_heading("المحور الثاني: التأسيس", 1)
    doc.add_heading("خطوات التأسيس", 2)
    doc.add_paragraph(DOC_TEXTS[9])
    doc.save(path)
    return path


# OpenDocument files, written as LibreOffice writes them (the parts the reader uses).
_ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
           'xmlns:xlink="http://www.w3.org/1999/xlink" '
           'xmlns:anim="urn:oasis:names:tc:opendocument:xmlns:animation:1.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odf(path: Path, kind: str, body: str, extra: dict[str, bytes] | None = None, styles: str = "",
        prologue: str = "") -> Path:
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    content = (f'{prologue}<?xml version="1.0" encoding="UTF-8"?>' if not prologue else prologue) + \
        f'<office:document-content {_ODF_NS}><office:automatic-styles>{styles}</office:automatic-styles>' \
        f'<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        z.writestr("content.xml", content)
        parts = {"META-INF/manifest.xml": '<?xml version="1.0"?><manifest:manifest '
                 'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>', **(extra or {})}
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def arabic_odp(path: Path) -> Path:
    def page(n, frames, notes=""):
        notes_xml = (f'<presentation:notes><draw:frame presentation:class="notes"><draw:text-box><text:p>{notes}'
                     '</text:p></draw:text-box></draw:frame></presentation:notes>') if notes else ""
        return f'<draw:page draw:name="page{n}">{frames}{notes_xml}</draw:page>'

    def title(text):
        return f'<draw:frame presentation:class="title"><draw:text-box><text:p>{text}</text:p></draw:text-box></draw:frame>'

    def outline(*items):
        inner = "".join(f"<text:list-item><text:p>{t}</text:p>{sub}</text:list-item>" for t, sub in items)
        return f'<draw:frame presentation:class="outline"><draw:text-box><text:list>{inner}</text:list></draw:text-box></draw:frame>'

    sub = '<text:list><text:list-item><text:p>عنصر فرعي</text:p></text:list-item></text:list>'
    picture = ('<draw:frame draw:name="صورة"><draw:image xlink:href="Pictures/net.png"/>'
               '<svg:desc>رسم الشبكة</svg:desc></draw:frame>')
    pages = [
        page(1, title("عرض التشبيك") + '<draw:frame presentation:class="subtitle"><draw:text-box><text:p>دورة'
             '</text:p></draw:text-box></draw:frame>'),
        page(2, title("المحور الأول")),
        page(3, title("تعريف") + outline(("الشبكة مجموعة", sub), ("ثانيا: الهدف", "")), notes="ملاحظة المدرب"),
        page(4, title("صورة") + picture),
        page(5, title("المحور الثاني")),
        page(6, title("جدول") + '<draw:frame><table:table><table:table-row><table:table-cell><text:p>أ</text:p>'
             '</table:table-cell><table:table-cell><text:p>ب</text:p></table:table-cell></table:table-row>'
             '</table:table></draw:frame><anim:par presentation:preset-class="entrance"/>'),
    ]
    return odf(path, "presentation", "".join(pages), {"Pictures/net.png": png()})


def french_odt(path: Path) -> Path:
    body = ('<text:p text:style-name="Title">Guide du réseau</text:p>'
            '<text:h text:outline-level="1">Premier module</text:h>'
            '<text:h text:outline-level="2">Définitions</text:h>'
            '<text:p>Un <text:span>réseau</text:span> relie<text:s/>des associations '
            '(<text:a xlink:href="https://example.org">site</text:a>).</text:p>'
            '<text:list text:style-name="L1"><text:list-item><text:p>premier</text:p></text:list-item>'
            '<text:list-item><text:p>second</text:p></text:list-item></text:list>'
            '<text:p><draw:frame><draw:image xlink:href="Pictures/a.png"/><svg:title>Un schéma</svg:title>'
            '</draw:frame></text:p>'
            '<text:h text:outline-level="2">Rôles</text:h><text:p>Le coordinateur prépare les réunions.</text:p>')
    styles = ('<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1"/>'
              '</text:list-style>')
    return odf(path, "text", body, {"Pictures/a.png": png((0, 0, 200))}, styles=styles)
