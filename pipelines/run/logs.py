"""Structured, quiet logs: one JSON object per line on stderr, WARNING and above by default.

Dagster's UI keeps every event whatever this logger prints; this is what a terminal or a log
collector sees. Raise the level per run with run config
``loggers: {console: {config: {log_level: INFO}}}``.
"""

import datetime as dt
import json
import logging
import sys

import dagster as dg

DEFAULT_LEVEL = "WARNING"


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", None) or {}
        out = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "run_id": meta.get("run_id"),
            "job": meta.get("job_name"),
            "step": meta.get("step_key"),
            "message": meta.get("orig_message") or record.getMessage(),
        }
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps({k: v for k, v in out.items() if v is not None}, ensure_ascii=False)


def _not_said_elsewhere(record: logging.LogRecord) -> bool:
    """A run stopped by a signal (pipelines/run/lifecycle.py) or out of disk or memory
    (pipelines/run/exhaustion.py) says so in one line; the failures Dagster logs for the step
    would only repeat it, with a traceback. (The UI keeps every event regardless.)"""
    from pipelines.run import exhaustion
    from pipelines.run.lifecycle import stopping

    if stopping():
        return False
    event = (getattr(record, "dagster_meta", None) or {}).get("dagster_event")
    error = getattr(getattr(event, "event_specific_data", None), "error", None)
    return error is None or exhaustion.find(error) is None


def json_handler(stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLines())
    handler.addFilter(_not_said_elsewhere)
    return handler


@dg.logger(
    config_schema={
        "log_level": dg.Field(str, default_value=DEFAULT_LEVEL, is_required=False),
        "name": dg.Field(str, default_value="cstats", is_required=False),
    },
    description="JSON lines on stderr, WARNING and above unless configured otherwise.",
)
def json_lines_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.Logger(init_context.logger_config["name"], level=init_context.logger_config["log_level"])
    logger.addHandler(json_handler())
    return logger


def quiet_libraries() -> None:
    """Silence per-glyph font warnings and other chatter of the readers' libraries."""
    for name in ("pdfminer", "pdfplumber", "pypdfium2"):
        logging.getLogger(name).setLevel(logging.ERROR)
