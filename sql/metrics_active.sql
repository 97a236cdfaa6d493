-- metrics_active.sql: the senders of the messages in [?1, ?2) ms, with their counts.
INSERT INTO t_active (sender, n)
SELECT sender, COUNT(*) FROM messages WHERE ts >= ?1 AND ts < ?2 GROUP BY sender
