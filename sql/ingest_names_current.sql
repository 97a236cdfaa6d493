-- ingest_names_current.sql: does sender_names hold every stored message? Only
-- then does binhyen-extract keep it so (else sql/roster_match.sql catches up).
SELECT coalesce((SELECT MAX(last_id) FROM sender_names_seen), 0) =
       coalesce((SELECT MAX(id) FROM messages), 0);
