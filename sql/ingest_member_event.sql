-- ingest_member_event.sql: one member named by a join/leave/remove_member event.
INSERT OR IGNORE INTO member_events (group_id, member, act, ts, actor) VALUES (?1, ?2, ?3, ?4, ?5);
