-- ingest_sender_name.sql: a (sender, display name) of the source's new messages
-- with its latest time (see sender_names in sql/schema.sql).
INSERT INTO sender_names (sender, dname, last) VALUES (?1, ?2, ?3)
ON CONFLICT (sender, dname) DO UPDATE SET last = max(last, excluded.last);
