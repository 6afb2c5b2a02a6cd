// auth_failures returns the failed sign-ins after $since of each key of
// $keys that has a node; the times come in the order recorded.
MATCH (f:GapmapLoginFailures)
WHERE f.key IN $keys
RETURN f.key AS key, [t IN f.times WHERE t > $since] AS times
