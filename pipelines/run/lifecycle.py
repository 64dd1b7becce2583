"""How a run's processes start and end: no process outlives its run, a signal stops it fast.

- **Every process dies with its run.** The pool's fork server imports ``sources.dies_with_parent``,
  each pool worker calls :func:`worker_started` first, and each warm reading child sets the same
  parent-death signal (sources/lifeline.py): a run killed by SIGKILL or the OOM killer takes its
  whole tree down within milliseconds (main -> fork server -> workers -> reading children; the
  resource tracker ends once the last of them has). Workers and reading children ignore SIGINT, so
  a Ctrl-C in the terminal reaches only the run, which decides what stops.
- **A signal stops the run.** Inside :func:`stoppable`, SIGTERM, SIGINT and SIGHUP raise
  :class:`Stopped` in the main thread; Dagster, while it executes a step in this process, turns the
  same signals into its own interrupt, and :func:`stop_signal` tells which signal it was (a wakeup
  file descriptor sees every signal whoever handles it). The caller ends the pool
  (:func:`end_pool`: workers killed, their readers with them) and :func:`reap` ends whatever is
  left below this process. Documents already stored stay stored (each store entry is atomic); the
  next run reuses them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

from sources.guarded import stop_reading_child
from sources.lifeline import die_with_parent

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
# The fork server of the pool imports these once; the first makes it die with the run.
POOL_PRELOAD = ["sources.dies_with_parent", "sources.detached_main", "pipelines.run.materialize"]


class Stopped(BaseException):
    """The run was asked to stop by a signal (a BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` on the way records it as a document's failure)."""

    def __init__(self, signum: int, done: int = 0, total: int = 0, stage: str = "documents"):
        super().__init__(signum, done, total, stage)
        self.signum, self.done, self.total, self.stage = signum, done, total, stage

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 143 for SIGTERM, 130 for SIGINT

    @property
    def name(self) -> str:
        return {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}.get(self.signum, "stopped")

    def line(self, warehouse: str | None = None) -> str:
        if self.stage == "publish":
            kept = f"; {warehouse} left as it was" if warehouse else ""
            return (
                f"{self.name} while publishing: {self.done} of {self.total} documents done and kept{kept}; "
                "run again to publish"
            )
        if not self.total:
            return f"{self.name} while starting: no document read yet; run again to finish"
        return f"{self.name}: {self.done} of {self.total} documents done and kept; run again to finish"


_wakeup_r: int | None = None
_received: int | None = None


def _raise_stopped(signum: int, _frame) -> None:
    global _received
    _received = signum
    for s in STOP_SIGNALS:  # once: the cleanup that follows takes well under 2 s, let it finish
        signal.signal(s, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def stoppable() -> Iterator[None]:
    """SIGTERM, SIGINT and SIGHUP raise :class:`Stopped` in this (main) thread while inside."""
    global _wakeup_r, _received
    if threading.current_thread() is not threading.main_thread() or _wakeup_r is not None:
        yield  # not the main thread, or already inside (the outer one stays in charge)
        return
    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    r, w = os.pipe()
    os.set_blocking(r, False)
    os.set_blocking(w, False)
    old_wakeup = signal.set_wakeup_fd(w, warn_on_full_buffer=False)
    _wakeup_r, _received = r, None
    try:
        for s in STOP_SIGNALS:
            signal.signal(s, _raise_stopped)
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(old_wakeup)
        _wakeup_r, _received = None, None
        os.close(r)
        os.close(w)


def stop_signal() -> int | None:
    """The first stop signal this process received inside :func:`stoppable` (whoever handled it:
    this module or Dagster's interrupt handler), else None."""
    global _received
    if _received is None and _wakeup_r is not None:
        try:
            seen = os.read(_wakeup_r, 4096)
        except BlockingIOError:
            seen = b""
        stops = [s for s in seen if s in STOP_SIGNALS]
        _received = stops[0] if stops else None
    return _received


def stopping() -> bool:
    """True once a stop signal has arrived (inside :func:`stoppable`)."""
    return stop_signal() is not None


def worker_started(run_pid: int) -> None:
    """The pool worker initializer: die with the fork server that forked this worker (and exit at
    once if the run is already gone); leave SIGINT to the run."""
    die_with_parent(None, run_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def end_pool(pool) -> None:
    """Kill the pool's workers now (their reading children die with them) and shut it down."""
    processes = dict(getattr(pool, "_processes", None) or {})
    for proc in processes.values():
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in processes.values():
        with contextlib.suppress(Exception):
            proc.join(2)
    pool.shutdown(wait=True, cancel_futures=True)


def _is_resource_tracker(proc) -> bool:
    try:
        return any("resource_tracker" in part for part in proc.cmdline())
    except Exception:
        return False


def reap(timeout: float = 2.0) -> list[int]:
    """Kill every process below this one except multiprocessing's resource tracker (it exits by
    itself, and cleans up, once the last process holding its pipe has ended); return their pids."""
    import psutil

    stop_reading_child()
    try:
        below = [p for p in psutil.Process().children(recursive=True) if not _is_resource_tracker(p)]
    except psutil.Error:
        return []
    for p in below:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(below, timeout=timeout)
    return [p.pid for p in below]
