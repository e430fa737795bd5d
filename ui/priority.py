"""Background work yields the processor to the UI thread.

The app's worker threads (ui.tasks) and the demo shop it starts in its own process (ui.demo)
run at a lower scheduling priority than the thread that paints. On a two-core laptop the UI
thread, a worker parsing a page and the demo shop answering it are three things wanting two
cores; at equal priority the UI thread waited its turn for several milliseconds in the middle
of a frame (bench/bench_scroll.py: the heartbeat's p99 gap 11–13 ms, against 9–10 ms with
the background lowered). The work still gets every core nobody else wants.

Linux lowers one thread at a time (a thread id is a scheduling entity there); elsewhere a
worker thread keeps its priority (macOS and Windows already favour the foreground window's
thread). The demo shop's process is lowered on every platform.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

BACKGROUND_NICENESS = 10  # added to the app's own; 19 is the lowest


def lower_current_thread() -> None:
    """Lower the calling thread (a worker thread's initializer); a no-op where unsupported."""
    if not sys.platform.startswith("linux"):
        return  # setpriority's "process" is the whole process there, not this thread
    _lower(threading.get_native_id())


def lower_process(pid: int) -> None:
    """Lower a child process started without `background_creation_flags` (POSIX)."""
    if hasattr(os, "setpriority"):
        _lower(pid)


def background_creation_flags() -> int:
    """`creationflags` that start a Windows process below normal priority (0 elsewhere)."""
    return int(getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))


def _lower(which: int) -> None:
    try:
        current = os.getpriority(os.PRIO_PROCESS, which)
        os.setpriority(os.PRIO_PROCESS, which, min(19, current + BACKGROUND_NICENESS))
    except OSError:  # the process is gone, or a sandbox forbids it: keep going as it is
        pass
