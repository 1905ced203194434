"""The one-line summaries `build` prints (plain functions: the no-change answer uses them too)."""
from __future__ import annotations


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def line(summary: dict, skipped: bool) -> str:
    names = ", ".join(summary["packages"])
    if skipped:
        return f"up to date: {names}"
    return (f"built {names}: {summary['pages']} pages, {summary['questions']} questions, {summary['files']} files, "
            f"{_size(summary['size'])}, suspend_data ≤ {summary['suspend_data_max']}/4096 chars, "
            f"{summary['seconds']:.2f} s")


def total_line(count: int, failed: list[str]) -> str:
    done = f"{count - len(failed)} of {count} courses built"
    return done + (f"; failed: {', '.join(failed)}" if failed else "")
