-- metrics_ack.sql: tips a responder reacted to (a standing reaction on a burst
-- message), with the earliest such reaction's time (NULL when none is timed).
SELECT b.tip, MIN(r.ts)
FROM t_burst b
JOIN t_tips t ON t.tip = b.tip AND t.dropped = 0
JOIN reactions r ON r.group_id = b.group_id AND r.target = b.msg_id AND r.icon <> ''
	 AND (r.ts IS NULL OR r.ts >= t.ts)
JOIN t_sender s ON s.sender = r.reactor AND s.responder = 1
GROUP BY b.tip
