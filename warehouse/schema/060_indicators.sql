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
SELECT j.indicator_code, i.name_zh AS indicator_name_zh, i.name_en AS indicator_name_en,
       j.committee_code, c.committee_name_zh,
       coalesce(c.name_en, c.name_pinyin, c.committee_name_zh) AS committee_name_en,
       c.level, c.parent_code, c.city_code, c.region_code, j.year, '%' AS unit,
       round(100 * j.num.value / j.den.value, 2)::DECIMAL(38, 6) AS computed_rate,
       j.st.value AS stated_rate,
       coalesce(round(100 * j.num.value / j.den.value, 2)::DECIMAL(38, 6), j.st.value) AS rate,
       CASE WHEN j.num IS NOT NULL THEN 'computed' ELSE 'stated' END AS rate_source,
       CASE WHEN j.num IS NOT NULL AND j.st IS NOT NULL
            THEN round(100 * j.num.value / j.den.value - j.st.value, 2)::DECIMAL(38, 6) END AS difference,
       CASE WHEN j.num IS NULL OR j.st IS NULL THEN NULL
            ELSE abs(100 * j.num.value / j.den.value - j.st.value) <= i.tolerance END AS agrees,
       j.num.value > j.den.value AS exceeds_100,
       CASE WHEN j.num IS NOT NULL
            THEN (j.num.qualifier <> 'exact' OR j.den.qualifier <> 'exact')
            ELSE j.st.qualifier <> 'exact' END AS approximate,
       coalesce(j.num.corrected OR j.den.corrected, j.st.corrected, false) AS corrected,
       i.numerator_code, nm.name_zh AS numerator_name_zh, nm.name_en AS numerator_name_en,
       j.num.value AS numerator_value, j.num.qualifier AS numerator_qualifier,
       j.num.source_path AS numerator_source_path, j.num.page AS numerator_page,
       j.num.sentence AS numerator_sentence,
       i.denominator_code, dm.name_zh AS denominator_name_zh, dm.name_en AS denominator_name_en,
       j.den.value AS denominator_value, j.den.qualifier AS denominator_qualifier,
       j.den.source_path AS denominator_source_path, j.den.page AS denominator_page,
       j.den.sentence AS denominator_sentence,
       i.stated_code, j.st.source_path AS stated_source_path, j.st.page AS stated_page,
       j.st.sentence AS stated_sentence,
       j.num.source AS numerator_source, j.den.source AS denominator_source, j.st.source AS stated_source
FROM joined j
JOIN dim_indicator i USING (indicator_code)
LEFT JOIN dim_metric nm ON nm.metric_code = i.numerator_code
LEFT JOIN dim_metric dm ON dm.metric_code = i.denominator_code
LEFT JOIN dim_committee c
  ON c.committee_code = j.committee_code AND j.year BETWEEN c.valid_from AND coalesce(c.valid_to, 9999);
COMMENT ON VIEW v_indicator_rate IS 'Grain 粒度: one row per indicator x committee x year. Derived rates (dim_indicator): 100 x numerator / denominator with both counts'' provenance, beside the rate the documents state; agrees = false flags a disagreement beyond the tolerance.';
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
