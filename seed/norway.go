package seed

import (
	"embed"
	"io/fs"
)

//go:embed norway/*.yaml
var norway embed.FS

// Norway returns the built-in Norwegian seed, embedded in the binary, rooted
// at its directory: load it with Load(Norway(), ".").
func Norway() fs.FS {
	sub, err := fs.Sub(norway, "norway")
	if err != nil {
		panic(err) // "norway" is a valid path: fs.Sub cannot fail
	}
	return sub
}
