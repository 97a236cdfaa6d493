-- ingest_recall.sql: a chat.undo row.
INSERT OR IGNORE INTO recalls (group_id, msg_id, cli_msg_id, actor, ts) VALUES (?1, ?2, ?3, ?4, ?5);
