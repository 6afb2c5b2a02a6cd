// constraint_service_id makes the ids of Service nodes unique (and indexed).
CREATE CONSTRAINT gapmap_service_id IF NOT EXISTS
FOR (n:Service) REQUIRE n.id IS UNIQUE
