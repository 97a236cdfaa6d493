-- ingest_forget_bad_source.sql: a file read before while corrupt is read again:
-- its earlier ledger rows give way to this reading's (its messages stay, deduped).
DELETE FROM ledger WHERE source_id IN (SELECT id FROM sources WHERE hash = ?1);
DELETE FROM ledger_reasons WHERE source_id IN (SELECT id FROM sources WHERE hash = ?1);
DELETE FROM media_files WHERE source_id IN (SELECT id FROM sources WHERE hash = ?1);
DELETE FROM sources WHERE hash = ?1;
