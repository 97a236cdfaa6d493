-- unpack_known.sql: was a file with this content read whole already?
SELECT 1 FROM sources WHERE hash = ?1 AND status = 'ok';
