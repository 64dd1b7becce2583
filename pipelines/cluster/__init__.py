"""The Celery cluster: the backfill job on Dagster's Celery executor, the Celery app the workers
load, and the loopback demo (``make cluster-demo``)."""
