package seed

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MaxErrors is how many errors Load reports before it summarises the rest.
const MaxErrors = 50

// Error is one problem in a seed, at a file and line.
type Error struct {
	// Path is the file, as Load was given it joined with the file name.
	Path string
	// Line is the 1-based line in Path; 0 when the problem has no line.
	Line int
	// Msg says what is wrong, naming the item and the field:
	// `Service rosa: funding: unknown value "grant" (...)`.
	Msg string
}

// Error returns the error as "path:line: message", the form editors and
// terminals link to.
func (e Error) Error() string {
	if e.Line == 0 {
		return e.Path + ": " + e.Msg
	}
	return e.Path + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
}

// ErrorList is every problem Load found in a seed, in file and line order. It
// is the error Load returns for a seed that does not check; use errors.As to
// get it.
type ErrorList []Error

// Error returns one error per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// add appends an error at path and line.
func (l *ErrorList) add(path string, line int, format string, args ...any) {
	*l = append(*l, Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// err sorts l by file and line, keeps the first MaxErrors and returns l, or
// nil if l is empty. dir names where the summary of the rest is reported.
func (l ErrorList) err(dir string) error {
	if len(l) == 0 {
		return nil
	}
	slices.SortStableFunc(l, func(a, b Error) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	if n := len(l) - MaxErrors; n > 0 {
		l = append(l[:MaxErrors:MaxErrors], Error{Path: dir, Msg: fmt.Sprintf("too many errors: %d more not shown", n)})
	}
	return l
}
