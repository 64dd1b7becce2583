"""Runs that stop: `cstats run` as a process manager stops it (real subprocesses, real signals, a real
DuckDB file). The full drill (10 moments, 2,000 documents, disk full at several points) is
`make kill-drill` (bench/kill_drill.py); these are a handful of its moments on a few samples."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sources" / "samples"
sys.path.insert(0, str(ROOT / "bench"))

from kill_drill import fingerprint, session_processes  # noqa: E402

LINE = re.compile(
    r"^cstats: (terminated|interrupted): (\d+) of (\d+) documents done and kept; run again to finish$"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SAMPLES.rglob("*.txt"))[:20]:
        if path.name not in ("README.md",):
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("clean")
    code, _, err = _finish(_start(corpus, work / "w.duckdb", work / "store", 2))
    assert code == 0, err
    return fingerprint(work / "w.duckdb")


def _start(sources: Path, warehouse: Path, store: Path, workers: int, preexec=None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--sources", str(sources), "--warehouse", str(warehouse),
         "--store", str(store), "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
        preexec_fn=preexec,
    )  # fmt: skip


def _finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def _stored(store: Path) -> list[Path]:
    return sorted(store.glob("documents/*/*/*.json"))


def _wait_for_documents(proc: subprocess.Popen, store: Path, n: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(_stored(store)) < n:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no document was stored in time"
        time.sleep(0.05)


@pytest.mark.parametrize(("sig", "workers"), [("SIGTERM", 2), ("SIGINT", 1), ("SIGKILL", 2)])
def test_a_stopped_run_leaves_no_process_and_the_rerun_reuses_what_it_kept(
    corpus, clean, tmp_path, sig, workers
):
    store, wh = tmp_path / "store", tmp_path / "w.duckdb"
    proc = _start(corpus, wh, store, workers)
    _wait_for_documents(proc, store, 3)
    sent = time.monotonic()
    os.kill(proc.pid, getattr(signal, sig))
    code, _, err = _finish(proc, timeout=30)
    took = time.monotonic() - sent
    settle = 5.0 if sig == "SIGKILL" else 2.0
    time.sleep(max(0.0, settle - (time.monotonic() - sent)))
    left = session_processes(proc.pid)
    for p in left:
        with contextlib.suppress(psutil.Error):
            p.kill()
    assert [p.pid for p in left] == [], [p.cmdline() for p in left]
    if sig == "SIGKILL":
        assert code == -signal.SIGKILL
    else:
        assert took < 2.0
        assert code == {"SIGTERM": 143, "SIGINT": 130}[sig]
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        m = LINE.match(lines[0])
        assert m, lines[0]
        assert int(m.group(2)) >= 3 and int(m.group(3)) == 20
    kept = {p: p.stat().st_mtime_ns for p in _stored(store)}
    assert len(kept) >= 3
    assert not wh.exists()  # stopped before its publish: nothing half-published

    code, out, err = _finish(_start(corpus, wh, store, workers))
    assert code == 0, err
    assert all(p.stat().st_mtime_ns == t for p, t in kept.items())  # reused, not read again
    assert fingerprint(wh) == clean  # every table, row counts and contents, as a clean run's


def _small_disk(path: Path, mib: int) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={mib}M", "tmpfs", str(path)], capture_output=True
    )
    return mounted.returncode == 0


def _fsize(limit: int):
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return cap


@pytest.fixture
def disk(tmp_path):
    folder = tmp_path / "disk"
    mounted = []

    def make(mib: int) -> tuple[Path, bool]:
        ok = _small_disk(folder, mib)
        if ok:
            mounted.append(folder)
        return folder, ok

    yield make
    for m in mounted:
        subprocess.run(["umount", "-l", str(m)], check=False)


def test_a_full_document_store_is_one_line_with_its_own_exit_code(corpus, tmp_path, disk):
    folder, mounted = disk(1)
    if mounted:  # room for a few documents' outputs, not for all
        (folder / "filler").write_bytes(b"\0" * max(0, shutil.disk_usage(folder).free - (48 << 10)))
    wh = tmp_path / "w.duckdb"
    code, _, err = _finish(_start(corpus, wh, folder / "store", 2, None if mounted else _fsize(4096)))
    lines = err.strip().splitlines()
    assert code == 74, err
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(
        f"cstats: disk full: writing the document store at {folder / 'store'} needs about "
    )
    assert re.search(r"needs about [\d.,]+ (KiB|MiB|bytes), [\d.,]+ (KiB|MiB|bytes|GiB) free", lines[0])
    assert not wh.exists()


@pytest.mark.skipif(
    os.geteuid() != 0, reason="needs a tmpfs (root): DuckDB's writes are not capped by RLIMIT_FSIZE alone"
)
def test_a_full_disk_under_the_warehouse_leaves_the_live_one_byte_for_byte(corpus, tmp_path, disk):
    store = tmp_path / "store"
    folder, mounted = disk(16)
    assert mounted
    wh = folder / "w.duckdb"
    code, _, err = _finish(_start(corpus, wh, store, 2))
    assert code == 0, err
    live = hashlib.sha256(wh.read_bytes()).hexdigest()
    (corpus / "zz_new.txt").write_text("贺兰县政协2024年工作综述\n\n全年共收到提案77件。\n", encoding="utf-8")
    try:
        filler = folder / "filler"  # leave less room than a second warehouse needs
        free = shutil.disk_usage(folder).free
        filler.write_bytes(b"\0" * max(0, free - (1 << 20)))
        code, _, err = _finish(_start(corpus, wh, store, 2))
        lines = err.strip().splitlines()
        assert code == 74, err
        assert len(lines) == 1 and "Traceback" not in err, err
        assert lines[0].startswith(f"cstats: disk full: writing the warehouse at {folder}")
        assert hashlib.sha256(wh.read_bytes()).hexdigest() == live
        assert sorted(p.name for p in folder.iterdir()) == ["filler", "w.duckdb", "w.duckdb.lock"]
        filler.unlink()
        code, out, err = _finish(_start(corpus, wh, store, 2))
        assert code == 0, err
        assert sorted(p.name for p in folder.iterdir()) == ["w.duckdb", "w.duckdb.lock"]
    finally:
        (corpus / "zz_new.txt").unlink(missing_ok=True)
