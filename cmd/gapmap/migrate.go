package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
)

// migrateTimeout bounds the one transaction that writes the copy into Neo4j
// (and each read): a Europe-scale landscape takes minutes on a busy server.
const migrateTimeout = 15 * time.Minute

func newMigrateCmd(a *app) *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate --from STORE --to STORE",
		Short: "Copy the landscape from one store to another (embedded, neo4j) and verify the copy",
		Long: `Copy the whole landscape from one store to another in one transaction, keeping
every node's version, then load both and compare them node by node and edge by
edge. The target store must be empty. Both stores are configured as usual
(data, neo4j.uri, neo4j.username, neo4j.password, neo4j.database).`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			// The copy is one transaction: on Neo4j, give it longer than a
			// request's.
			a.neo4jTimeout = migrateTimeout
			if from == to {
				return &exitError{code: 2, err: fmt.Errorf("migrate: --from and --to are both %q", from)}
			}
			src, err := a.openStoreKind(ctx, from)
			if err != nil {
				return fmt.Errorf("migrate: open %s: %w", from, err)
			}
			defer src.Close()
			dst, err := a.openStoreKind(ctx, to)
			if err != nil {
				return fmt.Errorf("migrate: open %s: %w", to, err)
			}
			defer dst.Close()
			n, e, err := copyLandscape(ctx, src, dst)
			if err != nil {
				return fmt.Errorf("migrate %s -> %s: %w", from, to, err)
			}
			fmt.Fprintf(a.stdout, "migrated %d nodes and %d edges from %s to %s; the copy matches\n", n, e, from, to)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "store to copy from: embedded or neo4j")
	cmd.Flags().StringVar(&to, "to", "", "store to copy to: embedded or neo4j")
	cmd.Flags().String("data", "data", "directory of the embedded store")
	_ = cmd.MarkFlagRequired("from")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

// copyLandscape copies every node (with its version) and edge of src into
// the empty store dst in one change, then checks that both snapshots hold
// the same nodes and edges.
func copyLandscape(ctx context.Context, src, dst graph.Store) (nodes, edges int, err error) {
	have, err := dst.Landscape(ctx)
	if err != nil {
		return 0, 0, err
	}
	if n, _ := have.Len(); n > 0 {
		return 0, 0, fmt.Errorf("the target store already holds %d nodes: migrate only into an empty store", n)
	}
	l, err := src.Landscape(ctx)
	if err != nil {
		return 0, 0, err
	}
	if n, _ := l.Len(); n == 0 {
		return 0, 0, fmt.Errorf("%w: the source store is empty; run `gapmap seed` against it first", errNoLandscape)
	}
	c := &graph.Change{}
	for _, n := range l.AllNodes() {
		c.Create(n)
	}
	for _, e := range l.Edges() {
		c.PutEdge(e)
	}
	if _, err := dst.Apply(ctx, c); err != nil {
		return 0, 0, fmt.Errorf("write: %w", err)
	}
	copied, err := dst.Landscape(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("verify: %w", err)
	}
	if diff := diffLandscapes(l, copied); diff != "" {
		return 0, 0, fmt.Errorf("verify: the copy differs from the source (-source +copy):\n%s", diff)
	}
	nodes, edges = l.Len()
	return nodes, edges, nil
}

// diffLandscapes compares the nodes and edges of two snapshots, ignoring
// their landscape versions, and returns "" when they are the same, else one
// line per node or edge only in a ("-") or only in b ("+"), as JSON. Edges
// are compared by their JSON, which leaves out empty lists: a store may not
// keep the difference between a nil and an empty list.
func diffLandscapes(a, b *graph.Landscape) string {
	lines := func(l *graph.Landscape) []string {
		var out []string
		for _, n := range l.AllNodes() {
			raw, err := graph.MarshalNode(n)
			if err != nil {
				raw = []byte(err.Error())
			}
			out = append(out, string(raw))
		}
		for _, e := range l.Edges() {
			raw, err := json.Marshal(e)
			if err != nil {
				raw = []byte(err.Error())
			}
			out = append(out, string(raw))
		}
		return out
	}
	in := func(of []string) map[string]int {
		m := make(map[string]int, len(of))
		for _, s := range of {
			m[s]++
		}
		return m
	}
	la, lb := lines(a), lines(b)
	ina, inb := in(la), in(lb)
	var diff strings.Builder
	for _, s := range la {
		if inb[s] > 0 {
			inb[s]--
		} else {
			diff.WriteString("- " + s + "\n")
		}
	}
	for _, s := range lb {
		if ina[s] > 0 {
			ina[s]--
		} else {
			diff.WriteString("+ " + s + "\n")
		}
	}
	return diff.String()
}
