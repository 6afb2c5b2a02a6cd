// constraint_recommendation_id makes the ids of Recommendation nodes unique (and indexed).
CREATE CONSTRAINT gapmap_recommendation_id IF NOT EXISTS
FOR (n:Recommendation) REQUIRE n.id IS UNIQUE
