# apigen — two commands set everything up on a fresh machine:
#   make generate   installs what is missing, builds the generator, generates every spec in spec/ into generated/<name>/
#   make test       installs what is missing, type-checks, runs the drift check, then jest
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := generate

APIGEN := node bin/apigen.js
INSTALLED := node_modules/.apigen-installed
# TypeScript 5.9 by path: the typescript-7 devDependency (compile matrix only) also ships a bin named tsc.
TSC := node node_modules/typescript/bin/tsc
BUILT := dist/cli/main.js
GENERATOR_SOURCES := $(shell find generator -name '*.ts') $(wildcard templates/*.hbs) tsconfig.json tsconfig.build.json package.json

.PHONY: install build generate check typecheck test bench clean

install: $(INSTALLED)

# npm ci installs exactly the lock file; its "prepare" script also builds dist/.
$(INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: $(BUILT)

$(BUILT): $(INSTALLED) $(GENERATOR_SOURCES)
	$(TSC) -p tsconfig.build.json
	node dist/load/precompile-schema.js
	node dist/render/precompile-templates.js
	touch $@

# apigen.config.json holds one target per spec in spec/ (test/generated.test.ts keeps it so) and the options they
# share: outputs sdk, cli and docs, so generated/<name>/ also holds cli.ts and docs/, and the drift check covers them.
generate: build
	$(APIGEN) generate

# Drift check: exits 1 and names the files when generated/ is not what spec/ makes now.
check: build
	$(APIGEN) generate --check

typecheck: $(INSTALLED)
	$(TSC) -p tsconfig.json --noEmit

# JEST_FLAGS lets CI ask for a machine-readable report.
test: typecheck check
	npx jest $(JEST_FLAGS)

# Speed is measured here, as ratios against peers, never asserted in a test (bench/README.md says how to read it).
# BENCH_ONLY picks some of validators,generators,scale,bundle,corpus (comma-separated; default the first four: corpus
# runs a few hundred APIs.guru specs, fetched on first use, and takes minutes);
# BENCH_ROUNDS and the other BENCH_* variables each script documents pass through.
BENCH_ONLY ?= validators,generators,scale,bundle
bench: build
	@for b in validators generators scale bundle corpus; do \
	  case ",$(BENCH_ONLY)," in *",$$b,"*) echo "== node bench/$$b.bench.js"; node "bench/$$b.bench.js";; esac; \
	done

clean:
	rm -rf dist coverage
