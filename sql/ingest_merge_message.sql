-- ingest_merge_message.sql: another copy of a stored message: keep the text and
-- caption of whichever copy has them; recalled if any copy says so; a real type
-- replaces 'recalled' (a PC type-20 copy does not know what was recalled).
-- A message whose text binhyen purge removed never gets it back from a copy.
UPDATE messages SET
	msg_id = coalesce(msg_id, ?2),
	text = CASE WHEN EXISTS (SELECT 1 FROM purged WHERE message_id = ?1) THEN text
		    ELSE coalesce(text, ?3) END,
	caption = CASE WHEN EXISTS (SELECT 1 FROM purged WHERE message_id = ?1) THEN caption
		       ELSE coalesce(caption, ?4) END,
	recalled = max(recalled, ?5),
	type = CASE WHEN type = 'recalled' AND ?6 <> 'recalled' THEN ?6 ELSE type END,
	type_code = CASE WHEN type = 'recalled' AND ?6 <> 'recalled' THEN ?7 ELSE type_code END,
	dname = coalesce(dname, ?8)
WHERE id = ?1;
