-- metrics_membership.sql: per local day of [?1, ?2) ms with a member event: joins, leaves.
SELECT (ts + 25200000) / 86400000 AS day,
       SUM(act = 'join'), SUM(act IN ('leave', 'remove_member'))
FROM member_events WHERE ts >= ?1 AND ts < ?2
GROUP BY day ORDER BY day
