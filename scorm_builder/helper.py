"""A second process for a large course: it parses half of the module files while this process parses the rest.

Forked (so it starts with everything imported and costs a few milliseconds), and only where that is safe and
worth it; its answer is plain data passed back with marshal. If it fails, this process does the work itself.
"""
from __future__ import annotations

import marshal
import os
import threading
from typing import Callable

MIN_BYTES = 256 * 1024  # below this, starting a process costs more than it saves
enabled = True  # off in processes that `build --jobs` already runs side by side


def worthwhile(sizes: list[int]) -> bool:
    if not enabled or not hasattr(os, "fork") or threading.active_count() > 1:  # forking a threaded process is unsafe
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores > 1 and len(sizes) > 1 and sum(sizes) >= MIN_BYTES


def start(work: Callable[[], object]) -> Callable[[], object]:
    """Run `work` in a forked child. The returned function waits for the child and gives what `work` returned,
    or None if the child failed: call it in every case, or the child is never reaped."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                out.write(marshal.dumps(work()))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def result() -> object:
        with os.fdopen(read_end, "rb") as answer:
            data = answer.read()
        _, status = os.waitpid(pid, 0)
        try:
            return marshal.loads(data) if status == 0 else None
        except (EOFError, ValueError, TypeError):
            return None

    return result
