// Package pack makes the GRETA response pack: one zip with the report an
// analyst sends (a PDF with the findings, the figures, "What we do not
// know" and the sources), every dashboard's figure and tables, the graph
// files, and a manifest with the data version, the command that made it
// and the SHA-256 of every file.
package pack
