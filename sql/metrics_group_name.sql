-- metrics_group_name.sql: a group's name, for the review sheet.
SELECT name FROM groups WHERE group_id = ?1
