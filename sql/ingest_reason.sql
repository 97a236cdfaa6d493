-- ingest_reason.sql: why records of an entry were rejected or skipped.
INSERT INTO ledger_reasons (source_id, entry, outcome, reason, count, first_line)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (source_id, entry, outcome, reason) DO UPDATE SET count = count + excluded.count;
