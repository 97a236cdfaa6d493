-- metrics_member_any.sql: does any member event exist (at any time) for the
-- groups with a message in [?1, ?2) ms? Without one, joins/leaves are unknown.
SELECT EXISTS (SELECT 1 FROM member_events e
	       WHERE e.group_id IN (SELECT DISTINCT group_id FROM messages WHERE ts >= ?1 AND ts < ?2))
