package gap

import (
	"github.com/gapmap/gapmap/graph"
)

// Kind is one of the six kinds of gap (DESIGN.md, "What a gap is").
type Kind string

// The kinds of gap. The first four are properties of a cell (a profile, a
// need and a stage) and are listed in Result.Gaps; fragmentation is a
// property of a profile or a group (Result.Fragmentation), criticality of a
// service (Result.Criticality).
const (
	// KindUncovered: no service covers the cell.
	KindUncovered Kind = "uncovered"
	// KindEntitledUnserved: the status entitles the need by law (for the
	// profile's age band) but no service covers the cell.
	KindEntitledUnserved Kind = "entitled_unserved"
	// KindFragile: the cell is covered, but only by one service, by services of
	// one organisation, by services none of which is permanently funded, or
	// only in part (partial ACCEPTS or MEETS).
	KindFragile Kind = "fragile"
	// KindLostInTransition: the cell is uncovered, but the same profile with a
	// status that transitions to this one is covered: the need is lost when
	// the status changes.
	KindLostInTransition Kind = "lost_in_transition"
	// KindFragmentation: how many organisations and sectors a profile or a group
	// must turn to, and how many of those doors have no referral between them.
	KindFragmentation Kind = "fragmentation"
	// KindCriticality: the cells that become uncovered if a service closes.
	KindCriticality Kind = "criticality"
)

// Kinds lists every kind in the order results use.
var Kinds = []Kind{KindUncovered, KindEntitledUnserved, KindFragile, KindLostInTransition, KindFragmentation, KindCriticality}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", graph.Errorf(graph.EINVALID, "unknown kind of gap %q (want one of uncovered, entitled_unserved, fragile, lost_in_transition, fragmentation, criticality)", s)
}

// kindSet is a set of kinds, one bit per kind in the order of Kinds.
type kindSet uint8

func kindBit(k Kind) kindSet {
	for i, kk := range Kinds {
		if kk == k {
			return 1 << i
		}
	}
	return 0
}

const (
	bitUncovered        = kindSet(1 << 0)
	bitEntitledUnserved = kindSet(1 << 1)
	bitFragile          = kindSet(1 << 2)
	bitLost             = kindSet(1 << 3)
	bitFragmentation    = kindSet(1 << 4)
	bitCriticality      = kindSet(1 << 5)
	bitCellKinds        = bitUncovered | bitEntitledUnserved | bitFragile | bitLost
	bitAllKinds         = bitCellKinds | bitFragmentation | bitCriticality
)

func (s kindSet) has(k kindSet) bool { return s&k != 0 }

// list returns the kinds of s in the order of Kinds.
func (s kindSet) list() []Kind {
	var ks []Kind
	for i, k := range Kinds {
		if s&(1<<i) != 0 {
			ks = append(ks, k)
		}
	}
	return ks
}

// FragileReason says why a covered cell is fragile.
type FragileReason string

// The reasons a cell is fragile.
const (
	// SingleService: exactly one service covers the cell.
	SingleService FragileReason = "single_service"
	// SingleOrganisation: several services cover the cell, all run by one
	// organisation. (A service no organisation runs counts as its own.)
	SingleOrganisation FragileReason = "single_organisation"
	// NoPermanentFunding: every covering service is project- or
	// volunteer-funded.
	NoPermanentFunding FragileReason = "no_permanent_funding"
	// PartialOnly: every covering service accepts the status, or meets the
	// need, only in part (for example only help that "cannot wait").
	PartialOnly FragileReason = "partial_only"
)

// fragile flags, as kept per cell.
const (
	fragSingleService uint8 = 1 << iota
	fragSingleOrg
	fragNoPermanent
	fragPartial
)

func fragileReasons(flags uint8) []FragileReason {
	var rs []FragileReason
	for i, r := range []FragileReason{SingleService, SingleOrganisation, NoPermanentFunding, PartialOnly} {
		if flags&(1<<i) != 0 {
			rs = append(rs, r)
		}
	}
	return rs
}
