package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// maxScenario is the largest scenario body accepted, in bytes.
const maxScenario = 1 << 20

// registerGapRoutes registers the gap engine's API: every gap of the six
// kinds, the needs lost per status transition, a group's gaps and
// fragmentation, a service's criticality, and what-if scenarios. Each takes
// the filters of gapQuery.
func (s *Server) registerGapRoutes(r *mux.Router) {
	// Full paths, not a /api/v1 subrouter: a subrouter that matches the
	// prefix would turn a wrong method on another /api/v1 route into a 404.
	r.Handle("/api/v1/gaps", s.handle(s.apiGaps)).Methods(readMethods...)
	r.Handle("/api/v1/findings", s.handle(s.apiFindings)).Methods(readMethods...)
	r.Handle("/api/v1/transitions", s.handle(s.apiTransitions)).Methods(readMethods...)
	r.Handle("/api/v1/groups/{id}/gaps", s.handle(s.apiGroupGaps)).Methods(readMethods...)
	r.Handle("/api/v1/services/{id}/criticality", s.handle(s.apiCriticality)).Methods(readMethods...)
	r.Handle("/api/v1/scenarios/analyse", s.handle(s.apiScenario)).Methods(http.MethodPost)
}

// analyse runs fn on the current landscape with the request's filters and
// writes its result as JSON.
func (s *Server) analyse(w http.ResponseWriter, r *http.Request,
	fn func(l *graph.Landscape, q gap.Query) (*gap.Result, error)) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	q, err := s.gapQuery(r)
	if err != nil {
		return err
	}
	res, err := fn(l, q)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, "application/json", withStudies(l, res))
}

// apiGaps serves GET /api/v1/gaps: every gap of the kinds asked for.
func (s *Server) apiGaps(w http.ResponseWriter, r *http.Request) error {
	return s.analyse(w, r, func(l *graph.Landscape, q gap.Query) (*gap.Result, error) {
		return gap.Analyse(r.Context(), l, q, gap.Scenario{})
	})
}

// apiTransitions serves GET /api/v1/transitions: per status transition, the
// needs covered before and not after.
func (s *Server) apiTransitions(w http.ResponseWriter, r *http.Request) error {
	return s.analyse(w, r, func(l *graph.Landscape, q gap.Query) (*gap.Result, error) {
		return gap.Transitions(r.Context(), l, q, gap.Scenario{})
	})
}

// apiGroupGaps serves GET /api/v1/groups/{id}/gaps: a named group's gaps and
// the doors it must knock on.
func (s *Server) apiGroupGaps(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	return s.analyse(w, r, func(l *graph.Landscape, q gap.Query) (*gap.Result, error) {
		return gap.GroupGaps(r.Context(), l, id, q, gap.Scenario{})
	})
}

// apiCriticality serves GET /api/v1/services/{id}/criticality: what opens if
// the service closes.
func (s *Server) apiCriticality(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	return s.analyse(w, r, func(l *graph.Landscape, q gap.Query) (*gap.Result, error) {
		return gap.Criticality(r.Context(), l, id, q, gap.Scenario{})
	})
}

// apiScenario serves POST /api/v1/scenarios/analyse: the body is a scenario
// in YAML or JSON; the result is the analysis under the scenario with its
// difference from the landscape as it is.
func (s *Server) apiScenario(w http.ResponseWriter, r *http.Request) error {
	body, err := readUpload(w, r, false)
	if err != nil {
		return err
	}
	sc, err := gap.ParseScenario(body)
	if err != nil {
		return err
	}
	return s.analyse(w, r, func(l *graph.Landscape, q gap.Query) (*gap.Result, error) {
		return gap.Analyse(r.Context(), l, q, sc)
	})
}
