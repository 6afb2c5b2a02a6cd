// auth_session returns the session whose id hashes to $id_hash, if any.
MATCH (s:GapmapSession {id_hash: $id_hash})
RETURN s AS session
