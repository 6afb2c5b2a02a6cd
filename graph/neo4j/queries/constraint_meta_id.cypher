// constraint_meta_id keeps one meta node per id, so concurrent first writes
// cannot create two.
CREATE CONSTRAINT gapmap_meta_id IF NOT EXISTS
FOR (m:GapmapMeta) REQUIRE m.id IS UNIQUE
