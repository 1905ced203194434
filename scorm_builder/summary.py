"""The one-line summaries `build` prints (plain functions: the no-change answer uses them too)."""
from __future__ import annotations

from .i18n import _, list_separator, ngettext


def _size(n: int) -> str:
    return _("{size} KiB").format(size=f"{n / 1024:.0f}") if n < 1024 * 1024 else \
        _("{size} MiB").format(size=f"{n / 1024 / 1024:.1f}")


def line(summary: dict, skipped: bool) -> str:
    names = ", ".join(summary["packages"])
    if skipped:
        return _("up to date: {packages}").format(packages=names)
    figures = list_separator().join((
        ngettext("{count} page", "{count} pages", summary["pages"]).format(count=summary["pages"]),
        ngettext("{count} question", "{count} questions", summary["questions"]).format(count=summary["questions"]),
        ngettext("{count} file", "{count} files", summary["files"]).format(count=summary["files"]),
        _size(summary["size"]),
        _("suspend_data ≤ {chars}/4096 chars").format(chars=summary["suspend_data_max"]),
        _("{seconds} s").format(seconds=f"{summary['seconds']:.2f}")))
    return _("built {packages}: {figures}").format(packages=names, figures=figures)


def total_line(count: int, failed: list[str]) -> str:
    done = ngettext("{built} of {count} course built", "{built} of {count} courses built", count).format(
        built=count - len(failed), count=count)
    return done + ("; " + _("failed: {courses}").format(courses=", ".join(failed)) if failed else "")
