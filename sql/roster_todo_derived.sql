-- roster_todo_derived.sql: roster_todo.sql read from derived_pairs (each group's
-- senders with their message counts and times, kept by binhyen-metrics) instead
-- of every message: used when they hold every stored message (roster_todo_fresh.sql).
WITH u AS (SELECT sender, dname, guess FROM sender_match
	   WHERE member IS NULL AND sender <> '0')
SELECT u.sender, u.dname, u.guess, coalesce(SUM(p.n), 0), MIN(p.first), MAX(p.last)
FROM u CROSS JOIN groups g
LEFT JOIN derived_pairs p ON p.group_id = g.group_id AND p.sender = u.sender
GROUP BY u.sender
ORDER BY u.guess IS NULL, u.guess, u.dname, u.sender
