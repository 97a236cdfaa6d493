-- metrics_period_all.sql: metrics_period.sql read straight from the table, in
-- storage order: for a period holding most of the messages.
SELECT ts, group_id, sender, CASE WHEN recalled THEN 'recalled' ELSE type END
FROM messages NOT INDEXED WHERE ts >= ?1 AND ts < ?2
