"""The `cstats` command line."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from pipelines.run import paths


class CliError(Exception):
    """An expected failure: one line on stderr, exit status 1, no traceback."""


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def _exact_number(text: str):
    from warehouse.exact import from_input

    try:
        return from_input(text)
    except (TypeError, ValueError) as e:
        raise argparse.ArgumentTypeError(f"expected a number with at most 6 decimals, not {text!r}") from e


def _cmd_run(args: argparse.Namespace) -> int:
    from pipelines.run.exhaustion import ResourceExhausted
    from pipelines.run.lifecycle import Stopped
    from pipelines.run.materialize import PublishBlocked, materialize_all
    from pipelines.run.outcomes import summary

    sources = Path(args.sources)
    if not sources.is_dir():
        raise CliError(f"sources folder not found: {sources}")
    try:
        result = materialize_all(
            sources, Path(args.warehouse), store=_store(args.store),
            progress=sys.stdout.isatty(), workers=args.workers,
        )  # fmt: skip
    except PublishBlocked as e:
        raise CliError(f"{e}; {args.warehouse} was left as it was") from e
    except Stopped as e:  # SIGTERM, SIGINT, SIGHUP: documents done stay stored (docs/orchestration.md)
        _exit_now(f"cstats: {e.line(args.warehouse)}", e.exit_code)
    except ResourceExhausted as e:
        print(f"cstats: {e.line()}; {args.warehouse} was left as it was", file=sys.stderr)
        return e.exit_code
    _finished()  # published: a stop signal from here on changes nothing, so the run ends as a success
    print(
        f"published {args.warehouse}: {result['documents']} documents, {result['mentions']} mentions, "
        f"{result['facts']} figures, {result['quarantined']} quarantined"
    )
    print(summary(result.get("outcomes") or {}, result.get("quarantined_by_reason") or {}))
    if result.get("held_for_review"):
        held = ", ".join(f"{k} {v}" for k, v in (result.get("held_by_reason") or {}).items())
        print(f"held for review: {result['held_for_review']} mentions ({held})")
    return 0


def _exit_now(line: str, code: int) -> None:
    """Print the one line and exit at once: the run's children are already gone (lifecycle.reap),
    and tearing down an interpreter that imported Dagster takes seconds on a busy machine."""
    sys.stdout.flush()
    print(line, file=sys.stderr, flush=True)
    os._exit(code)


def _finished() -> None:
    import signal

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)


def _store(text: str | None) -> Path | str | None:
    """A store folder, or an object-storage URL (s3://bucket/prefix) kept as text."""
    return None if not text else text if "://" in text else Path(text)


def _cmd_cluster(args: argparse.Namespace) -> int:
    from pipelines.cluster.backfill import run_backfill

    if not Path(args.sources).is_dir():
        raise CliError(f"sources folder not found: {args.sources}")
    from pipelines.run import lifecycle

    try:
        with lifecycle.stoppable():
            try:
                summary = run_backfill(
                    Path(args.sources), Path(args.warehouse), _store(args.store) or paths.store_dir(),
                    per_step=args.documents_per_step,
                )  # fmt: skip
            except (KeyboardInterrupt, lifecycle.Stopped) as e:
                signum = lifecycle.stop_signal() or getattr(e, "signum", None) or 2
                raise lifecycle.Stopped(signum) from None
    except lifecycle.Stopped as e:
        print(
            f"cstats: {e.name}: the cluster run stopped; documents finished are kept in the store and "
            f"{args.warehouse} was left as it was; run again to finish",
            file=sys.stderr,
        )
        return e.exit_code
    except RuntimeError as e:
        raise CliError(f"{e}; {args.warehouse} was left as it was") from e
    print(
        f"documents={summary['documents']} mentions={summary['mentions']} quarantined={summary['quarantined']} "
        f"extracted={summary['extracted']} published {summary['path']}"
    )
    return 0


def _cmd_text(args: argparse.Namespace) -> int:
    from sources import read_document

    doc = read_document(args.path)
    if args.json:
        print(json.dumps(doc.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(doc.display_text[b.start : b.end] for b in doc.blocks))
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from pipelines.extract import extract_mentions, learn_calendar
    from sources import read_document

    status = 0
    docs = []
    for path in args.paths:
        try:
            doc = read_document(path)
        except Exception as e:  # report every unreadable file, go on with the rest
            from sources import SourceError

            if not isinstance(e, SourceError):
                raise
            print(f"cstats: {path}: {e}", file=sys.stderr)
            status = 1
            continue
        docs.append(doc)
    # documents given together date each other: a session ordinal beside a dated line in one fixes
    # its committee's term calendar for the others (period_source cross_document)
    calendar = learn_calendar(docs) if len(docs) > 1 else None
    for doc in docs:
        for m in extract_mentions(doc, calendar=calendar):
            print(m.to_json(with_source=args.with_source))
    return status


def _cmd_eval(args: argparse.Namespace) -> int:
    from pipelines.extract.evaluate import evaluate, load_jsonl, report

    for path in (args.gold, args.pred):
        if not Path(path).is_file():
            raise CliError(f"file not found: {path}")
    try:
        gold, pred = load_jsonl(args.gold), load_jsonl(args.pred)
    except ValueError as e:
        raise CliError(str(e)) from e
    print(report(evaluate(gold, pred)))
    return 0


def _cmd_dashboard(args: argparse.Namespace) -> int:
    app = paths.PROJECT_ROOT / "dashboard" / "app.py"
    env = {**os.environ, "CSTATS_WAREHOUSE": str(Path(args.warehouse).resolve())}
    print(f"committee-stats dashboard: http://{args.address}:{args.port}", flush=True)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", args.address, "--server.port", str(args.port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",  # no Deploy button: officials view, they do not deploy
    ]  # fmt: skip
    if not args.child:
        # This process becomes the server (exec): no wrapper to outlive it or be outlived by it;
        # signals reach Streamlit itself, and CSTATS_DIE_WITH_PARENT=1 (make run) still holds.
        os.execve(sys.executable, cmd, env)
    return subprocess.call(cmd, env=env)


def _cmd_correct(args: argparse.Namespace) -> int:
    from warehouse.overrides import OverrideError, add_override, default_store, find_mention

    store = Path(args.overrides) if args.overrides else default_store(args.warehouse)
    span = {"sha256": args.sha256, "char_start": args.start, "char_end": args.end}
    try:
        record = add_override(store, **span, action=args.action, value=args.value, who=args.who, why=args.why)
    except OverrideError as e:
        raise CliError(str(e)) from e
    print(json.dumps(record, ensure_ascii=False))
    if find_mention(args.warehouse, **span) is None:
        print("cstats: warning: no such mention in the current warehouse; kept as an orphan", file=sys.stderr)
    print(f"cstats: recorded in {store}; applied at the next publish", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from warehouse.export import ExportError, export

    try:
        written = export(args.warehouse, args.dir, args.format)
    except ExportError as e:
        raise CliError(str(e)) from e
    for path in written:
        print(path)
    return 0


def _cmd_sql(args: argparse.Namespace) -> int:
    from warehouse.read import WarehouseMissing
    from warehouse.shell import QueryError, run

    query = args.query
    if query is None or query == "-":
        if sys.stdin.isatty():
            raise CliError('no query: cstats sql "SELECT ..." or pipe the query on stdin')
        query = sys.stdin.read()
    try:
        written = run(query, args.warehouse, fmt=args.format, output=args.output, max_rows=args.max_rows)
    except (QueryError, WarehouseMissing) as e:
        raise CliError(str(e)) from e
    if written is not None:
        print(f"cstats: wrote {written}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cstats", description="committee-stats: CPPCC committee activity statistics"
    )
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="read, extract and publish the warehouse (all Dagster assets, in-process)")
    r.add_argument("--sources", default=str(paths.sources_dir()), help="folder of documents")
    r.add_argument("--warehouse", default=str(paths.warehouse_path()), help="DuckDB file to publish")
    r.add_argument(
        "--store", help="per-document outputs (default: CSTATS_STORE, else $DAGSTER_HOME/cstats_store)"
    )
    r.add_argument(
        "--workers",
        type=_positive_int,
        help="documents extracted at once (default: CPU count; 1 = one by one)",
    )
    r.set_defaults(func=_cmd_run)

    k = sub.add_parser(
        "cluster",
        help="the same backfill through Dagster's Celery executor: workers started apart "
        "(celery -A pipelines.cluster.celery_app worker), broker CSTATS_BROKER, instance DAGSTER_HOME (docs/deploy.md)",
    )
    k.add_argument(
        "--sources", default=str(paths.sources_dir()), help="folder of documents, shared with the workers"
    )
    k.add_argument(
        "--warehouse", default=str(paths.warehouse_path()), help="DuckDB file the publish step writes"
    )
    k.add_argument("--store", help="document store shared with the workers: a folder or s3://bucket/prefix")
    k.add_argument("--documents-per-step", type=_positive_int, help="documents per Celery task (default 16)")
    k.set_defaults(func=_cmd_cluster)

    t = sub.add_parser("text", help="print a document's text in reading order")
    t.add_argument("path")
    t.add_argument("--json", action="store_true", help="articles and blocks with role, page and bbox")
    t.set_defaults(func=_cmd_text)

    e = sub.add_parser("extract", help="print metric mentions as JSON lines")
    e.add_argument("paths", nargs="+")
    e.add_argument(
        "--with-source",
        action="store_true",
        help='add "source" ("text"/"ocr") and "ocr_confidence" to every line (docs/mentions.md)',
    )
    e.set_defaults(func=_cmd_extract)

    v = sub.add_parser("eval", help="score extracted mentions against labelled ones")
    v.add_argument("gold", help="labelled mentions, JSON lines")
    v.add_argument("pred", help="extracted mentions, JSON lines (cstats extract output)")
    v.set_defaults(func=_cmd_eval)

    d = sub.add_parser("dashboard", help="serve the Streamlit dashboard")
    d.add_argument("--warehouse", default=str(paths.warehouse_path()))
    d.add_argument("--address", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    d.add_argument("--port", type=int, default=8501)
    d.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # run Streamlit as a child (tests)
    d.set_defaults(func=_cmd_dashboard)

    c = sub.add_parser("correct", help="confirm, correct or reject one mention (applied at the next publish)")
    c.add_argument("--sha256", required=True, help="content hash of the mention's document")
    c.add_argument("--start", type=int, required=True, help="char_start of the mention")
    c.add_argument("--end", type=int, required=True, help="char_end of the mention")
    c.add_argument("--action", required=True, choices=["confirm", "correct", "reject"])
    c.add_argument("--value", type=_exact_number, help="the corrected value in base units (--action correct)")
    c.add_argument("--who", required=True, help="who makes the correction")
    c.add_argument("--why", required=True, help="why")
    c.add_argument("--warehouse", default=str(paths.warehouse_path()))
    c.add_argument(
        "--overrides",
        help="corrections file (default: $CSTATS_OVERRIDES, else overrides/ beside the warehouse)",
    )
    c.set_defaults(func=_cmd_correct)

    q = sub.add_parser(
        "sql",
        help="run one SQL query on the warehouse, read-only, with the project's own DuckDB (docs/warehouse.md)",
    )
    q.add_argument(
        "query", nargs="?", help="the query (several statements: the last one's result); default: stdin"
    )
    q.add_argument(
        "--format",
        choices=["table", "csv", "json", "parquet"],
        default="table",
        help="table (terminal, default), csv or json (stdout unless --output), parquet (a file)",
    )
    q.add_argument("--output", "-o", help="write to this file (parquet default: ./cstats_sql.parquet)")
    q.add_argument("--max-rows", type=_positive_int, default=40, help="rows shown in a table (default 40)")
    q.add_argument("--warehouse", default=str(paths.warehouse_path()))
    q.set_defaults(func=_cmd_sql)

    x = sub.add_parser(
        "export",
        help="write the warehouse's tables as files and its analyst views as year-partitioned folders (Parquet or CSV)",
    )
    x.add_argument("dir", help="output folder")
    x.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    x.add_argument("--warehouse", default=str(paths.warehouse_path()))
    x.set_defaults(func=_cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from sources import SourceError

    if os.environ.get("CSTATS_DIE_WITH_PARENT") == "1":  # make run / make dashboard: end with make
        import signal

        from sources.lifeline import die_with_parent

        die_with_parent(os.getppid(), sig=signal.SIGTERM)  # SIGTERM: a run stops gracefully

    try:
        if args.func is _cmd_run:  # a stop signal from the start: one line, whenever it comes
            from pipelines.run import lifecycle

            try:
                with lifecycle.stoppable():
                    return args.func(args)
            except lifecycle.Stopped as e:
                _exit_now(f"cstats: {e.line(args.warehouse)}", e.exit_code)
        return args.func(args)
    except (CliError, SourceError) as e:
        print(f"cstats: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
