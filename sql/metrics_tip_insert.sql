-- metrics_tip_insert.sql: a tip or question of the run (index, first message, group, tipster, time).
INSERT INTO t_tips (tip, message_id, group_id, sender, ts) VALUES (?1, ?2, ?3, ?4, ?5)
