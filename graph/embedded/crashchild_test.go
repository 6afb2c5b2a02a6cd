package embedded_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph/embedded"
)

// The crash tests run this test binary again as a child process that writes
// to a store, kill it with SIGKILL at some moment, and check that the file
// holds whole transactions only.

// crashEnv tells TestCrashChild what to do: "loop:<path>" or "big:<path>".
const crashEnv = "GAPMAP_CRASH_CHILD"

// childTimeout ends a child that nobody killed.
const childTimeout = 20 * time.Second

// TestCrashChild is the child process of the crash tests; run alone, it skips.
func TestCrashChild(t *testing.T) {
	mode, path, ok := strings.Cut(os.Getenv(crashEnv), ":")
	if !ok {
		t.Skip("the child process of TestCrashLoop and TestCrashBigTransaction")
	}
	ctx, cancel := context.WithTimeout(context.Background(), childTimeout)
	defer cancel()
	s, err := embedded.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	switch mode {
	case "loop":
		// Resume after the batches a previous child committed.
		next := counterOf(t, s).Capacity
		for k := next; ctx.Err() == nil; k++ {
			if _, err := s.Apply(ctx, batch(k)); err != nil {
				t.Fatal(err)
			}
			fmt.Printf("committed %d\n", k)
		}
	case "big":
		c := bigChange()
		fmt.Println("begin")
		if _, err := s.Apply(ctx, c); err != nil {
			t.Fatal(err)
		}
		fmt.Println("done")
		<-ctx.Done()
	default:
		t.Fatalf("%s=%q: unknown mode %q", crashEnv, os.Getenv(crashEnv), mode)
	}
}

// child is a running child process and its output, line by line.
type child struct {
	cmd   *exec.Cmd
	lines *bufio.Scanner
	done  bool
}

func startChild(t *testing.T, mode, path string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+mode+":"+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: bufio.NewScanner(out)}
	t.Cleanup(func() { c.kill() })
	return c
}

// waitFor reads the child's output until a line starting with prefix and
// returns the line.
func (c *child) waitFor(t *testing.T, prefix string) string {
	t.Helper()
	for c.lines.Scan() {
		if line := c.lines.Text(); strings.HasPrefix(line, prefix) {
			return line
		}
	}
	t.Fatalf("child ended before printing %q (scan: %v)", prefix, c.lines.Err())
	return ""
}

// kill kills the child with SIGKILL, waits for it to be gone (so its lock on
// the file is released) and returns what it printed after the lines read.
func (c *child) kill() []string {
	if c.done {
		return nil
	}
	c.done = true
	c.cmd.Process.Kill()
	var rest []string
	for c.lines.Scan() {
		rest = append(rest, c.lines.Text())
	}
	c.cmd.Wait() // "signal: killed"
	return rest
}

func openFile(t *testing.T, path string) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func closeFile(t *testing.T, s *embedded.Store) {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
