-- metrics_derive_pair.sql: the messages of group ?1 and sender ?2 from time ?3
-- on, in (ts, id) order, with what the lexicon reads (as in
-- metrics_derive_readings.sql): a (group, sender) walked again from there.
SELECT m.id, m.ts, m.recalled, m.body, p.message_id IS NOT NULL, p.category, p.kind
FROM main.v_messages m LEFT JOIN main.purged p ON p.message_id = m.id
WHERE m.group_id = ?1 AND m.sender = ?2 AND m.ts >= ?3
ORDER BY m.ts, m.id
