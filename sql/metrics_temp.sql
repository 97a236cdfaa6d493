-- metrics_temp.sql: the working tables of one binhyen-metrics run (temporary: never stored).
-- Every sender and roster uid with its role and thôn; responder = 1 for --responders roles.
CREATE TEMP TABLE t_sender (
	sender TEXT PRIMARY KEY,
	member INTEGER,
	role TEXT,
	thon_key TEXT,
	responder INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- Senders of the period being computed, with their message counts.
CREATE TEMP TABLE t_active (sender TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
-- The run's tips and questions (tip = index in the program's list; message_id: the
-- messages.id of the first message) and the messages of their bursts.
CREATE TEMP TABLE t_tips (
	tip INTEGER PRIMARY KEY,
	message_id INTEGER NOT NULL,
	group_id TEXT NOT NULL,
	sender TEXT NOT NULL,
	ts INTEGER NOT NULL,
	dropped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX temp.t_tips_by_message ON t_tips (message_id);
CREATE TEMP TABLE t_burst (tip INTEGER NOT NULL, group_id TEXT NOT NULL, msg_id TEXT, cli_msg_id TEXT);
