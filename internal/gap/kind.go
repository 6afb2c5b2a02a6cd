package gap

import (
	"github.com/gapmap/gapmap/graph"
)

// Kind is one of the kinds of gap (DESIGN.md, "What a gap is"), or the
// milder note single_provider.
type Kind string

// The kinds of gap. The first six are properties of a cell (a profile, a
// need and a stage) and are listed in Result.Gaps; fragmentation is a
// property of a profile or a group (Result.Fragmentation), criticality of a
// service (Result.Criticality).
const (
	// KindUncovered: no service covers the cell.
	KindUncovered Kind = "uncovered"
	// KindEntitledUnserved: the status entitles the need by law (for the
	// profile's age band) but no service covers the cell.
	KindEntitledUnserved Kind = "entitled_unserved"
	// KindEntitledPartial: the status entitles the need in full (for the
	// profile's age band), but the cell is covered only in part (every
	// covering service accepts the status or meets the need in part):
	// "entitled, served only in part". Such a cell is also fragile.
	KindEntitledPartial Kind = "entitled_partial"
	// KindFragile: the cell is covered, but its cover depends on project or
	// volunteer funding (no covering service is permanently funded), on a
	// single NGO (every covering service is run by one NGO), on partial
	// acceptance (every covering service accepts or meets only in part), or
	// on a capacity limit (every covering service is capacity-limited).
	KindFragile Kind = "fragile"
	// KindSingleProvider: the milder note of a covered cell that is not
	// fragile but has one provider only (one service, or the services of
	// one organisation): a permanently funded statutory service that is the
	// only door, such as the hospitals.
	KindSingleProvider Kind = "single_provider"
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
var Kinds = []Kind{KindUncovered, KindEntitledUnserved, KindEntitledPartial, KindFragile, KindSingleProvider, KindLostInTransition, KindFragmentation, KindCriticality}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", graph.Errorf(graph.EINVALID, "unknown kind of gap %q (want one of uncovered, entitled_unserved, entitled_partial, fragile, single_provider, lost_in_transition, fragmentation, criticality)", s)
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
	bitEntitledPartial  = kindSet(1 << 2)
	bitFragile          = kindSet(1 << 3)
	bitSingleProvider   = kindSet(1 << 4)
	bitLost             = kindSet(1 << 5)
	bitFragmentation    = kindSet(1 << 6)
	bitCriticality      = kindSet(1 << 7)
	bitCellKinds        = bitUncovered | bitEntitledUnserved | bitEntitledPartial | bitFragile | bitSingleProvider | bitLost
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

// FragileReason says why a covered cell is fragile (NoPermanentFunding,
// SingleNGO, PartialOnly, CapacityLimit) or has a single provider
// (SingleService, SingleOrganisation: the note single_provider, fragile
// only with another reason).
type FragileReason string

// The reasons a cell is fragile, or has a single provider.
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
	// SingleNGO: every covering service is run by one organisation, an NGO.
	SingleNGO FragileReason = "single_ngo"
	// CapacityLimit: every covering service is capacity-limited
	// (graph.Service.CapacityLimited: it turns people away when full).
	CapacityLimit FragileReason = "capacity_limit"
)

// fragile flags, as kept per cell.
const (
	fragSingleService uint8 = 1 << iota
	fragSingleOrg
	fragNoPermanent
	fragPartial
	fragSingleNGO
	fragCapacity

	// fragFragile are the flags that make a cell fragile; the others
	// (one service, one organisation) make it a single provider only.
	fragFragile = fragNoPermanent | fragPartial | fragSingleNGO | fragCapacity
	fragSingle  = fragSingleService | fragSingleOrg
)

func fragileReasons(flags uint8) []FragileReason {
	var rs []FragileReason
	for i, r := range []FragileReason{SingleService, SingleOrganisation, NoPermanentFunding, PartialOnly, SingleNGO, CapacityLimit} {
		if flags&(1<<i) != 0 {
			rs = append(rs, r)
		}
	}
	return rs
}
