-- metrics_burst_insert.sql: a message of a tip's burst (tip, group, msgId, cliMsgId).
INSERT INTO t_burst (tip, group_id, msg_id, cli_msg_id) VALUES (?1, ?2, ?3, ?4)
