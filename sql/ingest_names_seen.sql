-- ingest_names_seen.sql: sender_names now holds every stored message.
DELETE FROM sender_names_seen;
INSERT INTO sender_names_seen (last_id) SELECT coalesce(MAX(id), 0) FROM messages;
