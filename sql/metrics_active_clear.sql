-- metrics_active_clear.sql: forget the previous period's senders.
DELETE FROM t_active
