"""SVG pictures made static: a new document is built from the allowed elements and attributes of the old one.

An SVG is an XML document that may hold script (<script>, onload="...", javascript: links, <foreignObject>
with HTML, SMIL <set> changing a link), load other files (href, url(...), @import, entities) and declare a DTD.
Shown with <img> a browser runs none of that, but opened on its own (a link, a new tab) it runs on the LMS's
site. So nothing is removed from the old tree: what is kept is copied into a new one, an allowlist of drawing
elements and presentation attributes; references may only point inside the picture (#id). Parsing never
expands entities, loads a DTD or touches the network. The same input always gives the same bytes.
"""
from __future__ import annotations

import hashlib
import re

from lxml import etree

from .i18n import N_, _

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 8 * 1024 * 1024

ELEMENTS = set("""
svg g defs symbol use title desc switch path rect circle ellipse line polyline polygon text tspan textPath
linearGradient radialGradient stop pattern clipPath mask marker filter feBlend feColorMatrix feComponentTransfer
feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight
feTile feTurbulence style
""".split())
# Dropped with what they hold, and named in the warning: they run or load something.
ACTIVE_ELEMENTS = {"script": N_("script"), "foreignObject": N_("foreignObject (HTML inside the picture)"),
                   "set": N_("animation that changes attributes"), "animate": N_("animation that changes attributes"),
                   "animateTransform": N_("animation"), "animateMotion": N_("animation"), "iframe": N_("iframe"),
                   "image": N_("embedded or linked pictures (export the whole drawing as PNG)"), "feImage": N_("linked pictures"),
                   "handler": N_("script"), "listener": N_("script"), "a": N_("links")}
UNWRAPPED = {"a"}  # a link's drawing stays, as a group; the link goes
ATTRIBUTES = set("""
id class style transform d x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height viewBox preserveAspectRatio points
pathLength fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset opacity offset stop-color stop-opacity gradientUnits
gradientTransform spreadMethod patternUnits patternContentUnits patternTransform clipPathUnits clip-path clip-rule
mask maskUnits maskContentUnits marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY
orient font-family font-size font-size-adjust font-stretch font-weight font-style font-variant text-anchor
dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing text-decoration dx dy rotate
textLength lengthAdjust startOffset method spacing side display visibility color overflow filter flood-color
flood-opacity lighting-color stdDeviation in in2 result mode operator k1 k2 k3 k4 values type tableValues slope
intercept amplitude exponent radius baseFrequency numOctaves seed stitchTiles scale xChannelSelector
yChannelSelector filterUnits primitiveUnits order kernelMatrix divisor bias targetX targetY edgeMode
preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent kernelUnitLength azimuth elevation
pointsAtX pointsAtY pointsAtZ limitingConeAngle z version direction unicode-bidi writing-mode vector-effect
shape-rendering text-rendering image-rendering color-interpolation color-interpolation-filters color-rendering
paint-order mix-blend-mode isolation systemLanguage requiredFeatures requiredExtensions lang role aria-label
aria-labelledby aria-describedby aria-hidden focusable media
""".split())
_URL = re.compile(r"url\s*\(\s*(['\"]?)\s*([^)'\"]*)", re.I)
_CSS_ACTIVE = re.compile(r"@import|expression\s*\(|-moz-binding|behavior\s*:|javascript:", re.I)


class SvgError(ValueError):
    """The file is no SVG picture that can be read: the message says why, `hint` what to do."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


# By digest of the input, so that validation, rendering and each rebuild of a preview clean a picture once;
# forgotten all at once past MAX_DONE bytes of copies.
_DONE: dict[bytes, tuple[bytes, tuple[str, ...]]] = {}
MAX_DONE = 32 * 1024 * 1024


def clean(data: bytes) -> tuple[bytes, list[str]]:
    """The static copy of the SVG `data`, and what active content was left out (for a warning), in order."""
    key = hashlib.sha256(data).digest()
    if key not in _DONE:
        if sum(len(copy) for copy, _ in _DONE.values()) > MAX_DONE:
            _DONE.clear()
        out, removed = _clean(data)
        _DONE[key] = (out, tuple(removed))
    out, removed = _DONE[key]
    return out, list(removed)


def _clean(data: bytes) -> tuple[bytes, list[str]]:
    if len(data) > MAX_BYTES:
        raise SvgError(_("is {size} MiB, too big for an SVG picture").format(size=len(data) // 2**20),
                       _("at most {limit} MiB; simplify it or export it as PNG").format(limit=MAX_BYTES // 2**20))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True, remove_blank_text=False)
    try:
        old = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SvgError(_("cannot be read as an SVG picture: {problem}").format(problem=exc),
                       "save it again from the drawing program, or export it as PNG") from None
    if _name(old) != "svg":
        raise SvgError(_("is not an SVG picture: its first element is not <svg>"), _("export it as SVG or PNG"))
    removed: list[str] = []
    dtd = old.getroottree().docinfo.internalDTD  # a plain <!DOCTYPE svg PUBLIC ...> is common and harmless
    if dtd is not None and any(True for _ in dtd.iterentities()):
        removed.append(N_("entity declarations"))
    root = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG, "xlink": XLINK})
    _attributes(old, root, removed)
    root.text = old.text
    _children(old, root, removed)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), _unique(removed)


def active_parts(data: bytes) -> list[str]:
    """What clean() would leave out of `data` that runs or loads something; [] when it is static or is no
    SVG at all (a browser shows an unreadable SVG as an error, running nothing)."""
    try:
        return clean(data)[1]
    except SvgError:
        return []


def _split(tag: str) -> tuple[str | None, str]:
    """(namespace, local name) of an lxml "{namespace}name" (faster than etree.QName, called for every node)."""
    if tag[:1] == "{":
        ns, _sep, local = tag[1:].partition("}")
        return ns, local
    return None, tag


def _name(el) -> str | None:
    """The element's SVG name; None for another namespace, a comment or an entity."""
    if not isinstance(el.tag, str):
        return None
    ns, local = _split(el.tag)
    return local if ns in (SVG, None) else None


def _children(old, new, removed: list) -> None:
    for child in old:
        name = _name(child)
        if not isinstance(child.tag, str):  # an entity reference (never expanded): its text is dropped
            if isinstance(child, etree._Entity):
                removed.append(N_("entity references"))
            _tail(new, child.tail)
            continue
        if name in UNWRAPPED:
            removed.append(ACTIVE_ELEMENTS[name])
            group = etree.SubElement(new, f"{{{SVG}}}g")
            _attributes(child, group, removed)
            group.text = child.text
            _children(child, group, removed)
            group.tail = child.tail
        elif name in ELEMENTS and not (name == "style" and _active_css(child.text or "")):
            copy = etree.SubElement(new, f"{{{SVG}}}{name}")
            _attributes(child, copy, removed)
            copy.text = child.text
            _children(child, copy, removed)
            copy.tail = child.tail
        else:
            if name in ACTIVE_ELEMENTS:
                removed.append(ACTIVE_ELEMENTS[name])
            elif name == "style":
                removed.append(N_("a style sheet that loads files or runs code"))
            _tail(new, child.tail)  # other namespaces (an editor's metadata) go without a word


def _tail(new, text: str | None) -> None:
    """Keep the text that followed a dropped element, where it was."""
    if not text:
        return
    last = new[-1] if len(new) else None
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        new.text = (new.text or "") + text


def _attributes(old, new, removed: list) -> None:
    for key, value in old.attrib.items():
        ns, local = _split(key)
        if local.lower().startswith("on"):
            removed.append(f"event handlers ({local})")  # said as is: ({local}) names it
        elif local == "href" and ns in (None, XLINK):
            if value.strip().startswith("#"):
                new.set(f"{{{XLINK}}}href" if ns else "href", value.strip())
            else:
                removed.append(N_("links and references to other files"))
        elif ns == XML and local in ("space", "lang"):
            new.set(key, value)
        elif ns is None and local in ATTRIBUTES:
            if local == "style" and _active_css(value) or _external_url(value):
                removed.append(N_("styles that load files"))
            else:
                new.set(local, value)


def _external_url(value: str) -> bool:
    """Whether a url(...) in the value points anywhere but inside the picture."""
    return "url" in value.lower() and any(not target.strip().startswith("#") for _, target in _URL.findall(value))


def _active_css(css: str) -> bool:
    return bool(_CSS_ACTIVE.search(css)) or _external_url(css)


def describe(parts: list[str]) -> str:
    """What was left out, in the reader's language: "event handlers (onload), script"."""
    def one(part: str) -> str:
        m = re.match(r"event handlers \((.*)\)$", part)
        return _("event handlers ({name})").format(name=m.group(1)) if m else _(part)
    return ", ".join(one(p) for p in parts)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
