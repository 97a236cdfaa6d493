-- metrics_bursts.sql: the messages of the bursts of the run's tips (t_tips),
-- from each tip's first message to the last of its burst (derived_tips) among
-- the tipster's messages of the group, in (ts, id) order.
INSERT INTO t_burst (tip, group_id, msg_id, cli_msg_id)
SELECT t.tip, m.group_id, m.msg_id, m.cli_msg_id
FROM t_tips t
JOIN derived_tips d ON d.message_id = t.message_id
JOIN messages m ON m.group_id = d.group_id AND m.sender = d.sender
	AND m.ts >= d.ts AND m.ts <= d.end_ts
WHERE (m.ts > d.ts OR m.id >= d.message_id) AND (m.ts < d.end_ts OR m.id <= d.end_id)
