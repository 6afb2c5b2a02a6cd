package seed

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoad loads one seed file of arbitrary bytes (seeded with the files of
// testdata; the corpus is in testdata/fuzz/FuzzLoad): Load must not panic,
// a seed that does not load is an ErrorList with a file for every error,
// and a seed that loads builds a valid landscape, as Load promises.
func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"valid", "bad_enum", "duplicate_key", "yaml_syntax", "control_chars", "wrong_type"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.yaml"))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load(fstest.MapFS{"seed.yaml": {Data: data}}, ".")
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load = %T %v, want an ErrorList", err, err)
			}
			for _, e := range list {
				if e.Path == "" {
					t.Errorf("an error without its file: %v", e)
				}
			}
			return
		}
		if _, err := s.Landscape(); err != nil {
			t.Fatalf("the seed loaded but builds no landscape: %v", err)
		}
	})
}
