-- Indicators of quality: rates derived from two counts, each checked against the rate the
-- committee's own documents state. Computed once per publish (warehouse/publish.py MATERIALIZED).
-- The definitions are data: a view over constant rows (nothing to load at publish).
-- 答复率 is read as 办结率: the catalog counts 办复/答复 as proposals.resolved and states both rates
-- under proposals.resolution_rate.
CREATE VIEW dim_indicator AS
SELECT * FROM (VALUES
    ('rate.proposal_acceptance', '提案立案率', 'Proposal acceptance rate',
     'proposals.accepted', 'proposals.received', 'proposals.acceptance_rate', 0.5),
    ('rate.proposal_resolution', '提案办结（答复）率', 'Proposal resolution (reply) rate',
     'proposals.resolved', 'proposals.accepted', 'proposals.resolution_rate', 0.5),
    ('rate.opinion_adoption', '社情民意信息采用率', 'Public-opinion report adoption rate',
     'public_opinion.adopted', 'public_opinion.submitted', NULL, 0.5)
) AS t(indicator_code, name_zh, name_en, numerator_code, denominator_code, stated_code, tolerance);
COMMENT ON VIEW dim_indicator IS 'Derived rates: 100 x numerator / denominator (two catalog metrics of the same committee and year), checked against the stated rate metric.';
COMMENT ON COLUMN dim_indicator.indicator_code IS 'Stable code "rate.<name>".';
COMMENT ON COLUMN dim_indicator.name_zh IS 'Chinese name.';
COMMENT ON COLUMN dim_indicator.name_en IS 'English name.';
COMMENT ON COLUMN dim_indicator.numerator_code IS 'Metric counted above the line (dim_metric).';
COMMENT ON COLUMN dim_indicator.denominator_code IS 'Metric counted below the line (dim_metric).';
COMMENT ON COLUMN dim_indicator.stated_code IS 'Metric holding the rate the documents state themselves (dim_metric), if the catalog has one.';
COMMENT ON COLUMN dim_indicator.tolerance IS 'Largest difference in percentage points between the computed and the stated rate that still agrees (stated rates are rounded).';
-- The mention a yearly figure shows: the first (by document, offset) whose effective value is the
-- figure's value. Its provenance is what a derived rate carries for each of its two counts.
CREATE VIEW v_figure_source AS
SELECT f.committee_code, f.metric_code, f.period_end AS year, f.value, f.qualifier, f.corrected,
       first({'doc_id': m.doc_id, 'sha256': m.sha256, 'char_start': m.char_start, 'char_end': m.char_end,
              'page': m.page, 'surface': m.surface, 'sentence': m.sentence}
             ORDER BY m.doc_id, m.char_start) AS source
FROM fact_committee_metric_period f
JOIN fact_mention m
  ON m.committee_code = f.committee_code AND m.metric_code = f.metric_code
 AND m.period_start = f.period_start AND m.period_end = f.period_end
 AND (CASE WHEN m.override_action = 'correct' THEN m.override_value ELSE m.value END) = f.value
 AND m.override_action IS DISTINCT FROM 'reject'
WHERE f.period_start = f.period_end
GROUP BY ALL;
COMMENT ON VIEW v_figure_source IS 'Each yearly figure with the mention it was taken from (first by document and offset among those carrying the chosen value).';
COMMENT ON COLUMN v_figure_source.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_figure_source.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_figure_source.year IS 'Year.';
COMMENT ON COLUMN v_figure_source.value IS 'The reconciled value.';
COMMENT ON COLUMN v_figure_source.qualifier IS 'Its qualifier.';
COMMENT ON COLUMN v_figure_source.corrected IS 'True when the value is an analyst''s correction.';
COMMENT ON COLUMN v_figure_source.source IS 'doc_id, sha256, char_start, char_end, page, surface, sentence of that mention.';

CREATE VIEW v_indicator_rate AS
WITH src AS (
    SELECT * FROM v_figure_source
    WHERE metric_code IN (SELECT numerator_code FROM dim_indicator
                          UNION SELECT denominator_code FROM dim_indicator
                          UNION SELECT stated_code FROM dim_indicator)
),
pairs AS (
    SELECT i.indicator_code, n.committee_code, n.year, n AS num, d AS den
    FROM dim_indicator i
    JOIN src n ON n.metric_code = i.numerator_code
    JOIN src d ON d.metric_code = i.denominator_code AND d.committee_code = n.committee_code AND d.year = n.year
    WHERE d.value > 0
),
stated AS (
    SELECT i.indicator_code, s.committee_code, s.year, s AS st
    FROM dim_indicator i JOIN src s ON s.metric_code = i.stated_code
),
joined AS (
    SELECT coalesce(p.indicator_code, s.indicator_code) AS indicator_code,
           coalesce(p.committee_code, s.committee_code) AS committee_code,
           coalesce(p.year, s.year) AS year, p.num, p.den, s.st
    FROM pairs p FULL JOIN stated s USING (indicator_code, committee_code, year)
)
SELECT j.indicator_code, j.committee_code, c.level, c.city_code, c.region_code, j.year,
       round(100 * j.num.value / j.den.value, 2) AS computed_rate,
       j.st.value AS stated_rate,
       coalesce(round(100 * j.num.value / j.den.value, 2), j.st.value) AS rate,
       CASE WHEN j.num IS NOT NULL THEN 'computed' ELSE 'stated' END AS rate_source,
       CASE WHEN j.num IS NOT NULL AND j.st IS NOT NULL
            THEN round(100 * j.num.value / j.den.value - j.st.value, 2) END AS difference,
       CASE WHEN j.num IS NULL OR j.st IS NULL THEN NULL
            ELSE abs(100 * j.num.value / j.den.value - j.st.value) <= i.tolerance END AS agrees,
       j.num.value > j.den.value AS exceeds_100,
       CASE WHEN j.num IS NOT NULL
            THEN (j.num.qualifier <> 'exact' OR j.den.qualifier <> 'exact')
            ELSE j.st.qualifier <> 'exact' END AS approximate,
       coalesce(j.num.corrected OR j.den.corrected, j.st.corrected, false) AS corrected,
       j.num.value AS numerator_value, j.num.qualifier AS numerator_qualifier,
       j.den.value AS denominator_value, j.den.qualifier AS denominator_qualifier,
       j.num.source AS numerator_source, j.den.source AS denominator_source, j.st.source AS stated_source
FROM joined j
JOIN dim_indicator i USING (indicator_code)
LEFT JOIN dim_committee c ON c.committee_code = j.committee_code AND c.valid_to IS NULL;
COMMENT ON VIEW v_indicator_rate IS 'Derived rates per committee and year (dim_indicator): 100 x numerator / denominator with both counts'' provenance, beside the rate the documents state; agrees = false flags a disagreement beyond the tolerance.';
COMMENT ON COLUMN v_indicator_rate.indicator_code IS 'Indicator (dim_indicator).';
COMMENT ON COLUMN v_indicator_rate.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_indicator_rate.level IS 'region, city or county.';
COMMENT ON COLUMN v_indicator_rate.city_code IS 'Prefecture-level division it belongs to.';
COMMENT ON COLUMN v_indicator_rate.region_code IS 'Province-level division it belongs to.';
COMMENT ON COLUMN v_indicator_rate.year IS 'Year.';
COMMENT ON COLUMN v_indicator_rate.computed_rate IS '100 x numerator / denominator (percent, 2 decimals); null when either count is missing.';
COMMENT ON COLUMN v_indicator_rate.stated_rate IS 'The rate the documents state (percent); null when none is stated.';
COMMENT ON COLUMN v_indicator_rate.rate IS 'computed_rate, else stated_rate: the rate shown.';
COMMENT ON COLUMN v_indicator_rate.rate_source IS 'computed (from the two counts) or stated (only the documents'' own rate).';
COMMENT ON COLUMN v_indicator_rate.difference IS 'computed_rate - stated_rate in percentage points.';
COMMENT ON COLUMN v_indicator_rate.agrees IS 'False when computed and stated rates differ by more than the tolerance; null when one is missing.';
COMMENT ON COLUMN v_indicator_rate.exceeds_100 IS 'True when the numerator exceeds the denominator (a rate above 100%: a count is wrong).';
COMMENT ON COLUMN v_indicator_rate.approximate IS 'True when a count behind the rate is approximate (余/约/不到).';
COMMENT ON COLUMN v_indicator_rate.corrected IS 'True when a count behind the rate was corrected by an analyst.';
COMMENT ON COLUMN v_indicator_rate.numerator_value IS 'Numerator count.';
COMMENT ON COLUMN v_indicator_rate.numerator_qualifier IS 'Its qualifier.';
COMMENT ON COLUMN v_indicator_rate.denominator_value IS 'Denominator count.';
COMMENT ON COLUMN v_indicator_rate.denominator_qualifier IS 'Its qualifier.';
COMMENT ON COLUMN v_indicator_rate.numerator_source IS 'Mention of the numerator: doc_id, sha256, char_start, char_end, page, surface, sentence.';
COMMENT ON COLUMN v_indicator_rate.denominator_source IS 'Mention of the denominator.';
COMMENT ON COLUMN v_indicator_rate.stated_source IS 'Mention of the stated rate.';
