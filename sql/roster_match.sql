-- roster_match.sql: rebuild sender -> roster matching from the stored roster and
-- every sender of the stored messages (run by binhyen-roster and binhyen-metrics,
-- so that messages added after the roster are matched too). Needs bh_namekey and
-- bh_fold (bh_text_sql_register), bh_thon_guess (bh_roster_match).
-- First bring sender_names up to date with the messages stored since last time.
INSERT INTO sender_names (sender, dname, last)
	SELECT sender, coalesce(dname, ''), MAX(ts) FROM messages
	WHERE id > coalesce((SELECT MAX(last_id) FROM sender_names_seen), 0)
	GROUP BY sender, coalesce(dname, '')
	ON CONFLICT (sender, dname) DO UPDATE SET last = max(last, excluded.last);
DELETE FROM sender_names_seen;
INSERT INTO sender_names_seen (last_id) SELECT coalesce(MAX(id), 0) FROM messages;
UPDATE sender_names SET name_key = bh_namekey(dname), fold = bh_fold(dname)
WHERE name_key IS NULL AND dname <> '';
DELETE FROM sender_match;
-- By uid first.
INSERT INTO sender_match (sender, member, how)
	SELECT s.sender, r.id, 'uid'
	FROM (SELECT DISTINCT sender FROM sender_names) s JOIN roster r ON r.uid = s.sender;
-- Then by name, against uid-less rows whose name no other uid-less row shares;
-- a sender whose names match two different rows matches nobody. (The uid index
-- would have SQLite walk every uid-less row per name: the name index is named.)
INSERT INTO sender_match (sender, member, how)
	SELECT n.sender, MIN(r.id), 'name'
	FROM sender_names n JOIN roster r INDEXED BY roster_by_name_key
	  ON r.name_key = n.name_key AND r.uid IS NULL
	WHERE n.dname <> '' AND n.sender NOT IN (SELECT sender FROM sender_match)
	  AND r.name_key IN (SELECT name_key FROM roster WHERE uid IS NULL
			     GROUP BY name_key HAVING COUNT(*) = 1)
	GROUP BY n.sender HAVING COUNT(DISTINCT r.id) = 1;
INSERT INTO sender_match (sender)
	SELECT DISTINCT sender FROM sender_names WHERE sender NOT IN (SELECT sender FROM sender_match);
UPDATE sender_match SET dname = (
	SELECT n.dname FROM sender_names n WHERE n.sender = sender_match.sender AND n.dname <> ''
	ORDER BY n.last DESC, n.dname LIMIT 1);
-- Guessed thôn: a display name holding a roster thôn name as whole syllables,
-- without case or diacritics; the longest such name, then the first in the roster;
-- else the place the latest display name tells ("Lan - Thôn 3", "Mai (xóm Đông)"),
-- with or without a roster (bh_thon_guess).
DROP TABLE IF EXISTS temp.t_thon;
CREATE TEMP TABLE t_thon AS
	SELECT thon, ' ' || bh_fold(thon) || ' ' AS fold, first FROM (
		SELECT thon, MIN(id) AS first FROM roster WHERE thon IS NOT NULL GROUP BY thon_key);
UPDATE sender_match SET guess = (
	SELECT t.thon FROM sender_names n JOIN t_thon t
	  ON length(t.fold) > 2 AND instr(' ' || n.fold || ' ', t.fold) > 0
	WHERE n.sender = sender_match.sender AND n.dname <> ''
	ORDER BY length(t.fold) DESC, t.first LIMIT 1)
WHERE member IS NULL;
UPDATE sender_match SET guess = bh_thon_guess(dname)
WHERE member IS NULL AND guess IS NULL AND dname IS NOT NULL;
DROP TABLE t_thon;
