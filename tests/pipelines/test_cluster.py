"""The cluster mode for real on loopback: redis-server, two Celery workers, Dagster's Celery
executor (`make cluster-demo`, i.e. `python -m pipelines.cluster.demo`), with a worker SIGKILLed
and the broker restarted mid-backfill. The published warehouse must equal `cstats run`'s from
the same sources, a re-run must extract nothing, and no process may outlive the demo."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import psutil
import pytest

from pipelines.run.materialize import materialize_all
from pipelines.run.paths import PROJECT_ROOT

from .conftest import REPORTS
from .test_parallel import tables

pytestmark = [
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
    pytest.mark.timeout(900),  # two or three demo runs each, on two shared cores
]


def corpus(folder, n=18):
    """``n`` small reports (three templates, each with distinct figures) and one broken PDF."""
    folder.mkdir(parents=True)
    templates = list(REPORTS.items())
    for i in range(n):
        name, text = templates[i % len(templates)]
        body = re.sub(r"(\d+)(件|次|期)", lambda m, i=i: f"{int(m.group(1)) + i}{m.group(2)}", text)
        (folder / f"{name.removesuffix('.txt')}_{i:02d}.txt").write_text(body, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a real page\n")
    return folder


def demo(tmp_path, src, *extra, timeout=240):
    cmd = [sys.executable, "-m", "pipelines.cluster.demo", "--sources", str(src), "--workdir",
           str(tmp_path / "demo"), "--documents-per-step", "3", "--visibility-timeout", "8", *extra]  # fmt: skip
    done = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    out = done.stdout
    pids = [int(p) for p in re.findall(r"pid=(\d+)", out)]
    return done, out, pids


def figures(out: str) -> dict[str, int]:
    return {
        k: int(v)
        for k, v in re.findall(r"\b(documents|mentions|quarantined|extracted|redelivered_steps)=(\d+)", out)
    }


def assert_nothing_left(pids):
    time.sleep(0.5)
    left = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            if proc.pid in pids or os.getsid(proc.pid) in pids:
                if proc.status() != psutil.STATUS_ZOMBIE:
                    left.append((proc.pid, proc.info["cmdline"]))
        except (ProcessLookupError, psutil.NoSuchProcess):
            continue
    assert not left, f"processes left behind: {left}"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The sources and the warehouse `cstats run` publishes from them (in process, own store)."""
    tmp = tmp_path_factory.mktemp("reference")
    src = corpus(tmp / "src")
    materialize_all(src, tmp / "run.duckdb", store=tmp / "run_store", workers=1)
    return src, tables(tmp / "run.duckdb")


def test_worker_killed_mid_backfill_same_warehouse_and_rerun_extracts_nothing(tmp_path, reference):
    src, want = reference
    done, out, pids = demo(tmp_path, src, "--kill-worker-after", "4")
    assert done.returncode == 0, out + done.stderr[-3000:]
    assert "SIGKILL worker w1" in out
    got = figures(out)
    assert got["documents"] == 18 and got["quarantined"] == 1 and got["mentions"] == len(want["fact_mention"])
    assert got["extracted"] + 4 >= 18  # the kill came after 4 stored documents; the run extracted the rest
    assert got["redelivered_steps"] >= 1, out  # the killed worker's task ran again on the other worker
    have = tables(tmp_path / "demo" / "committee_stats.duckdb")
    for table in want:
        assert have[table] == want[table], table
    assert_nothing_left(pids)

    done, out, pids = demo(tmp_path, src)
    assert done.returncode == 0, out + done.stderr[-3000:]
    again = figures(out)
    assert again["extracted"] == 0 and again["documents"] == 18  # every document a store hit
    assert tables(tmp_path / "demo" / "committee_stats.duckdb") == have
    assert_nothing_left(pids)


def test_broker_restart_mid_run_resumes_or_fails_cleanly(tmp_path, reference):
    src, want = reference
    wh = tmp_path / "demo" / "committee_stats.duckdb"
    done, out, pids = demo(tmp_path, src, "--restart-broker-after", "3")
    assert "redis-server restarted" in out, out + done.stderr[-3000:]
    assert_nothing_left(pids)
    if done.returncode == 0:
        assert tables(wh) == want
    else:
        assert "nothing published" in done.stderr
        assert not wh.exists() and not list(wh.parent.glob("*.next*"))
    done, out, pids = demo(tmp_path, src)  # the re-run finishes what was not stored
    assert done.returncode == 0, out + done.stderr[-3000:]
    assert tables(wh) == want
    assert_nothing_left(pids)


def test_ctrl_c_stops_everything_the_demo_started(tmp_path):
    src = corpus(tmp_path / "src", n=6)
    cmd = [
        sys.executable,
        "-m",
        "pipelines.cluster.demo",
        "--sources",
        str(src),
        "--workdir",
        str(tmp_path / "demo"),
    ]
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()  # printed once Redis answers and the workers are started
    pids = [int(p) for p in re.findall(r"pid=(\d+)", first)]
    assert len(pids) == 3, first
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, first + out + err[-2000:]
    assert "interrupted" in err
    assert not (tmp_path / "demo" / "committee_stats.duckdb").exists()
    assert_nothing_left(pids)


def test_scans_go_to_the_ocr_queue_worker_and_the_rest_to_the_others(tmp_path):
    """Issue 22 point 2, through real Celery workers: one worker takes only the ``ocr`` queue (a
    GPU host's), two take the rest; the scan's step runs on the first, nothing else does."""
    src = corpus(tmp_path / "src", n=6)
    chromium = PROJECT_ROOT / "tests" / "sources" / "pdf" / "chromium"
    shutil.copy(chromium / "c6_a4_3col_scan.pdf", src / "scan.pdf")
    done, out, pids = demo(tmp_path, src, "--ocr-workers", "1", timeout=300)
    assert done.returncode == 0, out + done.stderr[-3000:]
    assert "o1 pid=" in out
    got = figures(out)
    assert got["documents"] == 7 and got["quarantined"] == 1, out  # 6 reports and the scan loaded
    routing = dict(part.split(" -> ") for part in re.search(r"routing: (.*)", out).group(1).split("; "))
    assert routing["ocr_batch"] == "o1", out
    assert "o1" not in routing["extract_batch"] and "o1" not in routing["publish_from_store"], out
    assert re.search(r"ocr_steps=1\b", out), out
    wall, publish = (float(re.search(rf"\b{k}=([\d.]+)s", out)[1]) for k in ("wall", "publish"))
    assert 0 < publish < wall, out  # the publish step's own time, which bench_national_run takes out
    assert_nothing_left(pids)
