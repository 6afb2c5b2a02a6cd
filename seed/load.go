package seed

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/gapmap/gapmap/graph"
)

// Load reads the seed in directory dir of fsys: every *.yaml file in it, in
// name order (see README.md for the format). dir is a path in fsys, such as
// "." or "seed/norway"; errors name each file as dir joined with its name.
//
// Load checks the whole seed and reports every problem it finds, not only the
// first: a seed that does not check gives an ErrorList, one Error per problem
// with its file and line, sorted and cut at MaxErrors. Any other error is a
// failure to read fsys.
//
// A seed that loads also builds a valid Landscape.
func Load(fsys fs.FS, dir string) (*Seed, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("load seed: %w", err)
	}
	l := &loader{where: map[string]position{}}
	files := 0
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
			continue
		}
		p := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("load seed: %w", err)
		}
		l.decodeFile(p, data)
		files++
	}
	if files == 0 {
		l.errs.add(dir, 0, "no seed files (*.yaml)")
	}
	s := l.link()
	s.texts = l.texts
	if len(l.errs) == 0 {
		l.check(dir, s)
	}
	if err := l.errs.err(dir); err != nil {
		return nil, err
	}
	return s, nil
}

// loader holds what Load has found so far.
type loader struct {
	errs ErrorList
	// texts are the free texts of the items, for Seed.SmallCounts.
	texts []freeText
	items []*item
	// ids maps each id to the first item that has it.
	ids map[string]*item
	// where maps how the graph package names nodes ("Service rosa") and
	// edges ("edge RUN_BY rosa->x") to where the seed gives them.
	where map[string]position
}

// check builds the landscape of s: the graph package's own whole check,
// which the loader's checks should leave nothing for.
func (l *loader) check(dir string, s *Seed) {
	_, err := s.Landscape()
	if err == nil {
		return
	}
	at := position{path: dir}
	var ge *graph.Error
	if errors.As(err, &ge) {
		if p, ok := l.where[ge.Node]; ok {
			at = p
		}
	}
	l.errs.add(at.path, at.line, "%v", err)
}
