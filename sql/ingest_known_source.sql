-- ingest_known_source.sql: was a file with this content ingested already?
SELECT id FROM sources WHERE hash = ?1;
