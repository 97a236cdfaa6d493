-- roster_clear.sql: forget the stored roster before a new one is loaded.
DELETE FROM roster;
DELETE FROM sender_match;
