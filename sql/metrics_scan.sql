-- metrics_scan.sql: every message of a non-responder, in (group, sender, time)
-- order, for finding tips and their bursts in one pass; for a message whose text
-- binhyen purge removed, the lexicon reading stored then (purged = 1).
SELECT m.id, m.group_id, m.msg_id, m.cli_msg_id, m.sender, m.ts, m.recalled, m.body, s.thon_key,
       p.message_id IS NOT NULL, p.category, p.kind
FROM v_messages m JOIN t_sender s ON s.sender = m.sender
LEFT JOIN purged p ON p.message_id = m.id
WHERE s.responder = 0
ORDER BY m.group_id, m.sender, m.ts, m.id
