// constraint_login_failures_key makes the keys of the failed sign-ins unique
// (and indexed): every sign-in looks up two keys, and instances recording
// the first failure of a key at once MERGE it into one node, not two.
CREATE CONSTRAINT gapmap_login_failures_key IF NOT EXISTS
FOR (f:GapmapLoginFailures) REQUIRE f.key IS UNIQUE
