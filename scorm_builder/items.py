"""The items of a SCORM 1.2 manifest, as an LMS reads them. Works on lxml and ElementTree trees alike."""
from __future__ import annotations

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
_CP, _ADL = f"{{{IMSCP}}}", f"{{{ADLCP}}}"


def _text(element, tag: str) -> str:
    return (element.findtext(tag) or "").strip()


def default_organization(root):
    """The organization `organizations/@default` names, else the first one, else None."""
    organizations = root.find(_CP + "organizations")
    orgs = organizations.findall(_CP + "organization") if organizations is not None else []
    return next((o for o in orgs if o.get("identifier") == organizations.get("default")), orgs[0] if orgs else None)


def items(root, within=None) -> list[dict]:
    """Every item of the manifest (or of the organization `within`) with what the LMS gives it at launch."""
    resources = {r.get("identifier"): r for r in root.iter(_CP + "resource")}
    found = []
    for item in (root if within is None else within).iter(_CP + "item"):
        resource = resources.get(item.get("identifierref") or "")
        found.append({
            "id": item.get("identifier"), "title": _text(item, _CP + "title"),
            "href": resource.get("href", "") if resource is not None else "",
            "sco": resource is not None and resource.get(_ADL + "scormtype") == "sco",
            "masteryScore": _text(item, _ADL + "masteryscore"), "launchData": _text(item, _ADL + "datafromlms"),
            "maxTimeAllowed": _text(item, _ADL + "maxtimeallowed"),
            "timeLimitAction": _text(item, _ADL + "timelimitaction"),
        })
    return found
