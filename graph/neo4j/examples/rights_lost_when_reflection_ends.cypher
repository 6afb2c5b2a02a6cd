// What does a person lose when the reflection period ends? For each status
// that can follow it, the needs the reflection period entitles by law and the
// next status does not.
MATCH (before:Status {id: 'reflection'})-[t:TRANSITIONS_TO]->(after:Status)
MATCH (before)-[e:ENTITLES]->(n:Need)
WHERE NOT (after)-[:ENTITLES]->(n)
RETURN after.name AS next_status, t.trigger AS trigger, collect(n.name) AS needs_lost
ORDER BY next_status
