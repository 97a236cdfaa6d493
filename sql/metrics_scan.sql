-- metrics_scan.sql: every message in (group, sender, time) order, for finding
-- tips and their bursts in one pass. Read from the (group, sender, ts) index
-- alone: fetching each row from the table in this order cost seconds, so the
-- lexicon readings come from metrics_readings.sql (table order) and the ids of
-- burst messages from metrics_msg_ids.sql.
SELECT id, group_id, sender, ts FROM messages ORDER BY group_id, sender, ts, id
