// constraint_organisation_id makes the ids of Organisation nodes unique (and indexed).
CREATE CONSTRAINT gapmap_organisation_id IF NOT EXISTS
FOR (n:Organisation) REQUIRE n.id IS UNIQUE
