-- metrics_derive_back.sql: the times of group ?1 and sender ?2's messages before
-- ?3, latest first: walked back to the start of the burst that may hold ?3.
SELECT ts FROM main.messages WHERE group_id = ?1 AND sender = ?2 AND ts < ?3 ORDER BY ts DESC
