package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

func newUserCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "Manage the accounts of staff: add, list, disable, enable, reset-password, set-role",
		Long: `Manage the accounts of the staff who edit service profiles. The first
administrator of a fresh install is added here:

  gapmap user add --email you@example.org --name "Your Name" --role admin

Roles: admin (users and organisations, and everything a coordinator may),
coordinator (edits and restores every service, sees stale profiles), editor
(edits the services of its organisation, given with --org), analyst (reads
everything, edits nothing). A new or reset password is printed once, unless
--password-stdin reads one. set-role gives a user another role or
organisation.

With the embedded store, stop gapmap serve first (the file is locked while it
runs) or use the admin page, /admin/users.`,
	}
	cmd.PersistentFlags().String("data", "data", "directory of the embedded store (GAPMAP_DATA)")
	cmd.AddCommand(newUserAddCmd(a), newUserListCmd(a), newUserDisableCmd(a, true), newUserDisableCmd(a, false), newUserResetCmd(a),
		newUserSetRoleCmd(a), newUserUnlockCmd(a))
	return cmd
}

func newUserAddCmd(a *app) *cobra.Command {
	var nu auth.NewUser
	var role string
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "add --email EMAIL --name NAME --role ROLE [--org ORG]",
		Short: "Add a user",
		Args:  usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := auth.ParseRole(role)
			if err != nil {
				return &exitError{code: 2, err: fmt.Errorf("user add: --role: %s", auth.ErrorMessage(err))}
			}
			nu.Role = r
			if err := cleanFlags("user add", map[string]string{"email": nu.Email, "name": nu.Name, "org": nu.OrgID}); err != nil {
				return err
			}
			return a.withAccounts(cmd.Context(), func(m *auth.Manager, st graph.Store) error {
				if nu.OrgID != "" {
					if err := checkOrg(cmd.Context(), st, nu.OrgID); err != nil {
						return err
					}
				}
				generated := !fromStdin
				if nu.Password, err = newPassword(cmd.InOrStdin(), fromStdin); err != nil {
					return err
				}
				u, err := m.CreateUser(cmd.Context(), nu)
				if err != nil {
					return fmt.Errorf("user add: %s", auth.ErrorMessage(err))
				}
				fmt.Fprintf(a.stdout, "added %s (%s%s), id %s\n", u.Email, u.Role, orgSuffix(u.OrgID), u.ID)
				if generated {
					fmt.Fprintf(a.stdout, "password: %s\n(shown only now: give it to the user in person)\n", nu.Password)
				}
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&nu.Email, "email", "", "the user's email, which they sign in with (required)")
	f.StringVar(&nu.Name, "name", "", "the user's name (default: the part of the email before @)")
	f.StringVar(&nu.OrgID, "org", "", "id of the user's organisation in the landscape (required for an editor)")
	f.StringVar(&role, "role", "editor", "admin, coordinator, editor or analyst")
	f.BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input instead of generating one")
	_ = cmd.MarkFlagRequired("email")
	cmd.PreRun = func(*cobra.Command, []string) {
		if nu.Name == "" {
			nu.Name, _, _ = strings.Cut(nu.Email, "@")
		}
	}
	return cmd
}

func newUserListCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the users",
		Args:  usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withAccounts(cmd.Context(), func(m *auth.Manager, _ graph.Store) error {
				us, err := m.Users(cmd.Context())
				if err != nil {
					return err
				}
				w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tORGANISATION\tSTATUS\tCREATED\tID")
				for _, u := range us {
					status := "active"
					if u.Disabled {
						status = "disabled"
					}
					org := u.OrgID
					if org == "" {
						org = "-"
					}
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", termSafe(u.Email), termSafe(u.Name), termSafe(string(u.Role)), termSafe(org), status, u.Created.Format("2006-01-02"), termSafe(u.ID))
				}
				return w.Flush()
			})
		},
	}
}

// newUserDisableCmd is user disable (or, with disable false, user enable).
func newUserDisableCmd(a *app, disable bool) *cobra.Command {
	use, short := "disable EMAIL", "Disable a user and end their sessions; their API tokens stop working"
	if !disable {
		use, short = "enable EMAIL", "Enable a disabled user"
	}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  usage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withAccounts(cmd.Context(), func(m *auth.Manager, _ graph.Store) error {
				u, err := userByEmail(cmd.Context(), m, args[0])
				if err != nil {
					return err
				}
				if u, err = m.SetDisabled(cmd.Context(), u.ID, disable); err != nil {
					return err
				}
				state := "enabled"
				if disable {
					state = "disabled; their sessions are ended"
				}
				fmt.Fprintf(a.stdout, "%s is %s\n", u.Email, state)
				return nil
			})
		},
	}
}

func newUserResetCmd(a *app) *cobra.Command {
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "reset-password EMAIL",
		Short: "Give a user a new password (printed once, or read with --password-stdin) and end their sessions",
		Args:  usage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withAccounts(cmd.Context(), func(m *auth.Manager, _ graph.Store) error {
				u, err := userByEmail(cmd.Context(), m, args[0])
				if err != nil {
					return err
				}
				pw, err := newPassword(cmd.InOrStdin(), fromStdin)
				if err != nil {
					return err
				}
				if _, err := m.SetPassword(cmd.Context(), u.ID, pw); err != nil {
					return fmt.Errorf("reset-password: %s", auth.ErrorMessage(err))
				}
				if err := m.Unlock(cmd.Context(), u.Email); err != nil {
					return fmt.Errorf("reset-password: %s", auth.ErrorMessage(err))
				}
				fmt.Fprintf(a.stdout, "new password set for %s; their sessions are ended\n", u.Email)
				if !fromStdin {
					fmt.Fprintf(a.stdout, "password: %s\n(shown only now: give it to the user in person)\n", pw)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input instead of generating one")
	return cmd
}

// withAccounts opens the configured store, which keeps the accounts beside
// the landscape, and runs fn with a Manager on it.
func (a *app) withAccounts(ctx context.Context, fn func(*auth.Manager, graph.Store) error) error {
	b, err := a.openBackend(ctx, a.cfg.Store)
	if err != nil {
		return err
	}
	defer b.Close()
	m, err := auth.NewManager(b.accounts, a.authConfig())
	if err != nil {
		return err
	}
	return fn(m, b.Store)
}

// userByEmail finds a user, with a message that says what to do if none.
func userByEmail(ctx context.Context, m *auth.Manager, email string) (*auth.User, error) {
	u, err := m.UserByEmail(ctx, email)
	if auth.ErrorCode(err) == auth.ENOTFOUND {
		return nil, fmt.Errorf("no user with email %s (see gapmap user list)", auth.NormalizeEmail(email))
	}
	return u, err
}

// checkOrg checks that org is an organisation of the landscape in st.
func checkOrg(ctx context.Context, st graph.Store, org string) error {
	l, err := st.Landscape(ctx)
	if err != nil {
		return err
	}
	if _, err := graph.Lookup[*graph.Organisation](l, org); err == nil {
		return nil
	}
	orgs := graph.All[*graph.Organisation](l)
	if len(orgs) == 0 {
		return fmt.Errorf("--org %s: the landscape has no organisations yet: start gapmap serve once (it loads the seed) or run gapmap seed", org)
	}
	ids := make([]string, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	return fmt.Errorf("--org %s: no such organisation; the landscape has: %s (or add one with gapmap org add)", org, strings.Join(ids, ", "))
}

// newPassword reads a password from the first line of in, or generates one.
func newPassword(in io.Reader, fromStdin bool) (string, error) {
	if !fromStdin {
		return auth.GeneratePassword(), nil
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		return "", fmt.Errorf("the password from standard input must be %d to %d characters long", auth.MinPassword, auth.MaxPassword)
	}
	return pw, nil
}

func orgSuffix(org string) string {
	if org == "" {
		return ""
	}
	return " of " + org
}
