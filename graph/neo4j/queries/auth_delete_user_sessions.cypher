// auth_delete_user_sessions deletes every session of the user $user_id: a
// disabled user, or one whose password was reset, is signed out everywhere.
MATCH (s:GapmapSession {user_id: $user_id})
DELETE s
RETURN count(*) AS deleted
