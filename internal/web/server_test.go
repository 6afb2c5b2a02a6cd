package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
)

func TestServeShutsDownWhenContextEnds(t *testing.T) {
	s, logs := testServer(t, testLandscape(t))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "ok\n" {
		t.Errorf("/healthz: %d %q", resp.StatusCode, b)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v, want nil after a clean shutdown", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the context ended")
	}
	if len(logLines(t, logs.String(), "listening")) != 1 || len(logLines(t, logs.String(), "stopped")) != 1 {
		t.Errorf("log lacks listening or stopped:\n%s", logs)
	}
}

// The types main wires in satisfy the interfaces NewServer takes.
var (
	_ Landscapes = (*graph.Live)(nil)
	_ Versioner  = graph.Store(nil)
)

func TestRunFailsOnBadAddress(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	if err := s.Run(context.Background(), "256.0.0.1:-1"); err == nil {
		t.Error("Run on a bad address returned nil")
	}
}

func TestConfigDefaults(t *testing.T) {
	c := Config{Lang: "fr", WriteTimeout: time.Minute}.withDefaults()
	if c.Lang != "en" || c.WriteTimeout != time.Minute || c.ReadHeaderTimeout != 5*time.Second || c.SuppressBelow != 5 || c.ShutdownTimeout != 10*time.Second {
		t.Errorf("defaults = %+v", c)
	}
}
