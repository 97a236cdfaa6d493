-- metrics_thon.sql: per roster thôn: key, name as first written, residents,
-- residents with a message in the period, messages of its matched senders (t_active filled).
WITH th AS (SELECT thon_key, MIN(id) AS first FROM roster WHERE thon_key IS NOT NULL GROUP BY thon_key)
SELECT th.thon_key,
       (SELECT thon FROM roster WHERE id = th.first),
       (SELECT COUNT(*) FROM roster r WHERE r.thon_key = th.thon_key AND r.role = 'resident'),
       (SELECT COUNT(*) FROM roster r WHERE r.thon_key = th.thon_key AND r.role = 'resident'
	  AND EXISTS (SELECT 1 FROM sender_match sm JOIN t_active a ON a.sender = sm.sender
		      WHERE sm.member = r.id)),
       (SELECT coalesce(SUM(a.n), 0) FROM t_active a JOIN t_sender s ON s.sender = a.sender
	WHERE s.thon_key = th.thon_key AND s.member IS NOT NULL)
FROM th ORDER BY th.first
