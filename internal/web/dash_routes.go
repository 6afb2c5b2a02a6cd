package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
)

// dashHandlers serve the dashboards: the pages and their JSON twins, built
// once per snapshot, language and query and kept in a cache.
type dashHandlers struct {
	s *Server
}

// registerDashboardRoutes registers the dashboards: /dashboards, a page per
// dashboard at /dashboards/{name} (and POST /dashboards/whatif for an
// uploaded scenario), and the JSON twin of each at
// /api/v1/charts/{name}, which takes the same query parameters.
func (s *Server) registerDashboardRoutes(r *mux.Router) {
	d := &dashHandlers{s: s}
	r.Handle("/dashboards", s.handle(d.index)).Methods(readMethods...)
	r.Handle("/dashboards/whatif", s.handle(d.upload)).Methods(http.MethodPost)
	r.Handle("/dashboards/{name}", s.handle(d.page)).Methods(readMethods...)
	r.Handle("/api/v1/charts/whatif", s.handle(d.uploadAPI)).Methods(http.MethodPost)
	r.Handle("/api/v1/charts/{name}", s.handle(d.api)).Methods(readMethods...)
}

// known reports whether name is a dashboard.
func knownDashboard(name string) error {
	if slices.Contains(dashboardNames, name) {
		return nil
	}
	return graph.Errorf(graph.ENOTFOUND, "no dashboard %q", name)
}

// built returns the dashboard of req on the current landscape, from the
// cache when it was built before. The build does not stop when the request
// that started it goes away: other requests may be waiting for it.
func (d *dashHandlers) built(ctx context.Context, req dashRequest) (*builtDashboard, error) {
	l, err := d.s.landscape()
	if err != nil {
		return nil, err
	}
	return d.s.dashboards.get(req.key(l), func() (*builtDashboard, error) {
		return buildDashboard(context.WithoutCancel(ctx), l, req)
	})
}

// readUpload reads an uploaded scenario: the file of a multipart form
// (field "file"), else the "scenario" field of the form, else (for the API)
// the request body.
func readUpload(w http.ResponseWriter, r *http.Request, form bool) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxScenario)
	tooLarge := func(err error) error {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &graph.Error{Code: codeTooLarge, Field: "body", Message: fmt.Sprintf("the scenario is larger than %d bytes", maxScenario)}
		}
		return graph.FieldError("request", "body", "could not read the scenario: %v", err)
	}
	if !form {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, tooLarge(err)
		}
		return b, nil
	}
	if err := r.ParseMultipartForm(maxScenario); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return nil, tooLarge(err)
	}
	if f, _, err := r.FormFile("file"); err == nil {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxScenario+1))
		if err != nil {
			return nil, tooLarge(err)
		}
		if len(b) > 0 {
			return b, nil
		}
	}
	text := r.PostFormValue("scenario")
	if text == "" {
		return nil, graph.FieldError("form", "scenario", "choose a scenario file or paste a scenario")
	}
	return []byte(text), nil
}
