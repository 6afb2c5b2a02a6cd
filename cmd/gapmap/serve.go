package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web"
	"github.com/gapmap/gapmap/seed"
)

func newServeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboards and the API",
		Long: `Serve the dashboards, the service pages and the JSON API. On first start with
an empty store, the built-in Norwegian seed (or the directory given with --seed)
is loaded. SIGINT or SIGTERM stops the server gracefully.`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.serve(cmd.Context())
		},
	}
	f := cmd.Flags()
	f.String("addr", "localhost:8080", "HOST:PORT to listen on (GAPMAP_ADDR)")
	f.String("data", "data", "directory of the embedded store (GAPMAP_DATA)")
	f.String("seed", "", "seed directory to load on first start instead of the built-in Norwegian seed (GAPMAP_SEED)")
	return cmd
}

func (a *app) serve(ctx context.Context) error {
	b, err := a.openBackend(ctx, a.cfg.Store)
	if err != nil {
		return err
	}
	defer b.Close()
	st := b.Store

	if err := a.seedIfEmpty(ctx, st); err != nil {
		return err
	}
	lv, err := graph.NewLive(ctx, st)
	if err != nil {
		return err
	}
	a.log.Info("landscape loaded", "store", a.cfg.Store, "landscape", lv.Landscape().String())
	if a.cfg.Store == "neo4j" {
		go lv.Watch(ctx, a.cfg.Neo4j.Poll, a.log)
	}

	editing, err := a.editing(ctx, b, lv)
	if err != nil {
		return err
	}
	// One Chromium for the chart exports, started on the first export and
	// stopped when the server has stopped.
	renderer := a.newRenderer()
	defer renderer.Close()
	if err := renderer.Check(); err != nil {
		a.log.Warn("chart exports (SVG, PNG, PDF, the GRETA pack) are unavailable; CSV and XLSX work", "reason", err.Error())
	}
	opts := append(editing, web.WithExports(web.Exports{Renderer: renderer, Gapmap: version,
		Store: a.cfg.Store, Data: a.cfg.Data, JobTTL: a.cfg.Export.JobTTL}))
	srv, err := web.NewServer(web.Config{
		ReadTimeout:     a.cfg.HTTP.ReadTimeout,
		WriteTimeout:    a.cfg.HTTP.WriteTimeout,
		IdleTimeout:     a.cfg.HTTP.IdleTimeout,
		ShutdownTimeout: a.cfg.HTTP.ShutdownTimeout,
		SuppressBelow:   a.cfg.Suppression.Threshold,
		SuppressStep:    a.cfg.Suppression.Step,
		// The session cookie and the stale list (auth.*).
		InsecureCookies:  !a.cfg.Auth.CookieSecure,
		StaleAfterMonths: a.cfg.Auth.StaleMonths,
		TrustedProxies:   a.cfg.Auth.TrustedProxies,
	}, lv, st, a.log, opts...)
	if err != nil {
		return err
	}
	return srv.Run(ctx, a.cfg.Addr)
}

// seedIfEmpty loads the configured seed into st if st holds no node yet.
func (a *app) seedIfEmpty(ctx context.Context, st graph.Store) error {
	l, err := st.Landscape(ctx)
	if err != nil {
		return err
	}
	if n, _ := l.Len(); n > 0 {
		return nil
	}
	s, err := loadSeed(a.cfg.Seed)
	if err != nil {
		return err
	}
	res, err := seed.Apply(ctx, st, s)
	if err != nil {
		return fmt.Errorf("seed %s: %w", seedName(a.cfg.Seed), err)
	}
	a.log.Info("seed loaded", "seed", seedName(a.cfg.Seed), "result", res.String())
	return nil
}
