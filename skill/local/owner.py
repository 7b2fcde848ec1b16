"""Which server process owns a render, told apart from a later process that got the same PID.

A PID alone cannot prove that a render's server still runs: after a crash the number may belong to
another process (a zombie, a reused PID after a reboot). The owner is the PID plus the process's
start time (clock ticks since boot, from ``/proc``); a live PID with another start time is not it.
"""

from __future__ import annotations

import os

__all__ = ["is_gone", "process_start", "this_process"]


def process_start(pid: int) -> int:
    """The start time of ``pid`` in clock ticks since boot; 0 where ``/proc`` cannot tell."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            stat = handle.read()
    except OSError:
        return 0
    fields = stat.rsplit(")", 1)[-1].split()
    # after the ")" that ends the command name: state is field 3, starttime field 22
    try:
        if fields[0] == "Z":  # a zombie is not a server
            return -1
        return int(fields[19])
    except (IndexError, ValueError):
        return 0


def this_process() -> tuple[int, int]:
    """(pid, start) of this process."""
    pid = os.getpid()
    return pid, process_start(pid)


def is_gone(pid: int, start: int = 0) -> bool:
    """True when the owner ``(pid, start)`` no longer runs. This process counts as gone (one backend
    per process); ``start`` 0 (an older record) falls back to the PID alone."""
    if pid <= 0 or pid == os.getpid() or os.name == "nt":  # os.kill(pid, 0) would kill on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    now = process_start(pid)
    if now == -1:
        return True
    return bool(start and now and now != start)
