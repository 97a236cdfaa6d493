-- metrics_derive_pair_insert.sql: a (group, sender) with its messages (count, first, last time).
INSERT INTO main.derived_pairs (group_id, sender, n, first, last) VALUES (?1, ?2, ?3, ?4, ?5)
