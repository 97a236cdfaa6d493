-- settings_put.sql: store a setting (?1 key, ?2 value), replacing the stored one.
INSERT INTO settings (key, value) VALUES (?1, ?2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
