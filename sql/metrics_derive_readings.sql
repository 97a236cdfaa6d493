-- metrics_derive_readings.sql: every message in table order, recalled or not,
-- with the text the lexicon reads; for a message whose text binhyen purge
-- removed, the lexicon reading stored then (purged = 1).
SELECT m.id, m.recalled, m.body, p.message_id IS NOT NULL, p.category, p.kind
FROM main.v_messages m LEFT JOIN main.purged p ON p.message_id = m.id
ORDER BY m.id
