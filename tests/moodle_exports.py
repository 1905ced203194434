"""Writes SCORM report downloads the way Moodle does, for tests and the benchmark.

Followed, in Moodle's public source (github.com/moodle/moodle):
- mod/scorm/report/interactions/classes/report.php and mod/scorm/report/basic/classes/report.php at
  2d9b7c56692ec0bb282d183a7042f40432780363 (public/ layout, plugin version 2025100600, Moodle 5.1) and
  04975560d10b517e76e53b7936ca13ed7f3218be (plugin version 2022112800, Moodle 4.1); the download code is
  the same in both: header and row building, '-' for learners without an attempt, s() on identity fields and
  interaction cells, one block of interaction cells per SCO.
- lib/csvlib.class.php (csv_export_writer, 'tab' delimiter, PHP fputcsv with '"' and '\\', no BOM) and
  lib/classes/dataformat.php (escape_spreadsheet_formula) at 0963d22572107fc418ca1a5c965e3249cfe762fb /
  cde19f58644a638e50b19f4eb29b2c2de5b4a213.
- lib/odslib.class.php (MoodleODSWorkbook / MoodleODSWriter, content.xml as it builds it) at
  04975560d10b517e76e53b7936ca13ed7f3218be.
- lib/excellib.class.php (MoodleExcelWorkbook: PhpSpreadsheet, always .xlsx; write() sends numbers as
  numbers, '=' and '@' as formulas, other strings escaped and as text) at
  29820c5ff4ef381c7a743091ec5c68ac82903b22. The workbook parts are written as PhpSpreadsheet lays them
  out, with the styles reduced to the two cell formats the reports use.
- Header strings: mod/scorm/report/interactions/lang/en/scormreport_interactions.php, mod/scorm/lang/en/
  scorm.php, and the ar and fr language packs (projectestac/moodle-langpacks mirror); the ar pack translates
  only "Question {$a}", so Arabic sites show the English "Response {$a}" etc., as here.
"""
from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

STRINGS = {
    "en": {"name": "Name", "email": "Email address", "attempt": "Attempt", "started": "Started on",
           "last": "Last accessed on", "score": "Score", "report": "Report", "questionx": "Question {}",
           "responsex": "Response {}", "rightanswerx": "Right answer {}", "resultx": "Result {}",
           "passed": "Passed", "failed": "Failed", "completed": "Completed", "incomplete": "Incomplete",
           "browsed": "Browsed", "notattempted": "Not attempted"},
    "fr": {"name": "Nom", "email": "Adresse de courriel", "attempt": "Tentative", "started": "Commencé le",
           "last": "Dernier accès le", "score": "Score", "report": "Rapport", "questionx": "Question {}",
           "responsex": "Réponse {}", "rightanswerx": "Réponse correcte {}", "resultx": "Result {}",
           "passed": "Réussi", "failed": "Échoué", "completed": "Terminé", "incomplete": "Incomplet",
           "browsed": "Consulté", "notattempted": "Non tenté"},
    "ar": {"name": "الاسم", "email": "البريد الإلكتروني", "attempt": "محاولة", "started": "بداء في",
           "last": "كان أخر دخول في", "score": "درجة", "report": "تقرير", "questionx": "سؤال {}",
           "responsex": "Response {}", "rightanswerx": "Right answer {}", "resultx": "Result {}",
           "passed": "نجح", "failed": "فشل", "completed": "تم", "incomplete": "غير مكتمل",
           "browsed": "أُستعرض", "notattempted": "لم تتم محاولته"},
}
# the fr pack has no "resultx" either, hence the English fallback above

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}


@dataclass
class Track:
    """One SCO's track data in one attempt (what scorm_get_tracks() returns)."""

    status: str = "incomplete"  # cmi.core.lesson_status
    score_raw: str = ""
    score_max: str | None = "100"
    interactions: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, response, pattern, result


@dataclass
class Attempt:
    number: int
    start: tuple[int, int, int, int, int]  # y, m, d, h, min
    finish: tuple[int, int, int, int, int]
    grade: float
    tracks: list[Track | None]  # per SCO; None: never launched


@dataclass
class Learner:
    uid: int
    name: str
    email: str
    attempts: list[Attempt]


def s(value: str) -> str:
    """Moodle's s(): htmlspecialchars(ENT_QUOTES | ENT_HTML401 | ENT_SUBSTITUTE), numeric entities kept."""
    out = html.escape(value, quote=True).replace("&#x27;", "&#039;")
    return re.sub(r"&amp;#(\d+|x[0-9a-f]+);", r"&#\1;", out, flags=re.I)


def userdate(t, lang: str, with_day: bool) -> str:
    """strftimedaydatetime (text file) or strftimedatetime (ODS, Excel), as each language pack sets them."""
    y, m, d, h, mi = t
    month = MONTHS[lang].split()[m - 1]
    if lang == "en":
        clock = f"{(h % 12) or 12}:{mi:02d} {'AM' if h < 12 else 'PM'}"
        return (f"Thursday, {d} {month} {y}, {clock}" if with_day else f"{d} {month} {y}, {clock}")
    day = {"fr": "jeudi ", "ar": "الخميس، "}[lang] if with_day else ""
    return f"{day}{d} {month} {y}, {h:02d}:{mi:02d}"


def interactions_rows(learners: list[Learner], sco_titles: list[str], lang: str, download: str,
                      qtext=True, resp=True, right=True, result=True, basic: bool = False) -> list[list]:
    """The header row and rows the report builds before handing them to the writer ("CSV", "ODS", "Excel")."""
    t = STRINGS[lang]
    headers = [t["name"], t["email"], t["attempt"], t["started"], t["last"], t["score"], *sco_titles]
    questions = 0 if basic else max((len(tr.interactions) for lr in learners for a in lr.attempts
                                     for tr in a.tracks if tr), default=0)
    shown = [("questionx", qtext), ("responsex", resp), ("rightanswerx", right), ("resultx", result)]
    for i in range(questions):
        headers += [t[key].format(i) for key, on in shown if on]
    main_columns = 6 + len(sco_titles)
    rows = [headers]
    # ORDER BY uniqueid: "userid#attempt" compared as text
    entries = sorted(((f"{lr.uid}#{a.number if a else 0}", lr, a) for lr in learners
                      for a in (lr.attempts or [None])), key=lambda e: e[0])
    for _, lr, a in entries:
        row = [lr.name, s(lr.email)]
        if a is None:
            row += ["-", "-", "-", "-"]
        else:
            spreadsheet = download in ("ODS", "Excel")
            row += [str(a.number), userdate(a.start, lang, not spreadsheet), userdate(a.finish, lang, not spreadsheet),
                    a.grade]
        for s_index, _title in enumerate(sco_titles):
            track = a.tracks[s_index] if a else None
            if track is None:
                row.append(t["notattempted"])
                if not basic:
                    row += [""] * (len(headers) - main_columns)
                continue
            status = "notattempted" if track.status in ("", "not attempted") else track.status
            score = track.score_raw + ("/" + track.score_max if track.score_max is not None else "") \
                if track.score_raw != "" else t[status]
            row.append(score)
            if basic:
                continue
            for i in range(questions):
                x = track.interactions[i] if i < len(track.interactions) else None
                cells = [("questionx", x and x[0]), ("responsex", x and x[1]), ("rightanswerx", x and x[2]),
                         ("resultx", x and x[3])]
                row += [s(v) if v else "" for (key, v), (_, on) in zip(cells, shown) if on]
        rows.append(row)
    return rows


# text file: csv_export_writer("tab") ----------------------------------------------------------------------

def escape_formula(value):
    if not isinstance(value, str) or value == "-":
        return value
    trimmed = value.lstrip()
    return "'" + value if trimmed and trimmed[0] in "=+-@" else value


def _php_str(value) -> str:
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value)


def fputcsv(fields, delimiter="\t", enclosure='"', escape_char="\\") -> str:
    out = []
    for value in fields:
        text = _php_str(value)
        if any(ch in text for ch in (delimiter, enclosure, escape_char, "\n", "\r", "\t", " ")):
            quoted, escaped = [enclosure], False
            for ch in text:
                if escaped:
                    escaped = False
                elif ch == escape_char:
                    escaped = True
                elif ch == enclosure:
                    quoted.append(enclosure)
                quoted.append(ch)
            quoted.append(enclosure)
            text = "".join(quoted)
        out.append(text)
    return delimiter.join(out) + "\n"


def write_text(path: Path, rows: list[list]) -> Path:
    path.write_bytes("".join(fputcsv([escape_formula(v) for v in row]) for row in rows).encode("utf-8"))
    return path


# the type detection both MoodleODSWorksheet::write() and MoodleExcelWorksheet::write() do
_NUMBER = re.compile(r"^([+-]?)(?=\d|\.\d)\d*(\.\d*)?([Ee]([+-]?\d+))?$")


def cell_kind(token) -> str:
    text = _php_str(token)
    if _NUMBER.match(text):
        return "number"
    if text.startswith(("=", "@")):
        return "formula"
    if text == "":
        return "blank"
    return "string"


# ODS: MoodleODSWriter ---------------------------------------------------------------------------------------

_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"')


def _ods_cell(value, style: str) -> str:
    text = _php_str(value)
    kind = cell_kind(value)
    if kind == "formula":  # write_formula() drops the format and the value
        return f'<table:table-cell table:formula="of:{escape(text)}"></table:table-cell>\n'
    if kind == "number":
        v = escape(text, {'"': "&quot;", "'": "&#039;"})
        return (f'<table:table-cell office:value-type="float" office:value="{v}" table:style-name="{style}">'
                f'<text:p>{v}</text:p></table:table-cell>\n')
    v = escape(text, {'"': "&quot;", "'": "&#039;"})
    return f'<table:table-cell office:value-type="string" table:style-name="{style}"><text:p>{v}</text:p></table:table-cell>\n'


def write_ods(path: Path, rows: list[list], sheet: str) -> Path:
    width = max(len(r) for r in rows)
    body = [f'<table:table table:name="{escape(sheet)}" table:style-name="ta1">\n']
    body += ["<table:table-column/>\n"] * width
    for r, row in enumerate(rows):
        body.append("<table:table-row>\n")
        for c in range(width):
            # $format (id 1) for data, $formatbc (id 2, bold centred) for the header row
            body.append(_ods_cell(row[c], "format2" if r == 0 else "format1") if c < len(row)
                        else "<table:table-cell/>\n")
        body.append("</table:table-row>\n")
    body.append("</table:table>\n")
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODS_NS}>\n'
               '  <office:scripts/>\n  <office:automatic-styles>\n'
               '    <style:style style:name="ta1" style:family="table" style:master-page-name="Standard1">\n'
               '      <style:table-properties table:display="true"/>\n    </style:style>\n'
               '  <style:style style:name="format1" style:family="table-cell">\n  </style:style>\n'
               '  <style:style style:name="format2" style:family="table-cell">\n'
               '   <style:text-properties fo:font-weight="bold"/>\n'
               '   <style:paragraph-properties fo:text-align="center"/>\n  </style:style>\n'
               '  </office:automatic-styles>\n  <office:body>\n    <office:spreadsheet>\n'
               + "".join(body) + '\n    </office:spreadsheet>\n  </office:body>\n</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2">\n <manifest:file-entry manifest:full-path="/"'
                ' manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
                ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        _put(zf, "mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        _put(zf, "content.xml", content)
        _put(zf, "META-INF/manifest.xml", manifest)
    return path


def _put(zf: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed, so the fixtures are reproducible
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, text.encode("utf-8"))


# Excel: MoodleExcelWorkbook -> PhpSpreadsheet Xlsx writer ----------------------------------------------------

def _col(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def write_xlsx(path: Path, rows: list[list], sheet: str) -> Path:
    strings: dict[str, int] = {}
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_col(c)}{r}"
            header = r == 1
            kind = cell_kind(value)
            text = _php_str(value)
            if kind == "number":  # write_number(): General format
                cells.append(f'<c r="{ref}" s="{3 if header else 1}"><v>{text}</v></c>')
            elif kind == "formula":  # write_formula(): no escape, stored as a formula
                cells.append(f'<c r="{ref}" s="{3 if header else 1}"><f>{escape(text[1:] if text[0] == "=" else text)}'
                             '</f></c>')
            elif kind == "blank":
                cells.append(f'<c r="{ref}" s="{3 if header else 1}"/>')
            else:  # write_string(): formula escape, text format (numFmt 49), a shared string
                text = escape_formula(text)
                index = strings.setdefault(text, len(strings))
                cells.append(f'<c r="{ref}" s="{4 if header else 2}" t="s"><v>{index}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sst = "".join(f"<si><t xml:space=\"preserve\">{escape(t)}</t></si>" for t in strings)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override '
        'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        f'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}'
        f'/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" Target="styles.'
        f'xml"/><Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} xmlns:r="{rel}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="{escape(sheet)}" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}><fonts '
        'count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/>'
        '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
        'patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf '
        'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" '
        'fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" '
        'fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal='
        '"center"/></xf><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
        'applyNumberFormat="1" applyAlignment="1"><alignment horizontal="center"/></xf></cellXfs><cellStyles count="1">'
        '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} '
        f'uniqueCount="{len(strings)}">{sst}</sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0" showGridLines="true"><selection activeCell="A1"'
        ' sqref="A1"/></sheetView></sheetViews><sheetData>' + "".join(xml_rows) + '</sheetData><printOptions '
        'gridLines="false" gridLinesSet="true"/></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            _put(zf, name, text)
    return path


def write(path: Path, learners: list[Learner], sco_titles: list[str], lang: str, **options) -> Path:
    """The download Moodle sends for the report, chosen by the file's suffix (.txt, .ods or .xlsx)."""
    download = {".txt": "CSV", ".ods": "ODS", ".xlsx": "Excel"}[path.suffix]
    rows = interactions_rows(learners, sco_titles, lang, download, **options)
    if download == "CSV":
        return write_text(path, rows)
    if download == "ODS":
        return write_ods(path, rows, STRINGS[lang]["report"])
    return write_xlsx(path, rows, STRINGS[lang]["report"])
