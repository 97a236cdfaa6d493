-- settings_get.sql: a stored setting's value (?1 key); no row when never given.
SELECT value FROM settings WHERE key = ?1;
