package config_test

import (
	"fmt"
	"net/netip"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/config"
)

// valueOf returns the field of c that key names, found by the mapstructure
// tags (the test's own walk, not config's).
func valueOf(t *testing.T, c config.Config, key string) any {
	t.Helper()
	v := reflect.ValueOf(c)
next:
	for _, part := range strings.Split(key, ".") {
		for i := range v.NumField() {
			if v.Type().Field(i).Tag.Get("mapstructure") == part {
				v = v.Field(i)
				continue next
			}
		}
		t.Fatalf("no field for %s", key)
	}
	return v.Interface()
}

// TestEnvOverridesEveryKey sets every key's environment variable at once
// (testdata/env.yaml) and checks that each reaches its field.
func TestEnvOverridesEveryKey(t *testing.T) {
	raw, err := os.ReadFile("testdata/env.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct{ Key, Env, Want string }
	if err := yaml.Unmarshal(raw, &rows); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range rows {
		keys = append(keys, r.Key)
		t.Setenv(config.EnvVar(r.Key), r.Env)
	}
	for _, k := range config.Keys() {
		if !slices.Contains(keys, k) {
			t.Errorf("testdata/env.yaml has no row for %s", k)
		}
	}
	if got := config.EnvVar("auth.login_address_limit"); got != "GAPMAP_AUTH_LOGIN_ADDRESS_LIMIT" {
		t.Errorf("EnvVar = %s", got)
	}
	c, err := config.Load(config.New(), "")
	if err != nil {
		t.Fatal(err)
	}
	def := config.Default()
	for _, r := range rows {
		got := fmt.Sprint(valueOf(t, c, r.Key))
		if got != r.Want {
			t.Errorf("%s=%q: %s is %s, want %s", config.EnvVar(r.Key), r.Env, r.Key, got, r.Want)
		}
		if d := fmt.Sprint(valueOf(t, def, r.Key)); d == r.Want {
			t.Errorf("%s: the row's value is the default %s, so it proves nothing", r.Key, d)
		}
	}
}

// TestTrustedProxiesParsedOnce: auth.trusted_proxies reaches the Config as
// prefixes, from a comma-separated string or a YAML list; an address is its
// single-address prefix (an IPv4-mapped one unmapped), a prefix is masked.
func TestTrustedProxiesParsedOnce(t *testing.T) {
	t.Chdir(pkgDir)
	c, err := config.Load(config.New(), "testdata/proxies_list.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32")}
	if !slices.Equal(c.Auth.TrustedProxies, want) {
		t.Errorf("from a YAML list: %v, want %v", c.Auth.TrustedProxies, want)
	}
	t.Setenv("GAPMAP_AUTH_TRUSTED_PROXIES", " , ")
	c, err = config.Load(config.New(), "testdata/custom.yaml")
	if err != nil || c.Auth.TrustedProxies != nil {
		t.Errorf("an empty list: %v, %v; want none", c.Auth.TrustedProxies, err)
	}
}
