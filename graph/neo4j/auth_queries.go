package neo4j

// The queries of the accounts (auth*.go) and their migrations.
var (
	qAuthUserTaken         = newQuery("auth_user_taken.cypher", params("id", "email"), "id_taken", "email_taken")
	qAuthCreateUser        = newQuery("auth_create_user.cypher", params("props"), "id")
	qAuthUser              = newQuery("auth_user.cypher", params("id"), "user")
	qAuthUserByEmail       = newQuery("auth_user_by_email.cypher", params("email"), "user")
	qAuthUsers             = newQuery("auth_users.cypher", nil, "user")
	qAuthSetUserDisabled   = newQuery("auth_set_user_disabled.cypher", params("id", "disabled"), "user")
	qAuthSetUserPassword   = newQuery("auth_set_user_password.cypher", params("id", "hash"), "user")
	qAuthSetUserRole       = newQuery("auth_set_user_role.cypher", params("id", "role", "org_id"), "user", "allowed")
	qAuthCreateSession     = newQuery("auth_create_session.cypher", params("props"), "id_hash")
	qAuthSession           = newQuery("auth_session.cypher", params("id_hash"), "session")
	qAuthTouchSession      = newQuery("auth_touch_session.cypher", params("id_hash", "last_seen"), "touched")
	qAuthDeleteSession     = newQuery("auth_delete_session.cypher", params("id_hash"), "deleted")
	qAuthDeleteUserSess    = newQuery("auth_delete_user_sessions.cypher", params("user_id"), "deleted")
	qAuthDeleteExpiredSess = newQuery("auth_delete_expired_sessions.cypher", params("now", "idle_before"), "deleted")
	qAuthCreateToken       = newQuery("auth_create_token.cypher", params("props"), "id")
	qAuthTokenByHash       = newQuery("auth_token_by_hash.cypher", params("hash"), "token")
	qAuthTokens            = newQuery("auth_tokens.cypher", params("user_id"), "token")
	qAuthTouchToken        = newQuery("auth_touch_token.cypher", params("id", "at"), "touched")
	qAuthRevokeToken       = newQuery("auth_revoke_token.cypher", params("id", "at"), "revoked")
	qAuthRecordFailures    = newQuery("auth_record_failures.cypher", params("keys", "at", "since"), "key", "times")
	qAuthFailures          = newQuery("auth_failures.cypher", params("keys", "since"), "key", "times")
	qAuthForgetFailures    = newQuery("auth_forget_failures.cypher", params("key"), "deleted")
	qAuthPurgeFailures     = newQuery("auth_purge_failures.cypher", params("since"), "deleted")
	qAuthLockFailures      = newQuery("auth_lock_failures.cypher", params("keys", "since"), "key", "times")
	qAuthRefundFailures    = newQuery("auth_refund_failures.cypher", params("keys", "at"), "refunded")
	qAuthForgetKeys        = newQuery("auth_forget_keys.cypher", params("keys"), "deleted")
	qAuthMarkKnown         = newQuery("auth_mark_known.cypher", params("key", "until"), "marked")

	qConstraintUserID        = newQuery("constraint_user_id.cypher", nil)
	qConstraintUserEmail     = newQuery("constraint_user_email.cypher", nil)
	qConstraintSessionIDHash = newQuery("constraint_session_id_hash.cypher", nil)
	qConstraintTokenID       = newQuery("constraint_token_id.cypher", nil)
	qConstraintTokenHash     = newQuery("constraint_token_hash.cypher", nil)
	qIndexSessionUserID      = newQuery("index_session_user_id.cypher", nil)
	qIndexTokenUserID        = newQuery("index_token_user_id.cypher", nil)

	qConstraintLoginFailuresKey = newQuery("constraint_login_failures_key.cypher", nil)
)

// authMigration is the migration of the accounts' constraints and indexes.
var authMigration = []*query{
	qConstraintUserID, qConstraintUserEmail, qConstraintSessionIDHash,
	qConstraintTokenID, qConstraintTokenHash, qIndexSessionUserID, qIndexTokenUserID,
}

// loginFailuresMigration is the migration of the failed sign-ins' constraint.
var loginFailuresMigration = []*query{qConstraintLoginFailuresKey}
