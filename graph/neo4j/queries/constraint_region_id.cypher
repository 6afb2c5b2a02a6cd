// constraint_region_id makes the ids of Region nodes unique (and indexed).
CREATE CONSTRAINT gapmap_region_id IF NOT EXISTS
FOR (n:Region) REQUIRE n.id IS UNIQUE
