-- ingest_quote.sql: what a message quotes (one quote per message).
INSERT OR IGNORE INTO quotes (message_id, q_msg_id, q_cli_msg_id, q_owner, q_ts)
VALUES (?1, ?2, ?3, ?4, ?5);
