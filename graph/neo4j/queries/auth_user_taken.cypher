// auth_user_taken reports whether a user has the id $id and whether one has
// the email $email, so that a new user gets a clear conflict; the uniqueness
// constraints catch a race between two creations.
OPTIONAL MATCH (a:GapmapUser {id: $id})
OPTIONAL MATCH (b:GapmapUser {email: $email})
RETURN count(a) AS id_taken, count(b) AS email_taken
