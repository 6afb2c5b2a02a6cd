package neo4j

import (
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/gapmap/gapmap/internal/auth"
)

// The accounts are nodes without the Node label, so no landscape query sees
// them: (:GapmapUser), (:GapmapSession) and (:GapmapToken), their properties
// named like the JSON fields of auth.User, auth.Session and auth.Token. A
// zero time (a token never used or not revoked) is no property at all. The
// failed sign-ins are (:GapmapLoginFailures) nodes (see auth_failures.go).

func userProps(u *auth.User) map[string]any {
	return map[string]any{
		"id": u.ID, "email": u.Email, "name": u.Name, "org_id": u.OrgID, "role": string(u.Role),
		"disabled": u.Disabled, "password_hash": u.PasswordHash, "created": dbTime(u.Created),
	}
}

func userFromDB(n dbtype.Node) (*auth.User, error) {
	p := authProps{props: n.Props, what: "user"}
	u := &auth.User{
		ID: p.str("id"), Email: p.str("email"), Name: p.str("name"), OrgID: p.str("org_id"),
		Role: auth.Role(p.str("role")), Disabled: p.boolean("disabled"),
		PasswordHash: p.str("password_hash"), Created: p.time("created"),
	}
	return u, p.err
}

func sessionProps(s *auth.Session) map[string]any {
	return map[string]any{
		"id_hash": s.IDHash, "user_id": s.UserID,
		"created": dbTime(s.Created), "expires": dbTime(s.Expires), "last_seen": dbTime(s.LastSeen),
	}
}

func sessionFromDB(n dbtype.Node) (*auth.Session, error) {
	p := authProps{props: n.Props, what: "session"}
	s := &auth.Session{
		IDHash: p.str("id_hash"), UserID: p.str("user_id"),
		Created: p.time("created"), Expires: p.time("expires"), LastSeen: p.time("last_seen"),
	}
	return s, p.err
}

func tokenProps(t *auth.Token) map[string]any {
	m := map[string]any{
		"id": t.ID, "hash": t.Hash, "user_id": t.UserID, "org_id": t.OrgID, "name": t.Name,
		"created": dbTime(t.Created),
	}
	if !t.LastUsed.IsZero() {
		m["last_used"] = dbTime(t.LastUsed)
	}
	if !t.Revoked.IsZero() {
		m["revoked"] = dbTime(t.Revoked)
	}
	if !t.Expires.IsZero() {
		m["expires"] = dbTime(t.Expires)
	}
	return m
}

func tokenFromDB(n dbtype.Node) (*auth.Token, error) {
	p := authProps{props: n.Props, what: "token"}
	t := &auth.Token{
		ID: p.str("id"), Hash: p.str("hash"), UserID: p.str("user_id"), OrgID: p.str("org_id"),
		Name: p.str("name"), Created: p.time("created"), LastUsed: p.time("last_used"), Revoked: p.time("revoked"),
		Expires: p.time("expires"),
	}
	return t, p.err
}

// authProps reads the properties of an account node; the first property of
// the wrong type is kept in err. A missing property reads as the zero value.
type authProps struct {
	props map[string]any
	what  string
	err   error
}

func authProp[T any](p *authProps, key string) T {
	var zero T
	v, ok := p.props[key]
	if !ok || v == nil {
		return zero
	}
	t, ok := v.(T)
	if !ok && p.err == nil {
		p.err = fmt.Errorf("stored %s: property %s is %T, want %T", p.what, key, v, zero)
	}
	return t
}

func (p *authProps) str(key string) string   { return authProp[string](p, key) }
func (p *authProps) boolean(key string) bool { return authProp[bool](p, key) }
func (p *authProps) time(key string) time.Time {
	t := authProp[time.Time](p, key)
	if t.IsZero() {
		return time.Time{}
	}
	return t
}
