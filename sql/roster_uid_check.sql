-- roster_uid_check.sql: the roster's uids, those that are senders of the stored
-- messages, and whether any message is stored (bh_roster_uid_check).
SELECT (SELECT COUNT(*) FROM roster WHERE uid IS NOT NULL),
       (SELECT COUNT(*) FROM roster r WHERE r.uid IS NOT NULL
	  AND EXISTS (SELECT 1 FROM sender_names n WHERE n.sender = r.uid)),
       EXISTS (SELECT 1 FROM messages)
