package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/gapmap/gapmap/config"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/auth"
)

// app is what every command shares: the viper instance flags are bound to,
// and, once loaded, the typed configuration and the logger.
type app struct {
	v          *viper.Viper
	configFile string
	cfg        config.Config
	log        *slog.Logger
	stdout     io.Writer
	stderr     io.Writer
	// neo4jTimeout is the least bound of each Neo4j transaction (above
	// neo4j.timeout). gapmap migrate raises it: it copies a landscape in one.
	neo4jTimeout time.Duration
}

// newRootCmd builds the gapmap command tree.
func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	a := &app{v: config.New(), stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "gapmap",
		Short:         "Map the support landscape for victims of human trafficking and show where they fall between systems",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			a.bindFlags(cmd)
			return a.load()
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: 2, err: fmt.Errorf("%w (see %s --help)", err, c.CommandPath())}
	})
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "configuration file (default ./gapmap.yaml or /etc/gapmap/gapmap.yaml)")
	root.PersistentFlags().String("log-level", "info", "log level: debug, info, warn or error")

	root.AddCommand(
		newServeCmd(a),
		newSeedCmd(a),
		newCheckCmd(a),
		newAnalyseCmd(a), newFindingsCmd(a),
		newEvidenceCmd(a),
		newMigrateCmd(a),
		newVersionCmd(a),
		newUserCmd(a), newOrgCmd(a),
		newExportCmd(a), newImportCmd(a),
	)
	return root
}

// flagKeys maps the flags that set a configuration key to their key. A
// command that defines one of these flags gets it bound when it runs.
var flagKeys = map[string]string{
	"addr":      "addr",
	"data":      "data",
	"seed":      "seed",
	"log-level": "log.level",
}

// bindFlags binds the configuration flags of the running command to their
// keys, so that a flag, when given, overrides the environment and the file.
// Binding happens per run: several commands define --data, and viper keeps
// one binding per key.
func (a *app) bindFlags(cmd *cobra.Command) {
	for name, key := range flagKeys {
		if f := cmd.Flags().Lookup(name); f != nil {
			if err := a.v.BindPFlag(key, f); err != nil {
				panic(fmt.Sprintf("bind flag %s: %v", name, err)) // a programming error, found by any test run
			}
		}
	}
}

// load reads the configuration and sets up logging.
func (a *app) load() error {
	cfg, err := config.Load(a.v, a.configFile)
	if err != nil {
		return err
	}
	a.cfg = cfg
	a.log = newLogger(a.stderr, cfg.Log)
	return nil
}

func newLogger(w io.Writer, c config.Log) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level)) // validated by config
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens the configured store.
func (a *app) openStore(ctx context.Context) (graph.Store, error) {
	return a.openStoreKind(ctx, a.cfg.Store)
}

// openStoreKind opens the store of the given kind, embedded or neo4j, as
// configured.
func (a *app) openStoreKind(ctx context.Context, kind string) (graph.Store, error) {
	b, err := a.openBackend(ctx, kind)
	if err != nil {
		return nil, err
	}
	return b.Store, nil
}

// backend is the database main opened: the landscape and, in the same
// database (one backup, one transaction boundary), the accounts.
type backend struct {
	graph.Store
	accounts auth.Store
}

// openBackend opens the store of the given kind, embedded or neo4j, as
// configured, with its accounts.
func (a *app) openBackend(ctx context.Context, kind string) (backend, error) {
	switch kind {
	case "neo4j":
		st, err := openNeo4j(ctx, a.cfg.Neo4j, a.neo4jTimeout, a.log)
		if err != nil {
			return backend{}, err
		}
		return backend{st, st.Accounts()}, nil
	case "embedded":
		if err := os.MkdirAll(a.cfg.Data, 0o750); err != nil {
			return backend{}, fmt.Errorf("create data directory: %w", err)
		}
		path := filepath.Join(a.cfg.Data, "gapmap.db")
		st, err := embedded.Open(ctx, path)
		if err != nil {
			return backend{}, err
		}
		a.log.Debug("store opened", "store", "embedded", "path", path)
		return backend{st, st.Accounts()}, nil
	}
	return backend{}, fmt.Errorf("unknown store %q (want embedded or neo4j)", kind)
}
