-- roster_ambiguous.sql: unmatched senders whose names match several roster rows: sender, a name, the lines
-- (in increasing order).
WITH hits AS (
	SELECT n.sender, n.dname, r.id, r.line FROM sender_names n
	JOIN sender_match s ON s.sender = n.sender AND s.member IS NULL
	JOIN roster r INDEXED BY roster_by_name_key
	  ON r.name_key = n.name_key AND r.uid IS NULL
	WHERE n.dname <> ''
	  AND r.name_key IN (SELECT name_key FROM roster WHERE uid IS NULL
			     GROUP BY name_key HAVING COUNT(*) = 1))
SELECT sender, MIN(dname), GROUP_CONCAT(DISTINCT line) FROM (SELECT * FROM hits ORDER BY sender, line)
GROUP BY sender HAVING COUNT(DISTINCT id) > 1 ORDER BY sender
