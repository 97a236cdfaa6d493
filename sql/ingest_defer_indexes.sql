-- ingest_defer_indexes.sql: into a database without messages, binhyen-extract
-- drops the indexes that storing does not read, and sql/schema.sql builds them
-- again once all is stored: one sort of every row is much cheaper than keeping
-- them in order row by row. If the run is cut short, the next open of the
-- database builds them (bh_db_open applies the schema every time).
DROP INDEX IF EXISTS messages_by_sender_ts;
DROP INDEX IF EXISTS messages_by_ts;
DROP INDEX IF EXISTS quotes_by_msgid;
DROP INDEX IF EXISTS quotes_by_cli;
DROP INDEX IF EXISTS mentions_by_uid;
