// Package tablefile writes the dashboards' and the gap engine's tables as
// CSV and XLSX: the data version on every row, counts of people already
// suppressed ("<5"), and cells that a spreadsheet would take as a formula
// neutralised.
package tablefile
