-- ingest_find_by_msgid.sql: a stored copy of this message, by (msgId, group).
SELECT id, type, text IS NOT NULL, caption IS NOT NULL, recalled, dname IS NOT NULL
FROM messages WHERE msg_id = ?1 AND group_id = ?2;
