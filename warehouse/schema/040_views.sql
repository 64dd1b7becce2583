-- Views for analysts. Every view reads annual figures (period_start = period_end) unless it says otherwise.
CREATE VIEW v_committee_metric_year AS
SELECT f.committee_code, c.committee_name_zh, c.level, c.parent_code, c.city_code, c.region_code,
       f.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, m.category_code,
       f.period_end AS year, f.value, f.unit, f.qualifier, f.conflict, f.mention_count,
       c.name_zh, c.name_pinyin, c.name_en, f.approximate, f.corrected, f.alternatives
FROM fact_committee_metric_period f
JOIN dim_committee c
  ON c.committee_code = f.committee_code
 AND f.period_end BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
JOIN dim_metric m ON m.metric_code = f.metric_code
WHERE f.period_start = f.period_end;
COMMENT ON VIEW v_committee_metric_year IS 'Yearly reconciled figures with committee and metric names: the table most questions start from.';
COMMENT ON COLUMN v_committee_metric_year.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_committee_metric_year.committee_name_zh IS 'Committee name, e.g. 平罗县政协.';
COMMENT ON COLUMN v_committee_metric_year.level IS 'national, region, city or county.';
COMMENT ON COLUMN v_committee_metric_year.parent_code IS 'Parent division code.';
COMMENT ON COLUMN v_committee_metric_year.city_code IS 'Prefecture-level division it belongs to.';
COMMENT ON COLUMN v_committee_metric_year.region_code IS 'Province-level division it belongs to.';
COMMENT ON COLUMN v_committee_metric_year.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_committee_metric_year.metric_name_zh IS 'Metric name in Chinese.';
COMMENT ON COLUMN v_committee_metric_year.metric_name_en IS 'Metric name in English.';
COMMENT ON COLUMN v_committee_metric_year.category_code IS 'Top-level category.';
COMMENT ON COLUMN v_committee_metric_year.year IS 'The year measured.';
COMMENT ON COLUMN v_committee_metric_year.value IS 'Reconciled value in base units.';
COMMENT ON COLUMN v_committee_metric_year.unit IS 'Unit.';
COMMENT ON COLUMN v_committee_metric_year.qualifier IS 'exact, at_least, approx or at_most.';
COMMENT ON COLUMN v_committee_metric_year.conflict IS 'True when documents disagree (see alternatives).';
COMMENT ON COLUMN v_committee_metric_year.mention_count IS 'Mentions behind the figure.';
COMMENT ON COLUMN v_committee_metric_year.name_zh IS 'Division name, e.g. 平罗县.';
COMMENT ON COLUMN v_committee_metric_year.name_pinyin IS 'Division name in pinyin.';
COMMENT ON COLUMN v_committee_metric_year.name_en IS 'Division name in English.';
COMMENT ON COLUMN v_committee_metric_year.approximate IS 'True when the value is not exact.';
COMMENT ON COLUMN v_committee_metric_year.corrected IS 'True when the value is a person''s correction.';
COMMENT ON COLUMN v_committee_metric_year.alternatives IS 'Other values reported for the same figure.';

CREATE VIEW v_county_metric_year AS
SELECT y.metric_code, y.metric_name_zh, y.metric_name_en, y.year,
       y.region_code, r.name_zh AS region_name_zh, y.city_code, ci.name_zh AS city_name_zh,
       y.committee_code, y.name_zh AS county_name_zh, y.name_pinyin AS county_name_pinyin,
       y.name_en AS county_name_en, y.value, y.unit, y.qualifier, y.approximate, y.conflict, y.corrected
FROM v_committee_metric_year y
LEFT JOIN dim_committee r
  ON r.committee_code = y.region_code AND y.year BETWEEN r.valid_from AND coalesce(r.valid_to, 9999)
LEFT JOIN dim_committee ci
  ON ci.committee_code = y.city_code AND y.year BETWEEN ci.valid_from AND coalesce(ci.valid_to, 9999)
WHERE y.level = 'county';
COMMENT ON VIEW v_county_metric_year IS 'A metric across the counties of a city or region: filter by metric_code, city_code or region_code, and year.';
COMMENT ON COLUMN v_county_metric_year.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_county_metric_year.metric_name_zh IS 'Metric name in Chinese.';
COMMENT ON COLUMN v_county_metric_year.metric_name_en IS 'Metric name in English.';
COMMENT ON COLUMN v_county_metric_year.year IS 'Year measured.';
COMMENT ON COLUMN v_county_metric_year.region_code IS 'Province-level division code.';
COMMENT ON COLUMN v_county_metric_year.region_name_zh IS 'Province-level division name.';
COMMENT ON COLUMN v_county_metric_year.city_code IS 'Prefecture-level division code (null for counties directly under a region).';
COMMENT ON COLUMN v_county_metric_year.city_name_zh IS 'Prefecture-level division name.';
COMMENT ON COLUMN v_county_metric_year.committee_code IS 'County-level committee code.';
COMMENT ON COLUMN v_county_metric_year.county_name_zh IS 'County-level division name.';
COMMENT ON COLUMN v_county_metric_year.county_name_pinyin IS 'County-level division name in pinyin.';
COMMENT ON COLUMN v_county_metric_year.county_name_en IS 'County-level division name in English.';
COMMENT ON COLUMN v_county_metric_year.value IS 'Reconciled value in base units.';
COMMENT ON COLUMN v_county_metric_year.unit IS 'Unit.';
COMMENT ON COLUMN v_county_metric_year.qualifier IS 'exact, at_least, approx or at_most.';
COMMENT ON COLUMN v_county_metric_year.approximate IS 'True when the value is not exact.';
COMMENT ON COLUMN v_county_metric_year.conflict IS 'True when documents disagree.';
COMMENT ON COLUMN v_county_metric_year.corrected IS 'True when the value is a person''s correction.';

CREATE VIEW v_yoy AS
SELECT y.committee_code, y.committee_name_zh, y.level, y.city_code, y.region_code,
       y.metric_code, y.metric_name_zh, y.year, y.value, y.qualifier,
       p.value AS prev_value, p.qualifier AS prev_qualifier,
       y.value - p.value AS change,
       CASE WHEN p.value <> 0 THEN y.value / p.value END AS ratio,
       y.approximate OR coalesce(p.approximate, false) AS approximate
FROM v_committee_metric_year y
LEFT JOIN v_committee_metric_year p
  ON p.committee_code = y.committee_code AND p.metric_code = y.metric_code AND p.year = y.year - 1;
COMMENT ON VIEW v_yoy IS 'Year-over-year change of every yearly figure against the same committee and metric one year before (null when that year has no figure).';
COMMENT ON COLUMN v_yoy.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_yoy.committee_name_zh IS 'Committee name.';
COMMENT ON COLUMN v_yoy.level IS 'national, region, city or county.';
COMMENT ON COLUMN v_yoy.city_code IS 'Prefecture-level division code.';
COMMENT ON COLUMN v_yoy.region_code IS 'Province-level division code.';
COMMENT ON COLUMN v_yoy.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_yoy.metric_name_zh IS 'Metric name in Chinese.';
COMMENT ON COLUMN v_yoy.year IS 'Year measured.';
COMMENT ON COLUMN v_yoy.value IS 'Value of the year.';
COMMENT ON COLUMN v_yoy.qualifier IS 'Qualifier of the year''s value.';
COMMENT ON COLUMN v_yoy.prev_value IS 'Value of the year before; null when unknown.';
COMMENT ON COLUMN v_yoy.prev_qualifier IS 'Qualifier of the year before.';
COMMENT ON COLUMN v_yoy.change IS 'value - prev_value.';
COMMENT ON COLUMN v_yoy.ratio IS 'value / prev_value; null when prev_value is null or 0.';
COMMENT ON COLUMN v_yoy.approximate IS 'True when either value is approximate.';

CREATE VIEW v_county_rank AS
SELECT metric_code, metric_name_zh, year, committee_code, committee_name_zh, city_code, region_code,
       value, qualifier, approximate,
       CASE WHEN city_code IS NOT NULL
            THEN rank() OVER (PARTITION BY metric_code, year, city_code ORDER BY value DESC) END AS rank_in_city,
       CASE WHEN city_code IS NOT NULL
            THEN count(*) OVER (PARTITION BY metric_code, year, city_code) END AS ranked_in_city,
       rank() OVER (PARTITION BY metric_code, year, region_code ORDER BY value DESC) AS rank_in_region,
       count(*) OVER (PARTITION BY metric_code, year, region_code) AS ranked_in_region
FROM v_committee_metric_year
WHERE level = 'county';
COMMENT ON VIEW v_county_rank IS 'Rank of each county-level committee within its city and its region, per metric and year (1 = largest value; ties share a rank).';
COMMENT ON COLUMN v_county_rank.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_county_rank.metric_name_zh IS 'Metric name in Chinese.';
COMMENT ON COLUMN v_county_rank.year IS 'Year measured.';
COMMENT ON COLUMN v_county_rank.committee_code IS 'County-level committee code.';
COMMENT ON COLUMN v_county_rank.committee_name_zh IS 'Committee name.';
COMMENT ON COLUMN v_county_rank.city_code IS 'Prefecture-level division code.';
COMMENT ON COLUMN v_county_rank.region_code IS 'Province-level division code.';
COMMENT ON COLUMN v_county_rank.value IS 'Reconciled value.';
COMMENT ON COLUMN v_county_rank.qualifier IS 'Qualifier of the value.';
COMMENT ON COLUMN v_county_rank.approximate IS 'True when the value is not exact.';
COMMENT ON COLUMN v_county_rank.rank_in_city IS 'Rank among the counties of its city reporting this metric and year; null without a city.';
COMMENT ON COLUMN v_county_rank.ranked_in_city IS 'Counties of the city ranked (those with a figure).';
COMMENT ON COLUMN v_county_rank.rank_in_region IS 'Rank among the counties of its region reporting this metric and year.';
COMMENT ON COLUMN v_county_rank.ranked_in_region IS 'Counties of the region ranked (those with a figure).';

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
           avg(value) AS counties_mean,
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
SELECT l.metric_code, l.year, l.rollup_level, l.grouping_id, l.rollup_code,
       o.committee_name_zh AS rollup_name_zh,
       l.region_code, l.city_code, l.committee_code,
       l.counties_sum, l.counties_mean, l.counties_reporting,
       CASE l.grouping_id WHEN 0 THEN 1 WHEN 1 THEN ca.counties ELSE ra.counties END AS counties_in_area,
       l.includes_approximate,
       o.value AS own_value, o.qualifier AS own_qualifier
FROM labelled l
LEFT JOIN city_area ca ON l.grouping_id = 1 AND ca.year = l.year AND ca.city_code = l.city_code
LEFT JOIN region_area ra ON l.grouping_id = 3 AND ra.year = l.year AND ra.region_code = l.region_code
LEFT JOIN v_committee_metric_year o
  ON o.committee_code = l.rollup_code AND o.metric_code = l.metric_code AND o.year = l.year;
COMMENT ON VIEW v_rollup IS 'Rollups county -> city -> region per metric and year (GROUPING SETS, labelled with grouping()): the sum of the counties beside the committee''s own reported figure, never mixed.';
COMMENT ON COLUMN v_rollup.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_rollup.year IS 'Year measured.';
COMMENT ON COLUMN v_rollup.rollup_level IS 'county (one county), city (the counties of a city) or region (all counties of a region).';
COMMENT ON COLUMN v_rollup.grouping_id IS 'grouping(region_code, city_code, committee_code): 0 county, 1 city, 3 region.';
COMMENT ON COLUMN v_rollup.rollup_code IS 'Code of the county, city or region the row is about (null for the counties directly under a region).';
COMMENT ON COLUMN v_rollup.rollup_name_zh IS 'Committee name of rollup_code, when it reported this metric.';
COMMENT ON COLUMN v_rollup.region_code IS 'Province-level division code.';
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
SELECT y.committee_code, y.committee_name_zh, y.level, y.city_code, y.region_code,
       y.metric_code, y.metric_name_zh, y.year, y.value, y.qualifier,
       mb.members, mb.year AS members_year,
       y.value / mb.members AS value_per_member,
       y.value / mb.members * 100 AS value_per_100_members
FROM v_committee_metric_year y
JOIN dim_metric m ON m.metric_code = y.metric_code AND m.additive
ASOF JOIN members mb ON mb.committee_code = y.committee_code AND y.year >= mb.year
WHERE y.metric_code <> 'organization.members';
COMMENT ON VIEW v_per_member IS 'Additive figures divided by the committee''s member count (metric organization.members of the same year, else the latest earlier year); only where the count is known.';
COMMENT ON COLUMN v_per_member.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_per_member.committee_name_zh IS 'Committee name.';
COMMENT ON COLUMN v_per_member.level IS 'national, region, city or county.';
COMMENT ON COLUMN v_per_member.city_code IS 'Prefecture-level division code.';
COMMENT ON COLUMN v_per_member.region_code IS 'Province-level division code.';
COMMENT ON COLUMN v_per_member.metric_code IS 'Metric code.';
COMMENT ON COLUMN v_per_member.metric_name_zh IS 'Metric name in Chinese.';
COMMENT ON COLUMN v_per_member.year IS 'Year measured.';
COMMENT ON COLUMN v_per_member.value IS 'Reconciled value.';
COMMENT ON COLUMN v_per_member.qualifier IS 'Qualifier of the value.';
COMMENT ON COLUMN v_per_member.members IS 'Member count used.';
COMMENT ON COLUMN v_per_member.members_year IS 'Year of that member count.';
COMMENT ON COLUMN v_per_member.value_per_member IS 'value / members.';
COMMENT ON COLUMN v_per_member.value_per_100_members IS 'value / members * 100.';

CREATE VIEW v_coverage AS
WITH years AS (
    SELECT unnest(generate_series(min(year), max(year))) AS year FROM v_committee_metric_year
),
reported AS (
    SELECT committee_code, year, count(*) AS metrics_reported
    FROM v_committee_metric_year GROUP BY committee_code, year
)
SELECT c.committee_code, c.committee_name_zh,
       coalesce(c.name_en, c.name_pinyin, c.committee_name_zh) AS committee_name_en,
       c.level, c.city_code, c.region_code, y.year,
       coalesce(r.metrics_reported, 0) AS metrics_reported,
       (SELECT count(*) FROM dim_metric) AS metrics_in_catalog,
       r.metrics_reported IS NOT NULL AS has_data
FROM dim_committee c
JOIN years y ON y.year BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
LEFT JOIN reported r ON r.committee_code = c.committee_code AND r.year = y.year;
COMMENT ON VIEW v_coverage IS 'Every committee x year (years from the first to the last with any figure) with how many metrics it reported; has_data = false marks the gaps.';
COMMENT ON COLUMN v_coverage.committee_code IS 'Committee code.';
COMMENT ON COLUMN v_coverage.committee_name_zh IS 'Committee name.';
COMMENT ON COLUMN v_coverage.committee_name_en IS 'Committee''s division name in English (else pinyin, else the Chinese committee name).';
COMMENT ON COLUMN v_coverage.level IS 'national, region, city or county.';
COMMENT ON COLUMN v_coverage.city_code IS 'Prefecture-level division code.';
COMMENT ON COLUMN v_coverage.region_code IS 'Province-level division code.';
COMMENT ON COLUMN v_coverage.year IS 'Year.';
COMMENT ON COLUMN v_coverage.metrics_reported IS 'Metrics with a yearly figure for this committee and year.';
COMMENT ON COLUMN v_coverage.metrics_in_catalog IS 'Metrics in the catalog.';
COMMENT ON COLUMN v_coverage.has_data IS 'False when the committee has no figure at all that year.';
