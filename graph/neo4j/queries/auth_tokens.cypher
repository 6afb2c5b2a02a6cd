// auth_tokens returns the tokens of the user $user_id, in no particular
// order.
MATCH (t:GapmapToken {user_id: $user_id})
RETURN t AS token
