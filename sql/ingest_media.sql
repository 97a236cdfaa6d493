-- ingest_media.sql: the media metadata of a message.
INSERT OR IGNORE INTO media (message_id, kind, file_name, ext, size, width, height, duration, url_host)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
