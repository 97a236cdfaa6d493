-- purge_clear.sql: the text and caption of the messages recorded by purge ?1 go.
UPDATE messages SET text = NULL, caption = NULL
WHERE id IN (SELECT message_id FROM purged WHERE purge_id = ?1)
