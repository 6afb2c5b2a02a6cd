package auth

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Config configures a Manager. Zero fields take the defaults in brackets.
type Config struct {
	// SessionTTL is how long a session lasts however active it is. [12h]
	SessionTTL time.Duration
	// SessionIdle ends a session not used for this long. [1h]
	SessionIdle time.Duration
	// LoginLimit is how many failed sign-ins an account (or an account
	// from a known address) may have within LoginWindow before each
	// further try waits a rising delay (see rule). [5]
	LoginLimit int
	// LoginAddressLimit is how many failed sign-ins a remote address may
	// have within LoginWindow, over every account, before its tries wait
	// for the oldest to leave the window. [4 × LoginLimit]
	LoginAddressLimit int
	// LoginWindow is how long a failed sign-in counts. [15m]
	LoginWindow time.Duration
	// LoginDelay is the first delay after the free failures; each further
	// failure doubles it, up to LoginMaxDelay. [5s, 5m]
	LoginDelay, LoginMaxDelay time.Duration
	// LoginBackoffFor is how long a failure counts towards the delays: long
	// enough that a steady attacker, one try per LoginMaxDelay, keeps more
	// than LoginLimit failures in it and so the longest delay; short enough
	// that the counts of sprayed guesses do not pile up in memory. [1h]
	LoginBackoffFor time.Duration
	// LoginKnownFor is how long an address from which an account signed in
	// stays known, exempt from the delays that failures elsewhere put on
	// the account. [30 days]
	LoginKnownFor time.Duration
	// HashMemory bounds the memory, in bytes, that the argon2id hashes
	// running at once may take; HashQueue is how many more may wait, for
	// at most HashWait, before a sign-in is refused with EBUSY.
	// [64 MiB, 32, 2s]
	HashMemory int64
	HashQueue  int
	HashWait   time.Duration
	// Params are the argon2id parameters of new password hashes.
	// [DefaultParams]
	Params Params
	// Now returns the time; tests set it. [time.Now]
	Now func() time.Time
}

// touchEvery is how stale LastSeen or LastUsed may grow before a request
// writes it again: a write per request would be a write per page view.
const touchEvery = time.Minute

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.SessionTTL, 12*time.Hour)
	def(&c.SessionIdle, time.Hour)
	def(&c.LoginWindow, 15*time.Minute)
	def(&c.LoginDelay, 5*time.Second)
	def(&c.LoginMaxDelay, 5*time.Minute)
	def(&c.LoginKnownFor, 30*24*time.Hour)
	def(&c.LoginBackoffFor, time.Hour)
	def(&c.HashWait, 2*time.Second)
	if c.HashMemory <= 0 {
		c.HashMemory = 64 << 20
	}
	if c.HashQueue <= 0 {
		c.HashQueue = 32
	}
	if c.LoginLimit <= 0 {
		c.LoginLimit = 5
	}
	if c.LoginAddressLimit <= 0 {
		c.LoginAddressLimit = 4 * c.LoginLimit
	}
	if c.Params == (Params{}) {
		c.Params = DefaultParams
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Manager signs users in and out, manages users and API tokens, and tells
// who is behind a session cookie or a token. It is safe for concurrent use.
type Manager struct {
	store Store
	cfg   Config
	// limit counts failed sign-ins: in the store if it is a FailureStore,
	// else in memory.
	limit loginLimit
	// gate bounds the memory of the password hashes running at once.
	gate *hashGate
	// dummyHash is checked against when an email is unknown, so that a
	// failed sign-in takes as long whether or not the account exists.
	dummyHash string
}

// NewManager returns a Manager keeping its records in store. If store is a
// FailureStore, the login limit counts failed sign-ins in it, shared by
// every instance on the store (a StoreLimiter); else it counts them in
// memory (a Limiter), which costs a sign-in no round trip to the store.
func NewManager(store Store, cfg Config) (*Manager, error) {
	cfg = cfg.withDefaults()
	dummy, err := HashPassword(cfg.Params, GeneratePassword())
	if err != nil {
		return nil, err
	}
	return &Manager{
		store:     store,
		cfg:       cfg,
		limit:     newLoginLimit(store, cfg),
		gate:      newHashGate(cfg),
		dummyHash: dummy,
	}, nil
}

// Config returns the manager's configuration, defaults filled in.
func (m *Manager) Config() Config { return m.cfg }

func (m *Manager) now() time.Time { return m.cfg.Now().UTC().Round(0) }

// Now returns the time by the manager's clock (Config.Now), in UTC.
func (m *Manager) Now() time.Time { return m.now() }

// NewUser is what it takes to create a user.
type NewUser struct {
	Email    string
	Name     string
	OrgID    string
	Role     Role
	Password string
}

// CreateUser creates a user. The caller checks that OrgID names an
// organisation of the landscape. EINVALID names the field at fault;
// ECONFLICT if the email is taken.
func (m *Manager) CreateUser(ctx context.Context, nu NewUser) (*User, error) {
	if err := CheckPasswordPolicy(nu.Password); err != nil {
		return nil, err
	}
	hash, err := m.gate.hash(ctx, m.cfg.Params, nu.Password)
	if err != nil {
		return nil, err
	}
	u := &User{
		ID: newID(), Email: NormalizeEmail(nu.Email), Name: nu.Name, OrgID: nu.OrgID,
		Role: nu.Role, PasswordHash: hash, Created: m.now(),
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	if err := m.store.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// Users returns every user, sorted by email.
func (m *Manager) Users(ctx context.Context) ([]*User, error) { return m.store.Users(ctx) }

// User returns the user with id.
func (m *Manager) User(ctx context.Context, id string) (*User, error) { return m.store.User(ctx, id) }

// UserByEmail returns the user with email.
func (m *Manager) UserByEmail(ctx context.Context, email string) (*User, error) {
	return m.store.UserByEmail(ctx, NormalizeEmail(email))
}

// SetDisabled disables or enables user id. Disabling ends every session of
// the user at once; the user's tokens stop working while disabled.
func (m *Manager) SetDisabled(ctx context.Context, id string, disabled bool) (*User, error) {
	u, err := m.store.SetUserDisabled(ctx, id, disabled)
	if err != nil {
		return nil, err
	}
	if disabled {
		if _, err := m.store.DeleteUserSessions(ctx, id); err != nil {
			return nil, fmt.Errorf("end sessions of %s: %w", u.Email, err)
		}
	}
	return u, nil
}

// SetPassword sets the password of user id and ends every session of the
// user: whoever knew the old password is signed out.
func (m *Manager) SetPassword(ctx context.Context, id, password string) (*User, error) {
	if err := CheckPasswordPolicy(password); err != nil {
		return nil, err
	}
	hash, err := m.gate.hash(ctx, m.cfg.Params, password)
	if err != nil {
		return nil, err
	}
	u, err := m.store.SetUserPassword(ctx, id, hash)
	if err != nil {
		return nil, err
	}
	if _, err := m.store.DeleteUserSessions(ctx, id); err != nil {
		return nil, fmt.Errorf("end sessions of %s: %w", u.Email, err)
	}
	return u, nil
}

// notFound reports whether err means "no such record", which a sign-in
// must not tell apart from a wrong secret.
func notFound(err error) bool { return ErrorCode(err) == ENOTFOUND }

// ChangePassword sets user u's own password to next, once current is the
// password u has now, and ends every session of u: wherever else u was
// signed in (perhaps by whoever knew the old password) is signed out. A
// wrong current password counts as a failed sign-in of u's account, under
// the same limit, so the form cannot be used to guess it.
//
// Errors: *LimitedError (ELIMITED) while the login limit makes the account
// wait; *BusyError (EBUSY) when too many passwords are being checked;
// EINVALID for the field current_password (wrong) or new_password (too
// short or too long, or the same as current).
func (m *Manager) ChangePassword(ctx context.Context, u *User, current, next, remote string) error {
	now := m.now()
	stored, err := m.store.User(ctx, u.ID)
	if err != nil {
		return err
	}
	a, wait, err := m.limit.Begin(ctx, stored.Email, remote, now)
	if err != nil {
		return err
	}
	if wait > 0 {
		return &LimitedError{RetryAfter: wait}
	}
	match, err := m.gate.check(ctx, stored.PasswordHash, current)
	if _, busy := IsBusy(err); busy {
		if cerr := m.limit.Cancel(ctx, a); cerr != nil {
			return cerr
		}
		return err
	}
	if err != nil {
		return fmt.Errorf("password change of %s: %w", stored.Email, err)
	}
	if !match {
		return FieldError("user", "current_password", "is not your current password")
	}
	// The current password is right: the try is no failure, whatever the
	// new password is.
	if err := m.limit.Succeed(ctx, a); err != nil {
		return err
	}
	if err := CheckPasswordPolicy(next); err != nil {
		var ge *Error
		if errors.As(err, &ge) {
			return FieldError("user", "new_password", "%s", ge.Message)
		}
		return err
	}
	if next == current {
		return FieldError("user", "new_password", "is the same as the current one")
	}
	_, err = m.SetPassword(ctx, u.ID, next)
	return err
}

// Unlock forgets the failed sign-ins of the account email, so that its
// next sign-in waits for no delay: the way back for an administrator whom
// guesses at the account keep waiting (`gapmap user unlock`). With the
// count in memory (the embedded store) it forgets them in this process
// only; the server's count ends when the server stops.
func (m *Manager) Unlock(ctx context.Context, email string) error {
	return m.limit.Unlock(ctx, NormalizeEmail(email))
}
