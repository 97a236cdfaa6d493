-- purge_log.sql: this run of binhyen purge (before, at, lexicon); its id is the rowid.
INSERT INTO purges (before_ms, at, lexicon, messages) VALUES (?1, ?2, ?3, 0)
