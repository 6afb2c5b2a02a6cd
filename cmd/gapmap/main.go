// Command gapmap maps the support landscape for victims of human trafficking
// and shows where they fall between systems.
//
//	gapmap serve            serve the dashboards and the API
//	gapmap seed [DIR]       load a seed directory into the store
//	gapmap check DIR        validate a seed directory without writing
//	gapmap analyse          list the gaps (table, CSV or JSON; what-if scenarios)
//	gapmap migrate          copy the landscape between stores
//	gapmap export, import   graph files, HSDS, tables
//	gapmap user, org        accounts and organisations
//	gapmap version          print the version
//
// main only wires: configuration, logging, the store and the web server are
// built here from their packages and handed to each other.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries an exit code other than 1 out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usage wraps a cobra argument check so that its failure exits with status 2.
func usage(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &exitError{code: 2, err: fmt.Errorf("%s: %w (see %s --help)", cmd.CommandPath(), err, cmd.CommandPath())}
		}
		return nil
	}
}

// Main runs gapmap with args and returns the process's exit code: 0 on
// success, 1 on failure, 2 on a usage error.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := newRootCmd(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "gapmap: %v\n", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}
