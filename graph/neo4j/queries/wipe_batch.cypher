// wipe_batch deletes up to 1000 nodes of any label, with their edges, and
// returns how many it deleted. Only the tests use it, to empty a database
// between conformance tests; the schema stays.
MATCH (n)
WITH n LIMIT 1000
DETACH DELETE n
RETURN count(*) AS deleted
