-- metrics_sender_role.sql: is sender ?1 a responder, and its roster thôn (no
-- row: not in t_sender, so never a tipster).
SELECT responder, thon_key FROM t_sender WHERE sender = ?1
