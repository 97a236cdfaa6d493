-- metrics_tip_by_id.sql: a stored tip or question by its tip_id ?1 (as
-- metrics_tips_load.sql gives it), for a review of a tip outside the periods
-- the run loaded.
SELECT d.message_id, d.group_id, d.sender, d.ts, d.category, d.kind,
       coalesce(m.msg_id, m.cli_msg_id, ''), s.thon_key
FROM messages m
JOIN derived_tips d ON d.message_id = m.id
JOIN t_sender s ON s.sender = d.sender AND s.responder = 0
WHERE m.id IN (SELECT id FROM messages WHERE msg_id = ?1
	       UNION ALL SELECT id FROM messages WHERE msg_id IS NULL AND cli_msg_id = ?1)
ORDER BY d.group_id, d.sender, d.ts, d.message_id
LIMIT 1
