// auth_create_session creates a session with the properties $props; the
// uniqueness constraint on id_hash refuses a taken hash.
CREATE (s:GapmapSession)
SET s = $props
RETURN s.id_hash AS id_hash
