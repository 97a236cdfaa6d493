-- metrics_groups.sql: every group with its first and last stored message, over all
-- data. The figures of the groups with messages come from t_groups, which the
-- tips scan fills as it walks every message in group order (its own pass over
-- the messages cost over a second).
WITH g AS (
	SELECT group_id FROM groups UNION SELECT group_id FROM t_groups)
SELECT g.group_id, (SELECT name FROM groups WHERE group_id = g.group_id),
       t.first, t.last, coalesce(t.n, 0), coalesce(t.senders, 0)
FROM g LEFT JOIN t_groups t ON t.group_id = g.group_id
ORDER BY t.first IS NULL, t.first, g.group_id
