"""The Dagster definitions: assets, asset checks, jobs, partitions, resources, the inbox sensor and the
nightly schedule. ``pipelines.definitions`` puts them together as the code location."""
