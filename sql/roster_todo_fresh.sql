-- roster_todo_fresh.sql: 1 when derived_pairs hold every stored message (the
-- derived data's last id is the messages' last).
SELECT last_id = (SELECT coalesce(MAX(id), 0) FROM main.messages) FROM main.derived_state
