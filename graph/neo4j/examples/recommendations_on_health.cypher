// GRETA and OSCE recommendations that concern health needs, with the report
// they come from.
MATCH (r:Recommendation)-[:CONCERNS]->(n:Need {category: 'health'})
RETURN r.body AS body, r.reference AS reference, r.year AS year, r.summary AS summary,
       collect(n.name) AS needs
ORDER BY year, body
