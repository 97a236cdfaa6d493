-- ingest_find_without_msgid.sql: for a copy with a msgId, a stored copy that had
-- none, by (group, sender, cliMsgId). Such copies are few and have a small index
-- of their own, so that the common case (none) costs one short lookup.
SELECT id, type, text IS NOT NULL, caption IS NOT NULL, recalled, dname IS NOT NULL
FROM messages INDEXED BY messages_without_msgid
WHERE msg_id IS NULL AND group_id = ?1 AND sender = ?2 AND cli_msg_id = ?3
LIMIT 1;
