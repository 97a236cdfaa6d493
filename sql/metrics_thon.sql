-- metrics_thon.sql: per roster thôn: key, name as first written, residents,
-- residents with a message in the period, messages of its matched senders (t_active filled).
-- Each figure is one grouped pass: counting per thôn over the roster cost
-- thôn × roster rows (seconds with a district's 200,000 rows); the active
-- residents are found from the period's senders, not from every roster row.
WITH th AS (SELECT thon_key, MIN(id) AS first, SUM(role = 'resident') AS members
	FROM roster WHERE thon_key IS NOT NULL GROUP BY thon_key),
act AS (SELECT r.thon_key, COUNT(*) AS n FROM roster r
	WHERE r.role = 'resident' AND r.thon_key IS NOT NULL AND r.id IN (
		SELECT sm.member FROM t_active a JOIN sender_match sm ON sm.sender = a.sender
		WHERE sm.member IS NOT NULL)
	GROUP BY r.thon_key),
msg AS (SELECT s.thon_key, SUM(a.n) AS n FROM t_active a JOIN t_sender s ON s.sender = a.sender
	WHERE s.member IS NOT NULL AND s.thon_key IS NOT NULL GROUP BY s.thon_key)
SELECT th.thon_key,
       (SELECT thon FROM roster WHERE id = th.first),
       th.members, coalesce(act.n, 0), coalesce(msg.n, 0)
FROM th LEFT JOIN act ON act.thon_key = th.thon_key LEFT JOIN msg ON msg.thon_key = th.thon_key
ORDER BY th.first
