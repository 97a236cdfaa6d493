-- metrics_active.sql: a sender of the messages in [lo, hi) ms, with its count
-- (figures.c counts them in its pass over metrics_period.sql).
INSERT INTO t_active (sender, n) VALUES (?1, ?2)
