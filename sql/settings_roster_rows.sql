-- settings_roster_rows.sql: the rows of the stored roster (settings.csv's roster_rows).
SELECT count(*) FROM roster;
