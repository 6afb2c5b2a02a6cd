package gap

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/graph/neo4j"
)

// The store benchmarks run the embedded store and the Neo4j store side by
// side, in one run, on the same landscapes. The Neo4j ones need the server
// of scripts/neo4j/start (its database is wiped):
//
//	scripts/neo4j/start .neo4j-dev && . .neo4j-dev/env
//	go test ./internal/gap -run '^$' -bench 'Store|CubeCypher' -benchtime 1x -europe.full

// benchStore is one store under benchmark and how to empty it.
type benchStore struct {
	name  string
	store graph.Store
	neo   *neo4j.Store // nil for the embedded store
	wipe  func(b *testing.B)
}

// benchStores opens a fresh embedded store and, when the test server is
// set, the Neo4j store on it, wiped.
func benchStores(b *testing.B) []*benchStore {
	b.Helper()
	ctx := context.Background()
	var out []*benchStore
	dir := b.TempDir()
	path := filepath.Join(dir, "gapmap.db")
	emb := &benchStore{name: "embedded"}
	emb.wipe = func(b *testing.B) {
		if emb.store != nil {
			emb.store.Close()
		}
		os.Remove(path)
		s, err := embedded.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		emb.store = s
	}
	emb.wipe(b)
	b.Cleanup(func() { emb.store.Close() })
	out = append(out, emb)

	uri := os.Getenv("GAPMAP_TEST_NEO4J_URI")
	if uri == "" {
		b.Log("GAPMAP_TEST_NEO4J_URI unset: the embedded store alone")
		return out
	}
	cfg := neo4j.Config{URI: uri, Username: os.Getenv("GAPMAP_TEST_NEO4J_USER"),
		Password: os.Getenv("GAPMAP_TEST_NEO4J_PASSWORD"), Timeout: 10 * time.Minute}
	s, err := neo4j.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	driver, err := neo4jdriver.NewDriverWithContext(uri, neo4jdriver.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { driver.Close(ctx) })
	wipe := func(b *testing.B) {
		session := driver.NewSession(ctx, neo4jdriver.SessionConfig{})
		defer session.Close(ctx)
		// Everything but the migration records and the schema.
		res, err := session.Run(ctx, "MATCH (n) WHERE NOT n:GapmapMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			b.Fatalf("wipe Neo4j: %v", err)
		}
	}
	wipe(b)
	return append(out, &benchStore{name: "neo4j", store: s, neo: s, wipe: wipe})
}

// landscapeChange is the change that writes l into an empty store.
func landscapeChange(l *graph.Landscape) *graph.Change {
	c := &graph.Change{Actor: "bench"}
	for _, n := range l.AllNodes() {
		c.Create(n)
	}
	for _, e := range l.Edges() {
		c.PutEdge(e)
	}
	return c
}

// heapMiB returns the Go heap in use after a collection.
func heapMiB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse) / (1 << 20)
}

func storeLandscapes(b *testing.B) map[string]*graph.Landscape {
	ls := map[string]*graph.Landscape{"norway": norway(b)}
	if *europeFull {
		ls["europe"] = synthesise(b, europeScale)
	}
	return ls
}

// BenchmarkStoreBulkLoad writes a whole landscape into an empty store in
// one Apply: the Norwegian seed, and with -europe.full the Europe-scale
// synthetic landscape (20,000 services). It reports the statements sent
// (round trips; the embedded store makes none) and the Go heap in use
// after it.
func BenchmarkStoreBulkLoad(b *testing.B) {
	ctx := context.Background()
	for name, l := range storeLandscapes(b) {
		c := landscapeChange(l)
		for _, st := range benchStores(b) {
			b.Run(name+"/"+st.name, func(b *testing.B) {
				b.ReportAllocs()
				var stmts int64
				for b.Loop() {
					b.StopTimer()
					st.wipe(b)
					store := st.store
					before := int64(0)
					if st.neo != nil {
						before = st.neo.Statements()
					}
					b.StartTimer()
					if _, err := store.Apply(ctx, c); err != nil {
						b.Fatal(err)
					}
					if st.neo != nil {
						stmts = st.neo.Statements() - before
					}
				}
				nodes, edges := l.Len()
				b.ReportMetric(float64(nodes), "nodes")
				b.ReportMetric(float64(edges), "edges")
				b.ReportMetric(float64(stmts), "round-trips")
				b.ReportMetric(heapMiB(), "heap-MiB")
			})
		}
	}
}

// BenchmarkStoreSnapshot loads the snapshot every instance reads at start
// and after each change it sees (Landscape), from the Norwegian seed and,
// with -europe.full, the Europe-scale landscape.
func BenchmarkStoreSnapshot(b *testing.B) {
	ctx := context.Background()
	for name, l := range storeLandscapes(b) {
		c := landscapeChange(l)
		for _, st := range benchStores(b) {
			if _, err := st.store.Apply(ctx, c); err != nil {
				b.Fatal(err)
			}
			b.Run(name+"/"+st.name, func(b *testing.B) {
				b.ReportAllocs()
				var got *graph.Landscape
				for b.Loop() {
					var err error
					if got, err = st.store.Landscape(ctx); err != nil {
						b.Fatal(err)
					}
				}
				n, e := got.Len()
				b.ReportMetric(float64(n), "nodes")
				b.ReportMetric(float64(e), "edges")
			})
		}
	}
}

// BenchmarkStoreUpdate updates one service of the Norwegian landscape per
// Apply, as an editor's save does, and reports the p50 and p99 latency of
// 200 updates per run.
func BenchmarkStoreUpdate(b *testing.B) {
	ctx := context.Background()
	l := norway(b)
	c := landscapeChange(l)
	for _, st := range benchStores(b) {
		if _, err := st.store.Apply(ctx, c); err != nil {
			b.Fatal(err)
		}
		b.Run("norway/"+st.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				lat = lat[:0]
				for i := range 200 {
					cur, err := st.store.Landscape(ctx)
					if err != nil {
						b.Fatal(err)
					}
					n, _ := cur.Node("rosa")
					svc := *n.(*graph.Service)
					svc.Capacity = 40 + i%7
					start := time.Now()
					if _, err := st.store.Apply(ctx, new(graph.Change).Update(&svc)); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
				}
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// cubeCypher is the baseline a dashboard with a Cypher query per chart would
// use for the gap cube: one query per need and stage counting, per status,
// exploitation type, region, gender and age band, the services that meet
// the need at the stage there. It computes coverage only, none of the
// kinds of gap, partial extents, referrals or provenance gapmap's engine
// adds, so its time is a lower bound on a Cypher cube's.
const cubeCypher = `MATCH (s:Service)-[:MEETS]->(:Need {id: $need})
MATCH (s)-[:AT_STAGE]->(:Stage {id: $stage})
MATCH (s)-[:ACCEPTS]->(st:Status)
MATCH (s)-[:SERVES]->(e:Exploitation)
MATCH (s)-[:COVERS]->(:Region)<-[:PART_OF*0..]-(r:Region)
UNWIND CASE WHEN size(coalesce(s.genders, [])) = 0 THEN $genders ELSE s.genders END AS g
UNWIND CASE WHEN size(coalesce(s.age_bands, [])) = 0 THEN $ages ELSE s.age_bands END AS a
RETURN st.id AS status, e.id AS exploitation, r.id AS region, g AS gender, a AS age, count(DISTINCT s) AS services`

// BenchmarkCubeCypherVsEngine computes the Norwegian gap cube with
// gapmap's engine and with cubeCypher on Neo4j (one query per need and
// stage), and reports the ratio of their times.
func BenchmarkCubeCypherVsEngine(b *testing.B) {
	ctx := context.Background()
	l := norway(b)
	stores := benchStores(b)
	if len(stores) < 2 {
		b.Skip("needs the Neo4j test server (GAPMAP_TEST_NEO4J_URI)")
	}
	if _, err := stores[1].store.Apply(ctx, landscapeChange(l)); err != nil {
		b.Fatal(err)
	}
	ix, err := NewIndex(l)
	if err != nil {
		b.Fatal(err)
	}
	uri := os.Getenv("GAPMAP_TEST_NEO4J_URI")
	driver, err := neo4jdriver.NewDriverWithContext(uri, neo4jdriver.BasicAuth(os.Getenv("GAPMAP_TEST_NEO4J_USER"), os.Getenv("GAPMAP_TEST_NEO4J_PASSWORD"), ""))
	if err != nil {
		b.Fatal(err)
	}
	defer driver.Close(ctx)
	var genders, ages []any
	for _, g := range graph.Genders {
		genders = append(genders, string(g))
	}
	for _, a := range graph.AgeBands {
		ages = append(ages, string(a))
	}
	needs, stages := ids(l, graph.TypeNeed), ids(l, graph.TypeStage)
	var engine, cypher time.Duration
	rows := 0
	for b.Loop() {
		start := time.Now()
		if _, err := ix.Analyse(ctx, Query{}, Scenario{}); err != nil {
			b.Fatal(err)
		}
		engine += time.Since(start)
		start = time.Now()
		rows = 0
		for _, n := range needs {
			for _, s := range stages {
				res, err := neo4jdriver.ExecuteQuery(ctx, driver, cubeCypher,
					map[string]any{"need": n, "stage": s, "genders": genders, "ages": ages},
					neo4jdriver.EagerResultTransformer, neo4jdriver.ExecuteQueryWithReadersRouting())
				if err != nil {
					b.Fatal(err)
				}
				rows += len(res.Records)
			}
		}
		cypher += time.Since(start)
	}
	b.ReportMetric(float64(engine.Milliseconds())/float64(b.N), "engine-ms")
	b.ReportMetric(float64(cypher.Milliseconds())/float64(b.N), "cypher-ms")
	b.ReportMetric(float64(len(needs)*len(stages)), "cypher-queries")
	b.ReportMetric(float64(rows), "cypher-covered-cells")
	b.ReportMetric(float64(cypher)/float64(engine), "cypher/engine")
}
