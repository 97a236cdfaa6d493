-- metrics_msg_ids.sql: the msgId and cliMsgId of message ?1 (a burst message).
SELECT msg_id, cli_msg_id FROM messages WHERE id = ?1
