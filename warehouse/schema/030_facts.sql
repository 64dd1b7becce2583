-- Mentions with full provenance, and the reconciled yearly figures.
CREATE TABLE fact_mention (
    sha256 VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    surface VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR NOT NULL,
    category_code VARCHAR,
    metric_code VARCHAR,
    committee_name VARCHAR,
    committee_code VARCHAR,
    level VARCHAR,
    period_start INTEGER,
    period_end INTEGER,
    page INTEGER,
    bbox DOUBLE[],
    sentence VARCHAR NOT NULL,
    PRIMARY KEY (sha256, char_start, char_end)
);
COMMENT ON TABLE fact_mention IS 'One row per metric mention, with provenance down to page, bbox and character span.';
COMMENT ON COLUMN fact_mention.sha256 IS 'Document (dim_document.sha256).';
COMMENT ON COLUMN fact_mention.doc_id IS 'Document id (file stem).';
COMMENT ON COLUMN fact_mention.char_start IS 'Offset of the quantity in the document text.';
COMMENT ON COLUMN fact_mention.char_end IS 'Offset one past the quantity.';
COMMENT ON COLUMN fact_mention.surface IS 'The quantity as written, e.g. 120余篇.';
COMMENT ON COLUMN fact_mention.value IS 'Value in base units (80余万元 -> 800000).';
COMMENT ON COLUMN fact_mention.unit IS 'Counting word; money in 元.';
COMMENT ON COLUMN fact_mention.qualifier IS 'exact, at_least (余/多), approx (约/近), at_most (不到).';
COMMENT ON COLUMN fact_mention.category_code IS 'Top-level category, null when unknown.';
COMMENT ON COLUMN fact_mention.metric_code IS 'Fine metric, null when the quantity matches no catalog metric.';
COMMENT ON COLUMN fact_mention.committee_name IS 'Committee as named, e.g. 平罗县政协.';
COMMENT ON COLUMN fact_mention.committee_code IS 'Committee code, null when unresolved.';
COMMENT ON COLUMN fact_mention.level IS 'national, region, city or county.';
COMMENT ON COLUMN fact_mention.period_start IS 'First year of the period measured.';
COMMENT ON COLUMN fact_mention.period_end IS 'Last year of the period measured.';
COMMENT ON COLUMN fact_mention.page IS '1-based page (PDF), null for text.';
COMMENT ON COLUMN fact_mention.bbox IS '[x0, top, x1, bottom] in PDF points of the block holding it.';
COMMENT ON COLUMN fact_mention.sentence IS 'The sentence holding the quantity.';

CREATE TABLE fact_committee_metric_period (
    committee_code VARCHAR NOT NULL,
    metric_code VARCHAR NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR NOT NULL,
    mention_count INTEGER NOT NULL,
    conflict BOOLEAN NOT NULL,
    alternatives DOUBLE[] NOT NULL,
    PRIMARY KEY (committee_code, metric_code, period_start, period_end)
);
COMMENT ON TABLE fact_committee_metric_period IS 'One reconciled figure per committee x metric x period (rule: docs/warehouse.md).';
COMMENT ON COLUMN fact_committee_metric_period.committee_code IS 'Committee (dim_committee).';
COMMENT ON COLUMN fact_committee_metric_period.metric_code IS 'Metric (dim_metric).';
COMMENT ON COLUMN fact_committee_metric_period.period_start IS 'First year of the period.';
COMMENT ON COLUMN fact_committee_metric_period.period_end IS 'Last year of the period.';
COMMENT ON COLUMN fact_committee_metric_period.value IS 'The reconciled value in base units.';
COMMENT ON COLUMN fact_committee_metric_period.unit IS 'Unit of the value.';
COMMENT ON COLUMN fact_committee_metric_period.qualifier IS 'Qualifier of the chosen value (approximate values stay marked).';
COMMENT ON COLUMN fact_committee_metric_period.mention_count IS 'Mentions behind this figure.';
COMMENT ON COLUMN fact_committee_metric_period.conflict IS 'True when the mentions disagree on the value.';
COMMENT ON COLUMN fact_committee_metric_period.alternatives IS 'Other values reported, sorted.';

CREATE TABLE publish_log (
    published_at TIMESTAMP NOT NULL,
    extractor_version VARCHAR NOT NULL,
    documents INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    quarantined INTEGER NOT NULL
);
COMMENT ON TABLE publish_log IS 'When this warehouse file was published and from what.';
COMMENT ON COLUMN publish_log.published_at IS 'Publish time (UTC).';
COMMENT ON COLUMN publish_log.extractor_version IS 'Extractor version of the mentions.';
COMMENT ON COLUMN publish_log.documents IS 'Documents loaded.';
COMMENT ON COLUMN publish_log.mentions IS 'Mentions loaded.';
COMMENT ON COLUMN publish_log.quarantined IS 'Documents in quarantine.';
