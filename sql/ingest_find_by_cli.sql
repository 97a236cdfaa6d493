-- ingest_find_by_cli.sql: a stored copy by (group, sender, cliMsgId), for copies
-- without a msgId (?4 NULL), or a stored copy that had none (?4 set). The
-- cliMsgId (a client time in ms) all but identifies a message on its own:
-- its index is named, so that the planner never walks a sender's whole history.
SELECT id, type, text IS NOT NULL, caption IS NOT NULL, recalled, dname IS NOT NULL
FROM messages INDEXED BY messages_by_cli
WHERE cli_msg_id = ?3 AND group_id = ?1 AND sender = ?2 AND (?4 IS NULL OR msg_id IS NULL)
LIMIT 1;
