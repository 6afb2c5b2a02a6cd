// auth_set_user_password sets the password hash of the user $id, changing
// nothing else, and returns the user.
MATCH (u:GapmapUser {id: $id})
SET u.password_hash = $hash
RETURN u AS user
