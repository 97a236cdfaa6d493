-- metrics_posts.sql: officer posts of [?1, ?2) ms (a responder's message quoting
-- nothing and mentioning no one; @all allowed) with their reach over the 72 hours
-- after: distinct reactors whose reaction stands (untimed ones count), messages
-- quoting it, and the distinct non-responders who did either. CROSS JOIN keeps
-- SQLite going from the post to its quotes by index, not through the group's messages.
-- A post whose text binhyen purge removed comes with the category read then.
-- The posts are found from the few responders, per group through the (group,
-- sender, ts) index: scanning the period's messages for them costs seconds a
-- year. grp lists the stored groups by skipping along that index.
WITH RECURSIVE grp(g) AS (
	SELECT MIN(group_id) FROM messages
	UNION ALL
	SELECT (SELECT MIN(group_id) FROM messages WHERE group_id > grp.g) FROM grp WHERE grp.g IS NOT NULL),
post AS (
	SELECT m.id, m.group_id, m.msg_id, m.cli_msg_id, m.ts, m.body
	FROM t_sender s CROSS JOIN grp CROSS JOIN v_messages m
	WHERE s.responder = 1 AND m.group_id = grp.g AND m.sender = s.sender
	  AND m.ts >= ?1 AND m.ts < ?2
	  AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.message_id = m.id)
	  AND NOT EXISTS (SELECT 1 FROM mentions n WHERE n.message_id = m.id AND n.type = 0)),
react AS (
	SELECT p.id AS post, r.reactor AS who
	FROM post p JOIN reactions r ON r.group_id = p.group_id AND r.target = p.msg_id
	WHERE r.icon <> '' AND (r.ts IS NULL OR (r.ts >= p.ts AND r.ts <= p.ts + 259200000))),
reply AS (
	SELECT p.id AS post, x.id AS msg, x.sender AS who
	FROM post p CROSS JOIN quotes q ON q.q_msg_id = p.msg_id
	CROSS JOIN messages x ON x.id = q.message_id AND x.group_id = p.group_id
	WHERE x.ts >= p.ts AND x.ts <= p.ts + 259200000
	UNION
	SELECT p.id, x.id, x.sender
	FROM post p CROSS JOIN quotes q ON q.q_cli_msg_id = p.cli_msg_id
	CROSS JOIN messages x ON x.id = q.message_id AND x.group_id = p.group_id
	WHERE x.ts >= p.ts AND x.ts <= p.ts + 259200000),
engaged AS (
	SELECT post, who FROM react UNION SELECT post, who FROM reply),
nr AS (SELECT post, COUNT(DISTINCT who) AS n FROM react GROUP BY post),
np AS (SELECT post, COUNT(*) AS n FROM reply GROUP BY post),
ne AS (SELECT e.post, COUNT(*) AS n FROM engaged e
       WHERE NOT EXISTS (SELECT 1 FROM t_sender s WHERE s.sender = e.who AND s.responder = 1)
       GROUP BY e.post)
SELECT coalesce(p.msg_id, p.cli_msg_id), p.ts, p.body,
       coalesce(nr.n, 0), coalesce(np.n, 0), coalesce(ne.n, 0),
       g.message_id IS NOT NULL, g.category
FROM post p
LEFT JOIN nr ON nr.post = p.id LEFT JOIN np ON np.post = p.id LEFT JOIN ne ON ne.post = p.id
LEFT JOIN purged g ON g.message_id = p.id
ORDER BY p.ts, p.id
