"""scorm-builder: compile a course written in YAML into SCORM 1.2 zip packages."""
from __future__ import annotations

__version__ = "0.1.0"

from .build import BuildResult, build  # noqa: E402
from .errors import CourseError, ScormBuilderError, UsageError  # noqa: E402
from .loader import load_course  # noqa: E402

__all__ = ["BuildResult", "CourseError", "ScormBuilderError", "UsageError", "build", "load_course", "__version__"]
