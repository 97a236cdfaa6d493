-- schema.sql: the work database (schema version 1). Ids are text: Zalo ids
-- have up to 19 digits. Times are epoch milliseconds (UTC).

-- One row per input file ingested, by content hash: a file seen again is skipped.
CREATE TABLE IF NOT EXISTS sources (
	id INTEGER PRIMARY KEY,
	hash TEXT NOT NULL UNIQUE,	-- SHA-256 of the file's bytes, hex
	path TEXT NOT NULL,		-- as given when first ingested
	size INTEGER NOT NULL,
	status TEXT NOT NULL,		-- 'ok', or 'bad' when the archive was corrupt (what could be read is stored)
	ingested_at INTEGER NOT NULL
);

-- A file seen before at the same place, size and time is the same source: its
-- content need not be hashed again (next quarter, only new files cost time).
CREATE TABLE IF NOT EXISTS source_stat (
	realpath TEXT NOT NULL,
	size INTEGER NOT NULL,
	mtime_ns INTEGER NOT NULL,
	hash TEXT NOT NULL,
	PRIMARY KEY (realpath, size, mtime_ns)
) WITHOUT ROWID;

-- Every record read, accounted for per source and entry.
CREATE TABLE IF NOT EXISTS ledger (
	source_id INTEGER NOT NULL,
	source TEXT NOT NULL,
	entry TEXT NOT NULL,
	records INTEGER NOT NULL DEFAULT 0,
	stored INTEGER NOT NULL DEFAULT 0,
	duplicates INTEGER NOT NULL DEFAULT 0,
	rejected INTEGER NOT NULL DEFAULT 0,
	private_skipped INTEGER NOT NULL DEFAULT 0,
	other_skipped INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (source_id, entry)
);
-- Why records were rejected or skipped (count per reason; first line for rejects).
CREATE TABLE IF NOT EXISTS ledger_reasons (
	source_id INTEGER NOT NULL,
	entry TEXT NOT NULL,
	outcome TEXT NOT NULL,		-- 'rejected', 'skipped', or 'noted' (stored, with a remark)
	reason TEXT NOT NULL,
	count INTEGER NOT NULL,
	first_line INTEGER,
	PRIMARY KEY (source_id, entry, outcome, reason)
);

CREATE TABLE IF NOT EXISTS groups (
	group_id TEXT PRIMARY KEY,	-- without the PC 'g' prefix
	name TEXT
) WITHOUT ROWID;

-- Chat messages only: reactions, recalls, member events, pins and deletes live apart.
CREATE TABLE IF NOT EXISTS messages (
	id INTEGER PRIMARY KEY,
	group_id TEXT NOT NULL,
	msg_id TEXT,			-- NULL when the record had none
	cli_msg_id TEXT,
	sender TEXT NOT NULL,		-- uid; '0' when sent by a backup owner nobody could name
	dname TEXT,			-- display name as sent
	ts INTEGER NOT NULL,
	type TEXT NOT NULL,		-- text photo video voice file sticker gif link contact location poll other,
					-- or 'recalled' when only a recalled copy was seen
	type_code TEXT NOT NULL,	-- msgType as sent: '1', '20', 'webchat', ...
	text TEXT,			-- text messages (PC rich text: its title)
	caption TEXT,			-- photo/video: title and description joined by a space
	recalled INTEGER NOT NULL DEFAULT 0,
	source_id INTEGER NOT NULL	-- first source it came from
);
-- (msg_id, group_id): the dedupe lookup and the media-file match by msgId alone.
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_msgid ON messages (msg_id, group_id) WHERE msg_id IS NOT NULL;
-- (group, sender, ts): the metrics walk each sender's messages in time order (bursts).
CREATE INDEX IF NOT EXISTS messages_by_sender_ts ON messages (group_id, sender, ts);
-- cliMsgId: to find a copy without msgId (ingest_find_by_cli.sql).
CREATE INDEX IF NOT EXISTS messages_by_cli ON messages (cli_msg_id);
-- The few messages stored without a msgId: a copy with one looks here first.
CREATE INDEX IF NOT EXISTS messages_without_msgid ON messages (group_id, sender, cli_msg_id)
	WHERE msg_id IS NULL;
CREATE INDEX IF NOT EXISTS messages_by_ts ON messages (ts);

CREATE TABLE IF NOT EXISTS quotes (
	message_id INTEGER PRIMARY KEY,	-- messages.id of the quoting message
	q_msg_id TEXT,			-- quote.globalMsgId: the quoted message's msgId
	q_cli_msg_id TEXT,		-- quote.cliMsgId
	q_owner TEXT,			-- quote.ownerId ('0' resolved to the owner)
	q_ts INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_by_msgid ON quotes (q_msg_id);
CREATE INDEX IF NOT EXISTS quotes_by_cli ON quotes (q_cli_msg_id);

CREATE TABLE IF NOT EXISTS mentions (
	message_id INTEGER NOT NULL,
	uid TEXT NOT NULL,
	type INTEGER NOT NULL,		-- 0 a person, 1 @all
	PRIMARY KEY (message_id, uid, type)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_by_uid ON mentions (uid);

CREATE TABLE IF NOT EXISTS media (
	message_id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,		-- photo video voice file gif sticker
	file_name TEXT,
	ext TEXT,
	size INTEGER,
	width INTEGER,
	height INTEGER,
	duration INTEGER,		-- ms, as sent
	url_host TEXT,
	in_archive INTEGER NOT NULL DEFAULT 0	-- the file itself was in an archive (z<msgId>_ name)
);
-- Media files found in archives and folders (catalogued, never extracted).
CREATE TABLE IF NOT EXISTS media_files (
	source_id INTEGER NOT NULL,
	entry TEXT NOT NULL,
	msg_id TEXT,
	size INTEGER,
	PRIMARY KEY (source_id, entry)
);
CREATE INDEX IF NOT EXISTS media_files_by_msg ON media_files (msg_id);

-- Latest state per (group, target message, reactor); icon '' means removed.
CREATE TABLE IF NOT EXISTS reactions (
	group_id TEXT NOT NULL,
	target TEXT NOT NULL,		-- msgId of the reacted message
	reactor TEXT NOT NULL,
	icon TEXT NOT NULL,
	ts INTEGER,			-- NULL: PC reacts may carry no time
	PRIMARY KEY (group_id, target, reactor)
) WITHOUT ROWID;

-- Reactions made from the Zalo phone app (Web rows with gMsgID 0) whose target,
-- known only by its cliMsgId, is not stored yet: sql/ingest_finish.sql moves
-- each into reactions once a message of the group with that cliMsgId is.
CREATE TABLE IF NOT EXISTS phone_reactions (
	group_id TEXT NOT NULL,
	target_cli TEXT NOT NULL,	-- cMsgID: the cliMsgId of the reacted message
	reactor TEXT NOT NULL,
	icon TEXT NOT NULL,
	ts INTEGER,
	PRIMARY KEY (group_id, target_cli, reactor)
) WITHOUT ROWID;

-- chat.undo rows; PC type 20 copies set messages.recalled directly.
CREATE TABLE IF NOT EXISTS recalls (
	group_id TEXT NOT NULL,
	msg_id TEXT NOT NULL,		-- '' when only cli_msg_id is known
	cli_msg_id TEXT NOT NULL,
	actor TEXT,
	ts INTEGER,
	PRIMARY KEY (group_id, msg_id, cli_msg_id)
) WITHOUT ROWID;

-- One row per member named: (group, member, act, time) is the identity.
CREATE TABLE IF NOT EXISTS member_events (
	group_id TEXT NOT NULL,
	member TEXT NOT NULL,
	act TEXT NOT NULL,		-- join, leave, remove_member (PC -4 mapped to join/leave)
	ts INTEGER NOT NULL,
	actor TEXT,
	PRIMARY KEY (group_id, member, act, ts)
) WITHOUT ROWID;

-- Pins, deletes and other group events (add_admin, ...).
CREATE TABLE IF NOT EXISTS events (
	group_id TEXT NOT NULL,
	kind TEXT NOT NULL,		-- pin, delete, or the Web act
	ref TEXT NOT NULL,		-- msgId of the event row (or of the target), else ''
	actor TEXT,
	ts INTEGER NOT NULL,
	PRIMARY KEY (group_id, kind, ref, ts)
) WITHOUT ROWID;

-- The message as the metrics see it: type 'recalled' when recalled, and the
-- text the lexicon is matched against (text, or the caption of a photo or video).
CREATE VIEW IF NOT EXISTS v_messages AS
SELECT id, group_id, msg_id, cli_msg_id, sender, dname, ts,
       CASE WHEN recalled THEN 'recalled' ELSE type END AS type,
       recalled,
       CASE WHEN type = 'text' THEN text
            WHEN type IN ('photo', 'video') THEN caption END AS body
FROM messages;

-- ==== Roster (written by binhyen-roster; owned by the roster/metrics stages) ====
-- The commune's roster, replaced whole by each load.
CREATE TABLE IF NOT EXISTS roster (
	id INTEGER PRIMARY KEY,
	line INTEGER NOT NULL,		-- line of the roster file the row starts on
	uid TEXT UNIQUE,		-- Zalo uid; NULL when unknown (then matched by name)
	name TEXT NOT NULL,
	name_key TEXT NOT NULL,		-- NFC, case folded, spaces collapsed
	phone TEXT,
	thon TEXT,			-- as written; NULL when none
	thon_key TEXT,			-- the thôn's name key: 'Thôn 1' and 'thôn 1' are one thôn
	role TEXT NOT NULL		-- officer, staff, resident
);
-- Every sender, matched to a roster row or not (sql/roster_match.sql rebuilds it).
CREATE TABLE IF NOT EXISTS sender_match (
	sender TEXT PRIMARY KEY,
	member INTEGER,			-- roster.id; NULL when unmatched
	how TEXT,			-- 'uid' or 'name'; NULL when unmatched
	dname TEXT,			-- the latest display name it sent under
	guess TEXT			-- unmatched: thôn guessed from a display name
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sender_match_by_member ON sender_match (member);
CREATE INDEX IF NOT EXISTS roster_by_name_key ON roster (name_key);
-- Each thôn's rows, roles and name: the figures per thôn read this, not every row.
CREATE INDEX IF NOT EXISTS roster_by_thon ON roster (thon_key, role, thon);
-- Every (sender, display name) of the stored messages with its latest time: the
-- matching reads these few thousand rows, not every message. sql/roster_match.sql
-- adds the messages stored since the last match (ids above sender_names_seen);
-- the trigger catches a merge that gives an older message its first name.
CREATE TABLE IF NOT EXISTS sender_names (
	sender TEXT NOT NULL,
	dname TEXT NOT NULL,		-- '' for messages sent without one
	last INTEGER NOT NULL,		-- the latest ts it was sent under
	name_key TEXT,			-- bh_namekey(dname), filled by the matching
	fold TEXT,			-- bh_fold(dname), likewise
	PRIMARY KEY (sender, dname)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sender_names_seen (last_id INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS messages_first_dname AFTER UPDATE OF dname ON messages
WHEN old.dname IS NULL AND new.dname IS NOT NULL
BEGIN
	INSERT INTO sender_names (sender, dname, last) VALUES (new.sender, new.dname, new.ts)
	ON CONFLICT (sender, dname) DO UPDATE SET last = max(last, excluded.last);
END;

-- ==== Purge (written by binhyen-purge; read by extract and the metrics) ====
-- Messages whose text and caption binhyen purge removed, with what the lexicon
-- read in that text then: the figures use this for them, as their text is gone.
CREATE TABLE IF NOT EXISTS purged (
	message_id INTEGER PRIMARY KEY,	-- messages.id
	category TEXT,			-- the first lexicon category the text matched; NULL: none
	kind TEXT,			-- its kind, 'tip' or 'question'; NULL: none
	purge_id INTEGER NOT NULL	-- purges.id
);
-- Each run of binhyen purge: text of messages before before_ms is removed.
CREATE TABLE IF NOT EXISTS purges (
	id INTEGER PRIMARY KEY,
	before_ms INTEGER NOT NULL,	-- local midnight of --before DATE (epoch ms)
	at INTEGER NOT NULL,		-- when it ran (epoch ms)
	lexicon TEXT NOT NULL,		-- 'built-in', or the --lexicon file given
	messages INTEGER NOT NULL	-- messages whose text it removed
);

-- ==== Settings (written by binhyen-metrics) ====
-- What a run was told once and later runs reuse: the commune's name (commune),
-- its police unit (unit), the unit above it (superior). Given again, a value
-- replaces the stored one; written to every output's settings.csv.
CREATE TABLE IF NOT EXISTS settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
-- ==== Derived data (written by binhyen-metrics, sql/metrics_derive_*.sql) ====
-- What the metrics find in the stored messages, kept so that a report reads its
-- period and not the whole history. derived_state says up to which message
-- (last_id) they hold and with which lexicon (its hash): a new lexicon rebuilds
-- them; each run adds the messages stored since (ids above last_id) and redoes
-- the (group, sender) whose messages changed (derived_dirty).
CREATE TABLE IF NOT EXISTS derived_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	lexicon TEXT NOT NULL,		-- hash of the lexicon (and of the rules) they were found with
	last_id INTEGER NOT NULL	-- messages.id up to which they hold
);
-- Every (group, sender) with its messages: how many, the first and last time.
CREATE TABLE IF NOT EXISTS derived_pairs (
	group_id TEXT NOT NULL,
	sender TEXT NOT NULL,
	n INTEGER NOT NULL,
	first INTEGER NOT NULL,
	last INTEGER NOT NULL,
	PRIMARY KEY (group_id, sender)
) WITHOUT ROWID;
-- Every tip or question as if its sender were no responder (each report keeps
-- those of its non-responders: a responder's messages are never a tip, and a
-- burst holds one sender's messages only): a message the lexicon reads, not
-- recalled, not inside an earlier one's burst. The burst runs from it to the
-- message (end_ts, end_id), in the (ts, id) order of the sender's messages in the group.
CREATE TABLE IF NOT EXISTS derived_tips (
	message_id INTEGER PRIMARY KEY,	-- messages.id of its first message
	group_id TEXT NOT NULL,
	sender TEXT NOT NULL,
	ts INTEGER NOT NULL,
	category TEXT NOT NULL,
	kind TEXT NOT NULL,		-- tip, question
	end_ts INTEGER NOT NULL,
	end_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS derived_tips_by_ts ON derived_tips (ts);
CREATE INDEX IF NOT EXISTS derived_tips_by_pair ON derived_tips (group_id, sender, ts);
CREATE INDEX IF NOT EXISTS derived_tips_by_sender ON derived_tips (sender, ts, message_id);
-- Stored messages (ids up to last_id) whose reading may have changed: a merge
-- filled a text or recalled it, binhyen purge removed its text.
CREATE TABLE IF NOT EXISTS derived_dirty (message_id INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS messages_derived_dirty
AFTER UPDATE OF text, caption, recalled, type ON messages
WHEN (old.text IS NOT new.text OR old.caption IS NOT new.caption OR
      old.recalled IS NOT new.recalled OR old.type IS NOT new.type)
     AND new.id <= (SELECT last_id FROM derived_state)
BEGIN
	INSERT OR IGNORE INTO derived_dirty (message_id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS purged_derived_dirty AFTER INSERT ON purged
WHEN new.message_id <= (SELECT last_id FROM derived_state)
BEGIN
	INSERT OR IGNORE INTO derived_dirty (message_id) VALUES (new.message_id);
END;
