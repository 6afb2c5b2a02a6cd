// Which services accept undocumented adults in Oslo? A service covers Oslo if
// it covers Oslo or any region Oslo is part of; an empty age_bands list means
// no age restriction.
MATCH (oslo:Region {id: 'oslo'})-[:PART_OF*0..]->(r:Region)<-[:COVERS]-(s:Service)
MATCH (s)-[a:ACCEPTS]->(:Status {id: 'undocumented'})
WHERE s.age_bands IS NULL OR 'adult' IN s.age_bands
MATCH (s)-[:RUN_BY]->(o:Organisation)
RETURN DISTINCT s.name AS service, o.name AS organisation, coalesce(a.extent, 'full') AS extent
ORDER BY service
