-- ingest_insert_message.sql: a message, unless a copy with its msgId is stored
-- (then nothing changes and the caller merges the copies).
INSERT INTO messages (group_id, msg_id, cli_msg_id, sender, dname, ts, type, type_code,
                      text, caption, recalled, source_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (msg_id, group_id) WHERE msg_id IS NOT NULL DO NOTHING;
