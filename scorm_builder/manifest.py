"""imsmanifest.xml for SCORM 1.2, written the way Moodle reads it, and checked against the shipped XSDs."""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

from .items import ADLCP, IMSCP
from .model import Course
from .paths import XSD_DIR
from .plan import PackagePlan

XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{IMSCP} imscp_rootv1p1p2.xsd "
                   "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
                   f"{ADLCP} adlcp_rootv1p2.xsd")
CONTROLLING_XSDS = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd")
SHARED_RESOURCE = "RES_SHARED"  # "_" never appears in a slug, so no SCO can take this name
MAX_TITLE = 200


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.replace("_", ":") if k.startswith("adlcp") else k: v
                                        for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def build_manifest(course: Course, plan: PackagePlan, shared_files: list[str]) -> bytes:
    """The manifest of one package; `shared_files` are the assets and media every SCO uses."""
    # Moodle matches the literal prefix 'adlcp:', so the ADL namespace must be bound to exactly that name.
    nsmap = {None: IMSCP, "adlcp": ADLCP, "xsi": XSI}
    root = etree.Element(f"{{{IMSCP}}}manifest", nsmap=nsmap,
                         identifier=f"MANIFEST-{plan.manifest_id}", version=course.version[:20])
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    meta = etree.SubElement(root, "metadata")
    _el(meta, "schema", "ADL SCORM")
    _el(meta, "schemaversion", "1.2")
    orgs = _el(root, "organizations", default=f"ORG-{plan.manifest_id}")
    org = _el(orgs, "organization", identifier=f"ORG-{plan.manifest_id}")
    _el(org, "title", course.title[:MAX_TITLE])
    for sco in plan.scos:
        item = _el(org, "item", identifier=f"ITEM-{sco.id}", identifierref=f"RES-{sco.id}", isvisible="true")
        _el(item, "title", sco.title[:MAX_TITLE])
        if sco.mastery is not None:
            etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = _number(sco.mastery)
    resources = _el(root, "resources")
    for sco in plan.scos:
        res = _el(resources, "resource", identifier=f"RES-{sco.id}", type="webcontent", href=sco.href)
        res.set(f"{{{ADLCP}}}scormtype", "sco")
        _el(res, "file", href=sco.href)
        _el(res, "dependency", identifierref=SHARED_RESOURCE)
    shared = _el(resources, "resource", identifier=SHARED_RESOURCE, type="webcontent")
    shared.set(f"{{{ADLCP}}}scormtype", "asset")
    for name in sorted(set(shared_files) | set(CONTROLLING_XSDS)):
        _el(shared, "file", href=name)
    # validated against the schemas with the rest of the package, by check.check, before it is written
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _Resolver(etree.Resolver):
    """libxml2 refuses ims_xml.xsd (it binds the default namespace to XML's): give it W3C's xml.xsd instead."""

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        if name in ("ims_xml.xsd", "xml.xsd"):
            return self.resolve_filename(str(XSD_DIR / "w3c-xml.xsd"), context)
        if (XSD_DIR / name).is_file():
            return self.resolve_filename(str(XSD_DIR / name), context)
        return None


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    driver = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:driver">
      <xs:import namespace="{IMSCP}" schemaLocation="imscp_rootv1p1p2.xsd"/>
      <xs:import namespace="{ADLCP}" schemaLocation="adlcp_rootv1p2.xsd"/>
    </xs:schema>"""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parser.resolvers.add(_Resolver())
    doc = etree.fromstring(driver.encode(), parser, base_url=str(XSD_DIR / "driver.xsd"))
    return etree.XMLSchema(doc)

