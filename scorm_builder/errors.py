"""The project's exceptions. A user mistake raises one of these; the CLI prints it without a traceback."""
from __future__ import annotations

import errno
from dataclasses import dataclass


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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        what = f"{self.path}: {self.message}" if self.path else self.message
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity}: {what}{hint}"


class ScormBuilderError(Exception):
    """Base class of every error the tool reports to its user."""

    exit_code = 1


class CourseError(ScormBuilderError):
    """The course has mistakes; `diagnostics` lists all of them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        count = len(self.diagnostics)
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the course")

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
        super().__init__(f"error: {what}; {how}")


class ExportError(ScormBuilderError):
    """A Moodle report download cannot be read (unknown format, malformed file, missing reader extra)."""


class FileSystemError(ScormBuilderError):
    """The disk or the file system refused a read or a write (full, read-only, no permission, a folder where a
    file should be, too many open files). Nothing half-written is left and the previous output is kept."""

    exit_code = 3

    # what happened, and what the user can do about it, by errno name
    ADVICE = {
        "ENOSPC": ("no space left on the device", "free some space on that disk, or write elsewhere with -o"),
        "EDQUOT": ("disk quota exceeded", "free some space, or write elsewhere with -o"),
        "EROFS": ("the file system is read-only", "write into a writable folder with -o"),
        "EACCES": ("permission denied", "check the folder's permissions, or write elsewhere with -o"),
        "EPERM": ("operation not permitted", "check the folder's permissions, or write elsewhere with -o"),
        "EISDIR": ("a folder of that name is in the way", "move or delete that folder, or write elsewhere with -o"),
        "EEXIST": ("a file is in the way", "move or delete that file, or write elsewhere with -o"),
        "ENOTDIR": ("a file is in the way where a folder should be", "-o must name a folder, or a new one"),
        "EMFILE": ("too many open files", "close other programs, or raise the limit (ulimit -n)"),
        "ENFILE": ("too many open files on this system", "close other programs and try again"),
        "EIO": ("input/output error", "the disk may be failing; check it, or write elsewhere with -o"),
        "ENAMETOOLONG": ("the name is too long", "use a shorter folder path with -o"),
    }

    def __init__(self, path, exc: OSError, doing: str = "cannot write", kept: str = ""):
        name = errno.errorcode.get(exc.errno or 0, "")
        what, how = self.ADVICE.get(name, (exc.strerror or str(exc), "check the disk and the folder, then try again"))
        self.path, self.errno = str(path), exc.errno
        super().__init__(f"{path}: error: {doing}: {what} ({how}){'; ' + kept if kept else ''}")
