package auth_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestLoginLimitHoldsUnderConcurrency sends 150 wrong passwords at once, at
// one account from many addresses and from one address at many accounts:
// each try is counted before its password is checked, so no more passwords
// are checked than the limits allow (5 per account, 20 per address), on
// both ways of counting.
func TestLoginLimitHoldsUnderConcurrency(t *testing.T) {
	for _, counting := range countings {
		for _, test := range []struct {
			name    string
			try     func(i int) (email, remote string)
			checked int
		}{
			{"one account", func(i int) (string, string) {
				return "kari@example.org", fmt.Sprintf("203.0.%d.%d:1", i/200, i%200)
			}, 5},
			{"one address", func(i int) (string, string) { return fmt.Sprintf("u%d@example.org", i), "198.51.100.7:1" }, 20},
		} {
			t.Run(counting.name+"/"+test.name, func(t *testing.T) {
				m, _ := counting.open(t)
				mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
				var (
					wg      sync.WaitGroup
					mu      sync.Mutex
					results = map[string]int{}
				)
				for i := range 150 {
					wg.Go(func() {
						email, remote := test.try(i)
						_, _, err := m.Login(ctx, email, "a wrong guess", remote)
						mu.Lock()
						results[code(err)]++
						mu.Unlock()
					})
				}
				wg.Wait()
				if results[auth.EUNAUTHORIZED] != test.checked || results[auth.ELIMITED] != 150-test.checked {
					t.Errorf("150 guesses at once: %v; want %d checked (unauthorized), the rest limited", results, test.checked)
				}
			})
		}
	}
}

// TestRightPasswordGetsInDespiteGuesses: guesses from elsewhere keep the
// account waiting, but never lock its owner out: from an address the owner
// signed in from before, the right password gets in at once; from a new
// one, after at most LoginMaxDelay.
func TestRightPasswordGetsInDespiteGuesses(t *testing.T) {
	for _, counting := range countings {
		t.Run(counting.name, func(t *testing.T) {
			m, c := counting.open(t)
			u := mustUser(t, m, "admin@example.org", auth.RoleAdmin, "")
			const home = "192.0.2.10:1"
			if _, _, err := m.Login(ctx, u.Email, pw, home); err != nil {
				t.Fatal(err)
			}
			// An attacker guesses for three hours, as fast as allowed: 5
			// free, 6 in the rising delays of 5s to 160s (315s), then one
			// per 5 minutes, the longest delay, for good.
			for hour, most := range []int{22, 13, 13} {
				end := c.now().Add(time.Hour)
				guesses := 0
				for i := 0; c.now().Before(end); i++ {
					_, _, err := m.Login(ctx, u.Email, "a wrong guess", fmt.Sprintf("203.0.%d.%d:1", hour, i%250))
					if wait, limited := auth.IsLimited(err); limited {
						c.advance(wait)
						continue
					}
					guesses++
				}
				if guesses > most {
					t.Errorf("hour %d of guessing checked %d passwords; want at most %d", hour+1, guesses, most)
				}
			}
			if _, _, err := m.Login(ctx, u.Email, pw, home); err != nil {
				t.Errorf("the owner's right password from home, during the attack: %v; want in", err)
			}
			_, _, err := m.Login(ctx, u.Email, pw, "198.51.100.99:1")
			wait, limited := auth.IsLimited(err)
			if limited && wait > m.Config().LoginMaxDelay {
				t.Errorf("from a new address the owner waits %v, more than the maximum delay %v", wait, m.Config().LoginMaxDelay)
			}
			c.advance(wait)
			if _, _, err := m.Login(ctx, u.Email, pw, "198.51.100.99:1"); err != nil {
				t.Errorf("the right password from a new address after the wait: %v", err)
			}
		})
	}
}

// TestUnlockLetsTheAccountIn: after guesses have put the account at a delay,
// Unlock (gapmap user unlock) lets the right password in at once from a new
// address, on both ways of counting.
func TestUnlockLetsTheAccountIn(t *testing.T) {
	for _, counting := range countings {
		t.Run(counting.name, func(t *testing.T) {
			m, _ := counting.open(t)
			u := mustUser(t, m, "admin@example.org", auth.RoleAdmin, "")
			for i := range 5 {
				m.Login(ctx, u.Email, "a wrong guess", fmt.Sprintf("203.0.113.%d:1", i))
			}
			if _, _, err := m.Login(ctx, u.Email, pw, "198.51.100.1:1"); code(err) != auth.ELIMITED {
				t.Fatalf("after 5 guesses: %v; want limited", err)
			}
			if err := m.Unlock(ctx, "ADMIN@example.org"); err != nil {
				t.Fatal(err)
			}
			if _, _, err := m.Login(ctx, u.Email, pw, "198.51.100.1:1"); err != nil {
				t.Errorf("after Unlock: %v; want in", err)
			}
		})
	}
}
