-- purge_count.sql: how many messages purge ?1 took the text of, into its row.
UPDATE purges SET messages = (SELECT COUNT(*) FROM purged WHERE purge_id = ?1) WHERE id = ?1
