// auth_revoke_token revokes the token $id at $at, keeping the time of an
// earlier revocation.
MATCH (t:GapmapToken {id: $id})
SET t.revoked = coalesce(t.revoked, $at)
RETURN count(t) AS revoked
