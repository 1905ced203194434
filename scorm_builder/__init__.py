"""scorm-builder: compile a course written in YAML into SCORM 1.2 zip packages.

The library API is `build`, `load_course` and the errors below. They are imported on first use, so that the
command line can answer a no-change rebuild without loading the heavy dependencies.
"""
from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "build": "pipeline", "BuildResult": "pipeline", "load_course": "loader",
    "CourseError": "errors", "ScormBuilderError": "errors", "UsageError": "errors",
}
__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'scorm_builder' has no attribute {name!r}")
