package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// newUserSetRoleCmd is user set-role: another role, another organisation,
// or both, for an existing user.
func newUserSetRoleCmd(a *app) *cobra.Command {
	var role, org string
	cmd := &cobra.Command{
		Use:   "set-role EMAIL --role ROLE [--org ORG]",
		Short: "Give a user another role or organisation; a move ends their sessions and revokes their API tokens",
		Long: `Give a user another role, another organisation, or both. The new role applies
from the user's next request. Moving the user to another organisation also
ends their sessions and revokes their API tokens, which were for the old one.
Without --org the user keeps their organisation; --org "" leaves them none.
The last enabled administrator cannot be given another role.`,
		Args: usage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := auth.ParseRole(role)
			if err != nil {
				return &exitError{code: 2, err: fmt.Errorf("user set-role: --role: %s", auth.ErrorMessage(err))}
			}
			return a.withAccounts(cmd.Context(), func(m *auth.Manager, st graph.Store) error {
				u, err := userByEmail(cmd.Context(), m, args[0])
				if err != nil {
					return err
				}
				orgID := u.OrgID
				if cmd.Flags().Changed("org") {
					orgID = org
				}
				if orgID != "" && orgID != u.OrgID {
					if err := checkOrg(cmd.Context(), st, orgID); err != nil {
						return err
					}
				}
				changed, err := m.SetRole(cmd.Context(), u.ID, r, orgID)
				if err != nil {
					return fmt.Errorf("user set-role: %s", auth.ErrorMessage(err))
				}
				fmt.Fprintf(a.stdout, "%s is now %s%s", changed.Email, changed.Role, orgSuffix(changed.OrgID))
				if changed.OrgID != u.OrgID {
					fmt.Fprint(a.stdout, "; their sessions are ended and their API tokens revoked")
				}
				fmt.Fprintln(a.stdout)
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&role, "role", "", "admin, coordinator, editor or analyst (required)")
	f.StringVar(&org, "org", "", `id of the user's organisation in the landscape (default: the one they have; "" for none)`)
	_ = cmd.MarkFlagRequired("role")
	return cmd
}
