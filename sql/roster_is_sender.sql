-- roster_is_sender.sql: is ?1 the uid of a sender of the stored messages?
SELECT EXISTS (SELECT 1 FROM sender_names WHERE sender = ?1)
