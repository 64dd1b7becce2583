"""Which failures are worth retrying: transient ones only.

A document that cannot be read (``SourceError``) is quarantined, never retried: reading it again
gives the same answer. A bug (ValueError, KeyError...) is not retried either. What is retried,
with exponential backoff, is the environment failing for a moment: a busy or briefly unreachable
file system or object store, a warehouse file locked by another writer.
"""

import errno

import duckdb

from sources import SourceError

MAX_RETRIES = 3
BASE_DELAY_SECONDS = 2.0
TRANSIENT_ERRNOS = {
    errno.EAGAIN, errno.EBUSY, errno.EINTR, errno.EIO, errno.ESTALE, errno.ETIMEDOUT,
    errno.ECONNRESET, errno.ECONNREFUSED, errno.ECONNABORTED, errno.ENETUNREACH, errno.EHOSTUNREACH,
}  # fmt: skip


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, SourceError):
        return False
    if isinstance(exc, ConnectionError | TimeoutError | InterruptedError | BlockingIOError):
        return True
    if isinstance(exc, OSError):
        return exc.errno in TRANSIENT_ERRNOS
    if isinstance(exc, duckdb.IOException):
        return "lock" in str(exc).lower()
    return False


def backoff_seconds(retry_number: int) -> float:
    """Seconds to wait before retry ``retry_number + 1``: 2, 4, 8..."""
    return BASE_DELAY_SECONDS * (2**retry_number)
