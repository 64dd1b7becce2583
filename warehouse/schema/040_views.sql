-- The analysts' semantic layer. Every v_* view follows one naming scheme (warehouse/schema/view_columns.csv:
-- one name, one type, one meaning in every view; tests/warehouse/test_scheme.py checks it):
--   committee_code, committee_name_zh / committee_name_en (the name valid in that year: dim_committee
--   is joined on code AND validity, never on code alone), level, parent_code, region_code, city_code,
--   metric_code, metric_name_zh / metric_name_en, category, unit, year INTEGER, value DECIMAL(38, 6),
--   qualifier, approximate BOOLEAN; provenance source_path, page, sentence.
-- Yearly views read annual figures (period_start = period_end). Column comments not written here come
-- from view_columns.csv at publish (warehouse.publish.comment_view_columns).

-- The mention a yearly figure shows: the first (by document, offset) whose effective value is the
-- figure's value. Its provenance is what v_figure and a derived rate's counts carry.
CREATE VIEW v_figure_source AS
WITH firsts AS (
    SELECT f.committee_code, f.metric_code, f.period_end AS year, f.value, f.qualifier, f.corrected,
           first({'doc_id': m.doc_id, 'sha256': m.sha256, 'source_path': d.source_path,
                  'char_start': m.char_start, 'char_end': m.char_end, 'page': m.page, 'surface': m.surface,
                  'sentence': m.sentence}
                 ORDER BY m.doc_id, m.char_start) AS source
    FROM fact_committee_metric_period f
    JOIN fact_mention m
      ON m.committee_code = f.committee_code AND m.metric_code = f.metric_code
     AND m.period_start = f.period_start AND m.period_end = f.period_end
     AND (CASE WHEN m.override_action = 'correct' THEN m.override_value ELSE m.value END) = f.value
     AND m.override_action IS DISTINCT FROM 'reject'
    JOIN dim_document d ON d.sha256 = m.sha256
    WHERE f.period_start = f.period_end
    GROUP BY ALL
)
SELECT committee_code, metric_code, year, value, qualifier, corrected, source,
       source.doc_id AS doc_id, source.sha256 AS sha256, source.source_path AS source_path,
       source.page AS page, source.char_start AS char_start, source.char_end AS char_end,
       source.surface AS surface, source.sentence AS sentence
FROM firsts;
COMMENT ON VIEW v_figure_source IS 'Grain 粒度: one row per yearly figure (committee x metric x year), with the mention it was taken from (first by document and offset among those carrying the chosen value). 每个年度数字一行，附其出处。';
COMMENT ON COLUMN v_figure_source.corrected IS 'True when the value is an analyst''s correction.';
COMMENT ON COLUMN v_figure_source.source IS 'The same mention as one struct: doc_id, sha256, source_path, char_start, char_end, page, surface, sentence.';

CREATE VIEW v_committee_metric_year AS
SELECT f.committee_code, c.committee_name_zh, c.level, c.parent_code, c.city_code, c.region_code,
       f.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, m.category_code AS category,
       f.period_end AS year, f.value, f.unit, f.qualifier, f.conflict, f.mention_count,
       c.name_zh AS division_name_zh, c.name_pinyin AS division_name_pinyin, c.name_en AS division_name_en,
       f.approximate, f.corrected, f.alternatives,
       coalesce(c.name_en, c.name_pinyin, c.committee_name_zh) AS committee_name_en, f.document_count
FROM fact_committee_metric_period f
JOIN dim_committee c
  ON c.committee_code = f.committee_code
 AND f.period_end BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
JOIN dim_metric m ON m.metric_code = f.metric_code
WHERE f.period_start = f.period_end;
COMMENT ON VIEW v_committee_metric_year IS 'Grain 粒度: one row per committee x metric x year (每个委员会×指标×年份一行). The yearly figures with names, without provenance: v_figure adds the source; the other views build on this one.';

CREATE VIEW v_figure AS
SELECT y.committee_code, y.committee_name_zh, y.committee_name_en, y.level, y.parent_code, y.region_code,
       y.city_code, y.metric_code, y.metric_name_zh, y.metric_name_en, y.category, y.unit, y.year,
       y.value, y.qualifier, y.approximate, y.conflict, y.corrected, y.alternatives, y.mention_count,
       y.document_count, s.source_path, d.title AS document_title, s.page, s.sentence, s.surface, s.doc_id,
       s.sha256, s.char_start, s.char_end
FROM v_committee_metric_year y
LEFT JOIN v_figure_source s USING (committee_code, metric_code, year)
LEFT JOIN dim_document d ON d.sha256 = s.sha256;
COMMENT ON VIEW v_figure IS 'Grain 粒度: one row per committee x metric x year (每个委员会×指标×年份一个数字). The figures: one reconciled value each, with names valid that year and the file, page and sentence it was taken from. Sum figures, never fact_mention (one figure rests on several mentions).';

CREATE VIEW v_county_metric_year AS
SELECT y.metric_code, y.metric_name_zh, y.metric_name_en, y.category, y.year,
       y.region_code, r.name_zh AS region_name_zh, coalesce(r.name_en, r.name_pinyin, r.name_zh) AS region_name_en,
       y.city_code, ci.name_zh AS city_name_zh, coalesce(ci.name_en, ci.name_pinyin, ci.name_zh) AS city_name_en,
       y.committee_code, y.committee_name_zh, y.committee_name_en, y.division_name_zh, y.division_name_pinyin,
       y.division_name_en, y.value, y.unit, y.qualifier, y.approximate, y.conflict, y.corrected
FROM v_committee_metric_year y
LEFT JOIN dim_committee r
  ON r.committee_code = y.region_code AND y.year BETWEEN r.valid_from AND coalesce(r.valid_to, 9999)
LEFT JOIN dim_committee ci
  ON ci.committee_code = y.city_code AND y.year BETWEEN ci.valid_from AND coalesce(ci.valid_to, 9999)
WHERE y.level = 'county';
COMMENT ON VIEW v_county_metric_year IS 'Grain 粒度: one row per county-level committee x metric x year. A metric across the counties of a city or region: filter by metric_code, city_code or region_code, and year.';

-- The committees and years the corpus speaks of: every committee of a region the corpus has a
-- mention in (the national committee when it is mentioned itself: it has no region), for every year
-- from the first to the last with a figure. v_yoy's grid is this view crossed with the metrics.
CREATE VIEW v_coverage AS
WITH years AS (
    SELECT unnest(generate_series(min(year), max(year)))::INTEGER AS year FROM v_committee_metric_year
),
reported AS (
    SELECT committee_code, year, count(*) AS metrics_reported
    FROM v_committee_metric_year GROUP BY committee_code, year
),
mentioned AS (
    SELECT DISTINCT committee_code FROM fact_mention WHERE committee_code IS NOT NULL
),
corpus_scope AS (
    SELECT DISTINCT coalesce(c.region_code, c.committee_code) AS scope_code
    FROM dim_committee c SEMI JOIN mentioned m USING (committee_code)
)
SELECT c.committee_code, c.committee_name_zh,
       coalesce(c.name_en, c.name_pinyin, c.committee_name_zh) AS committee_name_en,
       c.level, c.parent_code, c.city_code, c.region_code, y.year,
       coalesce(r.metrics_reported, 0) AS metrics_reported,
       (SELECT count(*) FROM dim_metric) AS metrics_in_catalog,
       r.metrics_reported IS NOT NULL AS has_data,
       c.committee_code IN (SELECT committee_code FROM mentioned) AS in_corpus
FROM dim_committee c
JOIN years y ON y.year BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
LEFT JOIN reported r ON r.committee_code = c.committee_code AND r.year = y.year
WHERE coalesce(c.region_code, c.committee_code) IN (SELECT scope_code FROM corpus_scope);
COMMENT ON VIEW v_coverage IS 'Grain 粒度: one row per committee x year, scoped to the corpus: every committee of a region the corpus mentions (全国政协, which has no region, only when it is mentioned itself), years from the first to the last with a figure. has_data = false marks a gap; in_corpus tells a committee the corpus never mentions from one missing that year.';
COMMENT ON COLUMN v_coverage.metrics_reported IS 'Metrics with a yearly figure for this committee and year.';
COMMENT ON COLUMN v_coverage.has_data IS 'False when the committee has no figure at all that year.';
COMMENT ON COLUMN v_coverage.in_corpus IS 'True when some mention of the corpus (any year, figure or not) is attributed to this committee.';

-- Year-on-year over a complete grid: every committee x year of v_coverage x every metric with a
-- figure, so a missing year is a row with gap set, never a vanished county.
CREATE VIEW v_yoy AS
WITH metrics AS (
    SELECT m.metric_code, m.name_zh, m.name_en, m.category_code, m.units[1] AS unit
    FROM dim_metric m
    WHERE m.metric_code IN (SELECT metric_code FROM fact_committee_metric_period WHERE period_start = period_end)
),
yearly AS (
    SELECT committee_code, metric_code, period_end AS year, value, unit, qualifier, approximate
    FROM fact_committee_metric_period WHERE period_start = period_end
)
SELECT g.committee_code, g.committee_name_zh, g.committee_name_en, g.level, g.parent_code, g.city_code,
       g.region_code, m.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en,
       m.category_code AS category, coalesce(f.unit, p.unit, m.unit) AS unit, g.year,
       f.value, f.qualifier, p.value AS prev_value, p.qualifier AS prev_qualifier,
       f.value - p.value AS change,
       CASE WHEN p.value <> 0 THEN (f.value / p.value)::DOUBLE END AS ratio,
       coalesce(f.approximate, false) OR coalesce(p.approximate, false) AS approximate,
       CASE WHEN f.value IS NULL AND p.value IS NULL THEN 'both'
            WHEN f.value IS NULL THEN 'this_year'
            WHEN p.value IS NULL THEN 'previous_year' END AS gap
FROM v_coverage g
CROSS JOIN metrics m
LEFT JOIN yearly f ON f.committee_code = g.committee_code AND f.metric_code = m.metric_code AND f.year = g.year
LEFT JOIN yearly p ON p.committee_code = g.committee_code AND p.metric_code = m.metric_code AND p.year = g.year - 1;
COMMENT ON VIEW v_yoy IS 'Grain 粒度: one row per committee x metric x year over a complete grid (v_coverage''s committees and years x every metric with a figure): a year without a figure is a row with gap set, never dropped.';
COMMENT ON COLUMN v_yoy.value IS 'Value of the year; null when the year has no figure (gap this_year or both).';
COMMENT ON COLUMN v_yoy.prev_value IS 'Value of the year before; null when that year has no figure (gap previous_year or both).';
COMMENT ON COLUMN v_yoy.change IS 'value - prev_value; null on a gap.';
COMMENT ON COLUMN v_yoy.ratio IS 'value / prev_value; null on a gap or when prev_value is 0.';
COMMENT ON COLUMN v_yoy.approximate IS 'True when either value is approximate (余/约/不到): the change is approximate too.';
COMMENT ON COLUMN v_yoy.gap IS 'Null when both years have a figure; this_year, previous_year or both name the missing figure(s).';

-- Rankings. A rank rests on an approximate figure when the county's own figure, or that of a county
-- ranked next to it (which an exact value could put on the other side), is approximate.
CREATE VIEW v_county_rank AS
WITH ranked AS (
    SELECT *,
           CASE WHEN city_code IS NOT NULL
                THEN rank() OVER (PARTITION BY metric_code, year, city_code ORDER BY value DESC) END AS rank_in_city,
           CASE WHEN city_code IS NOT NULL
                THEN count(*) OVER (PARTITION BY metric_code, year, city_code) END AS ranked_in_city,
           rank() OVER (PARTITION BY metric_code, year, region_code ORDER BY value DESC) AS rank_in_region,
           count(*) OVER (PARTITION BY metric_code, year, region_code) AS ranked_in_region,
           approximate
             OR coalesce(lag(approximate) OVER (PARTITION BY metric_code, year, city_code ORDER BY value DESC), false)
             OR coalesce(lead(approximate) OVER (PARTITION BY metric_code, year, city_code ORDER BY value DESC), false)
             AS city_neighbours_approximate,
           approximate
             OR coalesce(lag(approximate) OVER (PARTITION BY metric_code, year, region_code ORDER BY value DESC), false)
             OR coalesce(lead(approximate) OVER (PARTITION BY metric_code, year, region_code ORDER BY value DESC), false)
             AS region_neighbours_approximate
    FROM v_committee_metric_year
    WHERE level = 'county'
)
SELECT metric_code, metric_name_zh, metric_name_en, category, unit, year, committee_code, committee_name_zh,
       committee_name_en, city_code, region_code, value, qualifier, approximate,
       rank_in_city, ranked_in_city, rank_in_region, ranked_in_region,
       CASE WHEN city_code IS NOT NULL THEN city_neighbours_approximate END AS rank_in_city_approximate,
       region_neighbours_approximate AS rank_in_region_approximate
FROM ranked;
COMMENT ON VIEW v_county_rank IS 'Grain 粒度: one row per county-level committee x metric x year: its rank within its city and its region (1 = largest; ties share a rank), and whether the rank rests on an approximate figure.';
COMMENT ON COLUMN v_county_rank.rank_in_city IS 'Rank among the counties of its city reporting this metric and year; null without a city.';
COMMENT ON COLUMN v_county_rank.ranked_in_city IS 'Counties of the city ranked (those with a figure).';
COMMENT ON COLUMN v_county_rank.rank_in_region IS 'Rank among the counties of its region reporting this metric and year.';
COMMENT ON COLUMN v_county_rank.ranked_in_region IS 'Counties of the region ranked (those with a figure).';
COMMENT ON COLUMN v_county_rank.rank_in_city_approximate IS 'True when rank_in_city rests on an approximate figure: this county''s or that of a county ranked directly above or below it; null without a city.';
COMMENT ON COLUMN v_county_rank.rank_in_region_approximate IS 'True when rank_in_region rests on an approximate figure: this county''s or that of a county ranked directly above or below it.';

-- Category totals, one per unit: 次 and 名 are never added together. Only additive metrics (no rates).
CREATE VIEW v_category_year AS
SELECT y.committee_code, y.committee_name_zh, y.committee_name_en, y.level, y.parent_code, y.region_code,
       y.city_code, y.category, c.name_zh AS category_name_zh, c.name_en AS category_name_en, y.unit, y.year,
       sum(y.value)::DECIMAL(38, 6) AS value,
       count(*) AS metrics_summed,
       list(y.metric_code ORDER BY y.metric_code) AS metric_codes,
       bool_or(y.approximate) AS approximate,
       bool_or(y.corrected) AS corrected
FROM v_committee_metric_year y
JOIN dim_metric m ON m.metric_code = y.metric_code AND m.additive
JOIN dim_category c ON c.category_code = y.category
GROUP BY ALL;
COMMENT ON VIEW v_category_year IS 'Grain 粒度: one row per committee x category x unit x year (按单位分列，次与名绝不相加): the sum of the committee''s additive figures of one category in one unit. Metrics of a category may overlap (收到提案 includes 立案提案): metric_codes lists what was added.';
COMMENT ON COLUMN v_category_year.value IS 'Sum of the figures of the category''s additive metrics in this unit.';
COMMENT ON COLUMN v_category_year.approximate IS 'True when any figure summed is approximate.';
COMMENT ON COLUMN v_category_year.corrected IS 'True when any figure summed is a person''s correction.';

-- Rollups county -> city -> region. The sum of the counties is never the city committee's own
-- figure: both stand side by side (counties_sum, own_value), and rows are labelled with grouping().
CREATE VIEW v_rollup AS
WITH county AS (
    SELECT y.metric_code, y.year, y.region_code, y.city_code, y.committee_code, y.value, y.approximate,
           m.additive
    FROM v_committee_metric_year y JOIN dim_metric m USING (metric_code)
    WHERE y.level = 'county'
),
grouped AS (
    SELECT metric_code, year, region_code, city_code, committee_code,
           grouping(region_code, city_code, committee_code) AS grouping_id,
           CASE WHEN bool_and(additive) THEN sum(value) END AS counties_sum,
           round(avg(value), 6)::DECIMAL(38, 6) AS counties_mean,
           count(*) AS counties_reporting,
           bool_or(approximate) AS includes_approximate
    FROM county
    GROUP BY GROUPING SETS (
        (metric_code, year, region_code, city_code, committee_code),
        (metric_code, year, region_code, city_code),
        (metric_code, year, region_code)
    )
),
labelled AS (
    SELECT *,
           CASE grouping_id WHEN 0 THEN 'county' WHEN 1 THEN 'city' WHEN 3 THEN 'region' END AS rollup_level,
           CASE grouping_id WHEN 0 THEN committee_code WHEN 1 THEN city_code WHEN 3 THEN region_code END
               AS rollup_code
    FROM grouped
),
counties AS (
    SELECT y.year, c.region_code, c.city_code
    FROM (SELECT DISTINCT year FROM v_committee_metric_year) y
    JOIN dim_committee c ON c.level = 'county' AND y.year BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
),
city_area AS (
    SELECT year, city_code, count(*) AS counties FROM counties WHERE city_code IS NOT NULL GROUP BY ALL
),
region_area AS (
    SELECT year, region_code, count(*) AS counties FROM counties GROUP BY ALL
)
SELECT l.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, m.category_code AS category,
       l.year, l.rollup_level, l.grouping_id, l.rollup_code,
       rc.committee_name_zh AS rollup_name_zh,
       coalesce(rc.name_en, rc.name_pinyin, rc.committee_name_zh) AS rollup_name_en,
       l.region_code, l.city_code, l.committee_code,
       l.counties_sum, l.counties_mean, l.counties_reporting,
       CASE l.grouping_id WHEN 0 THEN 1 WHEN 1 THEN ca.counties ELSE ra.counties END AS counties_in_area,
       l.includes_approximate,
       o.value AS own_value, o.qualifier AS own_qualifier
FROM labelled l
JOIN dim_metric m ON m.metric_code = l.metric_code
LEFT JOIN dim_committee rc
  ON rc.committee_code = l.rollup_code AND l.year BETWEEN rc.valid_from AND coalesce(rc.valid_to, 9999)
LEFT JOIN city_area ca ON l.grouping_id = 1 AND ca.year = l.year AND ca.city_code = l.city_code
LEFT JOIN region_area ra ON l.grouping_id = 3 AND ra.year = l.year AND ra.region_code = l.region_code
LEFT JOIN v_committee_metric_year o
  ON o.committee_code = l.rollup_code AND o.metric_code = l.metric_code AND o.year = l.year;
COMMENT ON VIEW v_rollup IS 'Grain 粒度: one row per metric x year x area (a county, the counties of a city, the counties of a region; GROUPING SETS labelled with grouping()): the sum of the counties beside the committee''s own reported figure, never mixed.';
COMMENT ON COLUMN v_rollup.rollup_level IS 'county (one county), city (the counties of a city) or region (all counties of a region).';
COMMENT ON COLUMN v_rollup.grouping_id IS 'grouping(region_code, city_code, committee_code): 0 county, 1 city, 3 region.';
COMMENT ON COLUMN v_rollup.rollup_code IS 'Code of the county, city or region the row is about (null for the counties directly under a region).';
COMMENT ON COLUMN v_rollup.rollup_name_zh IS 'Committee name of rollup_code valid that year.';
COMMENT ON COLUMN v_rollup.rollup_name_en IS 'English division name of rollup_code valid that year (else pinyin, else the Chinese committee name).';
COMMENT ON COLUMN v_rollup.city_code IS 'Prefecture-level division code (null on region rows and for counties directly under a region).';
COMMENT ON COLUMN v_rollup.committee_code IS 'County code on county rows; null on city and region rows.';
COMMENT ON COLUMN v_rollup.counties_sum IS 'Sum of the county figures; null for non-additive metrics (rates).';
COMMENT ON COLUMN v_rollup.counties_mean IS 'Mean of the county figures.';
COMMENT ON COLUMN v_rollup.counties_reporting IS 'County figures summed.';
COMMENT ON COLUMN v_rollup.counties_in_area IS 'County-level divisions in the area that year (counties_reporting < counties_in_area: the sum is partial).';
COMMENT ON COLUMN v_rollup.includes_approximate IS 'True when any county figure summed is approximate.';
COMMENT ON COLUMN v_rollup.own_value IS 'The figure the committee of rollup_code reported itself (city or region committee''s own work); null when it did not report.';
COMMENT ON COLUMN v_rollup.own_qualifier IS 'Qualifier of own_value.';

-- Per-member normalisation: the committee's member count (organization.members) of the same year,
-- or else of the latest earlier year.
CREATE VIEW v_per_member AS
WITH members AS (
    SELECT committee_code, year, value AS members
    FROM v_committee_metric_year
    WHERE metric_code = 'organization.members' AND value > 0
)
SELECT y.committee_code, y.committee_name_zh, y.committee_name_en, y.level, y.city_code, y.region_code,
       y.metric_code, y.metric_name_zh, y.metric_name_en, y.category, y.unit, y.year, y.value, y.qualifier,
       y.approximate, mb.members, mb.year AS members_year,
       round(y.value / mb.members, 6)::DECIMAL(38, 6) AS value_per_member,
       round(y.value / mb.members * 100, 6)::DECIMAL(38, 6) AS value_per_100_members
FROM v_committee_metric_year y
JOIN dim_metric m ON m.metric_code = y.metric_code AND m.additive
ASOF JOIN members mb ON mb.committee_code = y.committee_code AND y.year >= mb.year
WHERE y.metric_code <> 'organization.members';
COMMENT ON VIEW v_per_member IS 'Grain 粒度: one row per committee x additive metric x year with a known member count: the figure divided by the member count (organization.members of the same year, else the latest earlier year).';
COMMENT ON COLUMN v_per_member.members IS 'Member count used.';
COMMENT ON COLUMN v_per_member.members_year IS 'Year of that member count.';
COMMENT ON COLUMN v_per_member.value_per_member IS 'value / members (6 decimals).';
COMMENT ON COLUMN v_per_member.value_per_100_members IS 'value / members * 100 (6 decimals).';
