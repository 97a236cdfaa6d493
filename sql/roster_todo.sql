-- roster_todo.sql: unmatched senders, for the officer to complete the roster.
SELECT sender, dname, guess FROM sender_match
WHERE member IS NULL AND sender <> '0'
ORDER BY guess IS NULL, guess, dname, sender
