-- metrics_span.sql: the first and last stored message times (NULL, NULL: none).
SELECT (SELECT MIN(ts) FROM messages), (SELECT MAX(ts) FROM messages)
