# Fairtender: the targets a newcomer guesses. `make` alone lists them.

SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

BIN          := bin/fairtender
HAVE_FRONTEND := $(wildcard frontend/package.json)
# Where `make services-up` writes the env file that `make services-down` reads.
SERVICES_ENV ?= $(CURDIR)/.services.env
BENCH_OUT    ?= bench.txt
# Every Go file we own; node_modules may ship Go sources that are not ours.
GO_FILES = $(shell find . -name '*.go' -not -path './.git/*' -not -path './frontend/node_modules/*' -not -path './bin/*')

.PHONY: help run build build-go frontend frontend-deps test lint migrate bench bench-go gen services-up services-down

help: ## List the targets
	@echo 'Usage: make <target>'
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z_-]+:.*## / { printf "  %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

run: build ## Build, load the demo data and serve on one machine (SQLite, local disk, outbox)
	./$(BIN) demo
	exec ./$(BIN) serve

build: frontend build-go ## Build the frontend (if present) and bin/fairtender

build-go: ## Build bin/fairtender only (pure Go, no cgo)
	@mkdir -p bin
	CGO_ENABLED=0 go build -o $(BIN) ./backend/cmd/fairtender

frontend: ## Build the frontend into frontend/dist (if there is a frontend)
ifneq ($(HAVE_FRONTEND),)
	@$(MAKE) --no-print-directory frontend-deps
	npm --prefix frontend run build
else
	@echo 'frontend/package.json not found: skipping the frontend build'
endif

# npm writes node_modules/.package-lock.json after each install, so it is newer
# than package-lock.json exactly when the installed tree is current.
frontend-deps:
	@if [[ frontend/node_modules/.package-lock.json -nt frontend/package-lock.json ]]; then \
		echo 'frontend/node_modules is up to date'; \
	else \
		npm --prefix frontend ci --no-audit --no-fund; \
	fi

test: ## Run every test: Go on SQLite and PostgreSQL, frontend and e2e (starts its own services)
	deploy/local/test.sh

lint: ## Check formatting (gofmt) and go vet
	@unformatted=$$($(if $(GO_FILES),gofmt -l $(GO_FILES))); \
	if [[ -n $$unformatted ]]; then \
		echo 'gofmt: these files need formatting (run gofmt -w):'; echo "$$unformatted"; exit 1; \
	fi
	go vet ./...

migrate: ## Apply database migrations (bin/fairtender migrate)
	./$(BIN) migrate

bench: ## Measure start-up, GET /api/v1/me beside a bare Fiber handler, and memory; rewrites BENCHMARKS.md
	deploy/bench/run.sh

bench-go: ## Run the Go benchmarks into bench.txt (or BENCH_OUT=file)
	go test -run '^$$' -bench . -benchmem ./... | tee $(BENCH_OUT)

gen: build-go ## Regenerate frontend/openapi.json and the TypeScript API client
	@mkdir -p frontend
	./$(BIN) openapi > frontend/openapi.json.tmp || { rm -f frontend/openapi.json.tmp; exit 1; }
	mv -f frontend/openapi.json.tmp frontend/openapi.json
ifneq ($(HAVE_FRONTEND),)
	@if node -e 'process.exit((require("./frontend/package.json").scripts || {}).gen ? 0 : 1)'; then \
		npm --prefix frontend run gen; \
	fi
endif

services-up: ## Start throwaway PostgreSQL, MinIO and Mailpit for development
	deploy/local/services.sh start $(SERVICES_ENV)
	@echo
	@echo 'Services are running. Load their settings with:'
	@echo '  source $(SERVICES_ENV)'
	@echo 'Stop them (and delete their data) with: make services-down'

services-down: ## Stop the services from services-up and delete their data
	deploy/local/services.sh stop $(SERVICES_ENV)
