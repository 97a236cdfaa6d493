-- metrics_derive_clear.sql: the derived data forgotten, to be built again (a
-- new database, or another lexicon).
DELETE FROM main.derived_pairs;
DELETE FROM main.derived_tips;
DELETE FROM main.derived_dirty;
DELETE FROM main.derived_state;
