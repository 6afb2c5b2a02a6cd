// auth_set_user_disabled disables or enables the user $id, changing nothing
// else, and returns the user.
MATCH (u:GapmapUser {id: $id})
SET u.disabled = $disabled
RETURN u AS user
