-- metrics_tip_drop.sql: a review said not_tip.
UPDATE t_tips SET dropped = 1 WHERE tip = ?1
