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
-- Tips and questions (tip = index in the program's list) and the messages of their bursts.
CREATE TEMP TABLE t_tips (
	tip INTEGER PRIMARY KEY,
	group_id TEXT NOT NULL,
	sender TEXT NOT NULL,
	ts INTEGER NOT NULL,
	dropped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX temp.t_tips_by_sender ON t_tips (group_id, sender, ts);
CREATE TEMP TABLE t_burst (tip INTEGER NOT NULL, group_id TEXT NOT NULL, msg_id TEXT, cli_msg_id TEXT);
-- Every group with a message: first and last message time, messages, senders
-- (filled by the tips scan, which walks every message in group order anyway).
CREATE TEMP TABLE t_groups (
	group_id TEXT PRIMARY KEY,
	first INTEGER NOT NULL,
	last INTEGER NOT NULL,
	n INTEGER NOT NULL,
	senders INTEGER NOT NULL
) WITHOUT ROWID;
