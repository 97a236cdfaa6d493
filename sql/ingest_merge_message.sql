-- ingest_merge_message.sql: another copy of a stored message: keep the text and
-- caption of whichever copy has them; recalled if any copy says so; a real type
-- replaces 'recalled' (a PC type-20 copy does not know what was recalled).
UPDATE messages SET
	msg_id = coalesce(msg_id, ?2),
	text = coalesce(text, ?3),
	caption = coalesce(caption, ?4),
	recalled = max(recalled, ?5),
	type = CASE WHEN type = 'recalled' AND ?6 <> 'recalled' THEN ?6 ELSE type END,
	type_code = CASE WHEN type = 'recalled' AND ?6 <> 'recalled' THEN ?7 ELSE type_code END,
	dname = coalesce(dname, ?8)
WHERE id = ?1;
