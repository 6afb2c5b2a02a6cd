// auth_mark_known leaves under $key the one time $until: the mark that an
// address is known to an account, which keeps its node through
// auth_purge_failures until then.
MERGE (f:GapmapLoginFailures {key: $key})
SET f.times = [$until]
RETURN count(f) AS marked
