"""The document store on S3-compatible object storage (fsspec/s3fs) against moto's S3 server on
loopback: the same outputs as on disk, the record written last, and a publish streamed from it."""

import duckdb
import polars as pl
import pytest
from moto.server import ThreadedMotoServer

from pipelines.run.collect import process_document, scan_sources
from pipelines.run.staging import publish_streaming
from pipelines.run.store import DocumentStore

from .conftest import write_reports


@pytest.fixture
def s3(monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://{host}:{port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    import boto3
    import s3fs

    s3fs.S3FileSystem.clear_instance_cache()  # fsspec reuses a filesystem made for an earlier server
    boto3.client("s3").create_bucket(Bucket="cstats")
    yield "s3://cstats/store"
    server.stop()


def test_outputs_round_trip_through_object_storage(tmp_path, s3):
    src = write_reports(tmp_path / "src")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a real page\n")
    remote, local = DocumentStore(s3, key="k1"), DocumentStore(tmp_path / "local", key="k1")
    by_sha = scan_sources(src, remote)
    assert remote.load_scan(src).keys() == {
        "helan_2024.txt",
        "huinong_2023.txt",
        "yongning_2024.txt",
        "broken.pdf",
    }
    for sha, rels in by_sha.items():
        assert not remote.has(sha) and remote.load(sha) is None
        result = process_document(src, rels[0], sha, 60)
        remote.save(result)
        local.save(result)
        assert remote.has(sha)
        back, there = remote.load(sha), local.load(sha)
        assert (back.status, back.document, back.quarantine) == (
            there.status,
            there.document,
            there.quarantine,
        )
        assert back.mentions.equals(there.mentions)
        if back.loaded:
            assert back.mentions.height > 0
    assert str(remote.record_path(sha)).startswith("cstats/store/documents/k1/")
    statuses = sorted(remote.load(sha).status for sha in by_sha)
    assert statuses == ["loaded", "loaded", "loaded", "quarantined"]


def test_streamed_publish_from_object_storage_equals_one_from_disk(tmp_path, s3):
    src = write_reports(tmp_path / "src")
    rows = {}
    for name, store in (("s3", DocumentStore(s3)), ("disk", DocumentStore(tmp_path / "store"))):
        result, staged = publish_streaming(src, store, 60, tmp_path / f"{name}.duckdb", batch_rows=2)
        assert (result.documents, staged.processed_now) == (3, 3) and result.mentions > 3
        con = duckdb.connect(str(result.path), read_only=True)
        rows[name] = con.sql("SELECT * FROM fact_mention ORDER BY sha256, char_start").pl()
        con.close()
    assert rows["s3"].equals(rows["disk"])
    assert not list(tmp_path.glob("*.spool.parquet"))  # the spool goes once published


def test_spool_keeps_whole_documents_per_row_group(tmp_path):
    from warehouse.spool import MentionSpool

    frames = [
        pl.DataFrame({"sha256": [f"{i:064x}"] * 3, "char_start": [0, 5, 9], "char_end": [2, 7, 11]})
        for i in range(5)
    ]
    with MentionSpool.write(tmp_path / "s.parquet", batch_rows=4) as spool:
        for f in frames:
            spool.append(f)
    done = MentionSpool(tmp_path / "s.parquet")
    assert done.height == 15
    groups = list(done.batches())
    assert [g.height for g in groups] == [6, 6, 3]
    assert all(g["sha256"].value_counts()["count"].to_list() == [3] * (g.height // 3) for g in groups)
