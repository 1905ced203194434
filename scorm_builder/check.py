"""Judging any SCORM package before it reaches Moodle, without extracting it and within fixed bounds."""
from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from . import sniff
from .errors import UsageError, severity_word
from .i18n import _
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
    """Check the zip at `path`; raise UsageError when it cannot be read as a zip at all."""
    report = Report(str(path))
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise UsageError(_("{path}: not a readable zip file ({exc})").format(path=path, exc=exc)) from None
    with zf:
        infos = zf.infolist()
        if not _bounds(infos, report):
            return report
        _names(infos, report)
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
    _resources(resources, present, report)
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


def _resources(resources: dict, present: set[str], report: Report) -> None:
    listed: set[str] = set()
    for rid, res in resources.items():
        base = res.get("{http://www.w3.org/XML/1998/namespace}base") or ""
        for dep in res.findall(f"{{{IMSCP}}}dependency"):
            if dep.get("identifierref") not in resources:
                report.add("error", "bad-dependency", "imsmanifest.xml",
                           _("resource '{rid}' depends on missing '{dependency}'").format(
                               rid=rid, dependency=dep.get('identifierref')), _("fix the dependency"))
        hrefs = [(h, _("launch file")) for h in [res.get("href")] if h]
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
