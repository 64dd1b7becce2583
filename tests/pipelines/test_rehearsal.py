"""`make cluster-rehearsal` for real: network namespaces, a broker, an S3 store, two workers and a
coordinator+publisher host, three drills, torn down. Root only (CI runs as root); anyone else
checks the skip line."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import write_reports

ROOT = Path(__file__).resolve().parents[2]


def namespaces() -> set[str]:
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in listed.splitlines() if line.strip()}


def rehearse(*args: str, timeout: float = 840) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cluster.rehearsal", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


@pytest.mark.skipif(os.geteuid() == 0, reason="as root the rehearsal runs (next test)")
def test_rehearsal_says_it_skips_without_root():
    done = rehearse(timeout=60)
    assert done.returncode == 0
    assert "SKIPPED: needs root" in done.stdout


@pytest.mark.timeout(900)
@pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces need root")
def test_rehearsal_drills_pass_counts_equal_cstats_run_nothing_left(tmp_path):
    sources = write_reports(tmp_path / "sources")
    for i in range(24):  # enough documents for the drills to find steps under way
        (sources / f"county_{i:02d}_2024.txt").write_text(
            f"第{i}县政协2024年工作报告\n\n2024年，县政协共收到委员提案{i + 20}件，经审查立案{i + 10}件。\n",
            encoding="utf-8",
        )
    (sources / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    before = namespaces()
    done = rehearse("--sources", str(sources), "--documents-per-step", "2")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-4000:]
    counts = re.search(r"documents=(\d+) mentions=(\d+) quarantined=(\d+) redelivered=(\d+)", out)
    assert counts, out[-3000:]
    documents, mentions, quarantined, redelivered = map(int, counts.groups())
    assert documents == 27 and quarantined == 1 and mentions > 0 and redelivered >= 1
    assert "torn down: no namespace, veth or process left" in out
    assert namespaces() == before
