-- metrics_response.sql: first response per tip: the earliest responder message in
-- the tip's group, not earlier than the tip, quoting a burst message (by msgId or
-- cliMsgId) or mentioning the tipster (type 0) while this tip is the tipster's
-- latest one in that group started at or before the mention.
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
	SELECT t.tip, m.ts
	FROM t_tips t
	JOIN mentions n ON n.uid = t.sender AND n.type = 0
	JOIN messages m ON m.id = n.message_id AND m.group_id = t.group_id AND m.ts >= t.ts
	JOIN t_sender s ON s.sender = m.sender AND s.responder = 1
	WHERE t.dropped = 0 AND NOT EXISTS (
		SELECT 1 FROM t_tips u
		WHERE u.group_id = t.group_id AND u.sender = t.sender AND u.dropped = 0
		  AND u.ts <= m.ts AND (u.ts > t.ts OR (u.ts = t.ts AND u.tip > t.tip)))
)
GROUP BY tip
