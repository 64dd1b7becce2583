"""Every mention the extractor produces on fixed corpora, every field, as one file: the check that an
optimisation of the extractor keeps its output bit-identical.

Corpora (each read once with the real readers; the read documents are kept in the cache folder as
pickles, so that a later dump re-runs only the extraction):

  samples    sources/samples (text, web pages, Word files, PDFs with and without a text layer)
  dev        the labelled development corpus (tests/pipelines/extract/corpus/docs)
  bench_run  bench/bench_run.py's 1,000 generated text documents
  national   bench/bench_national_run.py's generator: ``--national N`` reports of every current
             committee (a tenth PDF pages, a tenth saved web pages, the rest plain text)
  real*      any real-document cache folder given with ``--real DIR`` (every .txt/.html/.pdf in it)

Each corpus is dumped twice: document by document (``extract_mentions``, as ``cstats run`` does) and
read together (``extract_corpus``: ordinals learned across the corpus, as ``cstats extract`` does
with several files). A line is one mention: every field of the Mention, the value's Python type
beside its exact text. Printed: mentions per corpus and the SHA-256 of each dump.

    python bench/mention_dump.py OUT_DIR [--cache DIR] [--national 600] [--real DIR ...]
    python bench/mention_dump.py --compare OLD_DIR NEW_DIR
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from dataclasses import fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.extract import Mention, extract_corpus, extract_mentions  # noqa: E402

SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


def _line(m: Mention) -> str:
    row = {f.name: getattr(m, f.name) for f in fields(Mention)}
    row["value"] = f"{type(m.value).__name__}:{m.value!s}"
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


def _read_folder(folder: Path) -> list:
    from sources import SourceError, read_document

    docs = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES):
        try:
            docs.append(read_document(path))
        except SourceError:
            continue
    return docs


def _generated(kind: str, n: int) -> list:
    with tempfile.TemporaryDirectory(prefix="mention_dump_") as tmp:
        folder = Path(tmp) / "docs"
        if kind == "bench_run":
            sys.path.insert(0, str(ROOT / "bench"))
            from bench_run import generate

            generate(folder, n)
        else:
            sys.path.insert(0, str(ROOT / "bench"))
            from bench_national_run import generate

            generate(folder, n, 0.1, 0.1)
        return _read_folder(folder)


def corpora(cache: Path, national: int, real: list[str]) -> dict[str, list]:
    cache.mkdir(parents=True, exist_ok=True)
    plan = {
        "samples": lambda: _read_folder(ROOT / "sources" / "samples"),
        "dev": lambda: _read_folder(ROOT / "tests" / "pipelines" / "extract" / "corpus" / "docs"),
        "bench_run": lambda: _generated("bench_run", 1000),
        f"national{national}": lambda: _generated("national", national),
    }
    for folder in real:
        name = Path(folder).name
        plan[name if name.startswith("real") else f"real_{name}"] = lambda f=folder: _read_folder(Path(f))
    out = {}
    for name, make in plan.items():
        pkl = cache / f"{name}.pkl"
        if pkl.exists():
            out[name] = pickle.loads(pkl.read_bytes())
        else:
            out[name] = make()
            pkl.write_bytes(pickle.dumps(out[name]))
    return out


def dump(out_dir: Path, docs_by_corpus: dict[str, list]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, docs in docs_by_corpus.items():
        for how in ("each", "together"):
            if how == "each":
                per_doc = [extract_mentions(d) for d in docs]
            else:
                per_doc = extract_corpus(docs)
            lines = [_line(m) for ms in per_doc for m in ms]
            text = "\n".join(lines) + "\n"
            (out_dir / f"{name}.{how}.jsonl").write_text(text, encoding="utf-8")
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            print(f"{name:>16} {how:>8}: {len(docs):5d} documents {len(lines):7d} mentions  sha256 {digest}")


def compare(old: Path, new: Path) -> int:
    bad = 0
    total = 0
    for a in sorted(old.glob("*.jsonl")):
        b = new / a.name
        if not b.exists():
            print(f"{a.name}: missing in {new}")
            bad += 1
            continue
        la, lb = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
        total += len(la)
        if la == lb:
            print(f"{a.name}: identical ({len(la)} mentions)")
            continue
        bad += 1
        diff = next(
            (i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y), min(len(la), len(lb))
        )
        print(f"{a.name}: DIFFERS ({len(la)} vs {len(lb)} mentions), first at line {diff + 1}")
        print(f"  old: {la[diff] if diff < len(la) else '-'}")
        print(f"  new: {lb[diff] if diff < len(lb) else '-'}")
    print(f"{'identical' if not bad else f'{bad} file(s) differ'}; {total} mentions compared")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    ap.add_argument("--cache", default=str(ROOT / ".cache" / "mention_dump"))
    ap.add_argument("--national", type=int, default=600)
    ap.add_argument("--real", nargs="*", default=[])
    args = ap.parse_args()
    if args.compare:
        return compare(Path(args.compare[0]), Path(args.compare[1]))
    if not args.out:
        ap.error("OUT_DIR or --compare OLD NEW")
    dump(Path(args.out), corpora(Path(args.cache), args.national, args.real))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
