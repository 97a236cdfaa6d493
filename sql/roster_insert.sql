-- roster_insert.sql: one roster row (line, uid, name, phone, thôn, role).
INSERT INTO roster (line, uid, name, name_key, phone, thon, thon_key, role)
VALUES (?1, ?2, ?3, bh_namekey(?3), ?4, ?5, bh_namekey(?5), ?6)
