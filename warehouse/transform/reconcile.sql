-- Reconciliation rule (documented in docs/warehouse.md):
-- among the mentions of one committee x metric x period, exact figures beat qualified ones;
-- among those, the value reported most often wins, ties going to the larger value.
INSERT INTO fact_committee_metric_period
WITH ranked AS (
    SELECT committee_code, metric_code, period_start, period_end, value, unit, qualifier,
           count(*) OVER (PARTITION BY committee_code, metric_code, period_start, period_end, value) AS votes
    FROM fact_mention
    WHERE committee_code IS NOT NULL AND metric_code IS NOT NULL AND period_start IS NOT NULL
),
grouped AS (
    SELECT committee_code, metric_code, period_start, period_end,
           arg_max(value, (qualifier = 'exact', votes, value)) AS value,
           arg_max(unit, (qualifier = 'exact', votes, value)) AS unit,
           arg_max(qualifier, (qualifier = 'exact', votes, value)) AS qualifier,
           count(*) AS mention_count,
           list_sort(list_distinct(list(value))) AS all_values
    FROM ranked
    GROUP BY ALL
)
SELECT committee_code, metric_code, period_start, period_end, value, unit, qualifier, mention_count,
       len(all_values) > 1 AS conflict,
       list_filter(all_values, lambda v: v <> value) AS alternatives
FROM grouped;
