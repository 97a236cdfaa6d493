-- metrics_unmatched.sql: unmatched senders of the period (t_active filled), most messages first.
SELECT a.sender, sm.dname, a.n, sm.guess
FROM t_active a JOIN sender_match sm ON sm.sender = a.sender
WHERE sm.member IS NULL
ORDER BY a.n DESC, a.sender
