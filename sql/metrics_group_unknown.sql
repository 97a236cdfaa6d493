-- metrics_group_unknown.sql: a --group that names no stored group (no message, no name).
SELECT group_id FROM t_only o
WHERE NOT EXISTS (SELECT 1 FROM main.groups g WHERE g.group_id = o.group_id)
  AND NOT EXISTS (SELECT 1 FROM main.messages m WHERE m.group_id = o.group_id)
ORDER BY group_id
