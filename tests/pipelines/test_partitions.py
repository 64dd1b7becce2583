"""Partitioned materialization: one partition per document, outputs in the document store."""

import hashlib

import dagster as dg
import polars as pl

from pipelines.defs.assets import SOURCE_PATH_TAG, documents
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.extract import extract_mentions
from pipelines.run import store as store_module
from pipelines.run.store import DocumentStore
from sources import read_document


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def materialize_partition(key, instance, settings, tags=None):
    return dg.materialize(
        [documents], partition_key=key, instance=instance, resources={"stats_paths": settings}, tags=tags
    )


def test_each_document_is_its_own_partition(instance, settings, inbox):
    files = sorted(inbox.glob("*.txt"))
    keys = [sha(p) for p in files]
    instance.add_dynamic_partitions(DOCUMENTS_PARTITION, keys)
    # The sensor tags its runs with the file; a backfill has no tag and finds the file by hash.
    for i, (path, key) in enumerate(zip(files, keys, strict=True)):
        tags = {SOURCE_PATH_TAG: path.name} if i % 2 == 0 else None
        result = materialize_partition(key, instance, settings, tags)
        meta = result.asset_materializations_for_node("documents")[0].metadata
        assert meta["status"].value == "loaded"
        assert meta["source_path"].value == path.name
        assert meta["mentions"].value == len(extract_mentions(read_document(path)))
        assert meta["reused"].value is False

    assert instance.get_materialized_partitions(dg.AssetKey("documents")) == set(keys)
    store = DocumentStore(settings.store_dir)
    for path, key in zip(files, keys, strict=True):
        stored = store.load(key)
        want = extract_mentions(read_document(path))
        assert stored.loaded and stored.document["sha256"] == key
        assert stored.mentions.select("char_start", "value").rows() == [(m.char_start, m.value) for m in want]
        assert pl.read_parquet(store.mentions_path(key)).height == len(want)


def test_a_document_is_extracted_again_only_when_its_extraction_key_changes(
    instance, settings, inbox, monkeypatch
):
    key = sha(inbox / "helan_2024.txt")
    instance.add_dynamic_partitions(DOCUMENTS_PARTITION, [key])
    first = materialize_partition(key, instance, settings).asset_materializations_for_node("documents")[0]
    again = materialize_partition(key, instance, settings).asset_materializations_for_node("documents")[0]
    assert (first.metadata["reused"].value, again.metadata["reused"].value) == (False, True)

    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "next-version")
    bumped = materialize_partition(key, instance, settings).asset_materializations_for_node("documents")[0]
    assert bumped.metadata["reused"].value is False
    assert bumped.metadata["extraction_key"].value.startswith("next-version-")
    assert bumped.metadata["mentions"].value == first.metadata["mentions"].value


def _batch_defs(settings):
    from pipelines.defs.assets import ALL_ASSETS
    from pipelines.defs.jobs import extract_documents

    return dg.Definitions(assets=ALL_ASSETS, jobs=[extract_documents], resources={"stats_paths": settings})


def test_a_batch_records_each_document_unless_told_its_instance_is_its_own(instance, settings, inbox):
    """The sensor's batches record every document as its partition's materialization; `cstats run`
    on its own ephemeral instance (partition_events false) skips those events: the store holds
    every document's output either way, and the outcomes come from the store."""
    from pipelines.defs.jobs import batch_run_config, extract_documents

    files = sorted(inbox.glob("*.txt"))
    batch = [(sha(p), p.name) for p in files]
    instance.add_dynamic_partitions(DOCUMENTS_PARTITION, [k for k, _ in batch])
    job = _batch_defs(settings).resolve_job_def(extract_documents.name)
    assert "partition_events" not in batch_run_config(batch)["ops"]["extract_documents_op"]["config"]

    quiet = job.execute_in_process(
        instance=instance, run_config=batch_run_config(batch, partition_events=False)
    )
    assert quiet.success and quiet.output_for_node("extract_documents_op")["extracted"] == len(batch)
    assert instance.get_materialized_partitions(dg.AssetKey("documents")) == set()
    store = DocumentStore(settings.store_dir)
    assert all(store.load(k).loaded for k, _ in batch)

    recorded = job.execute_in_process(instance=instance, run_config=batch_run_config(batch))
    assert recorded.output_for_node("extract_documents_op")["reused"] == len(batch)
    assert instance.get_materialized_partitions(dg.AssetKey("documents")) == {k for k, _ in batch}
