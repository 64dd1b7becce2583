"""Processes that die with their parent.

Every process the project starts below a run (the pool's fork server and workers, the warm reading
child) asks the kernel for a SIGKILL when its parent dies (Linux ``PR_SET_PDEATHSIG``), so a run
stopped by SIGKILL, the OOM killer or a host's process manager leaves nothing behind: each death
cascades down the tree within milliseconds. Elsewhere (no prctl) this is a no-op and the run's own
signal handling (pipelines/run/lifecycle.py) remains.

The kernel fires the signal when the *thread* that started the process ends, and clears it on fork,
so each process sets it for itself, first thing; the check that follows closes the window in which
the parent died before the request was made.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(expected_parent: int | None = None, *also_alive: int, sig: int = signal.SIGKILL) -> bool:
    """Ask for ``sig`` (SIGKILL) when this process's parent dies; exit at once if it is already
    gone (``expected_parent`` is no longer the parent, or a pid of ``also_alive`` has ended).
    The request survives ``exec``. Returns False where the platform has no parent-death signal."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return False
    if expected_parent is not None and os.getppid() != expected_parent:
        os._exit(1)  # orphaned before the request took effect
    for pid in also_alive:
        if not pid_alive(pid):
            os._exit(1)
    return True


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def own_session_dying_with_parent() -> None:
    """``preexec_fn`` of a service a drill starts (Redis, a worker): in the child before ``exec``,
    its own session (so it is stopped by group id) and a SIGKILL from the kernel when the thread
    that started it ends, so even a SIGKILLed starter leaves nothing behind."""
    os.setsid()
    die_with_parent()
