-- ingest_without_msgid.sql: the cliMsgIds of the messages stored without a msgId
-- (binhyen-extract keeps a bitmap of them: only a copy whose cliMsgId is in it
-- needs to look for such a message).
SELECT cli_msg_id FROM messages INDEXED BY messages_without_msgid
WHERE msg_id IS NULL AND cli_msg_id IS NOT NULL;
