#!/usr/bin/env bash
# Measures the portal on this machine and rewrites BENCHMARKS.md with the figures (issue 2's
# "Measure" section): start-up to a ready /readyz on SQLite, GET /api/v1/me at 50 concurrent
# clients beside a bare Fiber handler returning the same bytes, and resident memory at idle and
# under that load. Everything listens on 127.0.0.1 and lives in a temporary directory that is
# removed, with every process started here, however the script ends.
#
# Usage: deploy/bench/run.sh            (from anywhere; takes about a minute)
# Settings (environment):
#   BENCH_CLIENTS=50 BENCH_WARMUP=2s BENCH_DURATION=10s BENCH_STARTUP_RUNS=5
#   BENCH_REBUILD=1        rebuild bin/fairtender even when it exists
#   BENCHMARKS_FILE=path   where to write (default BENCHMARKS.md at the repo root)
# The frontend sections of an existing BENCHMARKS.md (between the frontend markers) and the
# suppliers section (written by deploy/bench/suppliers.sh) are kept.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

clients=${BENCH_CLIENTS:-50}
warmup=${BENCH_WARMUP:-2s}
duration=${BENCH_DURATION:-10s}
startup_runs=${BENCH_STARTUP_RUNS:-5}
out=${BENCHMARKS_FILE:-$repo/BENCHMARKS.md}
bin=bin/fairtender
demo_email=supplier@demo.fairtender.localhost

# Settings from the caller's shell (a PostgreSQL URL, say) must not leak in: this measures the
# embedded default.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^FAIRTENDER_' || true)

for tool in curl awk go; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/fairtender-bench.XXXXXX")
pids=()
cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '==> %s\n' "$*" >&2; }

forget() {
	local p keep=()
	for p in "${pids[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
	pids=("${keep[@]+"${keep[@]}"}")
}

# stop PID: SIGTERM, wait, and forget it.
stop() {
	kill -TERM "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
	forget "$1"
}

# await CMD…: run CMD to completion, but as a background job, because bash runs a trap only once
# a foreground child has finished; this way an interrupted run stops at once and cleans up.
await() {
	local pid rc=0
	"$@" &
	pid=$!
	pids+=("$pid")
	wait "$pid" || rc=$?
	forget "$pid"
	return "$rc"
}

# free_port prints a loopback port nobody is listening on.
free_port() {
	local p i
	for i in {1..100}; do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	echo "run.sh: no free port found" >&2
	return 1
}

# wait_200 URL [LOGFILE]: poll until URL answers 200, for up to 60 s.
wait_200() {
	local url=$1 logfile=${2:-} i
	for i in $(seq 600); do
		if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; then
			return
		fi
		sleep 0.1
	done
	echo "run.sh: $url not ready after 60 s" >&2
	[[ -n $logfile ]] && tail -20 "$logfile" >&2
	return 1
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# rss_split PID: "anon X, file Y" in MiB; the file part is mostly the executable's own pages.
rss_split() {
	awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } END { printf "anon %.1f, file %.1f", a / 1024, f / 1024 }' "/proc/$1/status"
}

# read_kv FILE PREFIX: set PREFIX_KEY=VALUE for each KEY=VALUE line the Go tools print.
read_kv() {
	local k v
	while IFS='=' read -r k v; do
		[[ $k =~ ^[a-z_0-9]+$ ]] || continue
		printf -v "${2}_$k" '%s' "$v"
	done <"$1"
}

loadavg() { uptime | sed 's/.*load average: //'; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f MiB", kb / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# ---- Build ------------------------------------------------------------------------------------
if [[ ! -x $bin || ${BENCH_REBUILD:-} == 1 ]]; then
	log "building $bin"
	mkdir -p bin
	CGO_ENABLED=0 await go build -o "$bin" ./backend/cmd/fairtender
fi
bin_built=$(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC')
log "building the bench tools"
await go build -o "$work/load" ./deploy/bench/load
await go build -o "$work/bare" ./deploy/bench/bare
await go build -o "$work/startup" ./deploy/bench/startup

run_started=$(date +%s)
machine_date=$(date -u '+%Y-%m-%d %H:%M UTC')
machine_cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
machine_nproc=$(nproc)
machine_mem=$(free -m | awk '/^Mem:/ { printf "%d MiB total, %d MiB available", $2, $7 }')
machine_go=$(go version)
machine_kernel=$(uname -sr)
load_before=$(loadavg)

# ---- 1. Start-up to a ready /readyz -----------------------------------------------------------
data=$work/data
mkdir -p "$data"
port=$(free_port)
log "start-up: $startup_runs runs of '$bin serve' against a fresh data dir"
load_startup=$(loadavg)
await "$work/startup" -bin "$bin" -data-dir "$data" -listen "127.0.0.1:$port" -runs "$startup_runs" \
	-log "$work/startup.log" >"$work/startup.kv"
read_kv "$work/startup.kv" st

# ---- 2 and 3. GET /api/v1/me at $clients clients, and memory ---------------------------------
log "loading demo data"
FAIRTENDER_DATA_DIR=$data FAIRTENDER_LOG_LEVEL=warn await "$bin" demo >"$work/demo.log" 2>&1 ||
	{ cat "$work/demo.log" >&2; exit 1; }
demo_password=$(sed -n 's/.*(password for all: \(.*\))$/\1/p' "$work/demo.log")
[[ -n $demo_password ]] || { echo "run.sh: no demo password in the demo output" >&2; cat "$work/demo.log" >&2; exit 1; }

# start_portal LEVEL: serve on a fresh port with that log level; sets portal_pid and portal_url.
start_portal() {
	local level=$1
	port=$(free_port)
	FAIRTENDER_DATA_DIR=$data FAIRTENDER_LISTEN=127.0.0.1:$port FAIRTENDER_LOG_LEVEL=$level \
		FAIRTENDER_BASE_URL=http://127.0.0.1:$port "$bin" serve >"$work/portal-$level.log" 2>&1 &
	portal_pid=$!
	pids+=("$portal_pid")
	portal_url=http://127.0.0.1:$port
	wait_200 "$portal_url/readyz" "$work/portal-$level.log"
}

# sign_in: sign in as the demo supplier; sets FT_BENCH_TOKEN from the ft_access cookie.
sign_in() {
	local code
	code=$(post_login)
	[[ $code == 200 ]] || { echo "run.sh: sign-in answered $code" >&2; cat "$work/login.json" >&2; exit 1; }
	FT_BENCH_TOKEN=$(awk '$6 == "ft_access" { print $7 }' "$work/cookies")
	[[ -n $FT_BENCH_TOKEN ]] || { echo "run.sh: no ft_access cookie after sign-in" >&2; exit 1; }
	export FT_BENCH_TOKEN
}
post_login() {
	rm -f "$work/cookies"
	# The password goes in through a file, not the command line, so it stays out of process lists.
	printf '{"email":"%s","password":"%s"}' "$demo_email" "$demo_password" >"$work/login-body.json"
	curl -s -o "$work/login.json" -w '%{http_code}' -c "$work/cookies" -H 'Content-Type: application/json' \
		--data-binary "@$work/login-body.json" "$portal_url/api/v1/auth/login"
}

# run_load NAME URL PID: the load against URL sampling PID's memory; results in NAME.kv.
run_load() {
	local name=$1 url=$2 pid=$3
	log "load: $name ($clients clients, $warmup warm-up, $duration measured)"
	await "$work/load" -url "$url" -c "$clients" -warmup "$warmup" -duration "$duration" \
		-expect-body "$work/me.json" -rss-pid "$pid" >"$work/$name.kv"
}

log "portal (log level warn)"
start_portal warn
sleep 2
portal_boot_kb=$(rss_kb "$portal_pid")
sign_in
code=$(curl -s -o "$work/me.json" -D "$work/me.headers" -w '%{http_code}' \
	-H "Authorization: Bearer $FT_BENCH_TOKEN" "$portal_url/api/v1/me")
[[ $code == 200 ]] || { echo "run.sh: GET /api/v1/me answered $code" >&2; cat "$work/me.json" >&2; exit 1; }
me_type=$(awk -F': *' 'tolower($1) == "content-type" { sub(/\r$/, "", $2); print $2 }' "$work/me.headers")
me_bytes=$(wc -c <"$work/me.json")
sleep 2
portal_idle_kb=$(rss_kb "$portal_pid")
portal_idle_split=$(rss_split "$portal_pid")
load_portal=$(loadavg)
run_load portal "$portal_url/api/v1/me" "$portal_pid"
read_kv "$work/portal.kv" pw
stop "$portal_pid"

log "bare Fiber server"
port=$(free_port)
"$work/bare" -listen "127.0.0.1:$port" -path /api/v1/me -body "$work/me.json" -content-type "$me_type" \
	>"$work/bare.log" 2>&1 &
bare_pid=$!
pids+=("$bare_pid")
wait_200 "http://127.0.0.1:$port/api/v1/me" "$work/bare.log"
sleep 2
bare_idle_kb=$(rss_kb "$bare_pid")
bare_idle_split=$(rss_split "$bare_pid")
load_bare=$(loadavg)
run_load bare "http://127.0.0.1:$port/api/v1/me" "$bare_pid"
read_kv "$work/bare.kv" bb
stop "$bare_pid"

log "portal (log level info, the production default)"
start_portal info
sign_in
sleep 2
info_idle_kb=$(rss_kb "$portal_pid")
info_idle_split=$(rss_split "$portal_pid")
load_info=$(loadavg)
run_load portal-info "$portal_url/api/v1/me" "$portal_pid"
read_kv "$work/portal-info.kv" pi
stop "$portal_pid"

elapsed=$(($(date +%s) - run_started))
log "measured in ${elapsed}s; writing $out"

# ---- BENCHMARKS.md ----------------------------------------------------------------------------
frontend_begin='<!-- frontend:begin (kept by deploy/bench/run.sh; fill in by hand) -->'
frontend_end='<!-- frontend:end -->'
frontend_default="## Frontend: JavaScript and CSS for the first page (gzipped)

Not yet measured. Budget: 150 kB. Produced by: \`npm --prefix frontend run size\`

## Frontend: e2e journey time

Not yet measured. Produced by: the e2e suite (\`frontend/e2e/\`, run by \`make test\`), which prints the
journey's duration."
frontend=$frontend_default
if [[ -f $out ]] && grep -qF "$frontend_begin" "$out"; then
	frontend=$(awk -v b="$frontend_begin" -v e="$frontend_end" '
		index($0, e) == 1 { inside = 0 } inside { print } index($0, b) == 1 { inside = 1 }' "$out")
fi
# Sections other benchmarks write (deploy/bench/suppliers.sh; the opportunities search benchmark),
# markers included, kept as they are.
suppliers=
if [[ -f $out ]] && grep -qE '^<!-- (suppliers|opportunities|notifications|resumable|evaluation):begin -->' "$out"; then
	suppliers=$(awk '
		/^<!-- (suppliers|opportunities|notifications|resumable|evaluation):begin -->/ { inside = 1 }
		inside { print }
		/^<!-- (suppliers|opportunities|notifications|resumable|evaluation):end -->/ { if (inside) print ""; inside = 0 }' "$out")$'\n\n'
fi

load_cmd="\`load -url http://127.0.0.1:PORT/api/v1/me -c $clients -warmup $warmup -duration $duration -expect-body me.json -rss-pid PID\`"
tmp_out=$work/BENCHMARKS.md
cat >"$tmp_out" <<EOF
# Benchmarks

Figures for issue 2's "Measure" section, from one run of \`deploy/bench/run.sh\` (\`make bench\`), which
rewrites this file. They are from a small shared machine, so compare them with each other (and with
the bare Fiber yardstick from the same run), not with figures from other machines. Rerun it to
refresh them; it takes about ${elapsed} s once the binaries are built.

## Machine

| | |
|---|---|
| Date | $machine_date |
| CPU | $machine_nproc cores (\`nproc\`), $machine_cpu |
| Memory | $machine_mem (\`free -m\`) |
| Kernel | $machine_kernel |
| Go | $machine_go (\`go version\`) |
| Binary | \`$bin\`, built $bin_built with \`CGO_ENABLED=0 go build -o bin/fairtender ./backend/cmd/fairtender\` |
| Load average before the run | $load_before (1, 5, 15 min; \`uptime\`) |

Other work (compilers, tests) shared these 2 cores during the run, so the figures are noisy; the
load average at the start of each measurement is given beside it, and a load average well above 2
means the processes measured here got well under the 2 cores. The load generator also runs on
the same 2 cores as the server it measures.

## Start-up to a ready \`/readyz\` on SQLite

Time from exec of \`bin/fairtender serve\` to the first 200 from \`GET /readyz\` (database, document
store and job queue all answering), polling every 10 ms. SQLite, documents on local disk, email to
the outbox, log level warn, all in a temporary data directory that starts empty. The first run
creates the database, applies every migration and generates the secret key; the others start on
that already-migrated directory. Each run is stopped with SIGTERM before the next.

| | ms |
|---|---:|
| First run (empty data dir, includes migrations) | $st_first_ms |
| Median of runs 2–$startup_runs (already migrated) | $st_median_rest_ms |
| All runs | $st_all_ms |

Command: \`startup -bin bin/fairtender -data-dir DIR -listen 127.0.0.1:PORT -runs $startup_runs\`
(\`deploy/bench/startup\`). Load average at the start: $load_startup.

## \`GET /api/v1/me\` at $clients concurrent clients

Signed in as the demo supplier (\`bin/fairtender demo\`, then \`POST /api/v1/auth/login\`); every
request carries the \`ft_access\` cookie's value as \`Authorization: Bearer …\`, so each one checks the
token and reads the session and the account from SQLite. $clients clients on keep-alive connections
(Go \`net/http\`, one idle connection per client, compression off) for a $warmup warm-up that is not
counted and then $duration measured. Every answer must be a 200 with the same $me_bytes bytes
(\`$me_type\`), or the run fails.

The bare server (\`deploy/bench/bare\`) is Fiber v2 with default settings and one handler returning
those same bytes, on another port in the same run: the gap is what the portal's middleware (recover,
request ID, logging and metrics, security headers, compression negotiation), huma, the token check
and the two SQLite reads cost.

The portal runs with \`FAIRTENDER_LOG_LEVEL=warn\` for the main figures, so one JSON log line per
request (to a file) does not dominate; the last row is the same load at \`info\`, the production
default.

| Server | req/s | p50 ms | p99 ms | Errors | Load average at start |
|---|---:|---:|---:|---:|---|
| Portal (log level warn) | $pw_rps | $pw_p50_ms | $pw_p99_ms | $pw_errors | $load_portal |
| Bare Fiber handler | $bb_rps | $bb_p50_ms | $bb_p99_ms | $bb_errors | $load_bare |
| Portal (log level info) | $pi_rps | $pi_p50_ms | $pi_p99_ms | $pi_errors | $load_info |

| Ratio portal ÷ bare | req/s | p50 | p99 |
|---|---:|---:|---:|
| Portal (warn) | $(ratio "$pw_rps" "$bb_rps") | $(ratio "$pw_p50_ms" "$bb_p50_ms") | $(ratio "$pw_p99_ms" "$bb_p99_ms") |
| Portal (info) | $(ratio "$pi_rps" "$bb_rps") | $(ratio "$pi_p50_ms" "$bb_p50_ms") | $(ratio "$pi_p99_ms" "$bb_p99_ms") |

Command for every row: $load_cmd (\`deploy/bench/load\`, token in \`FT_BENCH_TOKEN\`).

## Resident memory

VmRSS from \`/proc/PID/status\`. Idle: after start-up and sign-in (the bare server: after start-up),
then 2 s settling. Peak: the largest of samples every 100 ms through the load above (warm-up
included).

| Process | Idle | Idle split (MiB) | Peak under load |
|---|---:|---|---:|
| Portal (log level warn) | $(mib "$portal_idle_kb") (before sign-in: $(mib "$portal_boot_kb")) | $portal_idle_split | $(mib "$pw_peak_rss_kb") |
| Bare Fiber handler | $(mib "$bare_idle_kb") | $bare_idle_split | $(mib "$bb_peak_rss_kb") |
| Portal (log level info) | $(mib "$info_idle_kb") | $info_idle_split | $(mib "$pi_peak_rss_kb") |

Sign-in hashes the password with argon2id (19 MiB of memory by design), which is most of the gap
between "before sign-in" and idle; the Go runtime keeps that memory for a while rather than giving
it straight back. The split is RssAnon (heap, stacks, SQLite's cache) and RssFile (pages of the
executable, with its embedded frontend, that have been touched; shared with the page cache).

Commands: idle \`awk '/^VmRSS:/ { print \$2 }' /proc/PID/status\` (split: RssAnon and RssFile from the
same file); peak: the \`-rss-pid PID\` sampler of the load command above.

${suppliers}$frontend_begin
$frontend
$frontend_end
EOF
mv -f "$tmp_out" "$out"
log "done"
