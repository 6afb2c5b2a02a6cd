// Package deploy holds the container deployment (compose.yaml, Dockerfile).
// No container engine runs in CI, so its test checks what it can without
// one: that the compose file parses, runs the official neo4j:5 image, and
// gives gapmap settings gapmap accepts and that point at that Neo4j.
package deploy

import (
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/config"
)

type compose struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Environment map[string]string `yaml:"environment"`
		Ports       []string          `yaml:"ports"`
	} `yaml:"services"`
}

// interpolate replaces ${VAR}, ${VAR:?message} and $$ as compose does.
func interpolate(s string, env map[string]string) string {
	s = regexp.MustCompile(`\$\{([A-Z0-9_]+)(:\?[^}]*)?\}`).ReplaceAllStringFunc(s, func(m string) string {
		name := regexp.MustCompile(`[A-Z0-9_]+`).FindString(m)
		return env[name]
	})
	return strings.ReplaceAll(s, "$$", "$")
}

func TestCompose(t *testing.T) {
	b, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c compose
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	neo, ok := c.Services["neo4j"]
	if !ok || neo.Image != "neo4j:5" {
		t.Fatalf("compose.yaml: service neo4j runs %q; want the official neo4j:5 image", neo.Image)
	}
	app, ok := c.Services["gapmap"]
	if !ok {
		t.Fatal("compose.yaml has no gapmap service")
	}
	env := map[string]string{"GAPMAP_NEO4J_PASSWORD": "a long password"}
	if got := interpolate(neo.Environment["NEO4J_AUTH"], env); got != "neo4j/a long password" {
		t.Errorf("neo4j's NEO4J_AUTH is %q; want neo4j/ and the password gapmap is given", got)
	}
	keys := config.Keys()
	for k, v := range app.Environment {
		key := strings.ToLower(strings.TrimPrefix(k, "GAPMAP_"))
		if !strings.HasPrefix(k, "GAPMAP_") || !slices.Contains(keys, strings.Replace(key, "_", ".", 1)) {
			t.Errorf("gapmap's %s is no configuration key: gapmap would ignore it", k)
			continue
		}
		t.Setenv(k, interpolate(v, env))
	}
	cfg, err := config.Load(config.New(), "")
	if err != nil {
		t.Fatalf("gapmap refuses the compose file's settings: %v", err)
	}
	u, err := url.Parse(cfg.Neo4j.URI)
	if err != nil || cfg.Store != "neo4j" || u.Scheme != "neo4j" || u.Hostname() != "neo4j" || u.Port() != "7687" {
		t.Errorf("gapmap runs store %q on %q; want neo4j on neo4j://neo4j:7687, the compose service", cfg.Store, cfg.Neo4j.URI)
	}
	if cfg.Neo4j.Password != "a long password" || cfg.Neo4j.Username != "neo4j" {
		t.Errorf("gapmap signs in to Neo4j as %q with %q; want neo4j with the password of NEO4J_AUTH", cfg.Neo4j.Username, cfg.Neo4j.Password)
	}
	if !strings.HasSuffix(cfg.Addr, ":8080") || !slices.Contains(app.Ports, "8080:8080") {
		t.Errorf("gapmap listens on %s and publishes %v; want :8080 published", cfg.Addr, app.Ports)
	}
}
