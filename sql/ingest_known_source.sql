-- ingest_known_source.sql: was a file with this content read whole already?
-- (A file that was corrupt is read again each time, and says so again.)
SELECT id FROM sources WHERE hash = ?1 AND status = 'ok';
