-- ingest_finish.sql: at the end of each source, whatever order the copies came in:
-- messages recalled by a chat.undo row, and media whose file was in an archive.
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
