// auth_record_failures records a failed sign-in at $at under each key of
// $keys, drops the key's failures at or before $since (they have left the
// window), and returns the failures the key keeps. Setting _LOCK_ takes the
// write lock on the key's node before its times are read, so that failures
// recorded at once by several instances wait for each other and none is
// lost (the "lost updates" pattern of Neo4j's manual); the uniqueness
// constraint on key makes MERGE create one node per key.
UNWIND $keys AS k
MERGE (f:GapmapLoginFailures {key: k})
SET f._LOCK_ = true
WITH f
SET f.times = [t IN coalesce(f.times, []) WHERE t > $since] + $at
REMOVE f._LOCK_
RETURN f.key AS key, f.times AS times
