-- metrics_response.sql: first response per tip: the earliest responder message in
-- the tip's group, not earlier than the tip, quoting a burst message (by msgId or
-- cliMsgId) or mentioning the tipster (type 0) while this tip is the tipster's
-- latest one in that group started at or before the mention (found per mention
-- by the tipster's tips index, newest first: testing every pair of a prolific
-- tipster's tips cost time growing with the square of their number).
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
	SELECT (SELECT t.tip FROM t_tips t
		WHERE t.group_id = m.group_id AND t.sender = n.uid AND t.dropped = 0 AND t.ts <= m.ts
		ORDER BY t.ts DESC, t.tip DESC LIMIT 1), m.ts
	FROM mentions n
	JOIN messages m ON m.id = n.message_id
	JOIN t_sender s ON s.sender = m.sender AND s.responder = 1
	WHERE n.type = 0
)
WHERE tip IS NOT NULL
GROUP BY tip
