// Package export writes gapmap's data in formats other programs read, and
// reads the service directory back in one of them.
//
// The whole landscape graph (every node and edge, as the public sees it):
//
//	WriteGraphML   GraphML for Gephi and yEd: a <key> for the node type, for
//	               every node property and every edge property
//	WriteGraphJSON the JSON API's shape and the time of the last change:
//	               {"version", "changed", "nodes", "edges"}
//	WriteCypher    one Cypher statement that recreates the graph in an empty
//	               Neo4j database, with the labels and property keys of
//	               graph/neo4j
//
// The service directory in Open Referral HSDS 3.0 (HSDS.md gives the mapping
// and gapmap's taxonomies):
//
//	BuildHSDS, WriteHSDS  organisations and services as one JSON bundle
//	PlanHSDSImport        a bundle read back as one graph.Change, with a
//	                      report of what it creates, changes and cannot map
//
// Tables for spreadsheets: a Table (title, caption, columns, rows, footnote)
// written by WriteCSV and WriteXLSX, and GapsTable, the gaps of a gap.Result
// with the columns of gapmap analyse --format csv.
//
// The dashboards as files, for a response to GRETA or OSCE:
//
//	BuildDashboard   a dashboard as its web page builds it (the web's tests
//	                 check they agree); Dashboard.Tables its tables
//	Renderer         one headless Chromium drawing the dashboards' ECharts
//	                 options with the same ECharts script (package
//	                 echartsjs): SVG and PNG with a caption (filters, data
//	                 version, date) and a footnote (sources), PDF with the
//	                 tables and citations
//	WritePack        the GRETA response pack: a ZIP with the PDF report, the
//	                 diagrams, the tables and a manifest of SHA-256 checksums
//
// # What never leaves
//
// Every export goes through the same public view of a node: a confidential
// service address is removed (the flag that says it is confidential stays),
// and a group's size estimate, a count of people, goes through a
// privacy.Rule, so that a small one is written as "<5" and never as the
// number. The tests check both for every format. The dashboards' charts and
// tables get their counts of people from the gap engine as privacy.Counts
// already; their exports never see a number to hide.
package export
