// Package config reads gapmap's configuration with viper: built-in defaults,
// then gapmap.yaml, then GAPMAP_* environment variables, then command-line
// flags, each overriding the one before. It is read once into a typed Config
// that the rest of the program receives; nothing else reads viper.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// Config is gapmap's whole configuration.
type Config struct {
	// Addr is the HOST:PORT the web server listens on.
	Addr string `mapstructure:"addr"`
	// Data is the directory of the embedded store (gapmap.db).
	Data string `mapstructure:"data"`
	// Store is the store to use: "embedded" (default) or "neo4j".
	Store string `mapstructure:"store"`
	// Seed is a seed directory to load on first start instead of the
	// built-in Norwegian seed; empty means the built-in one.
	Seed string `mapstructure:"seed"`

	Neo4j       Neo4j       `mapstructure:"neo4j"`
	Log         Log         `mapstructure:"log"`
	Suppression Suppression `mapstructure:"suppression"`
	HTTP        HTTP        `mapstructure:"http"`
	Auth        Auth        `mapstructure:"auth"`
	Export      Export      `mapstructure:"export"`
}

// Export configures the chart exports (SVG, PNG, PDF and the GRETA pack),
// which draw the dashboards' charts in a headless Chromium.
type Export struct {
	// Chromium is the path of the Chromium executable; empty looks for
	// /usr/bin/chromium, then chromium, chromium-browser, google-chrome or
	// headless-shell on the PATH.
	Chromium string `mapstructure:"chromium"`
	// Renders is how many charts are drawn at once.
	Renders int `mapstructure:"renders"`
	// JobTTL is how long a finished pack of the web waits to be downloaded.
	JobTTL time.Duration `mapstructure:"job_ttl"`
}

// Auth configures sign-in, sessions and the editing pages.
type Auth struct {
	// CookieSecure sets the Secure flag of the session cookie. Turn it off
	// only to serve plain http on localhost: Validate refuses false with
	// any other addr.
	CookieSecure bool `mapstructure:"cookie_secure"`
	// SessionTTL is how long a session lasts however active it is.
	SessionTTL time.Duration `mapstructure:"session_ttl"`
	// SessionIdle ends a session not used for this long.
	SessionIdle time.Duration `mapstructure:"session_idle"`
	// StaleMonths is how long a service profile may go unverified before
	// the stale list shows it.
	StaleMonths int `mapstructure:"stale_months"`
	// LoginLimit is how many failed sign-ins an account may have within
	// LoginWindow; LoginAddressLimit the same per remote address.
	LoginLimit        int           `mapstructure:"login_limit"`
	LoginAddressLimit int           `mapstructure:"login_address_limit"`
	LoginWindow       time.Duration `mapstructure:"login_window"`
	// LoginMaxDelay is the longest delay the login limit puts between
	// tries at an account.
	LoginMaxDelay time.Duration `mapstructure:"login_max_delay"`
	// HashMemoryMiB bounds the memory of the password hashes running at
	// once.
	HashMemoryMiB int `mapstructure:"hash_memory_mib"`
	// TrustedProxies lists the reverse proxies whose X-Forwarded-For names
	// the client's address; empty: the connection's peer is the client. In
	// the file and the environment it is IP addresses and CIDR prefixes,
	// comma-separated (a YAML list also does); an address is read as its
	// single-address prefix, a prefix is masked.
	TrustedProxies []netip.Prefix `mapstructure:"trusted_proxies"`
}

// Neo4j configures the Neo4j store.
type Neo4j struct {
	URI      string `mapstructure:"uri"`
	Username string `mapstructure:"username"`
	Password string `mapstructure:"password"`
	Database string `mapstructure:"database"`
	// Poll is how often an instance checks for a newer landscape version.
	Poll time.Duration `mapstructure:"poll"`
	// Timeout bounds connecting and each transaction, retries included.
	Timeout time.Duration `mapstructure:"timeout"`
}

// Log configures logging.
type Log struct {
	Level  string `mapstructure:"level"`  // debug, info, warn, error
	Format string `mapstructure:"format"` // text or json
}

// Suppression configures small-count suppression: a count of people below
// Threshold is never shown; counts may be rounded to Step.
type Suppression struct {
	Threshold int `mapstructure:"threshold"`
	Step      int `mapstructure:"step"`
}

// HTTP configures the web server's timeouts.
type HTTP struct {
	ReadTimeout     time.Duration `mapstructure:"read_timeout"`
	WriteTimeout    time.Duration `mapstructure:"write_timeout"`
	IdleTimeout     time.Duration `mapstructure:"idle_timeout"`
	ShutdownTimeout time.Duration `mapstructure:"shutdown_timeout"`
}

// Default returns the built-in configuration: the one place the defaults
// are written. New gives viper each key's default from it.
func Default() Config {
	return Config{
		Addr:  "localhost:8080",
		Data:  "data",
		Store: "embedded",
		Neo4j: Neo4j{Username: "neo4j", Database: "neo4j", Poll: 5 * time.Second, Timeout: 30 * time.Second},
		Log:   Log{Level: "info", Format: "text"},
		// Counts of people under 5 are never shown.
		Suppression: Suppression{Threshold: 5},
		HTTP: HTTP{ReadTimeout: 15 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second,
			ShutdownTimeout: 15 * time.Second},
		// Sign-in, sessions and the editing pages.
		Auth: Auth{CookieSecure: true, SessionTTL: 12 * time.Hour, SessionIdle: time.Hour, StaleMonths: 12,
			LoginLimit: 5, LoginAddressLimit: 20, LoginWindow: 15 * time.Minute, LoginMaxDelay: 5 * time.Minute,
			HashMemoryMiB: 64},
		// Chart exports.
		Export: Export{Renders: 2, JobTTL: time.Hour},
	}
}

// field is one configuration key: its dotted name (from the mapstructure
// tags) and the struct field's index path in Config.
type field struct {
	key   string
	index []int
	typ   reflect.Type
}

// fields lists every key of Config, derived from its mapstructure tags: a
// struct field is a section, any other field a key.
func fields() []field {
	var out []field
	var walk func(t reflect.Type, prefix string, index []int)
	walk = func(t reflect.Type, prefix string, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
			if name == "" || name == "-" {
				continue
			}
			ix := append(slices.Clone(index), i)
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, prefix+name+".", ix)
				continue
			}
			out = append(out, field{key: prefix + name, index: ix, typ: f.Type})
		}
	}
	walk(reflect.TypeFor[Config](), "", nil)
	return out
}

// Keys returns every configuration key, in the order of Config's fields.
func Keys() []string {
	var keys []string
	for _, f := range fields() {
		keys = append(keys, f.key)
	}
	return keys
}

// EnvVar returns the environment variable of a key: GAPMAP_ and the key in
// capitals, with _ for each dot (neo4j.uri: GAPMAP_NEO4J_URI).
func EnvVar(key string) string {
	return "GAPMAP_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// New returns a viper instance with gapmap's defaults (from Default) and
// every key bound to its environment variable (EnvVar). The caller binds its
// flags to it and then calls Load.
func New() *viper.Viper {
	v := viper.New()
	def := reflect.ValueOf(Default())
	for _, f := range fields() {
		v.SetDefault(f.key, textOf(def.FieldByIndex(f.index).Interface()))
		_ = v.BindEnv(f.key, EnvVar(f.key)) // fails only without a key
	}
	return v
}

// textOf is a default as the file would write it, so that it goes through
// the same decoding as a value from the file or the environment.
func textOf(x any) any {
	switch x := x.(type) {
	case time.Duration:
		return x.String()
	case []netip.Prefix:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = p.String()
		}
		return strings.Join(parts, ",")
	}
	return x
}

// Load reads the configuration file, if any, into v and returns the
// validated Config. file is the path given with --config; if it is empty,
// gapmap.yaml is looked for in the working directory and /etc/gapmap, and
// its absence is not an error. An unknown key or an invalid value is an
// error that names the key.
func Load(v *viper.Viper, file string) (Config, error) {
	if file == "" {
		file = findConfig()
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return Config{}, fmt.Errorf("read config %s: %w", file, err)
		}
	}
	if err := checkKeys(v); err != nil {
		return Config{}, err
	}
	var c Config
	hooks := viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(durationHook, proxiesHook, numberHook, boolHook))
	if err := v.UnmarshalExact(&c, hooks); err != nil {
		return Config{}, decodeError(err)
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// badValue is a value a decode hook refuses: why says what is wrong with it.
type badValue struct {
	value any
	why   string
}

func (e *badValue) Error() string { return fmt.Sprintf("%q %s", fmt.Sprint(e.value), e.why) }

// decodeError names the key of a value the decoder refused.
func decodeError(err error) error {
	var de *mapstructure.DecodeError
	if errors.As(err, &de) {
		var bv *badValue
		if errors.As(de, &bv) {
			return fmt.Errorf("config: %s: %w", de.Name(), bv)
		}
		return fmt.Errorf("config: %s: %w", de.Name(), de.Unwrap())
	}
	return fmt.Errorf("config: %w", err)
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	prefixesType = reflect.TypeFor[[]netip.Prefix]()
)

// durationHook decodes a duration written as text (15s, 2m).
func durationHook(from, to reflect.Type, data any) (any, error) {
	if to != durationType || from == durationType {
		return data, nil
	}
	text, ok := data.(string)
	if !ok { // a bare number has no unit
		return nil, &badValue{data, "is not a duration (e.g. 15s, 2m)"}
	}
	d, err := time.ParseDuration(strings.TrimSpace(text))
	if err != nil {
		return nil, &badValue{data, "is not a duration (e.g. 15s, 2m)"}
	}
	return d, nil
}

// numberHook decodes a whole number written as text (an environment
// variable's).
func numberHook(from, to reflect.Type, data any) (any, error) {
	if to.Kind() != reflect.Int || from.Kind() != reflect.String {
		return data, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(data.(string)))
	if err != nil {
		return nil, &badValue{data, "is not a whole number"}
	}
	return n, nil
}

// boolHook decodes true or false written as text.
func boolHook(from, to reflect.Type, data any) (any, error) {
	if to.Kind() != reflect.Bool || from.Kind() != reflect.String {
		return data, nil
	}
	b, err := strconv.ParseBool(strings.TrimSpace(data.(string)))
	if err != nil {
		return nil, &badValue{data, "is not true or false"}
	}
	return b, nil
}

// proxiesHook parses auth.trusted_proxies, once: IP addresses and CIDR
// prefixes, comma-separated or as a YAML list.
func proxiesHook(from, to reflect.Type, data any) (any, error) {
	if to != prefixesType {
		return data, nil
	}
	var parts []string
	switch d := data.(type) {
	case string:
		parts = strings.Split(d, ",")
	case []any:
		for _, x := range d {
			parts = append(parts, fmt.Sprint(x))
		}
	case []string:
		parts = d
	default:
		return data, nil
	}
	ps := []netip.Prefix{}
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			ps = append(ps, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, &badValue{part, "is neither an IP address nor a CIDR prefix"}
		}
		ps = append(ps, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	if len(ps) == 0 {
		return []netip.Prefix(nil), nil
	}
	return ps, nil
}

// SearchPath is where Load looks for gapmap.yaml when no file is given.
var SearchPath = []string{"gapmap.yaml", "/etc/gapmap/gapmap.yaml"}

// findConfig returns the first file of SearchPath that exists, or "".
func findConfig() string {
	for _, p := range SearchPath {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// checkKeys refuses keys in the configuration file that gapmap does not
// know, naming the first (UnmarshalExact refuses them too, but names only
// their section), so a typo does not silently fall back to a default.
func checkKeys(v *viper.Viper) error {
	known := Keys()
	for _, k := range v.AllKeys() {
		if !slices.Contains(known, k) {
			return fmt.Errorf("config: %s: unknown key (see config/gapmap.example.yaml)", k)
		}
	}
	return nil
}

// Validate checks every value and returns an error naming the first key
// whose value is invalid.
func (c Config) Validate() error {
	if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("config: addr: %q is not HOST:PORT (e.g. localhost:8080)", c.Addr)
	} else if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("config: addr: %q has no valid port", c.Addr)
	}
	switch c.Store {
	case "embedded":
		if c.Data == "" {
			return errors.New("config: data: is required with store embedded")
		}
	case "neo4j":
		if c.Neo4j.URI == "" {
			return errors.New("config: neo4j.uri: is required with store neo4j (e.g. neo4j://localhost:7687)")
		}
		u, err := url.Parse(c.Neo4j.URI)
		if err != nil || !strings.HasPrefix(u.Scheme, "neo4j") && !strings.HasPrefix(u.Scheme, "bolt") {
			return fmt.Errorf("config: neo4j.uri: %q is not a neo4j:// or bolt:// URI", c.Neo4j.URI)
		}
		if c.Neo4j.Poll <= 0 {
			return errors.New("config: neo4j.poll: must be positive")
		}
		if c.Neo4j.Timeout <= 0 {
			return errors.New("config: neo4j.timeout: must be positive")
		}
	default:
		return fmt.Errorf("config: store: unknown store %q (want embedded or neo4j)", c.Store)
	}
	if c.Seed != "" {
		if fi, err := os.Stat(c.Seed); err != nil || !fi.IsDir() {
			return fmt.Errorf("config: seed: %q is not a directory", c.Seed)
		}
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("config: log.level: unknown level %q (want debug, info, warn or error)", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		return fmt.Errorf("config: log.format: unknown format %q (want text or json)", c.Log.Format)
	}
	if c.Suppression.Threshold < 1 {
		return fmt.Errorf("config: suppression.threshold: must be 1 or more, got %d", c.Suppression.Threshold)
	}
	if c.Suppression.Step < 0 {
		return fmt.Errorf("config: suppression.step: must not be negative, got %d", c.Suppression.Step)
	}
	for _, t := range []struct {
		key string
		d   time.Duration
	}{
		{"http.read_timeout", c.HTTP.ReadTimeout}, {"http.write_timeout", c.HTTP.WriteTimeout},
		{"http.idle_timeout", c.HTTP.IdleTimeout}, {"http.shutdown_timeout", c.HTTP.ShutdownTimeout},
	} {
		if t.d <= 0 {
			return fmt.Errorf("config: %s: must be positive", t.key)
		}
	}
	if err := c.Export.validate(); err != nil {
		return err
	}
	return c.Auth.validate(c.Addr)
}

// validate checks the export keys. A missing Chromium is not an error: the
// chart exports say so when used, and everything else works.
func (e Export) validate() error {
	if e.Renders < 1 || e.Renders > 16 {
		return fmt.Errorf("config: export.renders: must be from 1 to 16, got %d", e.Renders)
	}
	if e.JobTTL < time.Minute {
		return fmt.Errorf("config: export.job_ttl: must be a minute or more, got %s", e.JobTTL)
	}
	if e.Chromium != "" {
		if fi, err := os.Stat(e.Chromium); err != nil || fi.IsDir() {
			return fmt.Errorf("config: export.chromium: %q is not a file (install Chromium, e.g. apt-get install chromium, or leave it empty to look for one)", e.Chromium)
		}
	}
	return nil
}

// validate checks the auth keys; addr is the listen address, which must be
// a loopback one if the session cookie is not Secure.
func (a Auth) validate(addr string) error {
	for _, t := range []struct {
		key string
		d   time.Duration
	}{{"auth.session_ttl", a.SessionTTL}, {"auth.session_idle", a.SessionIdle}, {"auth.login_window", a.LoginWindow},
		{"auth.login_max_delay", a.LoginMaxDelay}} {
		if t.d <= 0 {
			return fmt.Errorf("config: %s: must be positive", t.key)
		}
	}
	for _, t := range []struct {
		key string
		n   int
	}{{"auth.stale_months", a.StaleMonths}, {"auth.login_limit", a.LoginLimit}, {"auth.login_address_limit", a.LoginAddressLimit},
		{"auth.hash_memory_mib", a.HashMemoryMiB}} {
		if t.n < 1 {
			return fmt.Errorf("config: %s: must be 1 or more, got %d", t.key, t.n)
		}
	}
	if a.SessionIdle > a.SessionTTL {
		return fmt.Errorf("config: auth.session_idle: %s is longer than auth.session_ttl %s", a.SessionIdle, a.SessionTTL)
	}
	if !a.CookieSecure {
		host, _, _ := net.SplitHostPort(addr)
		ip := net.ParseIP(host)
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Errorf("config: auth.cookie_secure: false is only for plain http on localhost, but addr is %q: "+
				"serve https (behind a proxy) and keep it true", addr)
		}
	}
	return nil
}
