"""Where the builder's own files are. Plain strings and os.path: the no-change answer imports this."""
import os

_HERE = os.path.dirname(os.path.realpath(__file__))
# Installed wheels carry the templates inside the package; a source checkout keeps them at the top level.
TEMPLATES = (os.path.join(_HERE, "templates") if os.path.isdir(os.path.join(_HERE, "templates"))
             else os.path.join(os.path.dirname(_HERE), "templates"))
XSD_DIR = os.path.join(_HERE, "xsd")
# The guides: inside the package when installed from a wheel, at the top level of a source checkout.
DOCS = (os.path.join(_HERE, "docs") if os.path.isdir(os.path.join(_HERE, "docs"))
        else os.path.join(os.path.dirname(_HERE), "docs"))


def user_cache() -> str:
    """The user's cache folder for the tool (XDG), for what can be remade at any time."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "scorm-builder")
