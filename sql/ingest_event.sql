-- ingest_event.sql: a pin, delete or other group event.
INSERT OR IGNORE INTO events (group_id, kind, ref, ts, actor) VALUES (?1, ?2, ?3, ?4, ?5);
