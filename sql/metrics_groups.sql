-- metrics_groups.sql: every group with its first and last stored message, its
-- messages and senders, over all data: summed from derived_pairs (one row per
-- group and sender, kept by derive.c), not from every message.
WITH t AS (
	SELECT group_id, MIN(first) AS first, MAX(last) AS last, SUM(n) AS n, COUNT(*) AS senders
	FROM derived_pairs GROUP BY group_id),
g AS (SELECT group_id FROM groups UNION SELECT group_id FROM t)
SELECT g.group_id, (SELECT name FROM groups WHERE group_id = g.group_id),
       t.first, t.last, coalesce(t.n, 0), coalesce(t.senders, 0)
FROM g LEFT JOIN t ON t.group_id = g.group_id
ORDER BY t.first IS NULL, t.first, g.group_id
