-- roster_todo.sql: unmatched senders, for the officer to complete the roster:
-- uid, display name, guessed thôn, messages sent, first and last seen (over all
-- stored data; each sender's messages found group by group on the sender index).
WITH u AS (SELECT sender, dname, guess FROM sender_match
	   WHERE member IS NULL AND sender <> '0')
SELECT u.sender, u.dname, u.guess, COUNT(x.id), MIN(x.ts), MAX(x.ts)
FROM u CROSS JOIN groups g
LEFT JOIN messages x ON x.group_id = g.group_id AND x.sender = u.sender
GROUP BY u.sender
ORDER BY u.guess IS NULL, u.guess, u.dname, u.sender
