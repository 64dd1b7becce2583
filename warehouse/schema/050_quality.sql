-- Data-quality views: one definition each, read by the Dagster asset checks and the dashboard.
CREATE VIEW v_quality_documents_without_mentions AS
SELECT d.sha256, d.doc_id, d.source_path, d.title, d.media_type, d.chars, d.extractor_version
FROM dim_document d
WHERE NOT EXISTS (SELECT 1 FROM fact_mention f WHERE f.sha256 = d.sha256);
COMMENT ON VIEW v_quality_documents_without_mentions IS 'Grain 粒度: one row per document. Documents loaded from which no mention was extracted (one row per document).';
COMMENT ON COLUMN v_quality_documents_without_mentions.sha256 IS 'Document content hash.';
COMMENT ON COLUMN v_quality_documents_without_mentions.doc_id IS 'Document id.';
COMMENT ON COLUMN v_quality_documents_without_mentions.source_path IS 'Source path.';
COMMENT ON COLUMN v_quality_documents_without_mentions.title IS 'Headline or first line.';
COMMENT ON COLUMN v_quality_documents_without_mentions.media_type IS 'Media type.';
COMMENT ON COLUMN v_quality_documents_without_mentions.chars IS 'Characters of text.';
COMMENT ON COLUMN v_quality_documents_without_mentions.extractor_version IS 'Extractor version.';

CREATE VIEW v_quality_unmatched_mentions AS
WITH live AS (
    SELECT * FROM fact_mention WHERE override_action IS DISTINCT FROM 'reject'
),
per_doc AS (
    SELECT sha256, count(*) AS n, count(*) FILTER (WHERE metric_code IS NULL) AS unmatched
    FROM live GROUP BY sha256
),
overall AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE metric_code IS NULL) AS unmatched FROM live
)
SELECT f.sha256, f.doc_id, f.char_start, f.char_end, f.surface, f.value, f.unit, f.qualifier,
       f.category_code AS category, f.committee_code, f.period_end, f.sentence,
       p.unmatched AS unmatched_in_document, p.n AS mentions_in_document,
       p.unmatched / p.n AS share_in_document,
       o.unmatched AS unmatched_overall, o.n AS mentions_overall,
       o.unmatched / o.n AS share_overall
FROM live f JOIN per_doc p USING (sha256) CROSS JOIN overall o
WHERE f.metric_code IS NULL;
COMMENT ON VIEW v_quality_unmatched_mentions IS 'Grain 粒度: one row per mention. Mentions whose quantity matched no catalog metric (metric_code null; rejected ones excluded), one row each, with their share in the document and overall.';
COMMENT ON COLUMN v_quality_unmatched_mentions.sha256 IS 'Document content hash.';
COMMENT ON COLUMN v_quality_unmatched_mentions.doc_id IS 'Document id.';
COMMENT ON COLUMN v_quality_unmatched_mentions.char_start IS 'Start of the quantity in the text.';
COMMENT ON COLUMN v_quality_unmatched_mentions.char_end IS 'End of the quantity in the text.';
COMMENT ON COLUMN v_quality_unmatched_mentions.surface IS 'The quantity as written.';
COMMENT ON COLUMN v_quality_unmatched_mentions.value IS 'Value in base units.';
COMMENT ON COLUMN v_quality_unmatched_mentions.unit IS 'Unit.';
COMMENT ON COLUMN v_quality_unmatched_mentions.qualifier IS 'Qualifier.';
COMMENT ON COLUMN v_quality_unmatched_mentions.category IS 'Category, when known.';
COMMENT ON COLUMN v_quality_unmatched_mentions.committee_code IS 'Committee, when resolved.';
COMMENT ON COLUMN v_quality_unmatched_mentions.period_end IS 'Year.';
COMMENT ON COLUMN v_quality_unmatched_mentions.sentence IS 'The sentence holding it.';
COMMENT ON COLUMN v_quality_unmatched_mentions.unmatched_in_document IS 'Unmatched mentions in the same document.';
COMMENT ON COLUMN v_quality_unmatched_mentions.mentions_in_document IS 'All mentions in the same document.';
COMMENT ON COLUMN v_quality_unmatched_mentions.share_in_document IS 'unmatched_in_document / mentions_in_document.';
COMMENT ON COLUMN v_quality_unmatched_mentions.unmatched_overall IS 'Unmatched mentions in the warehouse.';
COMMENT ON COLUMN v_quality_unmatched_mentions.mentions_overall IS 'All mentions in the warehouse.';
COMMENT ON COLUMN v_quality_unmatched_mentions.share_overall IS 'unmatched_overall / mentions_overall.';

CREATE VIEW v_quality_conflicts AS
WITH conflicting AS (
    SELECT * FROM fact_committee_metric_period WHERE conflict
),
docs AS (
    SELECT m.committee_code, m.metric_code, m.period_start, m.period_end,
           list(DISTINCT m.doc_id ORDER BY m.doc_id) AS doc_ids
    FROM fact_mention m
    SEMI JOIN conflicting k USING (committee_code, metric_code, period_start, period_end)
    WHERE m.override_action IS DISTINCT FROM 'reject'
    GROUP BY ALL
)
SELECT f.committee_code, c.committee_name_zh,
       coalesce(c.name_en, c.name_pinyin, c.committee_name_zh) AS committee_name_en,
       f.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en,
       f.period_start, f.period_end, f.value, f.qualifier, f.alternatives, f.mention_count,
       f.override_action, d.doc_ids
FROM conflicting f
JOIN docs d USING (committee_code, metric_code, period_start, period_end)
LEFT JOIN dim_committee c
  ON c.committee_code = f.committee_code AND f.period_end BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
LEFT JOIN dim_metric m ON m.metric_code = f.metric_code;
COMMENT ON VIEW v_quality_conflicts IS 'Grain 粒度: one row per figure (committee x metric x period). Reconciled figures whose documents disagree: the chosen value, the alternatives, and the documents behind them.';
COMMENT ON COLUMN v_quality_conflicts.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_quality_conflicts.committee_name_zh IS 'Committee name.';
COMMENT ON COLUMN v_quality_conflicts.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_quality_conflicts.metric_name_zh IS 'Metric name.';
COMMENT ON COLUMN v_quality_conflicts.metric_name_en IS 'Metric name in English.';
COMMENT ON COLUMN v_quality_conflicts.committee_name_en IS 'Committee''s division name in English (else pinyin, else the Chinese committee name).';
COMMENT ON COLUMN v_quality_conflicts.period_start IS 'First year.';
COMMENT ON COLUMN v_quality_conflicts.period_end IS 'Last year.';
COMMENT ON COLUMN v_quality_conflicts.value IS 'Chosen value.';
COMMENT ON COLUMN v_quality_conflicts.qualifier IS 'Qualifier of the chosen value.';
COMMENT ON COLUMN v_quality_conflicts.alternatives IS 'The other values reported.';
COMMENT ON COLUMN v_quality_conflicts.mention_count IS 'Mentions behind the figure.';
COMMENT ON COLUMN v_quality_conflicts.override_action IS 'confirm or correct when a person settled the value.';
COMMENT ON COLUMN v_quality_conflicts.doc_ids IS 'Documents behind the figure.';

CREATE VIEW v_quality_yoy_jumps AS
WITH yearly AS (
    SELECT committee_code, metric_code, period_end AS year, value
    FROM fact_committee_metric_period WHERE period_start = period_end
),
jumps AS (
    SELECT y.committee_code, y.metric_code, y.year, p.value AS prev_value, y.value
    FROM yearly y
    JOIN yearly p ON p.committee_code = y.committee_code AND p.metric_code = y.metric_code AND p.year = y.year - 1
    WHERE p.value > 0 AND y.value > 0 AND greatest(y.value, p.value) / least(y.value, p.value) > 10
)
SELECT j.committee_code, c.committee_name_zh,
       coalesce(c.name_en, c.name_pinyin, c.committee_name_zh) AS committee_name_en,
       j.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, j.year,
       j.prev_value, j.value,
       greatest(j.value, j.prev_value) / least(j.value, j.prev_value) AS jump_factor,
       CASE WHEN j.value > j.prev_value THEN 'up' ELSE 'down' END AS direction
FROM jumps j
LEFT JOIN dim_committee c
  ON c.committee_code = j.committee_code AND j.year BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
LEFT JOIN dim_metric m ON m.metric_code = j.metric_code;
COMMENT ON VIEW v_quality_yoy_jumps IS 'Grain 粒度: one row per committee x metric x year. Yearly figures more than 10 times larger or smaller than the same committee''s figure of the year before (both non-zero): likely extraction errors.';
COMMENT ON COLUMN v_quality_yoy_jumps.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_quality_yoy_jumps.committee_name_zh IS 'Committee name.';
COMMENT ON COLUMN v_quality_yoy_jumps.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_quality_yoy_jumps.metric_name_zh IS 'Metric name.';
COMMENT ON COLUMN v_quality_yoy_jumps.metric_name_en IS 'Metric name in English.';
COMMENT ON COLUMN v_quality_yoy_jumps.committee_name_en IS 'Committee''s division name in English (else pinyin, else the Chinese committee name).';
COMMENT ON COLUMN v_quality_yoy_jumps.year IS 'Year of the jump.';
COMMENT ON COLUMN v_quality_yoy_jumps.prev_value IS 'Value the year before.';
COMMENT ON COLUMN v_quality_yoy_jumps.value IS 'Value of the year.';
COMMENT ON COLUMN v_quality_yoy_jumps.jump_factor IS 'Larger / smaller of the two values (> 10).';
COMMENT ON COLUMN v_quality_yoy_jumps.direction IS 'up or down.';

CREATE VIEW v_override_orphans AS
WITH matched AS (
    SELECT f.sha256, f.char_start, f.char_end
    FROM fact_mention f SEMI JOIN override o USING (sha256, char_start, char_end)
)
SELECT o.override_id, o.seq, o.sha256, o.char_start, o.char_end, o.action, o.value, o.who, o.why,
       o.created_at,
       o.sha256 IN (SELECT sha256 FROM dim_document) AS document_present
FROM override o
ANTI JOIN matched m USING (sha256, char_start, char_end);
COMMENT ON VIEW v_override_orphans IS 'Grain 粒度: one row per override. Overrides whose mention is no longer extracted (document gone or span changed): reported, kept in the store, re-applied if the mention comes back.';
COMMENT ON COLUMN v_override_orphans.override_id IS 'Override id.';
COMMENT ON COLUMN v_override_orphans.seq IS 'Position in the override store.';
COMMENT ON COLUMN v_override_orphans.sha256 IS 'Document content hash.';
COMMENT ON COLUMN v_override_orphans.char_start IS 'Start of the span.';
COMMENT ON COLUMN v_override_orphans.char_end IS 'End of the span.';
COMMENT ON COLUMN v_override_orphans.action IS 'confirm, correct or reject.';
COMMENT ON COLUMN v_override_orphans.value IS 'Corrected value.';
COMMENT ON COLUMN v_override_orphans.who IS 'Who.';
COMMENT ON COLUMN v_override_orphans.why IS 'Why.';
COMMENT ON COLUMN v_override_orphans.created_at IS 'When (UTC).';
COMMENT ON COLUMN v_override_orphans.document_present IS 'True when the document is still loaded (the span moved); false when the document is gone.';

CREATE VIEW v_quality_period_gaps AS
SELECT split_part(coalesce(period_reason, 'unknown: no reason recorded'), ':', 1) AS reason_class,
       count(*) AS mentions,
       count(DISTINCT sha256) AS documents,
       min(period_reason) AS example
FROM fact_mention
WHERE (period_start IS NULL OR period_end IS NULL) AND override_action IS DISTINCT FROM 'reject'
GROUP BY reason_class
ORDER BY mentions DESC, reason_class;
COMMENT ON VIEW v_quality_period_gaps IS 'Grain 粒度: one row per reason class. Figures (mentions) with no year, counted by the class of the reason their period is null (fact_mention.period_reason: no dated context, no term data, conflicting ordinals, term in office, history).';
COMMENT ON COLUMN v_quality_period_gaps.reason_class IS 'The reason''s class (the text before its first colon).';
COMMENT ON COLUMN v_quality_period_gaps.mentions IS 'Mentions with no year for that reason.';
COMMENT ON COLUMN v_quality_period_gaps.documents IS 'Distinct documents holding them.';
COMMENT ON COLUMN v_quality_period_gaps.example IS 'One full reason of that class.';
