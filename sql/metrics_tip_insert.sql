-- metrics_tip_insert.sql: a tip or question (index, group, tipster, time).
INSERT INTO t_tips (tip, group_id, sender, ts) VALUES (?1, ?2, ?3, ?4)
