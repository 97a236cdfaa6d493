-- ingest_any_without_msgid.sql: is any message stored without a msgId? Only then
-- can a copy with a msgId match a stored one by cliMsgId.
SELECT EXISTS (SELECT 1 FROM messages WHERE msg_id IS NULL);
