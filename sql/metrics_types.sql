-- metrics_types.sql: messages of [?1, ?2) ms per type (recalled ones as 'recalled').
SELECT type, COUNT(*) FROM v_messages WHERE ts >= ?1 AND ts < ?2 GROUP BY type
