# gapmap build. Two targets do all the set-up on a fresh machine:
#   make run   builds gapmap and serves the Norwegian landscape on http://localhost:8080
#   make test  runs every check and test (what .ci/run runs on a clean clone)
# Both need Go 1.26, Node.js 20+ and npm (for ECharts and the Cypher linter).

GO      ?= go
BIN     := bin/gapmap
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
ECHARTS := internal/echartsjs/dist/echarts.min.js
NPM_STAMP := node_modules/.package-lock.json
STATICCHECK := v0.8.2

.PHONY: run build assets test test-short vet lint-cypher bench fuzz clean

run: build
	./$(BIN) serve

build: assets
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/gapmap

# ECharts is taken from npm at build time and embedded in the binary (package
# internal/echartsjs): gapmap serves it itself, so pages work on networks with
# no internet, and the chart exports run the same script in headless Chromium.
assets: $(ECHARTS)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(ECHARTS): $(NPM_STAMP)
	cp node_modules/echarts/dist/echarts.min.js $@

# test is what CI runs. The gap engine's passes and the login limits run on
# several goroutines: their suites run again under the race detector.
test: assets vet lint-cypher
	$(GO) test -count=1 ./...
	$(GO) test -race -count=1 ./internal/gap/ ./internal/auth/...
	$(MAKE) fuzz

# fuzz runs each fuzz target for FUZZTIME on top of its corpus (the inputs
# under testdata/fuzz, which go test also runs as plain tests): the seed
# loader, the scenario parser, the HSDS reader, the filter parser and the
# write API's JSON merge patch. A failing input is written to the target's
# testdata/fuzz directory; commit it with the fix.
FUZZTIME ?= 20s
FUZZ_TARGETS := ./seed:FuzzLoad ./internal/gap:FuzzParseScenario ./internal/hsds:FuzzReadHSDS \
	./internal/web:FuzzGapQuery ./internal/web:FuzzMergePatchInput
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	done

# test-short skips nothing that CI runs but the slow browser and crash suites
# still run; use it while editing.
test-short: assets
	$(GO) test -short ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK) ./...

lint-cypher: $(NPM_STAMP)
	node scripts/cypherlint/lint.mjs
	node scripts/cypherlint/lint.mjs graph/neo4j/examples/*.cypher

bench: assets
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(ECHARTS)
