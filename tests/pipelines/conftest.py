"""Small reports written for these tests into temporary folders (never the bundled corpus)."""

from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.resources import StatsPaths

REPORTS = {
    "helan_2024.txt": (
        "贺兰县政协2024年工作综述\n\n"
        "2024年，贺兰县政协共收到委员提案88件，经审查立案80件。\n\n"
        "全年开展专题调研9次，召开常委会议5次。\n"
    ),
    "huinong_2023.txt": (
        "惠农区政协2023年工作综述\n\n"
        "2023年，区政协共收到提案57件，经审查立案51件，办结率98%。\n\n"
        "一年来组织委员视察6次，举办委员培训班3期。\n"
    ),
    "yongning_2024.txt": (
        "永宁县政协2024年工作综述\n\n"
        "2024年，永宁县政协共收到提案73件，经审查立案66件。\n\n"
        "全年召开常委会议4次，开展专题调研7次。\n"
    ),
}


def write_reports(folder: Path, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or REPORTS:
        (folder / name).write_text(REPORTS[name], encoding="utf-8")
    return folder


@pytest.fixture
def inbox(tmp_path) -> Path:
    return write_reports(tmp_path / "inbox")


@pytest.fixture
def settings(tmp_path, inbox) -> StatsPaths:
    return StatsPaths(
        sources_dir=str(inbox),
        warehouse_path=str(tmp_path / "wh" / "committee_stats.duckdb"),
        store_dir=str(tmp_path / "store"),
        document_seconds=30.0,
    )


@pytest.fixture
def instance():
    with dg.instance_for_test() as inst:
        yield inst
