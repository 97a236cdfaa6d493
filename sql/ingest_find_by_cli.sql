-- ingest_find_by_cli.sql: a stored copy by (group, sender, cliMsgId), for copies
-- without a msgId (?4 NULL), or a stored copy that had none (?4 set).
SELECT id, type, text IS NOT NULL, caption IS NOT NULL, recalled, dname IS NOT NULL
FROM messages
WHERE group_id = ?1 AND sender = ?2 AND cli_msg_id = ?3 AND (?4 IS NULL OR msg_id IS NULL)
LIMIT 1;
