package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// newUserUnlockCmd is the way back for an account that guesses keep
// waiting, the last administrator's included: run on the machine, it
// forgets the account's failed sign-ins.
func newUserUnlockCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "unlock EMAIL",
		Short: "Forget the failed sign-ins of a user, so that their next sign-in waits for no delay",
		Long: `Forget the failed sign-ins of a user. The login limit never locks an
account: after a few failures each try waits a rising delay (at most
auth.login_max_delay), and an address the user signed in from before is
exempt from the delays that guesses from elsewhere cause. unlock is for a
user who must get in at once from a new address.

With neo4j the failures are kept in the database, and unlock forgets them for
every instance while they run. With the embedded store they are kept in the
memory of gapmap serve, which holds the store's file: stop it (which forgets
them), run reset-password here if the password is lost, and start it again.`,
		Args: usage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withAccounts(cmd.Context(), func(m *auth.Manager, _ graph.Store) error {
				u, err := userByEmail(cmd.Context(), m, args[0])
				if err != nil {
					return err
				}
				if err := m.Unlock(cmd.Context(), u.Email); err != nil {
					return fmt.Errorf("unlock: %s", auth.ErrorMessage(err))
				}
				fmt.Fprintf(a.stdout, "the failed sign-ins of %s are forgotten\n", u.Email)
				return nil
			})
		},
	}
}
