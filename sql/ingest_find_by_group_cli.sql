-- ingest_find_by_group_cli.sql: the msgId of the group's message whose cliMsgId
-- a phone reaction (gMsgID 0) names: the first stored, should two senders'
-- clients have picked the same cliMsgId. sql/ingest_finish.sql uses the same rule.
SELECT msg_id FROM messages
WHERE cli_msg_id = ?2 AND group_id = ?1 AND msg_id IS NOT NULL
ORDER BY id LIMIT 1
