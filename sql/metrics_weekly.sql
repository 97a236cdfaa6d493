-- metrics_weekly.sql: per week (local Monday, as a day number) of [?1, ?2) ms:
-- messages, by officers, by residents, residents (roster rows) who sent one.
SELECT wk, COUNT(*), SUM(s.role = 'officer'), SUM(s.role = 'resident'),
       COUNT(DISTINCT CASE WHEN s.role = 'resident' THEN s.member END)
FROM (SELECT sender, ((ts + 25200000) / 86400000) - (((ts + 25200000) / 86400000 + 3) % 7) AS wk
      FROM messages WHERE ts >= ?1 AND ts < ?2) m
LEFT JOIN t_sender s ON s.sender = m.sender
GROUP BY wk ORDER BY wk
