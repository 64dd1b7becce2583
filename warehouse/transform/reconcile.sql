-- Apply overrides, then reconcile mentions into one figure per committee x metric x period.
-- The rule (documented in docs/warehouse.md):
--   1. the latest override of a mention (highest seq) applies: reject drops the mention,
--      correct replaces its value (its qualifier is kept), confirm keeps it;
--   2. among the remaining mentions of one committee x metric x period, a reviewed value
--      (confirmed or corrected) beats an unreviewed one, then exact beats qualified,
--      then the value reported most often wins, ties going to the larger value;
--   3. conflict = the remaining mentions carry more than one value; the others are kept in
--      alternatives; the chosen qualifier is kept, so approximate figures stay marked.
UPDATE fact_mention f
SET override_action = o.action, override_value = o.value, override_id = o.override_id
FROM (
    SELECT * FROM override
    QUALIFY row_number() OVER (PARTITION BY sha256, char_start, char_end ORDER BY seq DESC) = 1
) o
WHERE f.sha256 = o.sha256 AND f.char_start = o.char_start AND f.char_end = o.char_end;

INSERT INTO fact_committee_metric_period
WITH effective AS (
    SELECT committee_code, metric_code, period_start, period_end, sha256, unit, qualifier, override_action,
           coalesce(period_inferred, false) AS period_inferred,
           CASE WHEN override_action = 'correct' THEN override_value ELSE value END AS value,
           coalesce(override_action IN ('confirm', 'correct'), false) AS reviewed
    FROM fact_mention
    WHERE committee_code IS NOT NULL AND metric_code IS NOT NULL
      AND period_start IS NOT NULL AND period_end IS NOT NULL
      AND override_action IS DISTINCT FROM 'reject'
      -- held for review (pipelines/run/review.py) until a person confirms or corrects it
      AND (override_action IN ('confirm', 'correct') OR NOT EXISTS (
          SELECT 1 FROM mention_review r
          WHERE r.sha256 = fact_mention.sha256 AND r.char_start = fact_mention.char_start
            AND r.char_end = fact_mention.char_end))
),
-- One row per distinct value: its votes and its best mention (reviewed first, then exact).
by_value AS (
    SELECT committee_code, metric_code, period_start, period_end, value,
           count(*) AS votes,
           max((reviewed, qualifier = 'exact')) AS best,
           arg_max(unit, (reviewed, qualifier = 'exact')) AS unit,
           arg_max(qualifier, (reviewed, qualifier = 'exact')) AS qualifier,
           arg_max_null(override_action, (reviewed, qualifier = 'exact')) AS override_action
    FROM effective
    GROUP BY committee_code, metric_code, period_start, period_end, value
),
grouped AS (
    SELECT committee_code, metric_code, period_start, period_end,
           arg_max(value, (best, votes, value)) AS value,
           arg_max(unit, (best, votes, value)) AS unit,
           arg_max(qualifier, (best, votes, value)) AS qualifier,
           arg_max_null(override_action, (best, votes, value)) AS override_action,
           sum(votes)::INTEGER AS mention_count,
           list_sort(list(value)) AS all_values
    FROM by_value
    GROUP BY committee_code, metric_code, period_start, period_end
),
documents AS (
    SELECT committee_code, metric_code, period_start, period_end, count(DISTINCT sha256) AS document_count,
           bool_and(period_inferred) AS period_inferred
    FROM effective
    GROUP BY committee_code, metric_code, period_start, period_end
)
SELECT committee_code, metric_code, period_start, period_end, value, unit, qualifier,
       qualifier <> 'exact' AS approximate,
       mention_count, document_count,
       len(all_values) > 1 AS conflict,
       list_filter(all_values, lambda v: v <> value) AS alternatives,
       override_action,
       coalesce(override_action = 'correct', false) AS corrected,
       period_inferred
FROM grouped JOIN documents USING (committee_code, metric_code, period_start, period_end)
-- Stored by metric: the dashboard reads one metric at a time, and DuckDB's per-block min/max
-- (zone maps) then skip every block of the other metrics.
ORDER BY metric_code, committee_code, period_start, period_end;
