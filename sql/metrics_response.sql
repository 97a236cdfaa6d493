-- metrics_response.sql: first response per tip of the run: the earliest
-- responder message in the tip's group, not earlier than the tip, quoting a
-- burst message (by msgId or cliMsgId) or mentioning the tipster (type 0) while
-- this tip is the tipster's latest one in that group started at or before the
-- mention: a mention before the tipster's next tip there (a dropped one is none).
-- The earliest mention from the tip on is the answer when it comes before that
-- next tip; a later one never is. Found per tip of the run, not per mention
-- stored, so a month costs its tips.
SELECT tip, MIN(ts) FROM (
	SELECT b.tip AS tip, m.ts AS ts
	FROM t_burst b
	JOIN t_tips t ON t.tip = b.tip AND t.dropped = 0
	JOIN quotes q ON q.q_msg_id = b.msg_id
	JOIN messages m ON m.id = q.message_id AND m.group_id = b.group_id AND m.ts >= t.ts
	JOIN t_sender s ON s.sender = m.sender AND s.responder = 1
	WHERE b.msg_id IS NOT NULL
	UNION ALL
	SELECT b.tip, m.ts
	FROM t_burst b
	JOIN t_tips t ON t.tip = b.tip AND t.dropped = 0
	JOIN quotes q ON q.q_cli_msg_id = b.cli_msg_id
	JOIN messages m ON m.id = q.message_id AND m.group_id = b.group_id AND m.ts >= t.ts
	JOIN t_sender s ON s.sender = m.sender AND s.responder = 1
	WHERE b.cli_msg_id IS NOT NULL
	UNION ALL
	SELECT tip, ts FROM (
		SELECT t.tip AS tip,
		       (SELECT MIN(m.ts) FROM mentions n
			JOIN messages m ON m.id = n.message_id
			JOIN t_sender s ON s.sender = m.sender AND s.responder = 1
			WHERE n.uid = t.sender AND n.type = 0 AND m.group_id = t.group_id
			  AND m.ts >= t.ts) AS ts,
		       (SELECT MIN(d.ts) FROM derived_tips d
			WHERE d.group_id = t.group_id AND d.sender = t.sender AND d.ts > t.ts
			  AND d.message_id NOT IN (SELECT message_id FROM t_tips WHERE dropped = 1)) AS next
		FROM t_tips t WHERE t.dropped = 0)
	WHERE ts IS NOT NULL AND (next IS NULL OR ts < next)
)
WHERE tip IS NOT NULL
GROUP BY tip
