// Package gap computes where victims of human trafficking fall between
// systems: for every profile (gender, age band, residency status,
// exploitation, region), need and pathway stage, which services cover it,
// which exclude it and why, and the kinds of gap of DESIGN.md ("What a
// gap is"): uncovered, entitled but unserved, entitled but served only in
// part, fragile, lost in transition, fragmentation and criticality, with the
// milder note single_provider. A Scenario of what-if changes is analysed
// against the landscape as it is, with the difference.
//
// # Entry points
//
// Each maps onto one API endpoint; each takes a context, a landscape
// snapshot, a Query and a Scenario (the zero Scenario analyses the landscape
// as it is), and returns a *Result:
//
//	Analyse      GET  /api/v1/gaps (and gapmap analyse)
//	Transitions  GET  /api/v1/transitions
//	GroupGaps    GET  /api/v1/groups/{id}/gaps
//	Criticality  GET  /api/v1/services/{id}/criticality
//	Analyse      POST /api/v1/scenarios/analyse, with ParseScenario
//
// The functions index the snapshot once (NewIndex) and keep the index in a
// small cache keyed by snapshot; the same functions exist as methods of an
// *Index for callers that keep their own. Everything is deterministic and
// safe for concurrent use.
//
// The functions also cache their Results, per (snapshot, entry point, query,
// scenario), in a bounded LRU (64 Results, 2^20 list items in all), and
// concurrent identical requests compute once. A repeated request returns
// the same *Result: Results are shared and read-only, and callers must not
// modify them. The Index methods do not cache.
//
// # How the landscape is read
//
// A service covers a cell when it meets the need (MEETS), works at the stage
// (AT_STAGE), covers the region or a region it lies in (COVERS, PART_OF), and
// accepts the profile on every dimension. The empty sets of the landscape
// read as follows:
//
//   - Genders, AgeBands empty: every gender, every age band.
//   - SERVES empty: every form of exploitation.
//   - AT_STAGE empty: every stage.
//   - ACCEPTS empty: no status. (The seed's rule: a service that names no
//     status accepts none, so a forgotten list shows up as a gap rather than
//     hiding one.)
//   - MEETS empty, COVERS empty: no need, no region.
//   - ENTITLES AgeBands empty: every age band.
//   - A Group dimension with no value spans every value; a group in a region
//     spans the profile regions inside it; a group with no NEEDS needs
//     everything.
//
// A cell exists only where its need applies: a terminal status (the
// person has left the country) has no needs, a need names the age bands it
// applies to (child protection: children) and the stages it arises at, and
// a profile outside them is not short of the need (no cell, no gap, no
// element of its cover). A transition into a terminal status is an exit
// (Result.Exits), never a loss. A region and the region of the same area
// (Region.SameArea: Oslo the municipality and Oslo the county) cover each
// other, and only the higher of the two is a profile region.
//
// A partial ACCEPTS or MEETS edge still covers, but a cell covered only in
// part is fragile (PartialOnly). Fragile means the cover depends on
// project or volunteer funding (NoPermanentFunding), on one NGO
// (SingleNGO), on partial acceptance (PartialOnly) or on services with a
// capacity limit (CapacityLimit); a covered cell with none of these but one
// service or one organisation only (a permanently funded statutory
// service) is a single_provider note, not fragile. An entitlement can be
// partial for some age bands and full for others (Edge.FullAgeBands); a
// cell whose status entitles the need in full at its age band but that is
// covered only in part is entitled_partial (and fragile). A service no
// organisation runs counts as an organisation of its own, not an NGO. A dimension the landscape has no node for (no
// Exploitation, Region or Stage at all) has one unnamed value every service
// matches.
//
// # Profiles
//
// Profiles are the cartesian product of the genders, age bands, statuses,
// exploitation types and regions the Query keeps. Without a region filter
// the regions are every region except a country with a region inside it:
// in Norway the counties and the municipalities the seed names. A county
// profile stands for the parts of the county a service must cover
// county-wide, or from above, to reach; Bergen's profile is reached also by
// services covering Vestland or Norway.
//
// # The engine
//
// An Index holds, for every value of every dimension, the bitset of the
// services that accept it, so a covering set is the AND of seven bitsets.
//
// The cube pass (cube.go) evaluates the cells region by region, on every
// CPU: it takes the services covering the region (a few hundred even at
// Europe scale), buckets them by need and stage, and ORs their eligibility
// masks, one bit per (status, gender, age band, exploitation) profile. Two
// running ORs give "covered" and "covered twice"; the same over
// organisations, permanently funded services, services accepting in full,
// NGO-run services and services without a capacity limit give every
// fragile flag and the single-provider note; transitions are a mask of the From status
// against the To status. Every count the Result holds is a population
// count, and the per-profile tallies and per-block counts come from
// bit-sliced counters, so no cell is visited one by one. The cells the
// Result lists are then found in result order from the block counts, and
// described by the block scanner (coverage.go) for those blocks only.
//
// Fragmentation solves a set cover per profile. Its sizes, which order the
// list, are computed region by region for classes of profiles the same
// services accept, with an exact solver for at most 64 elements
// (smallcover.go; the general branch and bound of setcover.go, exact within
// MaxCoverNodes, else the best cover found with a proved lower bound, solves
// a group's joint cover); the covers themselves are built only for the
// profiles listed. A cover's elements are the needs that apply to the
// profile (its age band and status) at one of the analysed stages (a
// group's: its profile and need pairs). A need that no open service
// accepting the profile, in full or in part, meets, in full or in part, at
// any analysed stage (not only at a stage the need arises at) cannot be
// covered: it is listed as Uncoverable and left out of the cover (for a
// group, as the pairs of the profiles it cannot be covered for only; it is
// Uncoverable when it cannot be for one of them). Its cells are gaps of
// their own (no service, or entitled but unserved); fragmentation counts
// only the doors to the needs that can be met. Among the smallest
// organisation covers, the one whose services have the most referral
// links between them is chosen (comparing at most maxTieCovers covers).
// Lists are capped by Query.Limit; their totals are
// counted in full, so memory stays bounded by the number of profiles, not
// of cells.
package gap
