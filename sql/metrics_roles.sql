-- metrics_roles.sql: the role and roster row of sender ?1 (t_sender), for
-- the period pass of figures.c (weekly officer/resident counts).
SELECT role, member FROM t_sender WHERE sender = ?1
