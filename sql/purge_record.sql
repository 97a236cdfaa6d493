-- purge_record.sql: a message about to lose its text, with its lexicon reading
-- (?2 category, ?3 kind: NULL when the text matched no keyword), by purge ?4.
INSERT OR IGNORE INTO purged (message_id, category, kind, purge_id) VALUES (?1, ?2, ?3, ?4)
