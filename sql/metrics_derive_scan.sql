-- metrics_derive_scan.sql: every message in (group, sender, time) order, for
-- finding the tips and their bursts of every (group, sender) in one pass (the
-- full build of the derived data). Read from the (group, sender, ts) index
-- alone: fetching each row from the table in this order cost seconds, so the
-- lexicon readings come from metrics_derive_readings.sql (table order).
SELECT id, group_id, sender, ts FROM main.messages ORDER BY group_id, sender, ts, id
