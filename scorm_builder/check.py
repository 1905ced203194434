"""Judging any SCORM package before it reaches Moodle, without extracting it and within fixed bounds."""
from __future__ import annotations

import hashlib
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator
from urllib.parse import unquote

from lxml import etree

from . import sniff
from .errors import UsageError, severity_word
from .i18n import N_, _
from .manifest import ADLCP, CONTROLLING_XSDS, IMSCP, schema
from .svgclean import active_parts, describe

MAX_ENTRIES = 10_000
MAX_TOTAL = 512 * 1024 * 1024  # declared uncompressed bytes
MAX_RATIO = 200  # uncompressed / compressed, for entries over 1 MiB
MAX_MANIFEST = 4 * 1024 * 1024
MAX_SCANNED = 2 * 1024 * 1024  # per text file scanned for network loads
XSD_SHA256 = {
    "imscp_rootv1p1p2.xsd": "d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda",
    "adlcp_rootv1p2.xsd": "173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883",
    "imsmd_rootv1p2p1.xsd": "51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9",
    "ims_xml.xsd": "5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5",
}
BAD_NAME_CHARS = set('&<>"`|\':\\')
NETWORK_LOAD = re.compile(
    rb"""(?:\b(?:src|data|poster)\s*=\s*["']?\s*(?:https?:)?//)|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)"""
    rb"""|(?:@import\s+["'](?:https?:)?//)|(?:\b(?:fetch|importScripts)\(\s*["'](?:https?:)?//)""", re.I)
TEXT_SUFFIXES = {".html", ".htm", ".js", ".css", ".xhtml", ".svg"}
ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning
    code: str
    file: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.file}: {severity_word(self.severity)}: {self.message}{hint}"


@dataclass
class Report:
    package: str
    version: str = "unknown"
    findings: list[Finding] = field(default_factory=list)
    manifest: object = field(default=None, repr=False)  # the parsed imsmanifest.xml, when it could be read

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def verdict(self) -> str:
        if self.errors:
            return _("NOT READY: {count} error(s) would break or spoil this package in Moodle").format(
                count=len(self.errors))
        warnings = len(self.findings)
        return _("READY for Moodle") + (_(", with {warnings} warning(s)").format(warnings=warnings) if warnings else "")

    def add(self, severity: str, code: str, file: str, message: str, hint: str = "") -> None:
        self.findings.append(Finding(severity, code, file, message, hint))

    def as_dict(self) -> dict:
        return {"package": self.package, "version": self.version, "verdict": self.verdict,
                "errors": len(self.errors), "findings": [asdict(f) for f in self.findings]}


def check(path: Path) -> Report:
    """Check the zip at `path`; raise UsageError when it cannot be read as a zip at all (or is no regular file)."""
    report = Report(str(path))
    with open_zip(path) as zf:
        infos = zf.infolist()
        if not _bounds(infos, report):
            return report
        _names(infos, report)
        _duplicates(infos, report)
        if not _entries(zf, infos, report):
            return report
        root = report.manifest = _manifest(zf, infos, report)
        if root is None:
            return report
        report.version = _version(root)
        if report.version != "1.2":
            report.add("error", "not-scorm12", "imsmanifest.xml", _("SCORM {version} package detected").format(
                version=report.version),
                       _("the Moodle app and this checker expect SCORM 1.2; export the course as SCORM 1.2"))
            return report
        _scorm12(zf, root, {i.filename for i in infos if not i.is_dir()}, report)
        _network(zf, infos, report)
        _active(zf, infos, root, report)
    return report


def _bounds(infos: list[zipfile.ZipInfo], report: Report) -> bool:
    if len(infos) > MAX_ENTRIES:
        report.add("error", "too-many-entries", "(zip)", f"{len(infos)} entries",
                   _("a package may hold at most {limit} files").format(limit=MAX_ENTRIES))
        return False
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        report.add("error", "too-large", "(zip)", _("{size} MiB once unpacked").format(size=total // 1024 // 1024),
                   _("keep packages under {limit} MiB unpacked").format(limit=MAX_TOTAL // 1024 // 1024))
        return False
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            report.add("error", "zip-bomb", info.filename,
                       _("compressed {ratio}:1").format(ratio=info.file_size // max(info.compress_size, 1)),
                       _("this looks like a zip bomb; rebuild the package"))
            return False
    return True


def _names(infos: list[zipfile.ZipInfo], report: Report) -> None:
    for info in infos:
        name = info.filename
        if name.startswith("/") or "\\" in name or ".." in PurePosixPath(name).parts or re.match(r"^[A-Za-z]:", name):
            report.add("error", "unsafe-name", name, _("the name escapes the package folder"),
                       _("use relative names with '/' and no '..'"))
        elif BAD_NAME_CHARS & set(name):
            report.add("error", "bad-name", name, _('Moodle drops characters such as & < > " \' : | from names'),
                       _("rename the file with letters, digits, '.', '_', '-'"))
        elif not name.isascii():
            report.add("warning", "non-ascii-name", name, _("non-ASCII file name"),
                       _("file names are mangled across systems; keep them ASCII"))


def read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a member: a lying size in the zip cannot make us read more."""
    try:
        with zf.open(name) as f:
            return f.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UsageError(_("{zip}: entry '{name}' cannot be read ({exc})").format(
            zip=zf.filename, name=name, exc=exc)) from None


def _manifest(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], report: Report):
    names = [i.filename for i in infos]
    if "imsmanifest.xml" not in names:
        nested = [n for n in names if n.lower().endswith("/imsmanifest.xml")]
        if nested:
            report.add("error", "manifest-in-folder", nested[0], _("imsmanifest.xml is inside a folder"),
                       _("zip the contents of the folder, not the folder: the manifest must be at the zip root"))
        elif any(n.lower().endswith((".au", ".crs", ".des", ".cst")) for n in names):
            report.version = "AICC"
            report.add("error", "aicc", "(zip)", _("AICC package detected"), _("export the course as SCORM 1.2"))
        else:
            report.add("error", "no-manifest", "(zip)", _("no imsmanifest.xml"), _("this is not a SCORM package"))
        return None
    data = read_member(zf, "imsmanifest.xml", MAX_MANIFEST)
    if len(data) > MAX_MANIFEST:
        report.add("error", "manifest-too-large", "imsmanifest.xml", _("over 4 MiB"), _("a real manifest is far "
                                                                                        "smaller"))
        return None
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:65536], re.I):
        report.add("error", "dtd", "imsmanifest.xml", _("the manifest declares a DTD or entities"),
                   _("remove the <!DOCTYPE>; SCORM manifests use XML Schema only"))
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        report.add("error", "malformed-xml", "imsmanifest.xml", _("not well-formed XML: {exc}").format(exc=exc),
                   _("Moodle stops with 'XML error'; fix the manifest"))
        return None


def _version(root) -> str:
    text = " ".join(root.xpath("//*[local-name()='schemaversion']/text()")).strip()
    if "2004" in text or text.startswith("CAM 1.3") or any("v1p3" in ns for ns in root.nsmap.values() if ns):
        return "2004"
    return "1.2"


def _scorm12(zf: zipfile.ZipFile, root, present: set[str], report: Report) -> None:
    xsd = schema()
    if not xsd.validate(root):
        for err in list(xsd.error_log)[:10]:
            report.add("error", "xsd", "imsmanifest.xml", _("line {line}: {message}").format(
                line=err.line, message=err.message),
                       _("the manifest does not follow the SCORM 1.2 schema"))
    _prefix(root, report)
    _identifiers(root, report)
    resources = {r.get("identifier"): r for r in root.iter(f"{{{IMSCP}}}resource")}
    _organizations(root, resources, report)
    launched = _launches(root, resources, present, report)
    _resources(resources, present, report, launched)
    _xsds(zf, present, report)


def _prefix(root, report: Report) -> None:
    bound = sorted({prefix for el in root.iter() for prefix, uri in el.nsmap.items() if uri == ADLCP and prefix})
    if bound and "adlcp" not in bound:
        report.add("error", "adlcp-prefix", "imsmanifest.xml", _("the ADL namespace is bound to '{bound}:'").format(
            bound=bound[0]),
                   _("Moodle reads the literal prefix 'adlcp:'; rename the prefix"))


def _identifiers(root, report: Report) -> None:
    seen: set[str] = set()
    for el in root.iter():
        value = el.get("identifier")
        if value is None:
            continue
        if value in seen:
            report.add("error", "duplicate-id", "imsmanifest.xml", _("identifier '{value}' is used twice").format(
                value=value),
                       _("identifiers must be unique across the whole manifest"))
        elif not ID.match(value):
            report.add("error", "bad-id", "imsmanifest.xml", _("identifier '{value}' is not a valid XML ID").format(
                value=value),
                       _("start with a letter, no spaces or colons"))
        seen.add(value)


def _organizations(root, resources: dict, report: Report) -> None:
    orgs = root.find(f"{{{IMSCP}}}organizations")
    organizations = [] if orgs is None else orgs.findall(f"{{{IMSCP}}}organization")
    if not organizations:
        report.add("error", "no-organization", "imsmanifest.xml", _("the manifest has no organization"),
                   _("Moodle finds nothing to launch; add an <organization> with items"))
        return
    default = orgs.get("default")
    if default and default not in {o.get("identifier") for o in organizations}:
        report.add("error", "bad-default", "imsmanifest.xml", _("organizations/@default '{default}' names no "
                                                                "organization").format(
            default=default),
                   _("point it at an organization identifier"))
    for item in root.iter(f"{{{IMSCP}}}item"):
        title = item.findtext(f"{{{IMSCP}}}title") or ""
        if len(title) > 200:
            report.add("error", "long-title", "imsmanifest.xml", _("item '{id}' title over 200 characters").format(
                id=item.get('identifier')),
                       _("shorten it"))
        ref = item.get("identifierref")
        if ref and ref not in resources:
            report.add("error", "bad-ref", "imsmanifest.xml", _("item '{id}' refers to missing resource '{ref}'").format(
                id=item.get('identifier'), ref=ref),
                       _("point identifierref at a resource"))
        elif ref and resources[ref].get(f"{{{ADLCP}}}scormtype") != "sco":
            report.add("warning", "asset-launch", "imsmanifest.xml",
                       _("item '{id}' launches an asset, not a SCO").format(id=item.get('identifier')),
                       _('add adlcp:scormtype="sco" if it tracks; Moodle marks assets completed at launch'))
        mastery = item.findtext(f"{{{ADLCP}}}masteryscore")
        if mastery is not None and not _percent(mastery):
            report.add("error", "bad-mastery", "imsmanifest.xml", _("masteryscore '{mastery}' is not a number 0-100").format(
                mastery=mastery),
                       _("write a number from 0 to 100"))


def _percent(text: str) -> bool:
    try:
        return 0 <= float(text) <= 100
    except ValueError:
        return False


def _resources(resources: dict, present: set[str], report: Report, launched: dict[str, str] | None = None) -> None:
    launched = launched or {}
    listed: set[str] = set()
    for rid, res in resources.items():
        base = res.get("{http://www.w3.org/XML/1998/namespace}base") or ""
        for dep in res.findall(f"{{{IMSCP}}}dependency"):
            if dep.get("identifierref") not in resources:
                report.add("error", "bad-dependency", "imsmanifest.xml",
                           _("resource '{rid}' depends on missing '{dependency}'").format(
                               rid=rid, dependency=dep.get('identifierref')), _("fix the dependency"))
        if rid in launched:  # its href was judged by _launches
            listed.add(launched[rid])
        hrefs = [(h, _("launch file")) for h in [res.get("href")] if h and rid not in launched]
        hrefs += [(f.get("href"), _("listed file")) for f in res.findall(f"{{{IMSCP}}}file") if f.get("href")]
        for href, role in hrefs:
            name = base + href.split("?")[0].split("#")[0]
            if re.match(r"^[a-z][a-z0-9+.-]*:", name, re.I):
                continue  # an absolute URL resource; nothing to find in the zip
            if name.startswith("/") or "\\" in name or ".." in PurePosixPath(name).parts:
                report.add("error", "href-escapes", "imsmanifest.xml", _("href '{href}' escapes the package").format(
                    href=href),
                           _("use paths relative to the manifest"))
            elif name not in present:
                report.add("error", "missing-file", name, _("{role} of resource '{rid}' is not in the zip").format(
                    role=role, rid=rid),
                           _("add the file or fix the href"))
            listed.add(name)
    for name in sorted(present - listed - {"imsmanifest.xml", *CONTROLLING_XSDS}):
        report.add("warning", "unlisted-file", name, _("file not listed in the manifest"),
                   _("list it as <file href> in the resource that uses it"))


def _xsds(zf: zipfile.ZipFile, present: set[str], report: Report) -> None:
    for name in CONTROLLING_XSDS:
        if name not in present:
            report.add("warning", "xsd-missing", name, _("controlling schema missing at the package root"),
                       _("ship the four SCORM 1.2 XSDs unchanged; conformance tests require them"))
        elif hashlib.sha256(read_member(zf, name, 1 << 20)).hexdigest() != XSD_SHA256[name]:
            report.add("warning", "xsd-changed", name, _("controlling schema differs from the standard document"),
                       _("ship the exact standard copy"))


def _network_load(data: bytes):
    """The first network load in `data`. Every pattern ends in '//', so only the text before each '//' is searched
    (the whole pattern over megabytes of page would be slow)."""
    at = data.find(b"//")
    while at != -1:
        match = NETWORK_LOAD.search(data, max(0, at - 300), at + 2)
        if match:
            return match
        at = data.find(b"//", at + 2)
    return None


def _network(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], report: Report) -> None:
    for info in infos:
        if PurePosixPath(info.filename).suffix.lower() not in TEXT_SUFFIXES:
            continue
        match = _network_load(read_member(zf, info.filename, MAX_SCANNED))
        if match:
            report.add("warning", "network-load", info.filename,
                       _("loads from the network: {url}...").format(url=match.group(0).decode('ascii', 'replace')),
                       _("the Moodle app plays packages offline; ship the file inside the package"))


# Active content -----------------------------------------------------------------------------------------------
OUR_SCRIPTS = ("assets/sb-lms.js", "assets/sb-answers.js", "assets/sb-app.js")
OUR_BLOCK_SCRIPT = "assets/sb-blocks.js"  # the page blocks' behaviour (render.BLOCK_JS), when a course uses them
MAX_ACTIVE_LISTED = 10
_XML_ACTIVE = re.compile(rb"http://www\.w3\.org/(?:1999/xhtml|2000/svg)|<\?xml-stylesheet|<script", re.I)
_SVG_ACTIVE = re.compile(rb"<script|<foreignObject|<!ENTITY|\son[a-z]+\s*=|javascript:", re.I)


def _active(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], root, report: Report) -> None:
    """Files other than the launch pages that run script when opened (a page, an SVG with script, a script,
    Flash), by name or by content: an error in a package of ours, which never holds any, a warning in others'."""
    launch = {r.get("href").split("?")[0].split("#")[0] for r in root.iter(f"{{{IMSCP}}}resource") if r.get("href")}
    names = {i.filename for i in infos}
    ours = all(n in names for n in OUR_SCRIPTS) and any(
        r.get("identifier") == "RES_SHARED" for r in root.iter(f"{{{IMSCP}}}resource"))
    skip = launch | {"imsmanifest.xml", *CONTROLLING_XSDS} | ({*OUR_SCRIPTS, OUR_BLOCK_SCRIPT} if ours else set())
    found = [(info.filename, why) for info in infos if not info.is_dir() and info.filename not in skip
             for why in [_runs(zf, info)] if why]
    if ours:
        for name, why in found[:MAX_ACTIVE_LISTED]:
            report.add("error", "active-content", name,
                       _("{what}, which would run in the learner's Moodle session when opened: a course build never "
                         "ships one").format(what=why),
                       _("the package was changed after it was built; build it again"))
    elif found:
        plain = {_(sniff.ACTIVE_EXTENSIONS[".html"]), _(sniff.ACTIVE_EXTENSIONS[".js"])}
        shown = [name if why in plain else f"{name} ({why})" for name, why in found]
        more = (_(" and {n} more").format(n=len(shown) - MAX_ACTIVE_LISTED)
                if len(shown) > MAX_ACTIVE_LISTED else "")
        report.add("warning", "active-content", "(zip)",
                   _("{n} file(s) besides the launch pages can run script in the learner's Moodle session: "
                     "{files}").format(n=len(found), files=", ".join(shown[:MAX_ACTIVE_LISTED]) + more),
                   _("usual for authoring tools' packages; upload only packages from a tool and a person you trust"))


def _runs(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """What in the file can run script ("an SVG file with script"), or None."""
    suffix = PurePosixPath(info.filename).suffix.lower()
    if suffix in sniff.ACTIVE_EXTENSIONS and suffix != ".svg":
        return _(sniff.ACTIVE_EXTENSIONS[suffix])
    head = read_member(zf, info.filename, MAX_SCANNED if suffix == ".svg" else sniff.HEAD)
    kind = sniff.real_type(head[:sniff.HEAD])
    if suffix == ".svg" or kind == "svg":
        parts = active_parts(head) if len(head) <= MAX_SCANNED else (["script"] if _SVG_ACTIVE.search(head) else [])
        return _("an SVG file with {parts}").format(parts=describe(parts)) if parts else None
    if kind == "xml" and not _XML_ACTIVE.search(head):  # a schema or data file: shown as a tree, runs nothing
        return None
    return _("{what} under another name").format(what=_(sniff.NAMES[kind])) if kind in sniff.ACTIVE_TYPES else None


# ---- Only regular files are opened ----------------------------------------------------------------------------

@contextmanager
def open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    """The zip at `path`, opened only if it is a regular file: a pipe would block forever, a device (a link to
    /dev/zero) would be read forever. UsageError otherwise, or when it is no zip."""
    try:  # non-blocking, so that opening a pipe returns at once; the kind is then read from what was opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UsageError(_("{path}: cannot be opened ({reason})").format(path=path, reason=exc.strerror or exc)) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UsageError(_("{path}: {kind}, not a zip file (give the path of the package itself)").format(
            path=path, kind=_(_kind(mode))))
    raw = os.fdopen(fd, "rb")
    try:
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        try:
            zf = zipfile.ZipFile(raw)
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise UsageError(_("{path}: not a readable zip file ({exc})").format(path=path, exc=exc)) from None
        zf.filename = str(path)  # for messages: a ZipFile given an open file knows only its descriptor
        with zf:
            yield zf
    finally:
        raw.close()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return N_("a folder")
    if stat.S_ISFIFO(mode):
        return N_("a pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    return N_("not a regular file")


# ---- What the zip really holds, whatever its headers say ----------------------------------------------------
# An unzipper may trust the central directory, the local headers or the compressed data itself; a zip whose
# three accounts differ unpacks to different files in different places, so what `check` judged would not be
# what the LMS serves.

_LOCAL = struct.Struct("<4sHHHHHLLLHH")  # the fixed part of a local file header
CHUNK = 1 << 20  # bytes read, and bytes unpacked, at a time: memory stays bounded whatever the zip declares
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
           zipfile.ZIP_LZMA: "lzma", 9: "deflate64"}


def _duplicates(infos: list[zipfile.ZipInfo], report: Report) -> None:
    """Two entries of one name: an unzipper keeps one of them, and which one is not defined. Names that differ
    only in case are one file on Windows and for some unzippers."""
    exact: dict[str, int] = {}
    folded: dict[str, str] = {}
    for info in infos:
        name = info.filename
        exact[name] = exact.get(name, 0) + 1
        if exact[name] == 2:
            report.add("error", "duplicate-name", name, _("two entries have this name"),
                       _("unzippers keep only one of them, not always the same one: remove the copy and zip again"))
        key = unicodedata.normalize("NFC", name).casefold()
        if key in folded and folded[key] != name:
            report.add("error", "duplicate-name-case", name,
                       _("differs from '{other}' only in case").format(other=folded[key]),
                       _("Windows and some unzippers make them one file: rename one of them"))
        folded.setdefault(key, name)


def _entries(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], report: Report) -> bool:
    """Each entry's local header against the central directory, entries that share bytes, and each entry
    unpacked (streamed, never more than its declared size plus one chunk) to measure what it really holds.
    False when the zip cannot be trusted enough to read further."""
    fp = zf.fp
    end = fp.seek(0, os.SEEK_END)
    spans = []
    for info in infos:
        start = _local_header(fp, info, end, zf, report)
        if start is None:
            return False
        spans.append((info.header_offset, start + info.compress_size, info.filename))
        if not _unpacked_size(fp, info, start, report):
            return False
    spans.sort()
    for (_start, first_end, first), (second_start, _end, second) in zip(spans, spans[1:]):
        if second_start < first_end:
            report.add("error", "overlapping-entries", second, _("shares its bytes with '{other}'").format(other=first),
                       _("a zip bomb is made this way; rebuild the package"))
            return False
    return True


def _local_header(fp, info: zipfile.ZipInfo, end: int, zf: zipfile.ZipFile, report: Report) -> int | None:
    """Where the entry's data starts, once its local header is found to agree with the central directory."""
    def refuse(message: str) -> None:
        report.add("error", "header-mismatch", info.filename, message,
                   _("the zip was damaged or altered after it was made; rebuild it"))

    fp.seek(info.header_offset)
    head = fp.read(_LOCAL.size)
    if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04":
        return refuse(_("no local header where the central directory says the entry starts"))
    _sig, _version, flags, method, _time, _date, crc, csize, usize, name_len, extra_len = _LOCAL.unpack(head)
    raw_name = fp.read(name_len)
    # decoded as zipfile decodes it (by the directory's flags), so that only a real difference is an error
    encoding = "utf-8" if info.flag_bits & 0x800 else (getattr(zf, "metadata_encoding", None) or "cp437")
    name = raw_name.decode(encoding, "replace")
    if name != info.orig_filename:
        return refuse(_("the local header names it '{name}'").format(name=name))
    if method != info.compress_type:
        return refuse(_("compression method {local} in the local header, {central} in the directory").format(
            local=method, central=info.compress_type))
    if not flags & 0x08 and 0xFFFFFFFF not in (csize, usize):  # else the sizes follow the data, or are zip64's
        for what, local, central in ((N_("size"), usize, info.file_size),
                                     (N_("compressed size"), csize, info.compress_size), ("CRC", crc, info.CRC)):
            if local != central:
                return refuse(_("{what} {local} in the local header, {central} in the central directory").format(
                    what=_(what), local=local, central=central))
    start = info.header_offset + _LOCAL.size + name_len + extra_len
    if start + info.compress_size > end:
        report.add("error", "truncated-entry", info.filename, _("its data runs past the end of the zip"),
                   _("the zip is cut short: download or copy it again"))
        return None
    return start


def _unpacked_size(fp, info: zipfile.ZipInfo, start: int, report: Report) -> bool:
    if info.flag_bits & 0x1:
        report.add("error", "encrypted", info.filename, _("the entry is encrypted"),
                   _("Moodle cannot unpack encrypted files; zip the package without a password"))
        return False
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            return _lie(info, _("is stored uncompressed in {n} bytes").format(n=info.compress_size), report)
        return True
    if info.compress_type != zipfile.ZIP_DEFLATED:
        method = METHODS.get(info.compress_type, f"method {info.compress_type}")
        report.add("error", "unusual-compression", info.filename, _("compressed with {method}").format(method=method),
                   _("SCORM packages use deflate (the usual zip compression), which every LMS unpacks; zip it again"))
        return False
    found, ended = _inflated(fp, start, info)
    if found is None:  # as read_member says of it: a zip that cannot be read, not a package with a mistake
        raise UsageError(_("{package}: entry '{name}' cannot be read (damaged compressed data)").format(
            package=report.package, name=info.filename))
    if found > info.file_size:
        return _lie(info, _("unpacks to more"), report)
    if not ended:
        return _lie(info, _("its compressed data does not end within its {n} bytes").format(n=info.compress_size),
                    report)
    if found != info.file_size:
        return _lie(info, _("unpacks to {n}").format(n=found), report)
    return True


def _inflated(fp, start: int, info: zipfile.ZipInfo) -> tuple[int | None, bool]:
    """(bytes the deflated data unpacks to, capped at the declared size + 1; whether the stream ended), or
    (None, False) when the data is not valid deflate."""
    fp.seek(start)
    inflater = zlib.decompressobj(-15)
    left, found, pending = info.compress_size, 0, b""
    while not inflater.eof and found <= info.file_size:
        if not pending:
            if left <= 0:
                break
            pending = fp.read(min(CHUNK, left))
            if not pending:
                break
            left -= len(pending)
        try:  # never more than the declared size + 1 out: a lying entry stops being read at once
            out = inflater.decompress(pending, min(CHUNK, info.file_size + 1 - found))
        except zlib.error:
            return None, False
        found += len(out)
        pending = inflater.unconsumed_tail
    return found, inflater.eof


def _lie(info: zipfile.ZipInfo, what: str, report: Report) -> bool:
    report.add("error", "size-lie", info.filename,
               _("declared as {n} bytes, it {what}").format(n=info.file_size, what=what),
               _("the zip's headers do not tell what it holds, as in a zip bomb; unzippers would disagree on it: "
                 "rebuild the package"))
    return False


# ---- What the LMS launches ------------------------------------------------------------------------------------

_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# what browsers strip from both ends of a URL, and drop from anywhere in it, before they read it
_URL_ENDS = "".join(map(chr, range(0x21)))
_URL_DROPPED = re.compile(r"[\t\n\r]")


def _launches(root, resources: dict, present: set[str], report: Report) -> dict[str, str]:
    """Each resource an item launches must name, by a relative path, a file in the zip: not a script
    (`javascript:`), a `data:` page, another site (`https://`, `//host`) or a file that is not there.
    Returns the launch file's name by resource identifier, for the resources judged here."""
    judged: dict[str, str] = {}
    outer = "".join(e.get(_XML_BASE) or "" for e in (root, root.find(f"{{{IMSCP}}}resources")) if e is not None)
    for item in root.iter(f"{{{IMSCP}}}item"):
        rid = item.get("identifierref")
        if not rid or rid not in resources or rid in judged:
            continue
        res = resources[rid]
        href = res.get("href") or ""
        written = outer + (res.get(_XML_BASE) or "") + href
        judged[rid] = name = _URL_DROPPED.sub("", written).strip(_URL_ENDS).split("#")[0].split("?")[0]
        problem = _launch_problem(href, name, present)
        if problem:
            code, message, hint = problem
            shown = written if len(written) <= 80 else written[:79] + "…"
            report.add("error", code, "imsmanifest.xml",
                       _("resource '{rid}' (launched by item '{item}'): {problem}: '{href}'").format(
                           rid=rid, item=item.get('identifier'), problem=_(message), href=shown), _(hint))
    return judged


def _launch_problem(href: str, name: str, present: set[str]) -> tuple[str, str, str] | None:
    scheme = _SCHEME.match(name)
    kind = scheme[1].lower() if scheme else ""
    if not href.strip():
        return "launch-no-href", N_("no launch file (href)"), N_("give the resource an href naming its HTML file")
    if kind in ("javascript", "vbscript"):
        return ("launch-script", N_("the launch href is a script, not a file"),
                N_("it would run on the Moodle site with the learner's session; launch an HTML file of the package"))
    if kind == "data":
        return ("launch-data", N_("the launch href is a data: URL, not a file"),
                N_("launch an HTML file of the package"))
    if kind or name.startswith(("//", "\\\\", "/\\", "\\/")):
        return ("launch-remote", N_("the launch href points to another site, not a file of the package"),
                N_("the Moodle app plays packages offline and Moodle tracks only what it serves: ship the page inside"))
    if name.startswith(("/", "\\")) or "\\" in name or ".." in PurePosixPath(name).parts:
        return "href-escapes", N_("the launch href escapes the package"), N_("use a path relative to the manifest")
    if name not in present and unquote(name) not in present:
        return "missing-file", N_("the launch file is not in the zip"), N_("add the file or fix the href")
    return None
