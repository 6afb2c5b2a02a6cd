package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
)

func newOrgCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "org",
		Short: "Manage the organisations users belong to: add, list",
	}
	cmd.PersistentFlags().String("data", "data", "directory of the embedded store (GAPMAP_DATA)")
	cmd.AddCommand(newOrgAddCmd(a), newOrgListCmd(a))
	return cmd
}

func newOrgAddCmd(a *app) *cobra.Command {
	o := &graph.Organisation{}
	var kind string
	cmd := &cobra.Command{
		Use:   "add --id ID --name NAME --kind KIND",
		Short: "Add an organisation to the landscape",
		Args:  usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Kind = graph.OrgKind(kind)
			if err := cleanFlags("org add", map[string]string{"id": o.ID, "name": o.Name, "url": o.URL}); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			c := (&graph.Change{Actor: "cli", Reason: "org add"}).Create(o)
			if _, err := st.Apply(cmd.Context(), c); err != nil {
				return fmt.Errorf("org add: %s", graph.ErrorMessage(err))
			}
			fmt.Fprintf(a.stdout, "added organisation %s (%s)\n", termSafe(o.ID), termSafe(o.Name))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.ID, "id", "", "the organisation's id: lower-case letters, digits, _ and - (required)")
	f.StringVar(&o.Name, "name", "", "the organisation's name (required)")
	f.StringVar(&kind, "kind", "ngo", "ngo, municipal, state, international or private")
	f.StringVar(&o.URL, "url", "", "the organisation's web site")
	_ = cmd.MarkFlagRequired("id")
	_ = cmd.MarkFlagRequired("name")
	return cmd
}

func newOrgListCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the organisations of the landscape",
		Args:  usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			l, err := st.Landscape(cmd.Context())
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tKIND\tNAME")
			for _, o := range graph.All[*graph.Organisation](l) {
				fmt.Fprintf(w, "%s\t%s\t%s\n", termSafe(o.ID), termSafe(string(o.Kind)), termSafe(o.Name))
			}
			return w.Flush()
		},
	}
}
