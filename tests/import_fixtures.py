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


# The seed course's own deck (course/ was first typed from it): its first slides as PowerPoint writes them,
# right-to-left paragraphs, Arabic runs with French ones inside, bullets typed as text, a title broken over
# two lines, Arabic letter numbering (أ- ب- ت-) set as automatic numbering, and ordinals typed as text.
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
SEED_MIXED = ["تُدار الشبكة عبر منصة ", "Moodle 4.1", " أو فضاء ", "e-learning", " مشترك (", "ONG", ")"]
SEED_ALT = "خريطة ذهنية لمراحل بناء الشبكة"
SEED_NOTES = "ذكّر المشاركين بأن الميثاق\nيُكتب بطريقة تشاركية."


def _para(*runs, level=0, bullet=None, rtl=True):
    """One DrawingML paragraph: runs of (text, lang) or "<br>"; bullet: None (as the placeholder), "none",
    "char" or an autonumber scheme ("arabic1Minus", "arabicPeriod" ...)."""
    direction = ' rtl="1" algn="r"' if rtl else ""
    ppr = f'<a:pPr lvl="{level}"{direction}>'
    ppr += {None: "", "none": "<a:buNone/>", "char": '<a:buChar char="•"/>'}.get(
        bullet, f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="{bullet}"/>') + "</a:pPr>"
    body = ""
    for run in runs:
        if run == "<br>":
            body += '<a:br><a:rPr lang="ar-DZ"/></a:br>'
            continue
        text, lang = run if isinstance(run, tuple) else (run, "ar-DZ")
        body += (f'<a:r><a:rPr lang="{lang}" dirty="0"><a:cs typeface="Arial"/></a:rPr>'
                 f'<a:t>{text}</a:t></a:r>')
    return etree.fromstring(f'<a:p xmlns:a="{_DRAWING}">{ppr}{body}</a:p>')


def _fill(frame, paragraphs) -> None:
    body = frame._txBody
    for p in body.findall(f"{{{_DRAWING}}}p"):
        body.remove(p)
    body.extend(paragraphs)


def seed_deck(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    title, content, divider, only_title = (deck.slide_layouts[i] for i in (0, 1, 2, 5))

    def slide(layout, *heading):
        s = deck.slides.add_slide(layout)
        _fill(s.shapes.title.text_frame, [_para(*heading)])
        return s

    s = slide(title, "التشبيك في العمل الجماعي")                                              # 1
    _fill(s.placeholders[1].text_frame, [_para("كفاءات + للتدريب و تطوير قدرات المجتمع المدني"),
                                         _para("المدرّب جمال بوشبوط")])
    s = slide(content, "أهداف التدريب")                                                       # 2
    _fill(s.placeholders[1].text_frame, [_para("آليات تنشيط و تقييم الشبكات في العمل الجمعي."),
                                         _para("الإطار المفاهيمي", level=1),
                                         _para("التمكن من فهم دقيق للتشبيك و أهدافه و فوائده.")])
    s = slide(only_title, "برنامج دورة التدريب")                                               # 3
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(3)).text_frame
    _fill(box, [_para("• المحور 1: الإطار المفاهيمي", "<br>", "للتشبيك"),
                _para("• المحور 2: تأسيس الشبكة،"),
                _para("• المحور 3: آليات تنشيط", "<br>", "و تسيير و تقييم الشبكة")])
    slide(divider, "المحور الأول")                                                            # 4
    s = slide(content, "محتويات المحور")                                                      # 5
    _fill(s.placeholders[1].text_frame, [_para("1-تعريف الشبكة"), _para("2-أصناف الشبكات"),
                                         _para("3-أهمية التشبيك")])
    s = slide(content, "تعريف الشبكة")                                                        # 6
    _fill(s.placeholders[1].text_frame, [
        _para("الشبكة هي مجموعة من الأشخاص أو الجمعيات الذين يتبادلون بصفة إرادية معلومات.", bullet="none"),
        _para(*[(t, "fr-FR" if t.isascii() and t.strip(" ()") else "ar-DZ") for t in SEED_MIXED], bullet="none"),
        _para("تجميع أشخاص طبيعيين أو معنويين", bullet="arabicPeriod"),
        _para("أهمية الاستقلالية لكل طرف ،", bullet="arabicPeriod"),
        _para("تنظيم العلاقات في إطار (ميثاق)", bullet="arabicPeriod")])
    s = slide(content, "أصناف الشبكات")                                                       # 7
    _fill(s.placeholders[1].text_frame, [
        _para("هناك عدة معايير لتصنيف الشبكات منها ما يلي:", bullet="none"),
        _para("معيار المستوى", bullet="arabic1Minus"),
        _para("الشبكات من النوع الأفقي", level=1),
        _para("الشبكات من النوع العمودي", level=1),
        _para("المعيار الجغرافي", bullet="arabic1Minus"),
        _para("محلية ، جهوية، وطنية و دولية .", level=1),
        _para("معيار الهدف", bullet="arabic1Minus")])
    s = slide(content, "أهمية التشبيك")                                                       # 8
    _fill(s.placeholders[1].text_frame, [_para("أولا: تبادل الخبرات،"), _para("ثانيا: ترشيد الموارد و الطاقات"),
                                         _para("ثالثا: زيادة قوة التأثير على تسيير الشأن العام")])
    slide(divider, "المحور الثاني")                                                           # 9
    s = slide(only_title, "المرحلة الاولى: التوافق على الرؤية")                                # 10
    picture = s.shapes.add_picture(io.BytesIO(png((0, 90, 120), (60, 40))), Inches(1), Inches(2))
    picture._element.nvPicPr.cNvPr.set("descr", SEED_ALT)
    box = s.shapes.add_textbox(Inches(1), Inches(4), Inches(8), Inches(2)).text_frame
    _fill(box, [_para("يُعدّ ميثاق الشبكة أهم وثيقة، وهو بمثابة الهوية التي يجتمع المؤسسون حولها.")])
    s.notes_slide.notes_text_frame.text = SEED_NOTES
    deck.save(path)
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(doc, formats: list[str], start: int = 1) -> str:
    """A Word numbering definition whose levels use `formats` ("arabicAlpha", "bullet" ...); its numId."""
    numbering = doc.part.numbering_part.element
    ids = [int(n) for n in numbering.xpath("./w:abstractNum/@w:abstractNumId | ./w:num/@w:numId")]
    new = max(ids, default=0) + 1
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{f}"/>'
                     f'<w:lvlText w:val="%{i + 1}-"/></w:lvl>' for i, f in enumerate(formats))
    abstract = etree.fromstring(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{new}">{levels}</w:abstractNum>')
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(etree.fromstring(
        f'<w:num xmlns:w="{_W}" w:numId="{new}"><w:abstractNumId w:val="{new}"/></w:num>'))
    return str(new)


def _numbered(paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(etree.fromstring(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
                                '</w:numPr>'))


def _rtl_runs(paragraph, runs: list[str]) -> None:
    """Runs as Word writes a right-to-left paragraph: Arabic runs marked <w:rtl/>, Latin ones not."""
    paragraph._p.get_or_add_pPr().append(etree.fromstring(f'<w:bidi xmlns:w="{_W}"/>'))
    for text in runs:
        run = paragraph.add_run(text)
        if not (text.isascii() and text.strip(" ()")):
            run._r.get_or_add_rPr().append(etree.fromstring(f'<w:rtl xmlns:w="{_W}"/>'))


def arabic_numbered_doc(path: Path) -> Path:
    """A Word document numbered as Arabic documents are: letters (أ- ب- ت-) over bullets, abjad letters
    (أ- ب- ج-), and ordinals typed as text."""
    from docx import Document

    doc = Document()
    doc.add_heading("أصناف الشبكات", 1)
    intro = doc.add_paragraph()
    _rtl_runs(intro, SEED_MIXED)
    letters = _numbering(doc, ["arabicAlpha", "bullet"])
    for level, text in [(0, "معيار المستوى"), (1, "الشبكات من النوع الأفقي"), (1, "الشبكات من النوع العمودي"),
                        (0, "المعيار الجغرافي"), (0, "معيار الهدف")]:
        _numbered(doc.add_paragraph(text), letters, level)
    doc.add_paragraph("أولا: تبادل الخبرات")
    doc.add_paragraph("ثانيا: ترشيد الموارد")
    abjad = _numbering(doc, ["arabicAbjad"])
    for text in ["محلية", "جهوية", "وطنية", "دولية"]:
        _numbered(doc.add_paragraph(text), abjad, 0)
    doc.save(path)
    return path


def uncarried_deck(path: Path) -> Path:
    """A deck of what a course cannot carry as text: SmartArt, a video, an embedded workbook, an EMF
    picture; and text inside a group of shapes, which it can."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE, PROG_ID
    from pptx.util import Inches

    deck = Presentation()
    only_title = deck.slide_layouts[5]

    def slide(heading):
        s = deck.slides.add_slide(only_title)
        s.shapes.title.text = heading
        return s

    s = slide("مراحل بناء الشبكة")                                                            # 1
    frame = s.shapes.add_table(1, 1, Inches(1), Inches(2), Inches(4), Inches(1))._element
    data = frame.xpath("./a:graphic/a:graphicData")[0]
    data.set("uri", "http://schemas.openxmlformats.org/drawingml/2006/diagram")
    data.remove(data[0])
    data.append(etree.fromstring('<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"'
                                 ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
                                 ' r:dm="rId90" r:lo="rId91" r:qs="rId92" r:cs="rId93"/>'))
    s = slide("شهادة منسّق")                                                                  # 2
    s.shapes.add_movie(io.BytesIO(b"\0\0\0\x18ftypmp42" + bytes(64)), Inches(1), Inches(2), Inches(4),
                       Inches(3), poster_frame_image=io.BytesIO(png()), mime_type="video/mp4")
    s = slide("ميزانية الشبكة")                                                               # 3
    s.shapes.add_ole_object(io.BytesIO(b"PK\x05\x06" + bytes(18)), PROG_ID.XLSX, Inches(1), Inches(2))
    s = slide("أدوار الأعضاء")                                                                # 4
    group = s.shapes.add_group_shape()
    box = group.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(1), Inches(2), Inches(3), Inches(1))
    box.text_frame.text = "المنسّق يحضّر الاجتماعات"
    deck.save(path)
    _add_part(path, "ppt/slides/slide4.xml", "ppt/media/drawing.emf", b"\x01\0\0\0" + bytes(36) + b" EMF" + bytes(40))
    return path


def _add_part(path: Path, slide: str, name: str, data: bytes) -> None:
    """A picture in `name` on `slide`, added to the saved deck (python-pptx writes only formats it can read)."""
    rels = slide.replace("slides/", "slides/_rels/") + ".rels"
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts[name] = data
    parts[rels] = parts[rels].replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.'
                                      b'openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/'
                                      + name.rsplit("/", 1)[1].encode() + b'"/></Relationships>')
    picture = ('<p:pic><p:nvPicPr><p:cNvPr id="99" name="EMF" descr="مخطط قديم"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
               '<p:blipFill><a:blip r:embed="rId99"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>'
               '<a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect">'
               '<a:avLst/></a:prstGeom></p:spPr></p:pic>')
    parts[slide] = parts[slide].replace(b"</p:spTree>", picture.encode() + b"</p:spTree>", 1)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="emf" ContentType="image/x-emf"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, content in parts.items():
            z.writestr(part, content)


def uncarried_doc(path: Path) -> Path:
    """A Word document with a chart, SmartArt, a text box and a video, as their marking elements."""
    from docx import Document

    doc = Document()
    doc.add_heading("الوحدة", 1)
    doc.add_heading("الصفحة", 2)
    doc.add_paragraph("نص قبل الرسوم.")
    c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    d = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for inner in (f'<c:chart xmlns:c="{c}"/>', f'<dgm:relIds xmlns:dgm="{d}"/>',
                  f'<w:txbxContent><w:p><w:r><w:t>نص مؤطر</w:t></w:r></w:p></w:txbxContent>',
                  f'<a:videoFile xmlns:a="{a}"/>'):
        doc.add_paragraph()._p.append(etree.fromstring(
            f'<w:r xmlns:w="{_W}"><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            f'wordprocessingDrawing">{inner}</wp:inline></w:drawing></w:r>'))
    doc.add_paragraph("نص بعد الرسوم.")
    doc.save(path)
    return path
