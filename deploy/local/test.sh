#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it: first what needs no
# services (npm ci, the frontend build, go vet, the frontend unit tests) while
# MinIO and Mailpit compile in the background on a fresh machine; then
# throwaway PostgreSQL, MinIO and Mailpit (deploy/local/services.sh), the Go
# tests once on SQLite and once on PostgreSQL, and the Playwright end-to-end
# tests against a freshly built binary.
#
# Stops at the first failing stage with a non-zero exit and always stops the
# services, also on Ctrl-C.
#
# Knobs (environment):
#   FAIRTENDER_TEST_PKGS   Go packages to vet and test (default ./...)
#   GO_TEST_TIMEOUT        go test -timeout (default 20m: it is there to end a hang; the bids and
#                          notifications packages take 8 minutes under the race detector on a
#                          busy 2-core machine, and a slow package must not fail the run)
#   GOTESTFLAGS            extra go test flags, e.g. "-run TestBids -v"
#   GO_TEST_RACE_POSTGRES  1: the race detector on the PostgreSQL pass too (it always runs on SQLite)
#   FAIRTENDER_TEST_FRONTEND=0  skip the frontend stages (Go-only iteration)
#   FAIRTENDER_TEST_E2E_FILES   end-to-end test files to run (default all), e.g. "e2e/search.e2e.ts"
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"

read -r -a PKGS <<<"${FAIRTENDER_TEST_PKGS:-./...}"
GO_TEST_TIMEOUT=${GO_TEST_TIMEOUT:-20m}
read -r -a EXTRA_TEST_FLAGS <<<"${GOTESTFLAGS:-}"
read -r -a E2E_FILES <<<"${FAIRTENDER_TEST_E2E_FILES:-}"

T0=$SECONDS
SUMMARY=()

if [[ -t 1 ]]; then
	BOLD=$'\033[1m' RED=$'\033[1;31m' GREEN=$'\033[32m' RESET=$'\033[0m'
else
	BOLD='' RED='' GREEN='' RESET=''
fi

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# stage runs one step under a header, times it, and ends the run on failure.
# A step given as a function must return its own failures (`|| return`),
# because errexit does not apply inside a command tested by `||`.
stage() {
	local name=$1 t rc=0
	shift
	printf '\n%s==> %s%s\n' "$BOLD" "$name" "$RESET"
	t=$SECONDS
	"$@" || rc=$?
	t=$((SECONDS - t))
	if ((rc != 0)); then
		SUMMARY+=("FAIL  $(fmt_secs "$t")  $name")
		printf '\n%s<== FAILED: %s (exit %d, %s)%s\n' "$RED" "$name" "$rc" "$(fmt_secs "$t")" "$RESET"
		exit "$rc"
	fi
	SUMMARY+=("ok    $(fmt_secs "$t")  $name")
	printf '%s<== ok: %s (%s)%s\n' "$GREEN" "$name" "$(fmt_secs "$t")" "$RESET"
}

ENV_FILE=
TOOLS_PID=
on_exit() {
	local rc=$?
	trap - EXIT
	# Ctrl-C again must not interrupt the cleanup.
	trap '' INT TERM
	stop_tools_build
	if [[ -n $ENV_FILE ]]; then
		printf '\n==> stopping services\n'
		"$ROOT/deploy/local/services.sh" stop "$ENV_FILE" || true
	fi
	if ((${#SUMMARY[@]})); then
		printf '\nSummary:\n'
		printf '  %s\n' "${SUMMARY[@]}"
	fi
	printf 'Total %s: %s\n' "$(fmt_secs $((SECONDS - T0)))" "$( ((rc == 0)) && echo PASS || echo "FAIL (exit $rc)")"
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# MinIO and Mailpit take minutes to compile the first time (then they are
# cached in ~/.cache/fairtender-tools). start_tools_build starts that in the
# background, in its own process group so that an early exit can stop it; the
# services stage waits for it.
TOOLS_LOG=
TOOLS_TIME=
start_tools_build() {
	TOOLS_LOG=$(mktemp "${TMPDIR:-/tmp}/fairtender-tools-build.XXXXXX") || return
	TOOLS_TIME=$TOOLS_LOG.secs
	setsid bash -c 't=$SECONDS; "$1" tools || exit; echo $((SECONDS - t)) >"$2"' \
		tools-build "$ROOT/deploy/local/services.sh" "$TOOLS_TIME" </dev/null >"$TOOLS_LOG" 2>&1 &
	TOOLS_PID=$!
}

stop_tools_build() {
	if [[ -n $TOOLS_PID ]] && kill -0 "$TOOLS_PID" 2>/dev/null; then
		kill -TERM -- "-$TOOLS_PID" 2>/dev/null || true
		wait "$TOOLS_PID" 2>/dev/null || true
	fi
	TOOLS_PID=
	[[ -n $TOOLS_LOG ]] && rm -f -- "$TOOLS_LOG" "$TOOLS_TIME"
	return 0
}

wait_tools_build() {
	local rc=0
	[[ -n $TOOLS_PID ]] || return 0
	wait "$TOOLS_PID" || rc=$?
	TOOLS_PID=
	cat "$TOOLS_LOG"
	if ((rc != 0)); then
		echo "building MinIO or Mailpit failed (exit $rc)" >&2
		return "$rc"
	fi
	if [[ -s $TOOLS_TIME ]]; then
		echo "MinIO and Mailpit ready after $(fmt_secs "$(<"$TOOLS_TIME")") in the background"
	fi
}

start_services() {
	wait_tools_build || return
	ENV_FILE=$(mktemp "${TMPDIR:-/tmp}/fairtender-test-env.XXXXXX") || return
	"$ROOT/deploy/local/services.sh" start "$ENV_FILE" || return
	# shellcheck disable=SC1090
	. "$ENV_FILE"
}

# go_test runs every Go test on one engine. The race detector runs on the SQLite pass only: it
# watches Go memory, and the Go code is the same on both engines, while it makes the tests about
# five times slower (11 of the busy run's minutes on SQLite); the PostgreSQL pass is there for the
# SQL. GO_TEST_RACE_POSTGRES=1 adds it there too.
go_test() {
	local race=(-race)
	if [ "$1" = postgres ] && [ "${GO_TEST_RACE_POSTGRES:-0}" != 1 ]; then
		race=()
	fi
	FAIRTENDER_TEST_DB=$1 go test "${race[@]}" -count=1 -timeout "$GO_TEST_TIMEOUT" "${EXTRA_TEST_FLAGS[@]}" "${PKGS[@]}"
}

# has_npm_script reports whether frontend/package.json defines script NAME.
has_npm_script() {
	node -e 'process.exit((require("./frontend/package.json").scripts || {})[process.argv[1]] ? 0 : 1)' "$1"
}

npm_ci() {
	# npm writes node_modules/.package-lock.json after every install: newer
	# than package-lock.json means the installed tree is current.
	if [[ frontend/node_modules/.package-lock.json -nt frontend/package-lock.json ]]; then
		echo "frontend/node_modules is up to date; skipping npm ci"
		return 0
	fi
	npm --prefix frontend ci --no-audit --no-fund
}

go_build() {
	mkdir -p bin || return
	CGO_ENABLED=0 go build -o bin/fairtender ./backend/cmd/fairtender
}

# No stdin: a test runner that would otherwise watch for changes runs once.
frontend_test() {
	npm --prefix frontend test </dev/null
}

e2e() {
	if [[ ! -x /usr/bin/chromium ]]; then
		echo "warning: /usr/bin/chromium is missing (apt-get install chromium); the e2e tests need it" >&2
	fi
	FAIRTENDER_BIN=$ROOT/bin/fairtender npm --prefix frontend run e2e -- "${E2E_FILES[@]}" </dev/null
}

# Under way while the stages below that need no services run.
start_tools_build

frontend=
if [[ ${FAIRTENDER_TEST_FRONTEND:-1} == 0 ]]; then
	printf '\nFAIRTENDER_TEST_FRONTEND=0: skipping the frontend stages\n'
elif [[ -f frontend/package.json ]]; then
	frontend=1
	stage "npm ci" npm_ci
	# Built before the Go tests so that they exercise the embedded portal (index.html fallback,
	# cache headers on hashed assets), and before the binary, which embeds it too.
	if has_npm_script build; then
		stage "build frontend" npm --prefix frontend run build
	fi
else
	printf '\nfrontend/package.json not found: skipping the frontend stages\n'
fi

stage "go vet" go vet "${PKGS[@]}"
if [[ -n $frontend ]]; then
	stage "frontend unit tests" frontend_test
fi

# A service that does not start fails the run here: nothing below is skipped for want of one.
stage "start services (PostgreSQL, MinIO, Mailpit)" start_services
stage "go test on SQLite" go_test sqlite
stage "go test on PostgreSQL" go_test postgres

if [[ -n $frontend ]]; then
	stage "build binary" go_build
	if has_npm_script check-generated; then
		# check-generated compares frontend/openapi.json with what the binary just built prints.
		stage "generated API client is current" npm --prefix frontend run check-generated
	fi
	stage "end-to-end tests" e2e
fi
