-- roster_shared_names.sql: names shared by uid-less rows (they match nobody): name, first line, all lines.
SELECT MIN(name), MIN(line), GROUP_CONCAT(line, ', ')
FROM roster WHERE uid IS NULL GROUP BY name_key HAVING COUNT(*) > 1 ORDER BY MIN(line)
