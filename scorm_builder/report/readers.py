"""Reading a downloaded report into rows of text cells, whatever the file format Moodle was asked for.

Moodle offers three downloads of its SCORM reports: "text file" (tab separated, UTF-8, `.txt`), ODS and Excel
(`.xlsx`). The format is found from the file's first bytes, not its name, as trainers rename files. Excel needs
openpyxl (the `report` extra); text and ODS need only the core dependencies.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExportError
from ..i18n import _

EXTRA = "pip install 'scorm-builder[report]'"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Table:
    """A sheet as text: `rows[0]` is the header row. Cells are never None; a missing cell is ''."""

    name: str  # the file, as given, for messages
    format: str  # csv | ods | xlsx
    rows: list[list[str]]


def read_table(path: Path) -> Table:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(_("{path}: cannot read the file ({reason})").format(
            path=path, reason=error.strerror or error)) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError(_("{path}: this is an old binary Excel (.xls) file; download the report again as 'Excel' "
                            "(Moodle writes .xlsx), 'ODS' or 'text file'").format(
            path=path))
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(path, data)
    return Table(str(path), "csv", _read_text(path, data))


def _read_zip(path: Path, data: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mime = zf.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError) as error:
        raise ExportError(_("{path}: damaged zip file ({error}); download the report again").format(
            path=path, error=error)) from None
    if mime == _ODS_MIME:
        return Table(str(path), "ods", _read_ods(path, data))
    if "xl/workbook.xml" in names:
        return Table(str(path), "xlsx", _read_xlsx(path, data))
    raise ExportError(_("{path}: a zip file that is neither an ODS nor an Excel workbook; give the file Moodle "
                        "downloaded from the SCORM activity's Reports page").format(
        path=path))


def _read_text(path: Path, data: bytes) -> list[list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")  # a spreadsheet program's "Unicode text" save
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[:error.start].count(b"\n") + 1
            raise ExportError(_("{path}:{line}: error: not UTF-8 text (Moodle writes UTF-8; if a spreadsheet "
                                "program saved this file, save it as 'CSV UTF-8' or download it again)").format(
                path=path, line=line)) from None
    if "\x00" in text:
        raise ExportError(_("{path}: error: a binary file, not a report download").format(path=path))
    first = text.split("\n", 1)[0]
    # Moodle writes tabs; a file re-saved by a spreadsheet program may use commas or semicolons
    delimiter = max(("\t", ",", ";"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=True))
    except csv.Error as error:
        raise ExportError(_("{path}: error: malformed text file ({error})").format(path=path, error=error)) from None
    return [row for row in rows if any(cell.strip() for cell in row)]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, data: bytes) -> list[list[str]]:
    try:
        import openpyxl
    except ImportError:
        raise ExportError(_("{path}: reading Excel files needs openpyxl: {command}").format(
            path=path, command=EXTRA)) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = [[_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise ExportError(_("{path}: error: malformed Excel workbook ({kind}: {error})").format(
            path=path, kind=type(error).__name__, error=error)) from None
    return [row for row in rows if any(cell.strip() for cell in row)]


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "


class _OdsSheet:
    """Expat handlers that collect the first sheet of content.xml as text rows: repeated cells and rows
    expanded (trailing empty cells dropped), paragraphs joined by newlines, floats from office:value."""

    def __init__(self):
        self.rows: list[list[str]] = []
        self.tables = 0
        self.row: list[str] = []
        self.pending = 0  # empty cells held back until a filled one follows
        self.parts: list[str] | None = None  # the current cell's text, when inside a <text:p>
        self.cell: dict = {}
        self.paragraphs = 0

    def start(self, name, attrs):
        if name == _TEXT + "p" and self.cell:
            self.parts = self.cell.setdefault("parts", [])
            if self.paragraphs:
                self.parts.append("\n")
            self.paragraphs += 1
        elif self.parts is not None and name.startswith(_TEXT):
            local = name[len(_TEXT):]
            if local == "s":
                self.parts.append(" " * int(attrs.get(_TEXT + "c", "1")))
            elif local in ("tab", "line-break"):
                self.parts.append("\t" if local == "tab" else "\n")
        elif name in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            self.cell = {"attrs": attrs}
            self.paragraphs = 0
        elif name == _TABLE + "table-row":
            self.row, self.pending = [], 0
            self.row_repeat = int(attrs.get(_TABLE + "number-rows-repeated", "1"))
        elif name == _TABLE + "table":
            self.tables += 1

    def text(self, data):
        if self.parts is not None:
            self.parts.append(data)

    def end(self, name):
        if name == _TEXT + "p":
            self.parts = None
        elif name in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            attrs = self.cell["attrs"]
            if attrs.get(_OFFICE + "value-type") == "float" and _OFFICE + "value" in attrs:
                value = _cell(float(attrs[_OFFICE + "value"]))
            else:
                value = "".join(self.cell.get("parts", ()))
            repeat = int(attrs.get(_TABLE + "number-columns-repeated", "1"))
            if value:
                self.row.extend([""] * self.pending)
                self.row.extend([value] * min(repeat, 10_000))
                self.pending = 0
            else:
                self.pending += repeat
            self.cell = {}
        elif name == _TABLE + "table-row":
            if any(c.strip() for c in self.row):
                self.rows.extend([self.row] * min(self.row_repeat, 100_000))
        elif name == _TABLE + "table":
            raise _Done


class _Done(Exception):
    pass


def _read_ods(path: Path, data: bytes) -> list[list[str]]:
    """ODS is read with the standard library's expat as it streams (see pyproject.toml for why no ODS
    library): entities are not expanded and no external resource is ever loaded."""
    from xml.parsers import expat

    sheet = _OdsSheet()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = sheet.start, sheet.end
    parser.CharacterDataHandler = sheet.text
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _no_entities
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as content:
            parser.ParseFile(content)
    except _Done:
        pass
    except (KeyError, zipfile.BadZipFile, expat.ExpatError, ValueError) as error:
        raise ExportError(_("{path}: error: malformed ODS spreadsheet ({error})").format(
            path=path, error=error)) from None
    return sheet.rows


def _no_entities(*args):
    raise ValueError("entity declarations are not allowed")
