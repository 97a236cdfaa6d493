-- roster_counts.sql: roster rows; senders matched by uid, by name; unmatched senders.
SELECT (SELECT COUNT(*) FROM roster),
       (SELECT COUNT(*) FROM sender_match WHERE how = 'uid'),
       (SELECT COUNT(*) FROM sender_match WHERE how = 'name'),
       (SELECT COUNT(*) FROM sender_match WHERE member IS NULL)
