"""The inbox sensor against a temporary inbox: new, unchanged, renamed, copied, changed, deleted;
the settle rule (a PDF copied in slow chunks); a large drop in batches."""

import hashlib
import math
import os
import time

import dagster as dg
import pytest
from dagster._core.storage.dagster_run import DagsterRun
from dagster._core.utils import make_new_run_id

from pipelines.defs.assets import ALL_ASSETS
from pipelines.defs.jobs import DOCUMENTS_TAG, extract_documents, extract_job
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.defs.resources import StatsPaths
from pipelines.defs.sensors import inbox_sensor
from pipelines.run.store import DocumentStore
from warehouse.inbox_status import read_status

from .conftest import REPORTS


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_settings(settings: StatsPaths, **changes) -> StatsPaths:
    return StatsPaths(**{**settings.model_dump(), **changes})


class Daemon:
    """Evaluates the sensor as the Dagster daemon does: applies its partition requests, keeps its
    cursor, and (``run``) executes the runs it requested."""

    def __init__(self, instance, settings):
        self.instance = instance
        self.cursor = None
        self.settings = settings
        self.resources = {"stats_paths": settings}
        self.defs = dg.Definitions(
            assets=ALL_ASSETS,
            jobs=[extract_documents, extract_job],
            sensors=[inbox_sensor],
            resources={"stats_paths": settings},
        )

    def tick(self) -> dg.SensorResult:
        ctx = dg.build_sensor_context(
            instance=self.instance, definitions=self.defs, cursor=self.cursor, resources=self.resources
        )
        result = inbox_sensor(ctx)
        for req in result.dynamic_partitions_requests or []:
            if isinstance(req, dg.AddDynamicPartitionsRequest):
                self.instance.add_dynamic_partitions(req.partitions_def_name, req.partition_keys)
            else:
                for key in req.partition_keys:
                    self.instance.delete_dynamic_partition(req.partitions_def_name, key)
        self.cursor = result.cursor
        return result

    def run(self, result: dg.SensorResult) -> None:
        job = self.defs.resolve_job_def(extract_documents.name)
        for r in result.run_requests:
            job.execute_in_process(instance=self.instance, run_config=r.run_config, tags=r.tags)

    @property
    def partitions(self) -> set[str]:
        return set(self.instance.get_dynamic_partitions(DOCUMENTS_PARTITION))


def requested(result: dg.SensorResult) -> dict[str, str]:
    """{content hash: relative path} of every document of every requested batch run."""
    out = {}
    for r in result.run_requests:
        for key, rel in r.run_config["ops"]["extract_documents_op"]["config"]["documents"]:
            assert key not in out, "a document is in two batches"
            out[key] = rel
    return out


def changes(result: dg.SensorResult) -> tuple[list, list]:
    added, deleted = [], []
    for req in result.dynamic_partitions_requests or []:
        (added if isinstance(req, dg.AddDynamicPartitionsRequest) else deleted).extend(req.partition_keys)
    return sorted(added), sorted(deleted)


@pytest.fixture
def settled(settings) -> StatsPaths:
    """The test inbox's files are picked up at once (no settle time)."""
    return with_settings(settings, settle_seconds=0.0)


def test_sensor_follows_the_inbox_by_content(instance, settled, inbox):
    daemon = Daemon(instance, settled)
    helan, huinong, yongning = (inbox / n for n in sorted(REPORTS))
    keys = {p.name: sha(p) for p in (helan, huinong, yongning)}

    # New documents: one partition each, one batch run for the three.
    first = daemon.tick()
    assert changes(first) == (sorted(keys.values()), [])
    assert requested(first) == {k: name for name, k in keys.items()}
    assert len(first.run_requests) == 1 and first.run_requests[0].tags[DOCUMENTS_TAG] == "3"
    assert len(first.cursor) < 200
    daemon.run(first)
    store = DocumentStore(settled.store_dir)
    assert store.missing(keys.values()) == set()
    # each document's outcome is a materialization of its partition
    records = instance.fetch_materializations(dg.AssetKey("documents"), limit=10).records
    assert {r.partition_key for r in records} == set(keys.values())

    # Nothing changed: nothing to do.
    quiet = daemon.tick()
    assert changes(quiet) == ([], []) and requested(quiet) == {}

    # A renamed file and a copy keep their content hash: not new documents.
    helan.rename(inbox / "helan_2024_renamed.txt")
    (inbox / "copies").mkdir()
    (inbox / "copies" / "huinong_copy.txt").write_bytes(huinong.read_bytes())
    moved = daemon.tick()
    assert changes(moved) == ([], []) and requested(moved) == {}
    assert daemon.partitions == set(keys.values())

    # A changed file is a new document; its old content's partition goes.
    yongning.write_text(REPORTS["yongning_2024.txt"].replace("73件", "75件"), encoding="utf-8")
    changed = daemon.tick()
    new_key = sha(yongning)
    assert changes(changed) == ([new_key], [keys["yongning_2024.txt"]])
    assert requested(changed) == {new_key: "yongning_2024.txt"}
    daemon.run(changed)

    # A deleted file's partition is removed; a copy left behind keeps its document.
    huinong.unlink()
    (inbox / "helan_2024_renamed.txt").unlink()
    deleted = daemon.tick()
    assert changes(deleted) == ([], [keys["helan_2024.txt"]])
    assert requested(deleted) == {}
    assert daemon.partitions == {keys["huinong_2023.txt"], new_key}


def test_sensor_requests_runs_again_after_an_extractor_change(instance, settled, inbox, monkeypatch):
    daemon = Daemon(instance, settled)
    first = daemon.tick()
    daemon.run(first)
    assert requested(daemon.tick()) == {}

    from pipelines.run import store as store_module

    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "next-version")
    again = daemon.tick()
    assert changes(again) == ([], [])
    assert set(requested(again)) == daemon.partitions
    new_key = DocumentStore(settled.store_dir).key
    assert all(r.run_key.startswith(new_key) for r in again.run_requests)
    assert {r.run_key for r in again.run_requests}.isdisjoint({r.run_key for r in first.run_requests})


def test_sensor_skips_when_the_inbox_is_missing(instance, settled, tmp_path):
    daemon = Daemon(instance, with_settings(settled, sources_dir=str(tmp_path / "none")))
    result = daemon.tick()
    assert result.skip_reason and "not found" in str(result.skip_reason.skip_message)


def big_pdf(path, pages: int = 60) -> bytes:
    """A text PDF of ``pages`` pages, uncompressed so it is large (about 1 MB)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pageCompression=0)
    for page in range(pages):
        c.setFont("STSong-Light", 9)
        for line in range(70):
            c.drawString(
                40,
                800 - line * 11,
                f"第{page + 1}页 第{line + 1}行 2024年全县政协共收到提案{page + line}件。",
            )
        c.showPage()
    c.save()
    return path.read_bytes()


def test_a_pdf_copied_in_slow_chunks_runs_once_after_it_settles(instance, settings, inbox, tmp_path):
    daemon = Daemon(instance, with_settings(settings, settle_seconds=1.5))
    daemon.run(daemon.tick())  # the three reports, copied long before the settle time matters
    time.sleep(1.6)
    daemon.run(daemon.tick())
    data = big_pdf(tmp_path / "source.pdf")
    assert len(data) > 500_000
    target = inbox / "report_2024.pdf"
    partial = inbox / "minutes_2024.docx.part"  # a partial copy's name: never picked up
    partial.write_bytes(b"PK\x03\x04 still downloading")
    os.utime(partial, (time.time() - 3600, time.time() - 3600))
    runs = []
    chunk = len(data) // 8 + 1
    with open(target, "wb") as fh:
        for i in range(0, len(data), chunk):
            fh.write(data[i : i + chunk])
            fh.flush()
            result = daemon.tick()
            runs.extend(result.run_requests)
            time.sleep(0.4)
    assert runs == [], "a run started while the file was being copied"
    waiting = {w["source_path"]: w["reason"] for w in read_status(settings.warehouse)["waiting"]}
    assert waiting == {"report_2024.pdf": "settling", "minutes_2024.docx.part": "partial_copy"}

    time.sleep(1.6)
    settled = daemon.tick()
    assert requested(settled) == {hashlib.sha256(data).hexdigest(): "report_2024.pdf"}
    assert len(settled.run_requests) == 1
    assert requested(daemon.tick()) == {}  # exactly one
    status = read_status(settings.warehouse)
    assert [w["source_path"] for w in status["waiting"]] == ["minutes_2024.docx.part"]


def drop_files(folder, n: int) -> None:
    """``n`` small documents, one in ten not a document at all (quarantined)."""
    folder.mkdir()
    for i in range(n):
        path = folder / f"d{i:04d}.txt"
        if i % 10 == 0:
            path.write_bytes(b"\x00\x01\x02\x03" + i.to_bytes(4, "big"))
        else:
            path.write_text(f"县政协{i}号报告\n\n2024年共收到提案{i % 97 + 1}件。\n", encoding="utf-8")


def test_a_2000_file_drop_becomes_at_most_ceil_2000_over_n_runs(instance, settings, tmp_path):
    drop = tmp_path / "drop"
    drop_files(drop, 2000)
    per_run = 300
    daemon = Daemon(
        instance,
        with_settings(settings, sources_dir=str(drop), settle_seconds=0.0, documents_per_run=per_run),
    )
    first = daemon.tick()
    assert len(first.run_requests) == math.ceil(2000 / per_run)
    assert len(requested(first)) == 2000  # every file, in exactly one batch
    assert len(first.cursor) < 200
    assert requested(daemon.tick()) == {}  # requested once


def test_batch_runs_give_every_file_its_outcome_and_respect_the_queue(instance, settings, tmp_path):
    # (bench/bench_sensor.py --drop 2000 runs the 2,000-file drop through to its outcomes.)
    drop = tmp_path / "drop"
    drop_files(drop, 60)
    s = with_settings(
        settings, sources_dir=str(drop), settle_seconds=0.0, documents_per_run=25, max_queued_runs=2
    )
    daemon = Daemon(instance, s)
    first = daemon.tick()
    assert len(first.run_requests) == 2 and len(requested(first)) == 50  # queue room: 2 runs
    for r in first.run_requests:  # waiting to start, as the daemon holds them
        instance.add_run(
            DagsterRun(job_name=extract_documents.name, run_id=make_new_run_id(),
                          status=dg.DagsterRunStatus.NOT_STARTED, tags=r.tags)
        )  # fmt: skip
    assert daemon.tick().run_requests == []  # the queue is full: nothing more
    for run in instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.NOT_STARTED])):
        instance.delete_run(run.run_id)
    rest = daemon.tick()
    assert len(requested(rest)) == 10 and set(requested(rest)).isdisjoint(requested(first))
    daemon.run(first)
    daemon.run(rest)
    store = DocumentStore(s.store_dir)
    keys = set(requested(first)) | set(requested(rest))
    assert len(keys) == 60 and store.missing(keys) == set()
    statuses = [store.load(k, mentions=False).status for k in keys]
    assert statuses.count("quarantined") == 6 and statuses.count("loaded") == 54
    runs = instance.get_runs(dg.RunsFilter(job_name=extract_documents.name))
    assert len(runs) == 3 and all(r.is_success for r in runs)
    assert sorted(r.tags["cstats/documents_done"] for r in runs) == ["10/10", "25/25", "25/25"]
    records = instance.fetch_materializations(dg.AssetKey("documents"), limit=100).records
    assert {r.partition_key for r in records} == keys
