-- ingest_ledger.sql: the counts of one entry (an entry name met twice adds up).
INSERT INTO ledger (source_id, source, entry, records, stored, duplicates, rejected,
                    private_skipped, other_skipped)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
ON CONFLICT (source_id, entry) DO UPDATE SET
	records = records + excluded.records, stored = stored + excluded.stored,
	duplicates = duplicates + excluded.duplicates, rejected = rejected + excluded.rejected,
	private_skipped = private_skipped + excluded.private_skipped,
	other_skipped = other_skipped + excluded.other_skipped;
