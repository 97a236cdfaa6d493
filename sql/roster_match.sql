-- roster_match.sql: rebuild sender -> roster matching from the stored roster and
-- every sender of the stored messages (run by binhyen-roster and binhyen-metrics,
-- so that messages added after the roster are matched too). Needs bh_namekey and
-- bh_fold (bh_text_sql_register).
DELETE FROM sender_match;
DROP TABLE IF EXISTS temp.t_names;
CREATE TEMP TABLE t_names AS
	SELECT sender, dname, last, bh_namekey(dname) AS key, bh_fold(dname) AS fold
	FROM (SELECT sender, dname, MAX(ts) AS last FROM messages
	      WHERE dname IS NOT NULL AND dname <> '' GROUP BY sender, dname);
CREATE INDEX temp.t_names_by_sender ON t_names (sender);
-- By uid first.
INSERT INTO sender_match (sender, member, how)
	SELECT s.sender, r.id, 'uid'
	FROM (SELECT DISTINCT sender FROM messages) s JOIN roster r ON r.uid = s.sender;
-- Then by name, against uid-less rows whose name no other uid-less row shares;
-- a sender whose names match two different rows matches nobody.
INSERT INTO sender_match (sender, member, how)
	SELECT n.sender, MIN(r.id), 'name'
	FROM t_names n JOIN roster r ON r.uid IS NULL AND r.name_key = n.key
	WHERE n.sender NOT IN (SELECT sender FROM sender_match)
	  AND r.name_key IN (SELECT name_key FROM roster WHERE uid IS NULL
			     GROUP BY name_key HAVING COUNT(*) = 1)
	GROUP BY n.sender HAVING COUNT(DISTINCT r.id) = 1;
INSERT INTO sender_match (sender)
	SELECT DISTINCT sender FROM messages WHERE sender NOT IN (SELECT sender FROM sender_match);
UPDATE sender_match SET dname = (
	SELECT n.dname FROM t_names n WHERE n.sender = sender_match.sender
	ORDER BY n.last DESC, n.dname LIMIT 1);
-- Guessed thôn: a display name holding a roster thôn name as whole syllables,
-- without case or diacritics; the longest such name, then the first in the roster.
DROP TABLE IF EXISTS temp.t_thon;
CREATE TEMP TABLE t_thon AS
	SELECT thon, ' ' || bh_fold(thon) || ' ' AS fold, MIN(id) AS first
	FROM roster WHERE thon IS NOT NULL GROUP BY thon_key;
UPDATE sender_match SET guess = (
	SELECT t.thon FROM t_names n JOIN t_thon t
	  ON length(t.fold) > 2 AND instr(' ' || n.fold || ' ', t.fold) > 0
	WHERE n.sender = sender_match.sender
	ORDER BY length(t.fold) DESC, t.first LIMIT 1)
WHERE member IS NULL;
DROP TABLE t_names;
DROP TABLE t_thon;
