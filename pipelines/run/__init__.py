"""The local run and publish path: the per-document store, reading and extracting one document,
outcomes, quality rules and review holds, the streamed gather and publish, and ``cstats run``'s
in-process materialization of the Dagster jobs."""
