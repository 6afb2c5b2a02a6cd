package main

import (
	"context"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/web"
)

// authConfig returns the configuration of the accounts (sessions and the
// login limit) from the auth.* keys.
func (a *app) authConfig() auth.Config {
	c := a.cfg.Auth
	return auth.Config{
		SessionTTL:        c.SessionTTL,
		SessionIdle:       c.SessionIdle,
		LoginLimit:        c.LoginLimit,
		LoginAddressLimit: c.LoginAddressLimit,
		LoginWindow:       c.LoginWindow,
		LoginMaxDelay:     c.LoginMaxDelay,
		HashMemory:        int64(c.HashMemoryMiB) << 20,
	}
}

// editing returns the web server's options that turn on sign-in, the
// editing pages and the write API, on the accounts b keeps beside the
// landscape, and purges ended sessions and old failed sign-ins every hour
// until ctx is done.
func (a *app) editing(ctx context.Context, b backend, lv *graph.Live) ([]web.Option, error) {
	m, err := auth.NewManager(b.accounts, a.authConfig())
	if err != nil {
		return nil, err
	}
	if !a.cfg.Auth.CookieSecure {
		a.log.Warn("auth.cookie_secure is false: session cookies go over plain http; only for localhost")
	}
	go a.purgeAccounts(ctx, m)
	return []web.Option{web.WithEditing(web.Editing{Live: lv, History: b.Store, Accounts: m})}, nil
}

// purgeAccounts deletes ended sessions every hour, and the failed sign-ins
// that have left the login window where the store counts them.
func (a *app) purgeAccounts(ctx context.Context, m *auth.Manager) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if n, err := m.PurgeSessions(ctx); err != nil {
			a.log.WarnContext(ctx, "purge ended sessions", "err", err)
		} else if n > 0 {
			a.log.InfoContext(ctx, "ended sessions purged", "sessions", n)
		}
		if n, err := m.PurgeFailures(ctx); err != nil {
			a.log.WarnContext(ctx, "purge old failed sign-ins", "err", err)
		} else if n > 0 {
			a.log.InfoContext(ctx, "old failed sign-ins purged", "keys", n)
		}
	}
}
