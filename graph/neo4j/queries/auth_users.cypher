// auth_users returns every user, in no particular order.
MATCH (u:GapmapUser)
RETURN u AS user
