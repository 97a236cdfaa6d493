-- metrics_response.sql: first response per tip of the run: the earliest
-- responder message in the tip's group, not earlier than the tip, quoting a
-- burst message (by msgId or cliMsgId) or mentioning the tipster (type 0) while
-- this tip is the tipster's latest one in that group started at or before the
-- mention (a dropped tip is none). The mentions read are those of the run's
-- tipsters, each given to the tipster's latest stored tip in the group at its
-- time (derived_tips): counted when that tip is one of the run's.
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
	FROM (SELECT DISTINCT sender FROM t_tips WHERE dropped = 0) u
	JOIN mentions n ON n.uid = u.sender AND n.type = 0
	JOIN messages m ON m.id = n.message_id
	JOIN t_sender s ON s.sender = m.sender AND s.responder = 1
	JOIN t_tips t ON t.message_id = (
		SELECT d.message_id FROM derived_tips d
		WHERE d.group_id = m.group_id AND d.sender = n.uid AND d.ts <= m.ts
		  AND d.message_id NOT IN (SELECT message_id FROM t_tips WHERE dropped = 1)
		ORDER BY d.ts DESC LIMIT 1)
)
WHERE tip IS NOT NULL
GROUP BY tip
