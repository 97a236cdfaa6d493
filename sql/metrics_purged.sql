-- metrics_purged.sql: messages of [?1, ?2) ms whose text binhyen purge removed.
SELECT COUNT(*) FROM purged p JOIN messages m ON m.id = p.message_id
WHERE m.ts >= ?1 AND m.ts < ?2
