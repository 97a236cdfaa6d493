-- metrics_group_insert.sql: a group's figures over all data (group, first, last, messages, senders).
INSERT INTO t_groups (group_id, first, last, n, senders) VALUES (?1, ?2, ?3, ?4, ?5)
