package gap

import (
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// CellCover is what covers one cell and what does not, computed as a listed
// Gap's Covering, Excluded and Entitlement are, but for any cell, with a gap
// or without: the page of one person's path shows the services of the
// needs that are met as well as the ones that are not.
type CellCover struct {
	Cell
	// Applies says whether the need arises for the profile at the stage
	// (a cell it does not apply to is no cell, and has no cover).
	Applies bool `json:"applies"`
	// Covering are the services that cover the cell, by id.
	Covering []ServiceRef `json:"covering,omitempty"`
	// Excluded are every service that meets the need but does not cover
	// the cell, nearest misses first, with the rules that exclude.
	Excluded    []Exclusion  `json:"excluded,omitempty"`
	Entitlement *Entitlement `json:"entitlement,omitempty"`
}

// Cover describes cell c of the landscape as it is (no scenario).
//
// Errors: EINVALID naming the field for a value the landscape does not have.
func (ix *Index) Cover(c Cell) (CellCover, error) {
	d := ix.d
	pr, n, t, err := ix.cellOrdinals(c)
	if err != nil {
		return CellCover{}, err
	}
	out := CellCover{Cell: c, Applies: d.applies(pr.s, pr.a, n, t)}
	if !out.Applies {
		return out, nil
	}
	cov := newBitset(ix.n)
	if ix.covering(cov, pr, n, t) {
		for i := cov.next(0); i >= 0; i = cov.next(i + 1) {
			out.Covering = append(out.Covering, ix.serviceRef(i, pr.s, n))
		}
		slices.SortFunc(out.Covering, func(a, b ServiceRef) int { return strings.Compare(a.ID, b.ID) })
	}
	out.Excluded, _ = ix.excluded(newBitset(ix.n), cov, pr, n, t, -1)
	if e := ix.r.ents[pr.s][n]; e != nil && e.ages.has(pr.a) {
		out.Entitlement = ix.entitlement(pr.s, n, e)
		if e.extent == graph.ExtentPartial && e.full.has(pr.a) {
			out.Entitlement.Extent = graph.ExtentFull
		}
	}
	return out, nil
}

// cellOrdinals resolves the ids of c.
func (ix *Index) cellOrdinals(c Cell) (prof, int, int, error) {
	d := ix.d
	var pr prof
	var err error
	find := func(field string, vs []string, v string) int {
		i := slices.Index(vs, v)
		if i < 0 && err == nil {
			err = graph.FieldError("cell", field, "unknown value %q", v)
		}
		return i
	}
	pr.g = slices.Index(d.genders, c.Profile.Gender)
	if pr.g < 0 {
		err = graph.FieldError("cell", "gender", "unknown gender %q", c.Profile.Gender)
	}
	pr.a = slices.Index(d.ages, c.Profile.AgeBand)
	if pr.a < 0 && err == nil {
		err = graph.FieldError("cell", "age_band", "unknown age band %q", c.Profile.AgeBand)
	}
	pr.s = find("status", d.statuses, c.Profile.Status)
	pr.e = find("exploitation", d.expls, c.Profile.Exploitation)
	pr.r = find("region", d.regions, c.Profile.Region)
	n := find("need", d.needs, c.Need)
	t := find("stage", d.stages, c.Stage)
	return pr, n, t, err
}

// Stages returns the stage ids in pathway order (Stage.Order, then id).
func (ix *Index) Stages() []string { return slices.Clone(ix.d.stages) }
