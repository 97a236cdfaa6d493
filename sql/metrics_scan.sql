-- metrics_scan.sql: every message of a non-responder, in (group, sender, time)
-- order, for finding tips and their bursts in one pass.
SELECT m.id, m.group_id, m.msg_id, m.cli_msg_id, m.sender, m.ts, m.recalled, m.body, s.thon_key
FROM v_messages m JOIN t_sender s ON s.sender = m.sender
WHERE s.responder = 0
ORDER BY m.group_id, m.sender, m.ts, m.id
