-- metrics_tipsters.sql: every tipster (no responder) with a stored tip or
-- question, by the time of their first one, earliest first: NB-0001 is the
-- first (metrics.md), whatever the period.
SELECT sender FROM (
	SELECT d.sender, d.ts, d.message_id,
	       row_number() OVER (PARTITION BY d.sender ORDER BY d.ts, d.message_id) AS k
	FROM derived_tips d JOIN t_sender s ON s.sender = d.sender AND s.responder = 0)
WHERE k = 1
ORDER BY ts, message_id
