-- metrics_member_any.sql: does any member event exist (at any time) for group ?1?
-- Asked for each group with a message in the period: without one for any of
-- them, joins/leaves are unknown.
SELECT EXISTS (SELECT 1 FROM member_events WHERE group_id = ?1)
