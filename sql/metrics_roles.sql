-- metrics_roles.sql: every sender of t_sender with its role and roster row, for
-- the period pass of figures.c (weekly officer/resident counts).
SELECT sender, role, member FROM t_sender
