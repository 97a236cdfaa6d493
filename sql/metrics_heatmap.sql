-- metrics_heatmap.sql: messages of [?1, ?2) ms per local weekday (1 = Monday) and hour.
SELECT ((ts + 25200000) / 86400000 + 3) % 7 + 1 AS wd, ((ts + 25200000) % 86400000) / 3600000 AS hr,
       COUNT(*)
FROM messages WHERE ts >= ?1 AND ts < ?2
GROUP BY wd, hr
