// constraint_session_id_hash makes session id hashes unique (and indexed):
// every request with a session cookie looks one up.
CREATE CONSTRAINT gapmap_session_id_hash IF NOT EXISTS
FOR (s:GapmapSession) REQUIRE s.id_hash IS UNIQUE
