-- purge_scan.sql: messages before ?1 ms that still hold text or a caption, with
-- the text the lexicon reads (v_messages.body, NULL when it reads none).
SELECT m.id, v.body
FROM messages m JOIN v_messages v ON v.id = m.id
WHERE m.ts < ?1 AND (m.text IS NOT NULL OR m.caption IS NOT NULL)
  AND m.id NOT IN (SELECT message_id FROM purged)
ORDER BY m.id
