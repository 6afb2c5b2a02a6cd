package web

import (
	"net/http"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/findings"
)

// findingsResponse is the body of GET /api/v1/findings: the list, and
// the language its text fields are in.
type findingsResponse struct {
	Lang string `json:"lang"`
	*findings.List
}

// apiFindings serves GET /api/v1/findings: the gaps merged into a short
// ranked list of statements, with the filters of /api/v1/gaps (limit and
// offset page through the findings) and lang (en or nb) for the words
// chosen for one language; every finding carries its title in both.
func (s *Server) apiFindings(w http.ResponseWriter, r *http.Request) error {
	lang := r.URL.Query().Get("lang")
	switch lang {
	case "":
		lang = "en"
	case "en", "nb":
	default:
		return graph.FieldError("query", "lang", "unknown language %q (want en or nb)", lang)
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	q, err := s.gapQuery(r)
	if err != nil {
		return err
	}
	list, err := findings.Find(r.Context(), l, q)
	if err != nil {
		return err
	}
	if lang == "nb" {
		list = list.In("nb")
	}
	return writeJSON(w, http.StatusOK, "application/json", findingsResponse{Lang: lang, List: list})
}
