-- roster_ambiguous.sql: unmatched senders whose names match several roster rows: sender, a name, the lines.
WITH names AS (
	SELECT DISTINCT m.sender, m.dname FROM messages m
	JOIN sender_match s ON s.sender = m.sender AND s.member IS NULL
	WHERE m.dname IS NOT NULL AND m.dname <> ''),
hits AS (
	SELECT n.sender, n.dname, r.id, r.line FROM names n
	JOIN roster r ON r.uid IS NULL AND r.name_key = bh_namekey(n.dname)
	WHERE r.name_key IN (SELECT name_key FROM roster WHERE uid IS NULL
			     GROUP BY name_key HAVING COUNT(*) = 1))
SELECT sender, MIN(dname), GROUP_CONCAT(DISTINCT line) FROM hits
GROUP BY sender HAVING COUNT(DISTINCT id) > 1 ORDER BY sender
