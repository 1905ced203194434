"""The project's exceptions. A user mistake raises one of these; the CLI prints it without a traceback."""
from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import _, code_of, ngettext


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding about the course, printed as `file:line:col: severity: path: message (hint)`."""

    file: str
    line: int
    col: int
    path: str
    message: str
    hint: str = ""
    severity: str = "error"
    # stable English name of the mistake, the same in every language (for --json, CI and scripts)
    code: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", code_of(self.message))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        what = f"{self.path}: {self.message}" if self.path else self.message
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {severity_word(self.severity)}: {what}{hint}"


def severity_word(severity: str) -> str:
    """`error` or `warning` in the current language, as printed after the position."""
    return {"error": _("error"), "warning": _("warning")}.get(severity, severity)


class ScormBuilderError(Exception):
    """Base class of every error the tool reports to its user."""

    exit_code = 1


class CourseError(ScormBuilderError):
    """The course has mistakes; `diagnostics` lists all of them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        count = len(self.diagnostics)
        super().__init__(ngettext("{count} error in the course", "{count} errors in the course", count)
                         .format(count=count))

    def __str__(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        lines.append(self.args[0])
        return "\n".join(lines)


class UsageError(ScormBuilderError):
    """The command was called wrongly (a missing folder, a bad option)."""

    exit_code = 2


class MissingDependency(ScormBuilderError):
    """An optional feature needs a library that is not installed; the message names what to install."""

    exit_code = 2


class PackageError(ScormBuilderError):
    """The builder produced something invalid; a bug, never a course mistake, but reported cleanly."""


class ToolMissing(ScormBuilderError):
    """An optional program, library or dictionary that this verb needs is not installed."""

    exit_code = 2

    def __init__(self, what: str, how: str):
        super().__init__(_("error: {what}; {how}").format(what=what, how=how))


class ExportError(ScormBuilderError):
    """A Moodle report download cannot be read (unknown format, malformed file, missing reader extra)."""
