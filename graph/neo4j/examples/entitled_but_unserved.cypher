// Needs an undocumented person is entitled to by law, with the services that
// accept undocumented people and meet them: an empty list is a gap.
MATCH (st:Status {id: 'undocumented'})-[e:ENTITLES]->(n:Need)
OPTIONAL MATCH (s:Service)-[:MEETS]->(n)
WHERE (s)-[:ACCEPTS]->(st)
RETURN n.name AS need, e.legal_basis AS legal_basis, collect(s.name) AS services
ORDER BY size(services), need
