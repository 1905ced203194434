"""The project's exceptions. A user mistake raises one of these; the CLI prints it without a traceback."""
from __future__ import annotations

import errno
from dataclasses import dataclass, field

from .i18n import N_, _, code_of, ngettext


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


class FileSystemError(ScormBuilderError):
    """The disk or the file system refused a read or a write (full, read-only, no permission, a folder where a
    file should be, too many open files). Nothing half-written is left and the previous output is kept."""

    exit_code = 3

    # what happened, and what the user can do about it, by errno name
    ADVICE = {
        "ENOSPC": (N_("no space left on the device"), N_("free some space on that disk, or write elsewhere with -o")),
        "EDQUOT": (N_("disk quota exceeded"), N_("free some space, or write elsewhere with -o")),
        "EROFS": (N_("the file system is read-only"), N_("write into a writable folder with -o")),
        "EACCES": (N_("permission denied"), N_("check the folder's permissions, or write elsewhere with -o")),
        "EPERM": (N_("operation not permitted"), N_("check the folder's permissions, or write elsewhere with -o")),
        "EISDIR": (N_("a folder of that name is in the way"), N_("move or delete that folder, or write elsewhere with -o")),
        "EEXIST": (N_("a file is in the way"), N_("move or delete that file, or write elsewhere with -o")),
        "ENOTDIR": (N_("a file is in the way where a folder should be"), N_("-o must name a folder, or a new one")),
        "EMFILE": (N_("too many open files"), N_("close other programs, or raise the limit (ulimit -n)")),
        "ENFILE": (N_("too many open files on this system"), N_("close other programs and try again")),
        "EIO": (N_("input/output error"), N_("the disk may be failing; check it, or write elsewhere with -o")),
        "ENAMETOOLONG": (N_("the name is too long"), N_("use a shorter folder path with -o")),
    }

    def __init__(self, path, exc: OSError, doing: str = N_("cannot write"), kept: str = ""):
        name = errno.errorcode.get(exc.errno or 0, "")
        what, how = self.ADVICE.get(name, (exc.strerror or str(exc), N_("check the disk and the folder, then try "
                                                                         "again")))
        self.path, self.errno = str(path), exc.errno
        kept = "; " + _(kept) if kept else ""
        super().__init__(f"{path}: {severity_word('error')}: {_(doing)}: {_(what)} ({_(how)}){kept}")
