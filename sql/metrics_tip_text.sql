-- metrics_tip_text.sql: the text of a tip's first message (its caption when it
-- has no text; nothing once purged), for the review sheet.
SELECT coalesce(text, caption) FROM messages WHERE id = ?1
