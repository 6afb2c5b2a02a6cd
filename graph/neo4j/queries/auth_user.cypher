// auth_user returns the user with the id $id, if any.
MATCH (u:GapmapUser {id: $id})
RETURN u AS user
