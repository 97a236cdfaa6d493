-- metrics_tips_load.sql: the tips and questions of [?1, ?2) ms of the senders who
-- are no responders (t_sender), from the derived data: first message, group,
-- tipster, time, category, kind, tip_id (the msgId of its first message, its
-- cliMsgId when none), the tipster's roster thôn.
SELECT d.message_id, d.group_id, d.sender, d.ts, d.category, d.kind,
       coalesce(m.msg_id, m.cli_msg_id, ''), s.thon_key
FROM derived_tips d
JOIN t_sender s ON s.sender = d.sender AND s.responder = 0
JOIN messages m ON m.id = d.message_id
WHERE d.ts >= ?1 AND d.ts < ?2
