package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/hsds"
)

func newImportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import a service directory (Open Referral HSDS 3.0) into the store",
		Args:  usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: 2, err: fmt.Errorf("import: name the format: hsds (see %s --help)", cmd.CommandPath())}
		},
	}
	cmd.AddCommand(newImportHSDSCmd(a))
	return cmd
}

func newImportHSDSCmd(a *app) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "hsds FILE [--dry-run]",
		Short: "Import organisations and services from an Open Referral HSDS 3.0 JSON file",
		Long: `Read an HSDS 3.0 JSON file (as gapmap export hsds writes it) and create or
update its organisations and services, matched by id, with their eligibility
rules, needs, stages, regions and sources (internal/hsds/HSDS.md).

The whole file is checked first. If anything in it is invalid, every problem
is listed by its JSON path, nothing is written and the exit status is 1.
Otherwise the import is one transaction, and the command lists what it
created, what it changed and what it could not map (terms of other
taxonomies, ids the landscape does not have), which it left out. With
--dry-run it lists the same and writes nothing.`,
		Example: `  gapmap import hsds directory.json --dry-run
  gapmap import hsds directory.json`,
		Args: usage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("import hsds: %w", err)
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			l, err := st.Landscape(ctx)
			if err != nil {
				return err
			}
			im, err := hsds.PlanImport(l, data)
			var invalid *hsds.Error
			if errors.As(err, &invalid) {
				for _, p := range invalid.Problems {
					fmt.Fprintf(a.stderr, "%s: %s\n", args[0], p)
				}
				return fmt.Errorf("import hsds %s: %d problem(s); nothing was written", args[0], len(invalid.Problems))
			}
			if err != nil {
				return fmt.Errorf("import hsds %s: %w", args[0], err)
			}
			printImport(a.stdout, im)
			switch {
			case dryRun:
				fmt.Fprintf(a.stdout, "dry run: nothing written (landscape version %d)\n", l.Version())
				return nil
			case im.Change.Empty():
				fmt.Fprintf(a.stdout, "nothing to change (landscape version %d)\n", l.Version())
				return nil
			}
			im.Change.Actor = "cli"
			im.Change.Reason = "import hsds " + filepath.Base(args[0])
			v, err := st.Apply(ctx, im.Change)
			if err != nil {
				return fmt.Errorf("import hsds %s: nothing was written: %s", args[0], graph.ErrorMessage(err))
			}
			fmt.Fprintf(a.stdout, "imported: landscape version %d\n", v)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check the file and list what would change, writing nothing")
	cmd.Flags().String("data", "data", "directory of the embedded store")
	return cmd
}

// printImport lists what an import creates, changes and cannot map.
func printImport(w io.Writer, im *hsds.Import) {
	for _, c := range im.Created {
		fmt.Fprintf(w, "created: %s\n", c)
	}
	for _, c := range im.Changed {
		fmt.Fprintf(w, "changed: %s\n", c)
	}
	for _, u := range im.Unmapped {
		fmt.Fprintf(w, "could not map: %s\n", u)
	}
	fmt.Fprintf(w, "%d created, %d changed, %d unchanged, %d could not be mapped\n",
		len(im.Created), len(im.Changed), im.Unchanged, len(im.Unmapped))
}
