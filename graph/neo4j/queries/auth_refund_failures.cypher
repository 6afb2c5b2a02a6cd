// auth_refund_failures removes the failed sign-in at $at from each key of
// $keys that has a node: the sign-in counted at $at succeeded, or its
// password was never checked.
UNWIND $keys AS k
MATCH (f:GapmapLoginFailures {key: k})
SET f.times = [t IN coalesce(f.times, []) WHERE t <> $at]
RETURN count(f) AS refunded
