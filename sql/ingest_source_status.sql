-- ingest_source_status.sql: how reading a source ended ('ok' or 'bad').
UPDATE sources SET status = ?2 WHERE id = ?1;
