package auth

import (
	"context"
	"slices"
	"strings"
	"time"
)

// CreateToken makes a new API token for u, named name, scoped to u's
// organisation, that works for lifetime (one of TokenLifetimes; zero is
// DefaultTokenLifetime). It returns the token itself, which is never stored
// and cannot be shown again, and its record.
func (m *Manager) CreateToken(ctx context.Context, u *User, name string, lifetime time.Duration) (string, *Token, error) {
	if u == nil || u.Disabled {
		return "", nil, Errorf(EUNAUTHORIZED, "not signed in")
	}
	if lifetime == 0 {
		lifetime = DefaultTokenLifetime
	}
	if !slices.Contains(TokenLifetimes, lifetime) {
		return "", nil, FieldError("token", "expires", "choose a lifetime of 30, 90 or 365 days")
	}
	secret := TokenPrefix + newSecret()
	now := m.now()
	t := &Token{
		ID: newID(), Hash: HashSecret(secret), UserID: u.ID, OrgID: u.OrgID,
		Name: strings.TrimSpace(name), Created: now, Expires: now.Add(lifetime),
	}
	if err := t.Validate(); err != nil {
		return "", nil, err
	}
	if err := m.store.CreateToken(ctx, t); err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// Tokens returns the tokens of user id, oldest first.
func (m *Manager) Tokens(ctx context.Context, userID string) ([]*Token, error) {
	return m.store.Tokens(ctx, userID)
}

// RevokeToken revokes token id of user u; only the token's own user may.
// Revoking a revoked token is not an error and keeps its first revocation
// time. ENOTFOUND if u has no such token.
func (m *Manager) RevokeToken(ctx context.Context, u *User, id string) error {
	ts, err := m.store.Tokens(ctx, u.ID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.ID != id {
			continue
		}
		return m.store.RevokeToken(ctx, t.ID, m.now())
	}
	return NotFound("you have no token %q", id)
}

// TokenUser returns the user and token behind an API token. A malformed,
// unknown, revoked or expired token, a disabled user, or a user who has
// moved to another organisation since the token was made is EUNAUTHORIZED.
func (m *Manager) TokenUser(ctx context.Context, secret string) (*User, *Token, error) {
	invalid := Errorf(EUNAUTHORIZED, "the API token is invalid, revoked or expired")
	if !looksLikeToken(secret) {
		return nil, nil, invalid
	}
	t, err := m.store.TokenByHash(ctx, HashSecret(secret))
	if notFound(err) {
		return nil, nil, invalid
	}
	if err != nil {
		return nil, nil, err
	}
	if !t.Active() || t.Expired(m.now()) {
		return nil, nil, invalid
	}
	u, err := m.store.User(ctx, t.UserID)
	if notFound(err) || err == nil && (u.Disabled || u.OrgID != t.OrgID) {
		return nil, nil, invalid
	}
	if err != nil {
		return nil, nil, err
	}
	if now := m.now(); now.Sub(t.LastUsed) >= touchEvery {
		t.LastUsed = now
		if err := m.store.TouchToken(ctx, t.ID, now); err != nil {
			return nil, nil, err
		}
	}
	return u, t, nil
}
