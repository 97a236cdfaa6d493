-- ingest_source.sql: a new source, in the same transaction as all it stores.
INSERT INTO sources (hash, path, size, status, ingested_at) VALUES (?1, ?2, ?3, 'partial', ?4);
