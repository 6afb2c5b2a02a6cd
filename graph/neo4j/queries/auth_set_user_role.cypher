// auth_set_user_role sets the role and the organisation of the user $id to
// $role and $org_id, changing nothing else, unless that would leave no
// enabled administrator: the user is one, $role is not admin and no other
// user is one. It returns the user as stored and whether it was changed
// (false: the user is the last enabled administrator); no row if there is
// no user $id. Setting _LOCK_ on every user takes their write locks before
// their roles are read, so that two administrators who demote each other at
// once wait for each other and the second sees the first's change (the
// "lost updates" pattern of Neo4j's manual); the driver retries the one a
// deadlock between them rolls back.
MATCH (u:GapmapUser {id: $id})
MATCH (a:GapmapUser)
SET a._LOCK_ = true
REMOVE a._LOCK_
WITH u, count(CASE WHEN a.id <> $id AND a.role = 'admin' AND NOT coalesce(a.disabled, false) THEN a END) AS other_admins
WITH u, $role = 'admin' OR u.role <> 'admin' OR coalesce(u.disabled, false) OR other_admins > 0 AS allowed
FOREACH (change IN CASE WHEN allowed THEN [1] ELSE [] END | SET u.role = $role, u.org_id = $org_id)
RETURN u AS user, allowed
