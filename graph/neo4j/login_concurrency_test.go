package neo4j

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestNeo4jLoginLimitUnderConcurrency signs in 150 times at once with a
// wrong password through two Managers on one Neo4j database, as two gapmap
// instances would: at one account, 5 passwords are checked in all; from one
// address at many accounts, 20. The rest are refused before any hash.
func TestNeo4jLoginLimitUnderConcurrency(t *testing.T) {
	cfg := testConfig(t)
	for _, test := range []struct {
		name    string
		try     func(i int) (email, remote string)
		checked int
	}{
		{"one account", func(i int) (string, string) { return "kari@example.org", fmt.Sprintf("203.0.%d.%d:1", i/200, i%200) }, 5},
		{"one address", func(i int) (string, string) { return fmt.Sprintf("u%d@example.org", i), "198.51.100.7:1" }, 20},
	} {
		t.Run(test.name, func(t *testing.T) {
			s := mustOpenWiped(t, cfg)
			var ms []*auth.Manager
			for range 2 {
				m, err := auth.NewManager(s.Accounts(), auth.Config{Params: auth.TestParams})
				if err != nil {
					t.Fatal(err)
				}
				ms = append(ms, m)
			}
			if _, err := ms[0].CreateUser(context.Background(), auth.NewUser{Email: "kari@example.org", Name: "Kari",
				Role: auth.RoleAdmin, Password: "correct horse battery staple"}); err != nil {
				t.Fatal(err)
			}
			var (
				wg      sync.WaitGroup
				mu      sync.Mutex
				results = map[string]int{}
			)
			for i := range 150 {
				wg.Go(func() {
					email, remote := test.try(i)
					_, _, err := ms[i%2].Login(context.Background(), email, "a wrong guess", remote)
					mu.Lock()
					results[auth.ErrorCode(err)]++
					mu.Unlock()
				})
			}
			wg.Wait()
			if results[auth.EUNAUTHORIZED] != test.checked || results[auth.ELIMITED] != 150-test.checked {
				t.Errorf("150 guesses at once over two instances: %v; want %d checked (unauthorized), the rest limited", results, test.checked)
			}
		})
	}
}
