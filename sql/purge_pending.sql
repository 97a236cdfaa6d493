-- purge_pending.sql: the latest purge date, and the messages before it that hold
-- text again (stored from an export read after the purge).
SELECT p.before_ms, (SELECT COUNT(*) FROM messages m
	WHERE m.ts < p.before_ms AND (m.text IS NOT NULL OR m.caption IS NOT NULL)
	  AND m.id NOT IN (SELECT message_id FROM purged))
FROM (SELECT MAX(before_ms) AS before_ms FROM purges) p
WHERE p.before_ms IS NOT NULL
