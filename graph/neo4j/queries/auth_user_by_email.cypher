// auth_user_by_email returns the user with the email $email, if any.
MATCH (u:GapmapUser {email: $email})
RETURN u AS user
