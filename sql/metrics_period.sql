-- metrics_period.sql: the messages of [?1, ?2) ms, as the figures count them
-- (type 'recalled' when recalled, as in v_messages): one pass that figures.c
-- turns into the senders, groups, weeks, heatmap and types of the period (one
-- GROUP BY sort per figure cost seconds a year). Through the time index.
SELECT ts, group_id, sender, CASE WHEN recalled THEN 'recalled' ELSE type END
FROM messages WHERE ts >= ?1 AND ts < ?2
