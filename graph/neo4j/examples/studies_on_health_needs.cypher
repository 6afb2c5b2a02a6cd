// The studies and reviews on each health need, and how many of them have
// data from Norway (countries holds ISO 3166 codes; "no" is Norway).
MATCH (s:Source)-[:STUDIES]->(n:Need {category: 'health'})
WHERE s.kind IN ['study', 'review']
RETURN n.name AS need, count(s) AS studies,
       count(CASE WHEN 'no' IN coalesce(s.countries, []) THEN 1 END) AS norwegian,
       collect(s.name) AS names
ORDER BY norwegian, studies DESC
