// constraint_token_hash makes token hashes unique (and indexed): every API
// request with a token looks one up.
CREATE CONSTRAINT gapmap_token_hash IF NOT EXISTS
FOR (t:GapmapToken) REQUIRE t.hash IS UNIQUE
