-- metrics_ledger.sql: the source ledger, as ingested.
SELECT source, entry, records, stored, duplicates, rejected, private_skipped, other_skipped
FROM ledger ORDER BY source_id, entry
