-- metrics_derive_redo.sql: the (group, sender) whose tips must be found again,
-- from which time on: those with messages stored since the last run (ids above
-- ?1, derived_state.last_id), and those of derived_dirty; the new messages
-- added to derived_pairs. Statements run one by one with ?1 bound (derive.c):
-- a bound id, and NOT INDEXED, make the scan a range of ids (else the planner
-- walks the whole sender index to spare a sort); the new messages are read once.
CREATE TEMP TABLE t_redo (
	group_id TEXT NOT NULL,
	sender TEXT NOT NULL,
	t0 INTEGER NOT NULL,
	n INTEGER NOT NULL DEFAULT 0,
	last INTEGER,
	PRIMARY KEY (group_id, sender)
) WITHOUT ROWID;
INSERT INTO t_redo (group_id, sender, t0, n, last)
SELECT group_id, sender, min(ts), count(*), max(ts) FROM main.messages NOT INDEXED
WHERE id > ?1 GROUP BY group_id, sender;
INSERT INTO main.derived_pairs (group_id, sender, n, first, last)
SELECT group_id, sender, n, t0, last FROM t_redo WHERE n > 0
ON CONFLICT (group_id, sender) DO UPDATE SET n = n + excluded.n,
	first = min(first, excluded.first), last = max(last, excluded.last);
INSERT INTO t_redo (group_id, sender, t0)
SELECT m.group_id, m.sender, min(m.ts) FROM main.derived_dirty d
CROSS JOIN main.messages m ON m.id = d.message_id WHERE true GROUP BY m.group_id, m.sender
ON CONFLICT (group_id, sender) DO UPDATE SET t0 = min(t0, excluded.t0);
DELETE FROM main.derived_dirty;
