"""NameIndex finds exactly the names a scan per name finds, in the same order."""

import random
from pathlib import Path

from pipelines.extract.names_in_text import NameIndex
from pipelines.extract.subject import compact
from sources import read_document
from warehouse.register import load_register

SAMPLES = Path(__file__).resolve().parents[3] / "sources" / "samples"


def naive(names, text):
    return [n for n in names if n in text]


def test_nested_and_overlapping_names():
    names = ["平罗县", "平罗", "罗县", "县", "石嘴山市", "石嘴山", "嘴山"]
    index = NameIndex(names)
    for text in ("平罗县政协", "石嘴山市平罗县", "平罗", "罗县石嘴", "", "无名之地"):
        assert index.present(text) == naive(names, text)


def test_register_names_on_sample_texts_and_shuffles():
    names = [n for n in load_register().names() if len(n) >= 2]
    index = NameIndex(names)
    texts = [compact(read_document(p).text) for p in sorted(SAMPLES.glob("*.txt"))[:20]]
    rng = random.Random(7)
    pieces = [t[i : i + 12] for t in texts for i in range(0, len(t), 37)]
    texts += ["".join(rng.sample(pieces, 8)) for _ in range(50)]
    for text in texts:
        assert index.present(text) == naive(names, text)
