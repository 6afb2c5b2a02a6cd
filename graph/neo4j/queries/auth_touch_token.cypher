// auth_touch_token records the use of the token $id; it never touches the
// revocation.
MATCH (t:GapmapToken {id: $id})
SET t.last_used = $at
RETURN count(t) AS touched
