"""Routing of scanned documents to the ``ocr`` queue (issue 22 point 2): the cluster backfill splits
the documents into OCR steps and text steps by a cheap look at each PDF, the OCR op carries the
Celery queue and the Kubernetes node selector, and a real Dagster run reads every document once,
through the step of its kind. (The routing through real Celery workers is in test_cluster.py.)"""

import json
import shutil
import zipfile
from pathlib import Path

import dagster as dg
from dagster_celery.tags import DAGSTER_CELERY_QUEUE_TAG

from pipelines.cluster.backfill import (
    EXTRACT_QUEUE,
    OCR_NODE_SELECTOR,
    OCR_QUEUE,
    PUBLISH_QUEUE,
    cluster_backfill,
    extract_batch,
    ocr_batch,
    publish_from_store,
    run_config,
    split_by_step,
)
from sources.ocr import has_scan_pages
from sources.scan import by_content, survey

from .conftest import write_reports

CHROMIUM = Path(__file__).parents[1] / "sources" / "pdf" / "chromium"
SCAN, TEXT_PAGE = CHROMIUM / "c6_a4_3col_scan.pdf", CHROMIUM / "c5_a4_3col_single.pdf"


def folder_of_kinds(folder: Path) -> Path:
    write_reports(folder, ["helan_2024.txt"])
    shutil.copy(SCAN, folder / "scan.pdf")
    shutil.copy(TEXT_PAGE, folder / "text.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a real page\n")
    with zipfile.ZipFile(folder / "bundle.zip", "w") as z:
        z.write(SCAN, "inner_scan.pdf")
    return folder


def test_documents_with_scanned_pages_go_to_ocr_steps_the_rest_to_text_steps(tmp_path):
    src = folder_of_kinds(tmp_path / "src")
    found = survey(src)
    todo = [[sha, rels[0]] for sha, rels in by_content(found.entries).items()]
    text, scans = split_by_step(src, todo, found.kinds)
    assert [rel for _, rel in scans] == ["scan.pdf"]
    # the zipped scan has the same content as scan.pdf: one document, under the plain file's name
    assert sorted(rel for _, rel in text) == ["broken.pdf", "helan_2024.txt", "text.pdf"]
    assert has_scan_pages(SCAN) and not has_scan_pages(TEXT_PAGE)
    assert not has_scan_pages(src / "broken.pdf") and not has_scan_pages(src / "helan_2024.txt")


def test_text_printed_as_outlines_goes_to_ocr_steps():
    """A PDF whose glyphs are filled paths (no text object at all) needs OCR as a scan does; its
    clean twin with a text layer does not."""
    layer = CHROMIUM.parent / "text_layer"
    assert has_scan_pages(layer / "tl_outlines.pdf") and not has_scan_pages(layer / "tl_clean.pdf")


def test_the_ocr_op_carries_the_ocr_queue_and_the_kubernetes_node_selector():
    assert ocr_batch.tags[DAGSTER_CELERY_QUEUE_TAG] == OCR_QUEUE == "ocr"
    k8s = json.loads(ocr_batch.tags["dagster-k8s/config"])  # Dagster keeps tag values as strings
    assert k8s["pod_spec_config"]["node_selector"] == OCR_NODE_SELECTOR
    assert k8s["container_config"]["resources"]["limits"] == {"nvidia.com/gpu": "1"}
    assert DAGSTER_CELERY_QUEUE_TAG not in extract_batch.tags  # dagster-celery's default queue
    assert EXTRACT_QUEUE == "dagster"
    assert publish_from_store.tags[DAGSTER_CELERY_QUEUE_TAG] == PUBLISH_QUEUE
    assert {n.name for n in cluster_backfill.nodes} == {
        "plan_batches",
        "extract_batch",
        "ocr_batch",
        "publish_from_store",
    }


def test_a_dagster_run_reads_the_scan_in_an_ocr_step_and_the_rest_in_text_steps(tmp_path):
    src = write_reports(tmp_path / "src")
    shutil.copy(SCAN, src / "scan.pdf")
    config = run_config(src, tmp_path / "wh.duckdb", tmp_path / "store", per_step=2)
    del config["execution"]  # the in-process executor: the steps' routing is the op tags above
    with dg.instance_for_test() as instance:
        result = cluster_backfill.execute_in_process(run_config=config, instance=instance)
        assert result.success
        done = {e.step_key for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_SUCCESS}
        assert sorted(k for k in done if k.startswith("ocr_batch")) == ["ocr_batch[s000000]"]
        assert sorted(k for k in done if k.startswith("extract_batch")) == [
            "extract_batch[b000000]",
            "extract_batch[b000001]",
        ]
        ocr_counts = result.output_for_node("ocr_batch", "result")
        assert ocr_counts == {"s000000": {"extracted": 1, "reused": 0, "quarantined": 0}}
        summary = result.output_for_node("publish_from_store")
        assert summary["documents"] == 4 and summary["extracted"] == 4 and summary["ocr_steps"] == 1
        assert summary["quarantined"] == 0


def _plan(src: Path, tmp_path: Path, **kw) -> dict[str, list[str]]:
    """The steps plan_batches maps: output name -> mapping keys (no step is run)."""
    config = run_config(src, tmp_path / "wh.duckdb", tmp_path / "store", **kw)
    del config["execution"]
    with dg.instance_for_test() as instance:
        result = cluster_backfill.execute_in_process(
            run_config=config,
            instance=instance,
            op_selection=["plan_batches"],
        )
        assert result.success
        outs = result.output_for_node("plan_batches", "text"), result.output_for_node("plan_batches", "scans")
    return {"text": sorted(outs[0]), "scans": sorted(outs[1])}


def test_scans_go_one_to_a_step_so_every_ocr_worker_gets_work(tmp_path):
    # three scans (distinct files of one page) and two reports: one text step of 16 holds the
    # reports; the scans get a step each (a scan is seconds of OCR: a step of 16 would leave the
    # other OCR workers idle), unless the deployment asks for more to a step
    src = write_reports(tmp_path / "src", ["helan_2024.txt", "huinong_2023.txt"])
    for i in range(3):
        (src / f"scan{i}.pdf").write_bytes(SCAN.read_bytes() + f"\n% copy {i}\n".encode())
    assert _plan(src, tmp_path) == {"text": ["b000000"], "scans": ["s000000", "s000001", "s000002"]}
    assert _plan(src, tmp_path, ocr_per_step=2)["scans"] == ["s000000", "s000001"]
