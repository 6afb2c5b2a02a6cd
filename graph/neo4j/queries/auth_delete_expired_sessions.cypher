// auth_delete_expired_sessions deletes the sessions that expired by $now or
// were last used by $idle_before.
MATCH (s:GapmapSession)
WHERE s.expires <= $now OR s.last_seen <= $idle_before
DELETE s
RETURN count(*) AS deleted
