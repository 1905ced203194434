"""Where the builder's own files are. Plain strings and os.path: the no-change answer imports this."""
import os

_HERE = os.path.dirname(os.path.realpath(__file__))
# Installed wheels carry the templates inside the package; a source checkout keeps them at the top level.
TEMPLATES = (os.path.join(_HERE, "templates") if os.path.isdir(os.path.join(_HERE, "templates"))
             else os.path.join(os.path.dirname(_HERE), "templates"))
XSD_DIR = os.path.join(_HERE, "xsd")
