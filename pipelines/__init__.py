"""Text -> metrics. ``pipelines.extract`` is the pure library; the rest is the Dagster code location."""
