-- metrics_derive_state.sql: the derived data now hold the messages up to id ?2,
-- found with lexicon ?1.
INSERT OR REPLACE INTO main.derived_state (id, lexicon, last_id) VALUES (1, ?1, ?2)
