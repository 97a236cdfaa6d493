-- ingest_reaction.sql: a reaction's state; a later state replaces an earlier one,
-- a state with a time replaces one without. No change: a duplicate.
INSERT INTO reactions (group_id, target, reactor, icon, ts) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (group_id, target, reactor) DO UPDATE SET icon = excluded.icon, ts = excluded.ts
WHERE excluded.ts IS NOT NULL AND (reactions.ts IS NULL OR excluded.ts > reactions.ts);
