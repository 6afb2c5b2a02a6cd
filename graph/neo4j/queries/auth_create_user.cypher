// auth_create_user creates a user with the properties $props.
CREATE (u:GapmapUser)
SET u = $props
RETURN u.id AS id
