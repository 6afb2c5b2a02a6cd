// auth_delete_session deletes the session whose id hashes to $id_hash.
MATCH (s:GapmapSession {id_hash: $id_hash})
DELETE s
RETURN count(*) AS deleted
