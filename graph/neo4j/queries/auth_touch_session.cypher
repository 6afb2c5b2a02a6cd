// auth_touch_session sets the last request time of a session.
MATCH (s:GapmapSession {id_hash: $id_hash})
SET s.last_seen = $last_seen
RETURN count(s) AS touched
