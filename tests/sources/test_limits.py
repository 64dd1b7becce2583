"""Per-document resource limits: each has its own reason, and bombs are refused before inflating."""

import resource
import zipfile

import pytest

from sources.errors import (
    DecodedTooLarge,
    MemoryLimit,
    PageTreeCycle,
    ReferenceFanout,
    TooManyObjects,
    TooManyPages,
    XObjectCycle,
)
from sources.guarded import read_with_limit
from sources.limits import Limits
from sources.pdf.preflight import inflated_size, preflight
from tests.hostile import corpus


def test_the_reading_child_stops_at_its_address_space_limit(tmp_path):
    p = tmp_path / "any.txt"
    p.write_text("政协", encoding="utf-8")
    with pytest.raises(MemoryLimit) as err:
        read_with_limit(p, 60, reader="tests.sources.hog:read", limits=Limits(memory_bytes=1 << 30))
    assert err.value.reason == "memory_limit"


def test_a_flate_bomb_is_counted_in_bounded_pieces_never_held():
    bomb = corpus.flate_bomb(256 << 20)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DecodedTooLarge):
        preflight(bomb, Limits(max_decoded_bytes=64 << 20))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 32 * 1024  # far below the 64 MiB it counted, let alone the 256 MiB it holds
    raw = bomb[bomb.index(b"stream\n") + 7 : bomb.rindex(b"\nendstream")]
    assert inflated_size(raw, 1 << 30) == 256 << 20


@pytest.mark.parametrize(
    ("pdf", "error"),
    [
        (corpus.page_tree_cycle, PageTreeCycle),
        (corpus.self_referencing_xobject, XObjectCycle),
        (corpus.reference_fanout, ReferenceFanout),
        (lambda: corpus.many_pages(30), TooManyPages),
        (lambda: corpus.many_pages(30), TooManyObjects),
    ],
)
def test_structural_limits_have_their_own_reasons(pdf, error):
    limits = Limits(max_pages=20) if error is TooManyPages else Limits(max_objects=25, max_pages=20)
    with pytest.raises(error) as err:
        preflight(pdf(), limits)
    assert err.value.reason == error.reason


def test_an_ordinary_pdf_passes_the_preflight_with_its_figures():
    figures = preflight(corpus.text_pdf("贺兰县政协2024年工作综述\n全年收到提案88件。"), Limits())
    assert figures["pages"] == 1 and figures["objects"] > 3 and figures["decoded_bytes"] > 0


def test_archive_limits(tmp_path):
    from sources.archive import list_members
    from sources.errors import ArchiveTooLarge, TooManyMembers

    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(6):
            zf.writestr(f"m{i}.txt", "政协")
    with pytest.raises(TooManyMembers):
        list_members(many, Limits(max_members=5))
    assert len(list_members(many, Limits(max_members=6))) == 6
    with pytest.raises(ArchiveTooLarge):
        list_members(many, Limits(max_archive_bytes=10))
