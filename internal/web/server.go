// Package web is gapmap's HTTP front end, assembled by NewServer: one
// gorilla/mux router with the public pages, the JSON API, the editing,
// account and admin pages, the downloads and the health checks, and the
// middleware of package middleware around them. Its parts live in
// subpackages: render (the templates, parsed once by NewServer so that a
// template that does not parse stops start-up; the page words; the one
// adapter from a handler's returned error to an error page or an RFC 9457
// problem), health (/healthz and /readyz), middleware, static (the hashed
// static files) and exportjobs (the pack jobs, which Close stops).
package web

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web/exportjobs"
	"github.com/gapmap/gapmap/internal/web/middleware"
	"github.com/gapmap/gapmap/internal/web/render"
	"github.com/gapmap/gapmap/internal/web/static"
)

// Landscapes gives the current landscape snapshot; *graph.Live satisfies it.
// Landscape returns nil while no snapshot is loaded.
type Landscapes interface {
	Landscape() *graph.Landscape
}

// Versioner reports the store's landscape version; readiness asks it. Every
// graph.Store satisfies it.
type Versioner interface {
	Version(ctx context.Context) (int64, error)
}

// Config configures a Server. Zero fields take the defaults in brackets.
type Config struct {
	ReadHeaderTimeout time.Duration // [5s]
	ReadTimeout       time.Duration // [15s]
	WriteTimeout      time.Duration // [30s]
	IdleTimeout       time.Duration // [120s]
	// ShutdownTimeout bounds the graceful shutdown when Run's context ends. [10s]
	ShutdownTimeout time.Duration
	// ReadyTimeout bounds the store call of /readyz. [2s]
	ReadyTimeout time.Duration
	// Lang is the page language when the request names none: "en" or "nb". [en]
	Lang string
	// SuppressBelow hides counts of people below it (shown as "<N"). [5]
	SuppressBelow int
	// SuppressStep rounds shown counts of people to a multiple of it (0: no rounding).
	SuppressStep int
	// InsecureCookies drops the Secure flag (and the __Host- prefix) of the
	// session cookie, for clients that refuse Secure cookies on plain http
	// to localhost; config allows it only with a loopback address.
	InsecureCookies bool
	// StaleAfterMonths is how long a profile may go unverified before it
	// is listed as stale. [12]
	StaleAfterMonths int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client's address, for the login limit per address.
	TrustedProxies []netip.Prefix
}

// withDefaults returns c with its zero fields set to the defaults.
func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.ReadHeaderTimeout, 5*time.Second)
	def(&c.ReadTimeout, 15*time.Second)
	def(&c.WriteTimeout, 30*time.Second)
	def(&c.IdleTimeout, 120*time.Second)
	def(&c.ShutdownTimeout, 10*time.Second)
	def(&c.ReadyTimeout, 2*time.Second)
	if c.Lang != "nb" {
		c.Lang = "en"
	}
	if c.SuppressBelow <= 0 {
		c.SuppressBelow = 5
	}
	if c.StaleAfterMonths <= 0 {
		c.StaleAfterMonths = 12
	}
	return c
}

// Server serves gapmap over HTTP. Its templates and static files are parsed
// and indexed once, by NewServer.
type Server struct {
	cfg     Config
	lv      Landscapes
	store   Versioner
	log     *slog.Logger
	tmpl    *render.Templates
	static  *static.Files
	handler http.Handler
	// edit is set by WithEditing; nil serves the read-only site.
	edit *Editing
	// exports is set by WithExports; without it, chart exports answer 503.
	exports *Exports
	// dashboards are the built dashboards, one cache for the pages, the
	// JSON API and the exports.
	dashboards *dashCache
	// templateFS is the templates directory parsed at start-up (tests
	// give a broken one).
	templateFS fs.FS
	// packs are the pack jobs, made in the background; Close stops them.
	packs *exportjobs.Jobs
}

// NewServer returns a server that reads landscapes from lv and asks store
// (which may be nil) whether it answers, for readiness. It parses the
// embedded templates and indexes the static files, and logs a warning if the
// ECharts script is missing: pages then work without charts.
func NewServer(cfg Config, lv Landscapes, store Versioner, log *slog.Logger, opts ...Option) (*Server, error) {
	return newServer(cfg, lv, store, log, static.Embedded(), opts...)
}

// newServer is NewServer with the static files given, for tests.
func newServer(cfg Config, lv Landscapes, store Versioner, log *slog.Logger, staticDir fs.FS, opts ...Option) (*Server, error) {
	if lv == nil {
		return nil, errors.New("web: no landscapes")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	st, err := static.Index(staticDir)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if !st.Charts() {
		log.Warn("ECharts is missing from this build: pages are served without charts; "+
			"run make assets (npm ci, then copy node_modules/echarts/dist/echarts.min.js into internal/echartsjs/dist/) before go build",
			"want", "internal/echartsjs/dist/echarts.min.js")
	}
	s := &Server{cfg: cfg.withDefaults(), lv: lv, store: store, log: log, static: st,
		dashboards: newDashCache(), templateFS: render.Embedded()}
	for _, opt := range opts {
		opt(s)
	}
	tmpl, err := render.Parse(s.templateFS)
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s.tmpl = tmpl
	s.packs = exportjobs.New(s.exports.withDefaults().JobTTL, translate)
	s.handler = s.routes()
	return s, nil
}

// Close stops the work the server does in the background (the pack jobs
// being made or waiting for a turn: they end as failed) and waits until it
// has stopped, or until ctx ends. Serve calls it at shutdown; a caller
// that only uses Handler calls it before closing what the work uses (the
// renderer).
func (s *Server) Close(ctx context.Context) error {
	return s.packs.Close(ctx)
}

// clientAddr returns the address r comes from, behind the trusted proxies.
func (s *Server) clientAddr(r *http.Request) string {
	return middleware.Proxies(s.cfg.TrustedProxies).ClientAddr(r)
}

// requestID returns the id of the request of ctx.
func requestID(ctx context.Context) string { return middleware.RequestID(ctx) }

// Handler returns the server's HTTP handler, with all its middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on addr (such as ":8080") and serves until ctx is done, then
// shuts down gracefully within Config.ShutdownTimeout. It returns nil after
// a clean shutdown.
func (s *Server) Run(ctx context.Context, addr string) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened (for example on port 0 in
// tests). It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		// Requests keep ctx's values but not its cancellation, so that
		// shutdown lets them finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.InfoContext(ctx, "listening", "addr", ln.Addr().String())

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		_ = s.Close(sctx)
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := s.Close(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	s.log.Info("stopped")
	return nil
}
