package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Chromium's printToPDF writes the wall-clock time into the PDF's document
// information dictionary (CreationDate and ModDate), and may write a file
// identifier (the trailer's ID) made from it, so that printing the same
// document twice gives two files. stampPDF sets both from the export's date
// instead.
//
// It rewrites them in place, each value by one of the same length, so that
// every byte offset of the cross-reference table stays right and the file
// needs no other change: the dates become the given time in the same
// notation, and each ID string becomes the start of the SHA-256 of the file
// with its dates set (the same document and date give the same ID; another
// document another ID, as the PDF specification asks of an ID).

var (
	startXref   = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerInfo = regexp.MustCompile(`/Info\s+(\d+)\s+(\d+)\s+R`)
	trailerID   = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]`)
	infoDate    = regexp.MustCompile(`/(CreationDate|ModDate)\s*\((D:[^)]*)\)`)
	xrefSection = regexp.MustCompile(`^xref\s+`)
	xrefSub     = regexp.MustCompile(`^(\d+)\s+(\d+)\s*\r?\n`)
)

// stampPDF returns a copy of pdf (a PDF with a classic cross-reference
// table, as Chromium prints) whose information dictionary dates are t and
// whose trailer ID, if any, is derived from its content.
func stampPDF(pdf []byte, t time.Time) ([]byte, error) {
	out := bytes.Clone(pdf)
	m := startXref.FindSubmatch(out[max(0, len(out)-1024):]) // the trailer ends the file
	if m == nil {
		return nil, fmt.Errorf("set the PDF's dates: no startxref at the end of the file")
	}
	xref, err := strconv.Atoi(string(m[1]))
	if err != nil || xref <= 0 || xref >= len(out) {
		return nil, fmt.Errorf("set the PDF's dates: startxref %s is outside the file", m[1])
	}
	table := out[xref:]
	if !xrefSection.Match(table) {
		return nil, fmt.Errorf("set the PDF's dates: no cross-reference table at offset %d (a cross-reference stream is not supported)", xref)
	}
	ti := bytes.Index(table, []byte("trailer"))
	if ti < 0 {
		return nil, fmt.Errorf("set the PDF's dates: no trailer after the cross-reference table")
	}
	trailer := table[ti:]
	im := trailerInfo.FindSubmatch(trailer)
	if im == nil {
		return nil, fmt.Errorf("set the PDF's dates: the trailer names no information dictionary")
	}
	num, _ := strconv.Atoi(string(im[1])) // digits
	off, err := xrefOffset(table[:ti], num)
	if err != nil {
		return nil, fmt.Errorf("set the PDF's dates: %w", err)
	}
	head := fmt.Sprintf("%d %s obj", num, im[2])
	if off >= len(out) || !bytes.HasPrefix(out[off:], []byte(head)) {
		return nil, fmt.Errorf("set the PDF's dates: object %d is not at offset %d", num, off)
	}
	end := bytes.Index(out[off:], []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("set the PDF's dates: object %d has no endobj", num)
	}
	info := out[off : off+end]
	for _, d := range infoDate.FindAllSubmatchIndex(info, -1) {
		old := info[d[4]:d[5]]
		v, err := pdfDate(t, len(old))
		if err != nil {
			return nil, fmt.Errorf("set the PDF's dates: %s %q: %w", info[d[2]:d[3]], old, err)
		}
		copy(old, v)
	}
	if id := trailerID.FindSubmatchIndex(trailer); id != nil {
		// The ID is hashed from the file with the ID's digits zeroed.
		for _, g := range [][2]int{{id[2], id[3]}, {id[4], id[5]}} {
			copy(trailer[g[0]:g[1]], bytes.Repeat([]byte("0"), g[1]-g[0]))
		}
		sum := sha256.Sum256(out)
		digits := []byte(hex.EncodeToString(sum[:]))
		for _, g := range [][2]int{{id[2], id[3]}, {id[4], id[5]}} {
			n := g[1] - g[0]
			if n > len(digits) {
				return nil, fmt.Errorf("set the PDF's ID: an ID of %d digits is longer than a SHA-256", n)
			}
			copy(trailer[g[0]:g[1]], digits[:n])
		}
	}
	return out, nil
}

// xrefOffset returns the byte offset of object num in a classic
// cross-reference table (its sections, without the trailer).
func xrefOffset(table []byte, num int) (int, error) {
	rest := table[xrefSection.FindIndex(table)[1]:]
	for len(rest) > 0 {
		m := xrefSub.FindSubmatch(rest)
		if m == nil {
			break
		}
		first, _ := strconv.Atoi(string(m[1]))
		count, _ := strconv.Atoi(string(m[2]))
		rest = rest[len(m[0]):]
		const entry = 20 // "nnnnnnnnnn ggggg n\r\n", 20 bytes each
		if len(rest) < count*entry {
			return 0, fmt.Errorf("the cross-reference table is cut short")
		}
		if num >= first && num < first+count {
			e := rest[(num-first)*entry : (num-first+1)*entry]
			if e[17] != 'n' {
				return 0, fmt.Errorf("object %d is free in the cross-reference table", num)
			}
			return strconv.Atoi(string(e[:10]))
		}
		rest = rest[count*entry:]
	}
	return 0, fmt.Errorf("object %d is not in the cross-reference table", num)
}

// pdfDate writes t as a PDF date string (PDF 32000-1, 7.9.4) of n bytes:
// D:YYYYMMDDHHmmSS then the time zone, +00'00' or Z.
func pdfDate(t time.Time, n int) ([]byte, error) {
	base := t.UTC().Format("D:20060102150405")
	for _, zone := range []string{"+00'00'", "+00'00", "Z00'00'", "Z"} {
		if len(base)+len(zone) == n {
			return []byte(base + zone), nil
		}
	}
	return nil, fmt.Errorf("a date of %d bytes has no same-length form", n)
}
