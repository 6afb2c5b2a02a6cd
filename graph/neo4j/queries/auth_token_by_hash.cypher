// auth_token_by_hash returns the token whose secret hashes to $hash, if any.
MATCH (t:GapmapToken {hash: $hash})
RETURN t AS token
