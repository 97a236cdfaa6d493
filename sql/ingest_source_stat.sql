-- ingest_source_stat.sql: remember where a source's file is, so that an unchanged
-- file is recognised without hashing it again.
INSERT OR REPLACE INTO source_stat (realpath, size, mtime_ns, hash) VALUES (?1, ?2, ?3, ?4);
