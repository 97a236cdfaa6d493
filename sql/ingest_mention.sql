-- ingest_mention.sql: one mention of a message.
INSERT OR IGNORE INTO mentions (message_id, uid, type) VALUES (?1, ?2, ?3);
