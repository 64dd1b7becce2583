"""One partition per document, keyed by the SHA-256 of its content."""

import dagster as dg

DOCUMENTS_PARTITION = "documents"

documents_partitions = dg.DynamicPartitionsDefinition(name=DOCUMENTS_PARTITION)
