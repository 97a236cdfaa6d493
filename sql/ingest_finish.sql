-- ingest_finish.sql: at the end of each source, whatever order the copies came in:
-- messages recalled by a chat.undo row, media whose file was in an archive, and
-- phone reactions (gMsgID 0) whose target has arrived (in this source or an
-- earlier one): moved into reactions by the rule of ingest_reaction.sql, the
-- target found as in ingest_find_by_group_cli.sql.
-- Both start from the small table (CROSS JOIN keeps that order): on a first load
-- there are no statistics yet, and the planner would walk every message.
UPDATE messages SET recalled = 1
WHERE recalled = 0 AND id IN (
	SELECT m.id FROM recalls r CROSS JOIN messages m ON m.msg_id = r.msg_id AND m.group_id = r.group_id
	WHERE r.msg_id <> ''
	UNION
	SELECT m.id FROM recalls r
	CROSS JOIN messages m ON m.group_id = r.group_id AND m.sender = r.actor AND m.cli_msg_id = r.cli_msg_id
	WHERE r.msg_id = '' AND r.cli_msg_id <> '');

UPDATE media SET in_archive = 1
WHERE in_archive = 0 AND message_id IN (
	SELECT m.id FROM media_files f CROSS JOIN messages m ON m.msg_id = f.msg_id
	WHERE f.msg_id IS NOT NULL AND f.msg_id <> '');

INSERT INTO reactions (group_id, target, reactor, icon, ts)
SELECT group_id, target, reactor, icon, ts FROM (
	SELECT p.group_id, p.reactor, p.icon, p.ts,
	       (SELECT m.msg_id FROM messages m
	        WHERE m.cli_msg_id = p.target_cli AND m.group_id = p.group_id AND m.msg_id IS NOT NULL
	        ORDER BY m.id LIMIT 1) AS target
	FROM phone_reactions p)
WHERE target IS NOT NULL
ON CONFLICT (group_id, target, reactor) DO UPDATE SET icon = excluded.icon, ts = excluded.ts
WHERE excluded.ts IS NOT NULL AND (reactions.ts IS NULL OR excluded.ts > reactions.ts);

DELETE FROM phone_reactions WHERE EXISTS (
	SELECT 1 FROM messages m
	WHERE m.cli_msg_id = phone_reactions.target_cli AND m.group_id = phone_reactions.group_id
	  AND m.msg_id IS NOT NULL);
