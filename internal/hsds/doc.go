// Package hsds reads and writes the landscape in Open Referral's Human
// Services Data Specification 3.0 (HSDS.md says how gapmap's services,
// organisations, rules and needs map to it): Build and Write give a
// bundle that validates against the official schemas; PlanImport takes a
// bundle in, naming every fault by its JSON path, and an import changes
// nothing unless the whole bundle is valid.
package hsds
