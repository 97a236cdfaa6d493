-- ingest_media_file.sql: a media file found in an archive or folder.
INSERT OR IGNORE INTO media_files (source_id, entry, msg_id, size) VALUES (?1, ?2, ?3, ?4);
