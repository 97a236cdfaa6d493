-- metrics_groups.sql: every group with its first and last stored message, over all
-- data. Times and counts come from one table scan (NOT INDEXED: walking the
-- group index would fetch every row at random), senders from the index.
WITH t AS (
	SELECT group_id, MIN(ts) AS first, MAX(ts) AS last, COUNT(*) AS n
	FROM messages NOT INDEXED GROUP BY group_id),
s AS (
	SELECT group_id, COUNT(DISTINCT sender) AS senders FROM messages GROUP BY group_id),
g AS (
	SELECT group_id FROM groups UNION SELECT group_id FROM t)
SELECT g.group_id, (SELECT name FROM groups WHERE group_id = g.group_id),
       t.first, t.last, coalesce(t.n, 0), coalesce(s.senders, 0)
FROM g LEFT JOIN t ON t.group_id = g.group_id LEFT JOIN s ON s.group_id = g.group_id
ORDER BY t.first IS NULL, t.first, g.group_id
