// constraint_user_email makes the emails of users unique (and indexed): the
// email is what a user signs in with.
CREATE CONSTRAINT gapmap_user_email IF NOT EXISTS
FOR (u:GapmapUser) REQUIRE u.email IS UNIQUE
