-- metrics_tips_load.sql: the tips and questions of the ranges [?1, ?2), [?3, ?4),
-- [?5, ?6) ms (apart; an unused one empty) of the senders who are no
-- responders (t_sender), from the derived data, in the order of the walk that
-- found them (group, tipster, time): first message, group, tipster, time,
-- category, kind, tip_id (the msgId of its first message, its cliMsgId when
-- none), the tipster's roster thôn. SQLite sorts them (on disk when large),
-- not the program.
SELECT d.message_id, d.group_id, d.sender, d.ts, d.category, d.kind,
       coalesce(m.msg_id, m.cli_msg_id, ''), s.thon_key
FROM derived_tips d
JOIN t_sender s ON s.sender = d.sender AND s.responder = 0
JOIN messages m ON m.id = d.message_id
WHERE (d.ts >= ?1 AND d.ts < ?2) OR (d.ts >= ?3 AND d.ts < ?4) OR (d.ts >= ?5 AND d.ts < ?6)
ORDER BY d.group_id, d.sender, d.ts, d.message_id
