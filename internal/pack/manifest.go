package pack

import (
	"bytes"
	"cmp"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// ManifestPath is the manifest's path in a pack.
const ManifestPath = "manifest.json"

// Manifest describes a pack so that a figure in a published response can be
// traced back to it and made again: every file with its SHA-256, the data
// version and the time of its last change, the query, the language, gapmap's version and the command.
type Manifest struct {
	Gapmap      string `json:"gapmap"`
	Date        string `json:"date"`
	DataVersion int64  `json:"data_version"`
	// DataChanged is when the data version was made (RFC 3339, UTC, to the
	// microsecond); empty if the store did not record it.
	DataChanged string     `json:"data_changed,omitempty"`
	Language    string     `json:"language"`
	Query       url.Values `json:"query"`
	// Suppression is the rule small counts of people were shown under.
	Suppression privacy.Rule `json:"suppression"`
	Dashboards  []string     `json:"dashboards"`
	// Scenario is the what-if example analysed, if the pack has "whatif".
	Scenario string `json:"scenario,omitempty"`
	// CSV is the form of the CSV files: absent for RFC 4180, "excel" for
	// Excel on Norwegian settings.
	CSV tablefile.CSVDialect `json:"csv,omitempty"`
	// Command makes the same pack again from the same data version.
	Command string         `json:"command"`
	Files   []ManifestFile `json:"files"`
}

// ManifestFile is one file of a pack.
type ManifestFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
	// Kind is "report", "diagram", "table" or "manifest".
	Kind      string `json:"kind"`
	Dashboard string `json:"dashboard,omitempty"`
	Title     string `json:"title,omitempty"`
}

// encode returns the manifest as indented JSON.
func (m *Manifest) encode() ([]byte, error) {
	if m.Query == nil {
		m.Query = url.Values{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// packCommand is the command line that makes the pack of req again: the
// suppression rule (when it is not the default) and a Neo4j store as
// environment variables, then gapmap export pack with the embedded store's
// directory, the language, the date, the dashboards and the filters. Every
// flag that has a default is named, so that the command does not depend on
// the directory it is run in or on a configuration file's defaults.
func packCommand(req Request, names []string, st chart.Stamp) string {
	var args []string
	rule := req.Query.Privacy.Normalize()
	if rule.Threshold != privacy.DefaultThreshold || rule.Step > 0 {
		args = append(args, "GAPMAP_SUPPRESSION_THRESHOLD="+strconv.Itoa(rule.Threshold),
			"GAPMAP_SUPPRESSION_STEP="+strconv.Itoa(rule.Step))
	}
	if req.Store == "neo4j" {
		args = append(args, "GAPMAP_STORE=neo4j")
	}
	args = append(args, "gapmap", "export", "pack", "--out", "pack.zip")
	if req.Store != "neo4j" {
		args = append(args, "--data", cmp.Or(req.Data, "data"))
	}
	args = append(args, "--lang", langOrEN(req.Lang), "--date", st.Day())
	if !slices.Equal(names, chart.PackDashboards) {
		args = append(args, "--dashboards", strings.Join(names, ","))
	}
	if req.ScenarioID != "" {
		args = append(args, "--scenario", req.ScenarioID)
	}
	if req.CSV != tablefile.CSVStandard {
		args = append(args, "--csv", string(req.CSV))
	}
	args = append(args, chart.QueryFlags(req.Query)...)
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

func langOrEN(lang string) string {
	if lang == "nb" {
		return "nb"
	}
	return "en"
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.,/=:+@", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
