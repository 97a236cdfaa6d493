-- metrics_derive_tip.sql: a tip or question found (first message, group, sender,
-- time, category, kind, last message of its burst: time and id).
INSERT INTO main.derived_tips (message_id, group_id, sender, ts, category, kind, end_ts, end_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
