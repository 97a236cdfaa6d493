-- ingest_insert_message.sql: a message seen for the first time.
INSERT INTO messages (group_id, msg_id, cli_msg_id, sender, dname, ts, type, type_code,
                      text, caption, recalled, source_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);
