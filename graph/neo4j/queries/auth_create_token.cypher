// auth_create_token creates an API token record with the properties
// $props; the uniqueness constraints refuse a taken id or hash.
CREATE (t:GapmapToken)
SET t = $props
RETURN t.id AS id
