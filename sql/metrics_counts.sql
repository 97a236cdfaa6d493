-- metrics_counts.sql: groups, messages and senders of [?1, ?2) ms (t_active filled).
SELECT (SELECT COUNT(DISTINCT group_id) FROM messages WHERE ts >= ?1 AND ts < ?2),
       (SELECT coalesce(SUM(n), 0) FROM t_active),
       (SELECT COUNT(*) FROM t_active)
