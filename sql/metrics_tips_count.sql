-- metrics_tips_count.sql: at most how many tips metrics_tips_load.sql gives
-- (responders' not left out), to hold them in one allocation.
SELECT count(*) FROM derived_tips d
WHERE (d.ts >= ?1 AND d.ts < ?2) OR (d.ts >= ?3 AND d.ts < ?4) OR (d.ts >= ?5 AND d.ts < ?6)
