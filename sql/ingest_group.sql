-- ingest_group.sql: a group, with its name when a conversation record gives one.
INSERT INTO groups (group_id, name) VALUES (?1, ?2)
ON CONFLICT (group_id) DO UPDATE SET name = excluded.name
WHERE excluded.name IS NOT NULL AND excluded.name IS NOT groups.name;
