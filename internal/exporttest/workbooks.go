package exporttest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The XLSX files are read back by three programs that share no code with
// excelize: ExcelJS and SheetJS (scripts/xlsxread/read.mjs, from the npm
// packages pinned in package.json) and LibreOffice Calc (soffice, which
// converts each workbook to CSV).

// ReaderCell is a cell as a reader sees it.
type ReaderCell struct {
	Ref    string `json:"ref"`
	Type   string `json:"type"`
	Value  any    `json:"value"`
	Format string `json:"format"`
}

type ReaderSheet struct {
	Name  string       `json:"name"`
	Cells []ReaderCell `json:"cells"`
}

type ReaderResult struct {
	Error  string        `json:"error"`
	Sheets []ReaderSheet `json:"sheets"`
}

// ReadWorkbooks reads files with ExcelJS and SheetJS: for each file, each
// reader's result by name.
func ReadWorkbooks(t *testing.T, files []string) map[string]map[string]ReaderResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		MissingDep(t, "Node.js (apt-get install -y nodejs)")
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "scripts", "xlsxread", "read.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, append([]string{script}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if strings.Contains(stderr.String(), "Cannot find module") {
			MissingDep(t, "the npm packages exceljs and xlsx (npm ci, or make assets)")
		}
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	var out map[string]map[string]ReaderResult
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("read.mjs printed no JSON: %v\n%s", err, stdout.String())
	}
	return out
}

// libreOfficeCSV converts files with LibreOffice Calc to CSV (UTF-8, the
// cells as shown) and returns each file's CSV text, by file.
func libreOfficeCSV(t *testing.T, files []string) map[string]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		MissingDep(t, "LibreOffice Calc (apt-get install -y libreoffice-calc-nogui)")
	}
	out := t.TempDir()
	args := append([]string{"--headless", "--norestore", "--nolockcheck",
		"-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir()),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	texts := map[string]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".xlsx") + ".csv"
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Errorf("LibreOffice did not convert %s: %v", filepath.Base(f), err)
			continue
		}
		texts[f] = string(b)
	}
	return texts
}

// What a workbook's cells and sheet names are checked against: the rules of
// the spreadsheets, written here apart from the writer's own.
var (
	wholeNumber   = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})$`)
	badSheetChars = regexp.MustCompile(`[\[\]:*?/\\]`)
	numberSuffix  = regexp.MustCompile(` \([0-9]+\)$`)
	percentText   = regexp.MustCompile(`^(-?[0-9]+(?:\.[0-9]+)?) %$`)
	decimalText   = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)
	cellRef       = regexp.MustCompile(`^([A-Z]+)([0-9]+)$`)
)

// CellsByPlace returns the cells of a sheet by column and row (from 1).
func CellsByPlace(t *testing.T, s ReaderSheet) map[[2]int]ReaderCell {
	t.Helper()
	out := map[[2]int]ReaderCell{}
	for _, c := range s.Cells {
		m := cellRef.FindStringSubmatch(c.Ref)
		if m == nil {
			t.Fatalf("cell reference %q", c.Ref)
		}
		col := 0
		for _, r := range m[1] {
			col = col*26 + int(r-'A'+1)
		}
		row, _ := strconv.Atoi(m[2])
		out[[2]int{col, row}] = c
	}
	return out
}

// checkWorkbook checks what one reader saw of a workbook of a table whose
// header and rows are want (its CSV, without the data version columns):
// one sheet, named after the title within 31 characters and at a word;
// each cell of the header and rows with the table's text, whole numbers
// and decimals as numbers, percentages as numbers in a percent format.
func checkWorkbook(t *testing.T, who string, res ReaderResult, want [][]string) {
	t.Helper()
	if res.Error != "" {
		t.Errorf("%s cannot read it: %s", who, res.Error)
		return
	}
	if len(res.Sheets) != 1 {
		t.Errorf("%s reads %d sheets, want 1", who, len(res.Sheets))
		return
	}
	s := res.Sheets[0]
	cells := CellsByPlace(t, s)
	title, _ := cells[[2]int{1, 1}].Value.(string)
	if n := len([]rune(s.Name)); n == 0 || n > 31 {
		t.Errorf("%s: sheet name %q has %d characters", who, s.Name, n)
	}
	if clean := strings.Join(strings.Fields(badSheetChars.ReplaceAllString(title, " ")), " "); !strings.HasPrefix(clean, s.Name) ||
		len(clean) > len(s.Name) && clean[len(s.Name)] != ' ' {
		if !numberSuffix.MatchString(s.Name) {
			t.Errorf("%s: sheet %q is not the title %q cut at a word", who, s.Name, title)
		}
	}
	header := 0
	for row := 1; row < 10 && header == 0; row++ {
		if v, _ := cells[[2]int{1, row}].Value.(string); v == want[0][0] {
			header = row
		}
	}
	if header == 0 {
		t.Errorf("%s: no header row starting %q", who, want[0][0])
		return
	}
	for i, r := range want {
		for j, text := range r {
			c, ok := cells[[2]int{j + 1, header + i}]
			where := who + " " + s.Name + "!" + c.Ref
			switch {
			case text == "":
				if ok && c.Value != "" {
					t.Errorf("%s: %v, want an empty cell", where, c.Value)
				}
			case !ok:
				t.Errorf("%s: row %d column %d is missing, want %q", who, header+i, j+1, text)
			case i > 0 && percentText.MatchString(text):
				x, _ := strconv.ParseFloat(percentText.FindStringSubmatch(text)[1], 64)
				if v, isNum := c.Value.(float64); c.Type != "number" || !isNum || math.Abs(v-x/100) > 1e-9 || !strings.Contains(c.Format, "%") {
					t.Errorf("%s: %s %v in format %q, want the number %g in a percent format (%q)", where, c.Type, c.Value, c.Format, x/100, text)
				}
			case i > 0 && (wholeNumber.MatchString(text) || decimalText.MatchString(text)):
				x, _ := strconv.ParseFloat(text, 64)
				if v, isNum := c.Value.(float64); c.Type != "number" || !isNum || v != x {
					t.Errorf("%s: %s %v, want the number %s", where, c.Type, c.Value, text)
				}
			default:
				if c.Type != "string" || c.Value != text {
					t.Errorf("%s: %s %v, want the text %q", where, c.Type, c.Value, text)
				}
			}
		}
	}
}

// checkLibreOffice checks the CSV LibreOffice made of a workbook of a table
// whose header and rows are want: every cell as the table has it, a
// percentage shown in the percent format ("20%").
func checkLibreOffice(t *testing.T, name, text string, want [][]string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Errorf("LibreOffice's CSV of %s: %v", name, err)
		return
	}
	header := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == want[0][0] })
	if header < 0 || len(rows) < header+len(want) {
		t.Errorf("LibreOffice's CSV of %s has no header %q and %d rows:\n%s", name, want[0][0], len(want)-1, text)
		return
	}
	for i, w := range want {
		got := rows[header+i]
		for j, cell := range w {
			if i > 0 {
				cell = strings.Replace(cell, " %", "%", 1)
			}
			if j >= len(got) || got[j] != cell {
				t.Errorf("LibreOffice, %s row %d column %d: %q, want %q", name, header+i+1, j+1, got[min(j, len(got)-1)], cell)
			}
		}
	}
}

// CheckWorkbooks reads every XLSX of files (by path, a pack's) with the
// three readers and checks each against the CSV of the same table, whose
// last columns, when they are versionColumns, the workbook does not have.
func CheckWorkbooks(t *testing.T, files map[string][]byte, versionColumns []string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	want := map[string][][]string{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".xlsx") {
			continue
		}
		path := filepath.Join(dir, filepath.Base(name))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		rows, err := csv.NewReader(bytes.NewReader(files[strings.TrimSuffix(name, ".xlsx")+".csv"])).ReadAll()
		if err != nil {
			t.Fatalf("%s's CSV: %v", name, err)
		}
		if n := len(rows[0]); n >= 2 && slices.Equal(rows[0][n-2:], versionColumns) {
			for i := range rows {
				rows[i] = rows[i][:n-2]
			}
		}
		// The CSV puts a ' before a text that would start a formula
		// (tablefile.NeutralCell); the workbook stores the text itself, as
		// a string cell.
		for _, r := range rows {
			for j, cell := range r {
				if len(cell) > 1 && cell[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(cell[1])) {
					r[j] = cell[1:]
				}
			}
		}
		want[path] = rows
	}
	slices.Sort(paths)
	if len(paths) == 0 {
		t.Fatal("no workbook")
	}
	read := ReadWorkbooks(t, paths)
	for _, p := range paths {
		for _, who := range []string{"exceljs", "sheetjs"} {
			checkWorkbook(t, who+" "+filepath.Base(p), read[p][who], want[p])
		}
	}
	for p, text := range libreOfficeCSV(t, paths) {
		checkLibreOffice(t, filepath.Base(p), text, want[p])
	}
}
