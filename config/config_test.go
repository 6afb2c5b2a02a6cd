package config_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/config"
)

func TestLoadDefaults(t *testing.T) {
	t.Chdir(t.TempDir()) // no gapmap.yaml here
	c, err := config.Load(config.New(), "")
	if err != nil {
		t.Fatal(err)
	}
	want := config.Config{
		Addr: "localhost:8080", Data: "data", Store: "embedded",
		Neo4j:       config.Neo4j{Username: "neo4j", Database: "neo4j", Poll: 5 * time.Second, Timeout: 30 * time.Second},
		Log:         config.Log{Level: "info", Format: "text"},
		Suppression: config.Suppression{Threshold: 5},
		HTTP:        config.HTTP{ReadTimeout: 15 * time.Second, WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute, ShutdownTimeout: 15 * time.Second},
		Auth: config.Auth{CookieSecure: true, SessionTTL: 12 * time.Hour, SessionIdle: time.Hour, StaleMonths: 12,
			LoginLimit: 5, LoginAddressLimit: 20, LoginWindow: 15 * time.Minute,
			LoginMaxDelay: 5 * time.Minute, HashMemoryMiB: 64},
		Export: config.Export{Renders: 2, JobTTL: time.Hour},
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("defaults mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadPrecedence(t *testing.T) {
	t.Setenv("GAPMAP_ADDR", "127.0.0.1:7000")
	t.Setenv("GAPMAP_NEO4J_DATABASE", "gapmap")
	c, err := config.Load(config.New(), "testdata/custom.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		name string
		got  any
		want any
	}{
		{"env beats file", c.Addr, "127.0.0.1:7000"},
		{"file beats default", c.Data, "/var/lib/gapmap"},
		{"nested file key", c.Log.Format, "json"},
		{"nested env key", c.Neo4j.Database, "gapmap"},
		{"int from file", c.Suppression.Threshold, 10},
		{"default kept", c.Log.Level, "info"},
	} {
		if test.got != test.want {
			t.Errorf("%s: got %v, want %v", test.name, test.got, test.want)
		}
	}
}

func TestLoadFlagBeatsEnv(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("GAPMAP_DATA", "/from/env")
	v := config.New()
	v.Set("data", "/from/flag") // what a bound, changed flag does
	c, err := config.Load(v, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Data != "/from/flag" {
		t.Errorf("data = %q, want the flag's value", c.Data)
	}
}

func TestLoadErrorsNameTheKey(t *testing.T) {
	for _, test := range []struct {
		name string
		file string
		env  map[string]string
		want string
	}{
		{"unknown key", "testdata/unknown_key.yaml", nil, "neo4j.urii: unknown key"},
		{"bad store", "testdata/bad_store.yaml", nil, `store: unknown store "postgres"`},
		{"bad duration", "testdata/bad_poll.yaml", nil, `neo4j.poll: "often" is not a duration`},
		{"bad number", "testdata/bad_threshold.yaml", nil, `suppression.threshold: "five" is not a whole number`},
		{"neo4j without uri", "testdata/neo4j_no_uri.yaml", nil, "neo4j.uri: is required"},
		{"bad addr from env", "testdata/custom.yaml", map[string]string{"GAPMAP_ADDR": "8080"}, `addr: "8080" is not HOST:PORT`},
		{"bad level from env", "testdata/custom.yaml", map[string]string{"GAPMAP_LOG_LEVEL": "loud"}, `log.level: unknown level "loud"`},
		{"threshold zero", "testdata/custom.yaml", map[string]string{"GAPMAP_SUPPRESSION_THRESHOLD": "0"}, "suppression.threshold: must be 1 or more"},
		{"missing file", "testdata/nope.yaml", nil, "read config"},
		{"insecure cookie off localhost", "testdata/custom.yaml", map[string]string{"GAPMAP_AUTH_COOKIE_SECURE": "false"}, "auth.cookie_secure: false is only for plain http on localhost"},
		{"idle longer than ttl", "testdata/custom.yaml", map[string]string{"GAPMAP_AUTH_SESSION_IDLE": "24h"}, "auth.session_idle: 24h0m0s is longer"},
		{"bad login limit", "testdata/custom.yaml", map[string]string{"GAPMAP_AUTH_LOGIN_LIMIT": "0"}, "auth.login_limit: must be 1 or more"},
		{"bad trusted proxy", "testdata/custom.yaml", map[string]string{"GAPMAP_AUTH_TRUSTED_PROXIES": "10.0.0.0/8, proxy.example"}, `auth.trusted_proxies: "proxy.example"`},
		{"no chromium there", "testdata/custom.yaml", map[string]string{"GAPMAP_EXPORT_CHROMIUM": "/nonexistent/chromium"}, `export.chromium: "/nonexistent/chromium" is not a file`},
		{"zero renders", "testdata/custom.yaml", map[string]string{"GAPMAP_EXPORT_RENDERS": "0"}, `export.renders: must be from 1 to 16`},
		{"short job ttl", "testdata/custom.yaml", map[string]string{"GAPMAP_EXPORT_JOB_TTL": "5s"}, `export.job_ttl: must be a minute or more`},
		{"unknown section", "testdata/unknown_section.yaml", nil, "cache.size: unknown key"},
		{"bad proxy in the file", "testdata/bad_proxy.yaml", nil, `auth.trusted_proxies: "proxy.example" is neither an IP address nor a CIDR prefix`},
		{"bad bool", "testdata/bad_bool.yaml", nil, `auth.cookie_secure: "maybe" is not true or false`},
		{"duration without unit", "testdata/number_duration.yaml", nil, `http.read_timeout: "15" is not a duration`},
		{"bad duration from env", "testdata/custom.yaml", map[string]string{"GAPMAP_AUTH_SESSION_TTL": "a day"}, `auth.session_ttl: "a day" is not a duration`},
		{"bad number from env", "testdata/custom.yaml", map[string]string{"GAPMAP_EXPORT_RENDERS": "two"}, `export.renders: "two" is not a whole number`},
	} {
		t.Run(test.name, func(t *testing.T) {
			for k, v := range test.env {
				t.Setenv(k, v)
			}
			_, err := config.Load(config.New(), test.file)
			if err == nil || !strings.Contains(err.Error(), test.want) {
				t.Errorf("Load(%s) error = %v, want it to contain %q", test.file, err, test.want)
			}
		})
	}
}

// TestExampleDocumentsEveryKey keeps gapmap.example.yaml complete and true:
// it names every key, and its values are the defaults.
func TestExampleDocumentsEveryKey(t *testing.T) {
	raw, err := os.ReadFile("gapmap.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var keys []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			if sub, ok := v.(map[string]any); ok {
				walk(prefix+k+".", sub)
				continue
			}
			keys = append(keys, prefix+k)
		}
	}
	walk("", doc)
	if diff := cmp.Diff(sortStrings(config.Keys()), sortStrings(keys)); diff != "" {
		t.Errorf("example keys mismatch (-want +got):\n%s", diff)
	}

	t.Chdir(t.TempDir())
	fromExample, err := config.Load(config.New(), filepath.Join(pkgDir, "gapmap.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defaults, err := config.Load(config.New(), "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(defaults, fromExample); diff != "" {
		t.Errorf("example values differ from defaults (-defaults +example):\n%s", diff)
	}
}

// pkgDir is the package directory, taken before any test changes directory.
var pkgDir, _ = os.Getwd()

func sortStrings(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestInsecureCookieOnLocalhost allows the session cookie without Secure
// for plain http on a loopback address only.
func TestInsecureCookieOnLocalhost(t *testing.T) {
	for addr, ok := range map[string]bool{"localhost:8080": true, "127.0.0.1:8080": true, "[::1]:8080": true, "0.0.0.0:8080": false, "gapmap.example.org:80": false} {
		t.Setenv("GAPMAP_AUTH_COOKIE_SECURE", "false")
		t.Setenv("GAPMAP_ADDR", addr)
		t.Chdir(t.TempDir())
		c, err := config.Load(config.New(), "")
		if (err == nil) != ok {
			t.Errorf("addr %s with auth.cookie_secure false: %v, want ok %v", addr, err, ok)
		}
		if ok && c.Auth.CookieSecure {
			t.Errorf("addr %s: cookie_secure stayed true", addr)
		}
	}
}
