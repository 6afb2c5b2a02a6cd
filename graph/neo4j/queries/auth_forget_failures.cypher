// auth_forget_failures forgets the failed sign-ins of $key, after a
// successful sign-in of its account.
MATCH (f:GapmapLoginFailures {key: $key})
DELETE f
RETURN count(*) AS deleted
