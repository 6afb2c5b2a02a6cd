package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// newSecret returns 256 random bits, URL-safe: a session id or the secret
// part of an API token.
func newSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashSecret returns the hex SHA-256 of a session id or API token, the only
// form in which either is stored. A fast hash is right here: the secrets are
// 256 random bits, which no one can guess, unlike a password.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// newID returns a random id that graph.ValidID accepts: 16 characters of
// lower-case base32 (80 bits).
func newID() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}
