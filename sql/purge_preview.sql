-- purge_preview.sql: what a purge before ?1 ms takes (the messages purge_scan.sql
-- reads): how many, the first and the last time.
SELECT count(*), min(m.ts), max(m.ts)
FROM messages m JOIN v_messages v ON v.id = m.id
WHERE m.ts < ?1 AND (m.text IS NOT NULL OR m.caption IS NOT NULL)
  AND m.id NOT IN (SELECT message_id FROM purged)
