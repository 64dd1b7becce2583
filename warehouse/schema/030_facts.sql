-- Mentions with full provenance, the reconciled figures, the corrections, and the publish log.
CREATE TABLE fact_mention (
    sha256 VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    surface VARCHAR NOT NULL,
    value DECIMAL(38, 6) NOT NULL,
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
    override_action VARCHAR,
    override_value DECIMAL(38, 6),
    override_id VARCHAR,
    ocr_confidence DOUBLE,
    period_source VARCHAR,
    period_inferred BOOLEAN,
    period_reason VARCHAR,
    period_evidence VARCHAR
);
COMMENT ON TABLE fact_mention IS 'One row per metric mention, with provenance down to page, bbox and character span, and the override applied to it. Key: (sha256, char_start, char_end), unique (checked at publish).';
COMMENT ON COLUMN fact_mention.sha256 IS 'Document (dim_document.sha256).';
COMMENT ON COLUMN fact_mention.doc_id IS 'Document id (file stem).';
COMMENT ON COLUMN fact_mention.char_start IS 'Offset of the quantity in the document text.';
COMMENT ON COLUMN fact_mention.char_end IS 'Offset one past the quantity.';
COMMENT ON COLUMN fact_mention.surface IS 'The quantity as written, e.g. 120余篇.';
COMMENT ON COLUMN fact_mention.value IS 'Value in base units as extracted, exact (80余万元 -> 800000, 2.3亿元 -> 230000000, 96.5% -> 96.5); a correction is in override_value.';
COMMENT ON COLUMN fact_mention.unit IS 'Counting word; money in 元.';
COMMENT ON COLUMN fact_mention.qualifier IS 'exact, at_least (余/多), approx (约/近), at_most (不到).';
COMMENT ON COLUMN fact_mention.category_code IS 'Top-level category, null when unknown.';
COMMENT ON COLUMN fact_mention.metric_code IS 'Fine metric, null when the quantity matches no catalog metric.';
COMMENT ON COLUMN fact_mention.committee_name IS 'Committee as named, e.g. 平罗县政协.';
COMMENT ON COLUMN fact_mention.committee_code IS 'Committee code, null when unresolved.';
COMMENT ON COLUMN fact_mention.level IS 'national, region, city or county.';
COMMENT ON COLUMN fact_mention.period_start IS 'First year of the period measured.';
COMMENT ON COLUMN fact_mention.period_end IS 'Last year of the period measured.';
COMMENT ON COLUMN fact_mention.period_source IS 'How the period was found: text, date_line, session, term, plan, publication_date, cross_document or event; null when the period is null (period_reason says why).';
COMMENT ON COLUMN fact_mention.period_inferred IS 'True when the period comes from a level''s term cycle (a term extended five years from the committee''s nearest dated term), not from this committee''s own evidence.';
COMMENT ON COLUMN fact_mention.period_reason IS 'Why the period is null (e.g. the text names a session but the calendar has no term data); null when the period is known.';
COMMENT ON COLUMN fact_mention.period_evidence IS 'The document (doc id) or public address whose ordinal dated the committee''s term calendar, for cross_document and inferred periods.';
COMMENT ON COLUMN fact_mention.page IS '1-based page (PDF), null for text.';
COMMENT ON COLUMN fact_mention.bbox IS '[x0, top, x1, bottom] in PDF points of the block holding it.';
COMMENT ON COLUMN fact_mention.sentence IS 'The sentence holding the quantity.';
COMMENT ON COLUMN fact_mention.override_action IS 'Latest override of this mention: confirm, correct or reject; null when nobody reviewed it.';
COMMENT ON COLUMN fact_mention.override_value IS 'Corrected value (base units) when override_action = correct.';
COMMENT ON COLUMN fact_mention.override_id IS 'The override applied (override.override_id).';
COMMENT ON COLUMN fact_mention.ocr_confidence IS 'Null when the quantity was read from the text (layer); for a scanned page read by OCR, the mean recognition confidence (0-1) of the block holding it: review low values first.';

CREATE TABLE fact_committee_metric_period (
    committee_code VARCHAR NOT NULL,
    metric_code VARCHAR NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    value DECIMAL(38, 6) NOT NULL,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR NOT NULL,
    approximate BOOLEAN NOT NULL,
    mention_count INTEGER NOT NULL,
    document_count INTEGER NOT NULL,
    conflict BOOLEAN NOT NULL,
    alternatives DECIMAL(38, 6)[] NOT NULL,
    override_action VARCHAR,
    corrected BOOLEAN NOT NULL,
    period_inferred BOOLEAN NOT NULL DEFAULT false
);
COMMENT ON TABLE fact_committee_metric_period IS 'One reconciled figure per committee x metric x period (rule: docs/warehouse.md, transform/reconcile.sql). Key: (committee_code, metric_code, period_start, period_end), unique by construction.';
COMMENT ON COLUMN fact_committee_metric_period.committee_code IS 'Committee (dim_committee).';
COMMENT ON COLUMN fact_committee_metric_period.metric_code IS 'Metric (dim_metric).';
COMMENT ON COLUMN fact_committee_metric_period.period_start IS 'First year of the period.';
COMMENT ON COLUMN fact_committee_metric_period.period_end IS 'Last year of the period.';
COMMENT ON COLUMN fact_committee_metric_period.value IS 'The reconciled value in base units (a correction when corrected).';
COMMENT ON COLUMN fact_committee_metric_period.unit IS 'Unit of the value.';
COMMENT ON COLUMN fact_committee_metric_period.qualifier IS 'Qualifier of the chosen value: exact, at_least, approx, at_most (approximate values stay marked).';
COMMENT ON COLUMN fact_committee_metric_period.approximate IS 'True when the chosen value is not exact (qualifier <> exact).';
COMMENT ON COLUMN fact_committee_metric_period.mention_count IS 'Mentions behind this figure (rejected mentions excluded).';
COMMENT ON COLUMN fact_committee_metric_period.document_count IS 'Distinct documents behind this figure.';
COMMENT ON COLUMN fact_committee_metric_period.conflict IS 'True when the mentions disagree on the value.';
COMMENT ON COLUMN fact_committee_metric_period.alternatives IS 'Other values reported, sorted ascending; empty without conflict.';
COMMENT ON COLUMN fact_committee_metric_period.override_action IS 'confirm or correct when the chosen value was reviewed by a person; null otherwise.';
COMMENT ON COLUMN fact_committee_metric_period.corrected IS 'True when the value is a correction made by a person (override action correct).';
COMMENT ON COLUMN fact_committee_metric_period.period_inferred IS 'True when every mention behind the figure dates it through a level''s term cycle rather than the committee''s own evidence (fact_mention.period_inferred): the dashboard marks it.';

CREATE TABLE override (
    override_id VARCHAR NOT NULL,
    seq BIGINT NOT NULL,
    sha256 VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    action VARCHAR NOT NULL,
    value DECIMAL(38, 6),
    who VARCHAR NOT NULL,
    why VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE override IS 'Every correction ever recorded (cstats correct, the dashboard), loaded from the append-only override store; the latest per mention applies.';
COMMENT ON COLUMN override.override_id IS 'Id of the override (hash of its content).';
COMMENT ON COLUMN override.seq IS 'Position in the override store; the highest seq of a mention wins.';
COMMENT ON COLUMN override.sha256 IS 'Document of the mention (content hash).';
COMMENT ON COLUMN override.char_start IS 'Start of the mention''s character span.';
COMMENT ON COLUMN override.char_end IS 'End of the mention''s character span.';
COMMENT ON COLUMN override.action IS 'confirm (value right), correct (value replaced), reject (not a mention).';
COMMENT ON COLUMN override.value IS 'Corrected value in base units (action correct only).';
COMMENT ON COLUMN override.who IS 'Who made the override.';
COMMENT ON COLUMN override.why IS 'Why.';
COMMENT ON COLUMN override.created_at IS 'When (UTC).';

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
