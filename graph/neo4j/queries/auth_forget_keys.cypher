// auth_forget_keys forgets the failed sign-ins of each key of $keys.
UNWIND $keys AS k
MATCH (f:GapmapLoginFailures {key: k})
DELETE f
RETURN count(*) AS deleted
