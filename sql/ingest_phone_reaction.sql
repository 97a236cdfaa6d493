-- ingest_phone_reaction.sql: a reaction from the phone (gMsgID 0) whose target
-- is not stored yet, kept by the target's cliMsgId; the same rule as
-- ingest_reaction.sql. No change: a duplicate.
INSERT INTO phone_reactions (group_id, target_cli, reactor, icon, ts) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (group_id, target_cli, reactor) DO UPDATE SET icon = excluded.icon, ts = excluded.ts
WHERE excluded.ts IS NOT NULL AND (phone_reactions.ts IS NULL OR excluded.ts > phone_reactions.ts);
