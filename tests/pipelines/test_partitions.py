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
