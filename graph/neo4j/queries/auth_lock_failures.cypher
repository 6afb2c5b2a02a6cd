// auth_lock_failures takes the write lock on the node of each key of $keys
// (MERGE makes one, under the uniqueness constraint on key, if there is
// none) and returns its failed sign-ins after $since, in the order
// recorded. Setting _LOCK_ takes the lock before the times are read, and
// the transaction holds it to its end, so that the sign-ins that check and
// record under a key one after another in their own transactions wait for
// each other (the "lost updates" pattern of Neo4j's manual). A node MERGE
// makes gets an empty list of times, as every node of a key has a list.
UNWIND $keys AS k
MERGE (f:GapmapLoginFailures {key: k})
SET f._LOCK_ = true
SET f.times = coalesce(f.times, [])
REMOVE f._LOCK_
RETURN f.key AS key, [t IN coalesce(f.times, []) WHERE t > $since] AS times
