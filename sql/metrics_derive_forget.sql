-- metrics_derive_forget.sql: the tips of group ?1 and sender ?2 from time ?3 on,
-- to be found again.
DELETE FROM main.derived_tips WHERE group_id = ?1 AND sender = ?2 AND ts >= ?3
