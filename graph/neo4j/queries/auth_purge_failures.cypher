// auth_purge_failures deletes the keys whose failed sign-ins are all at or
// before $since, having left the window. It takes each such key's write
// lock (setting _LOCK_) and checks again under it, so that a failure
// recorded meanwhile by a sign-in keeps its key.
MATCH (f:GapmapLoginFailures)
WHERE none(t IN f.times WHERE t > $since)
SET f._LOCK_ = true
REMOVE f._LOCK_
WITH f
WHERE none(t IN f.times WHERE t > $since)
DELETE f
RETURN count(*) AS deleted
