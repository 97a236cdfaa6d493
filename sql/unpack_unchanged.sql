-- unpack_unchanged.sql: the hash of a file read whole before, at this place, size and time.
SELECT s.hash FROM source_stat s JOIN sources USING (hash)
WHERE s.realpath = ?1 AND s.size = ?2 AND s.mtime_ns = ?3 AND sources.status = 'ok';
