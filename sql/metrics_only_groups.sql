-- metrics_only_groups.sql: --group ID...: the run sees only these groups. Each
-- table that holds a group's data is shadowed by a temporary view of the same
-- name (SQLite looks in temp first), so every metrics query reads the chosen
-- groups without a change of its own. t_only is filled before this runs.
CREATE TEMP VIEW messages AS
	SELECT * FROM main.messages WHERE group_id IN (SELECT group_id FROM t_only);
CREATE TEMP VIEW v_messages AS
	SELECT * FROM main.v_messages WHERE group_id IN (SELECT group_id FROM t_only);
CREATE TEMP VIEW groups AS
	SELECT * FROM main.groups WHERE group_id IN (SELECT group_id FROM t_only);
CREATE TEMP VIEW reactions AS
	SELECT * FROM main.reactions WHERE group_id IN (SELECT group_id FROM t_only);
CREATE TEMP VIEW member_events AS
	SELECT * FROM main.member_events WHERE group_id IN (SELECT group_id FROM t_only);
CREATE TEMP VIEW derived_pairs AS
	SELECT * FROM main.derived_pairs WHERE group_id IN (SELECT group_id FROM t_only);
CREATE TEMP VIEW derived_tips AS
	SELECT * FROM main.derived_tips WHERE group_id IN (SELECT group_id FROM t_only);
