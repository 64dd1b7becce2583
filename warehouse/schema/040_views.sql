-- Views for analysts.
CREATE VIEW v_committee_metric_year AS
SELECT f.committee_code, c.committee_name_zh, c.level, c.parent_code, c.city_code, c.region_code,
       f.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, m.category_code,
       f.period_end AS year, f.value, f.unit, f.qualifier, f.conflict, f.mention_count
FROM fact_committee_metric_period f
JOIN dim_committee c
  ON c.committee_code = f.committee_code
 AND f.period_end BETWEEN c.valid_from AND coalesce(c.valid_to, 9999)
JOIN dim_metric m ON m.metric_code = f.metric_code
WHERE f.period_start = f.period_end;
COMMENT ON VIEW v_committee_metric_year IS 'Yearly reconciled figures with committee and metric names: the table most questions start from.';
