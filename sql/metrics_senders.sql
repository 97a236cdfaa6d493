-- metrics_senders.sql: fill t_sender from the matching and the roster uids
-- (a responder who only reacts is still a responder). ?1 ?2 ?3: officer, staff,
-- resident are responders (1) or not (0).
INSERT INTO t_sender (sender, member, role, thon_key, responder)
SELECT sm.sender, sm.member, r.role, r.thon_key,
       CASE r.role WHEN 'officer' THEN ?1 WHEN 'staff' THEN ?2 WHEN 'resident' THEN ?3 ELSE 0 END
FROM sender_match sm LEFT JOIN roster r ON r.id = sm.member
UNION ALL
SELECT r.uid, r.id, r.role, r.thon_key,
       CASE r.role WHEN 'officer' THEN ?1 WHEN 'staff' THEN ?2 WHEN 'resident' THEN ?3 ELSE 0 END
FROM roster r WHERE r.uid IS NOT NULL AND r.uid NOT IN (SELECT sender FROM sender_match)
