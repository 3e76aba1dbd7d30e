#!/usr/bin/env bash
# Measures the buyers' supplier list and its CSV export on PostgreSQL (issue 4's "Measure"
# section) at 10,000 and 50,000 suppliers, and rewrites the suppliers section of BENCHMARKS.md
# (between <!-- suppliers:begin --> and <!-- suppliers:end -->; the rest of the file is kept).
#
# For each size it seeds a throwaway database up to that many suppliers
# (deploy/bench/suppliers/seed), starts `bin/fairtender serve` on it afresh, signs in as a
# buyer and runs deploy/bench/suppliers/measure: list latency for a few filter combinations, and
# the export's time, bytes, rows, time to first byte and the server's peak VmRSS (sampled every
# 50 ms) against its VmRSS before. Everything listens on 127.0.0.1 and lives in a temporary
# directory that is removed, with the database and every process started here, however the
# script ends.
#
# Usage: deploy/bench/suppliers.sh      (from anywhere; about 2 minutes once built)
# Settings (environment):
#   FAIRTENDER_TEST_POSTGRES_URL=url  use this PostgreSQL (superuser; it gets a throwaway
#                                     database) instead of starting deploy/local/services.sh
#   BENCH_SIZES="10000 50000" BENCH_LIST_RUNS=10 BENCH_EXPORT_RUNS=3
#   BENCH_REBUILD=1                   rebuild bin/fairtender even when it is up to date
#   BENCH_REBUILD=0                   use bin/fairtender even when code is newer (must exist)
#   BENCHMARKS_FILE=path              where to write (default BENCHMARKS.md at the repo root)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

read -r -a sizes <<<"${BENCH_SIZES:-10000 50000}"
list_runs=${BENCH_LIST_RUNS:-10}
export_runs=${BENCH_EXPORT_RUNS:-3}
out=${BENCHMARKS_FILE:-$repo/BENCHMARKS.md}
bin=bin/fairtender
buyer_email=buyer@bench.example
buyer_password='bench buyer granite orchard'

# Only the PostgreSQL to reuse and services.sh's own settings survive from the caller's shell:
# anything else (a database URL, S3, SMTP) would change what is measured.
pg_url=${FAIRTENDER_TEST_POSTGRES_URL:-}
while IFS= read -r name; do
	case $name in
	FAIRTENDER_PG_BIN | FAIRTENDER_TOOLS_DIR | FAIRTENDER_SERVICES_TIMEOUT) ;;
	*) unset "$name" ;;
	esac
done < <(compgen -e | grep '^FAIRTENDER_' || true)

for tool in curl awk go; do
	command -v "$tool" >/dev/null || { echo "suppliers.sh: $tool is needed" >&2; exit 1; }
done
((${#sizes[@]} > 0)) || { echo "suppliers.sh: BENCH_SIZES is empty" >&2; exit 1; }
prev=0
for n in "${sizes[@]}"; do
	if [[ ! $n =~ ^[1-9][0-9]*$ ]] || ((n <= prev)); then
		echo "suppliers.sh: BENCH_SIZES must be increasing numbers" >&2
		exit 1
	fi
	prev=$n
done

work=$(mktemp -d "${TMPDIR:-/tmp}/fairtender-bench-suppliers.XXXXXX")
pids=()
services_env=
db=
cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [[ -n $db && -x $work/seed ]]; then
		"$work/seed" -admin-url "$pg_url" -drop-db "$db" || true
	fi
	if [[ -n $services_env ]]; then
		deploy/local/services.sh stop "$services_env" || true
	fi
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

# await_in FILE CMD…: await CMD with FILE as its standard input (a background job's input is
# otherwise /dev/null).
await_in() {
	local in=$1 pid rc=0
	shift
	"$@" <"$in" &
	pid=$!
	pids+=("$pid")
	wait "$pid" || rc=$?
	forget "$pid"
	return "$rc"
}

# free_port prints a loopback port nobody is listening on.
free_port() {
	local p _
	for _ in {1..100}; do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	echo "suppliers.sh: no free port found" >&2
	return 1
}

# wait_200 URL [LOGFILE]: poll until URL answers 200, for up to 60 s.
wait_200() {
	local url=$1 logfile=${2:-} _
	for _ in $(seq 600); do
		if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; then
			return
		fi
		sleep 0.1
	done
	echo "suppliers.sh: $url not ready after 60 s" >&2
	[[ -n $logfile ]] && tail -20 "$logfile" >&2
	return 1
}

# read_kv FILE PREFIX: set PREFIX_KEY=VALUE for each KEY=VALUE line the Go tools print.
read_kv() {
	local k v
	while IFS='=' read -r k v; do
		[[ $k =~ ^[a-z_0-9]+$ ]] || continue
		printf -v "${2}_$k" '%s' "$v"
	done <"$1"
}
# kv PREFIX KEY: the value read_kv set, or "?" when the tool did not print it.
kv() { local v="${1}_$2"; printf '%s' "${!v:-?}"; }

loadavg() { uptime | sed 's/.*load average: //'; }
mib() {
	[[ $1 =~ ^-?[0-9]+$ ]] || { printf 'n/a'; return; }
	awk -v kb="$1" 'BEGIN { printf "%.1f MiB", kb / 1024 }'
}
# thousands N: N with commas (50,000).
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

# ---- Build ------------------------------------------------------------------------------------
# A binary older than the code would measure yesterday's portal.
if [[ ! -x $bin || ${BENCH_REBUILD:-} == 1 ]] || { [[ ${BENCH_REBUILD:-} != 0 ]] &&
	[[ -n $(find backend migrations emails go.mod go.sum -newer "$bin" -type f -print -quit 2>/dev/null) ]]; }; then
	log "building $bin"
	mkdir -p bin
	CGO_ENABLED=0 await go build -o "$bin" ./backend/cmd/fairtender
fi
bin_built=$(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC')
log "building the bench tools"
await go build -o "$work/seed" ./deploy/bench/suppliers/seed
await go build -o "$work/measure" ./deploy/bench/suppliers/measure

run_started=$(date +%s)
machine_date=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(loadavg)

# ---- PostgreSQL and the database ---------------------------------------------------------------
pg_source="\`FAIRTENDER_TEST_POSTGRES_URL\` (an already running server)"
if [[ -z $pg_url ]]; then
	log "starting PostgreSQL (and MinIO and Mailpit) with deploy/local/services.sh"
	services_env=$work/services.env
	await deploy/local/services.sh start "$services_env"
	# shellcheck disable=SC1090
	pg_url=$(. "$services_env" && printf '%s' "$FAIRTENDER_TEST_POSTGRES_URL")
	pg_source="\`deploy/local/services.sh start\` (fsync off; see that script)"
fi
pg_version=$("$work/seed" -admin-url "$pg_url" -server-version 2>/dev/null || echo "PostgreSQL")

db=ft_bench_suppliers_$$
pg_query=
[[ $pg_url == *\?* ]] && pg_query="?${pg_url#*\?}"
pg_base=${pg_url%%\?*}
db_url=${pg_base%/*}/$db$pg_query
await "$work/seed" -admin-url "$pg_url" -create-db "$db"

data=$work/data
mkdir -p "$data"
export FAIRTENDER_DATA_DIR=$data FAIRTENDER_DATABASE_URL=$db_url FAIRTENDER_LOG_LEVEL=warn
log "migrating $db"
await "$bin" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
log "creating the buyer $buyer_email"
printf '%s\n' "$buyer_password" >"$work/password"
await_in "$work/password" "$bin" admin create-user --email "$buyer_email" --name Bench --role buyer --password-stdin \
	>"$work/create-user.log" 2>&1 || { cat "$work/create-user.log" >&2; exit 1; }

# start_portal PORT: serve on PORT; sets portal_pid and portal_url.
start_portal() {
	local port=$1
	# /metrics answers only with the bearer token; measure reads the same variable.
	export FAIRTENDER_METRICS_TOKEN=${FAIRTENDER_METRICS_TOKEN:-bench-metrics-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
	FAIRTENDER_LISTEN=127.0.0.1:$port FAIRTENDER_BASE_URL=http://127.0.0.1:$port \
		"$bin" serve >>"$work/portal.log" 2>&1 &
	portal_pid=$!
	pids+=("$portal_pid")
	portal_url=http://127.0.0.1:$port
	wait_200 "$portal_url/readyz" "$work/portal.log"
}

# sign_in: sign in as the buyer; sets FT_BENCH_TOKEN from the ft_access cookie.
sign_in() {
	local code
	rm -f "$work/cookies"
	# The password goes in through a file, not the command line, so it stays out of process lists.
	printf '{"email":"%s","password":"%s"}' "$buyer_email" "$buyer_password" >"$work/login-body.json"
	code=$(curl -s -o "$work/login.json" -w '%{http_code}' -c "$work/cookies" -H 'Content-Type: application/json' \
		--data-binary "@$work/login-body.json" "$portal_url/api/v1/auth/login")
	[[ $code == 200 ]] || { echo "suppliers.sh: sign-in answered $code" >&2; cat "$work/login.json" >&2; exit 1; }
	FT_BENCH_TOKEN=$(awk '$6 == "ft_access" { print $7 }' "$work/cookies")
	[[ -n $FT_BENCH_TOKEN ]] || { echo "suppliers.sh: no ft_access cookie after sign-in" >&2; exit 1; }
	export FT_BENCH_TOKEN
}

# ---- Measure each size ------------------------------------------------------------------------
seeded=0
for n in "${sizes[@]}"; do
	log "seeding suppliers $seeded–$n"
	await "$work/seed" -url "$db_url" -from "$seeded" -to "$n" >"$work/seed-$n.kv"
	read_kv "$work/seed-$n.kv" "s$n"
	seeded=$n

	# Sign-in hashes the password with argon2id (19 MiB by design), which the Go runtime hands
	# back to the kernel only slowly: done in the measured server, it would blur "RSS before" for
	# a minute. So one server signs in and stops, and a fresh one, with the same secret key and
	# database, serves the token: a fresh server for each size, too, so that the smaller export's
	# memory does not flatter the larger.
	# Both on one port: the base URL is the token's issuer.
	port=$(free_port)
	log "signing in on a server of its own"
	start_portal "$port"
	sign_in
	stop "$portal_pid"
	log "portal on $n suppliers"
	start_portal "$port"
	printf -v "load_$n" '%s' "$(loadavg)"
	log "measuring: list $list_runs × each filter, export $export_runs × identity and gzip"
	await "$work/measure" -url "$portal_url" -pid "$portal_pid" -runs "$list_runs" -export-runs "$export_runs" \
		-want-rows "$n" >"$work/measure-$n.kv"
	read_kv "$work/measure-$n.kv" "m$n"
	stop "$portal_pid"
done

elapsed=$(($(date +%s) - run_started))
log "measured in ${elapsed}s; writing the suppliers section of $out"

# ---- BENCHMARKS.md ----------------------------------------------------------------------------
section=$work/section.md
{
	cat <<-EOF
		<!-- suppliers:begin -->
		## Suppliers: the buyers' list and CSV export on PostgreSQL

		Issue 4's "Measure" section, from one run of \`deploy/bench/suppliers.sh\`, which rewrites only this
		section (it took ${elapsed} s). Date: $machine_date. Load average before the run: $load_before
		(1, 5, 15 min; \`uptime\`) on the machine described above, whose 2 cores other work was sharing.
		Binary: \`$bin\`, built $bin_built. $pg_version from $pg_source.

		Suppliers are generated by \`deploy/bench/suppliers/seed\` and written with COPY: legal forms,
		sizes (60% micro, 25% small, 10% medium, 5% large), VCSE status and locality worked out as the
		portal does for Islington (E09000019) from real ONS local authority codes (8% Islington, 14% its
		neighbours, 30% the rest of London, 48% elsewhere in the UK), 1–5 real CPV codes each (a fifth
		in division 45, construction), ethical declarations for two in five and accreditations for
		three in ten. Each size gets a fresh \`bin/fairtender serve\` (log level warn,
		\`FAIRTENDER_DATABASE_URL\` pointing at the seeded database, documents on local disk). The buyer
		(\`bin/fairtender admin create-user --role buyer\`) signs in (\`POST /api/v1/auth/login\`) on
		another server with the same data directory and database, stopped before the measured one
		starts, so that sign-in's 19 MiB of argon2id, which Go hands back to the kernel only slowly,
		is not in the measured server's memory; its \`ft_access\` cookie is sent as
		\`Authorization: Bearer …\`.

		### \`GET /api/v1/suppliers\`: median of $list_runs requests (after one not counted)

		One request at a time on a keep-alive connection, compression off; each answer is one page of
		50 with the total and the counts per class. Milliseconds, fastest–slowest in brackets.

	EOF
	header="| Filter (query string) |"
	rule="|---|"
	for n in "${sizes[@]}"; do
		header+=" $(thousands "$n"): matches | $(thousands "$n"): ms |"
		rule+="---:|---:|"
	done
	echo "$header"
	echo "$rule"
	for c in all vcse_local cpv declaration_small q accreditation_sme deep_page; do
		case $c in
		all) q="(no filter: first page)" ;;
		deep_page) q="last page: \`page=⌈total/50⌉&pageSize=50\`" ;;
		*) q="\`$(kv "m${sizes[0]}" "list_${c}_query")\`" ;;
		esac
		row="| $q |"
		for n in "${sizes[@]}"; do
			row+=" $(thousands "$(kv "m$n" "list_${c}_total")") | $(kv "m$n" "list_${c}_median_ms") ($(kv "m$n" "list_${c}_min_ms")–$(kv "m$n" "list_${c}_max_ms")) |"
		done
		echo "$row"
	done
	cat <<-EOF

		### \`GET /api/v1/suppliers/export.csv\`: every supplier, streamed

		After downloads that are not counted (see below), $export_runs downloads without compression
		(\`Accept-Encoding: identity\`) and then $export_runs with \`Accept-Encoding: gzip\` (what a browser
		sends), one at a time; each is parsed as CSV as it arrives and must hold every supplier. Time:
		median of the runs, from sending the request to the last byte; first byte: to the first byte of
		the response (the query sorts every match by name before its first row). RSS: the server's
		VmRSS from \`/proc/PID/status\` just before the first download of that encoding, and the highest
		of samples every 50 ms through its downloads; "peak − before" is the largest rise within one
		download. Go heap: the highest \`go_memstats_heap_inuse_bytes\` from the server's \`/metrics\`,
		read every 200 ms through the downloads; unlike RSS it leaves out memory the Go runtime has
		freed but not yet handed back to the kernel, so it is the figure that would grow if the export
		held rows in memory.

		| Suppliers | Encoding | Time (s) | Runs (ms) | First byte (ms) | Bytes sent | Rows | RSS before | Peak RSS | Peak − before | Peak Go heap |
		|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
	EOF
	chunked=yes
	for n in "${sizes[@]}"; do
		for enc in identity gzip; do
			p=export_${enc}
			[[ $(kv "m$n" "${p}_chunked") == true ]] || chunked=no
			total_ms=$(kv "m$n" "${p}_total_ms")
			echo "| $(thousands "$n") | $enc | $(awk -v ms="$total_ms" 'BEGIN { printf "%.2f", ms / 1000 }') | $(kv "m$n" "${p}_all_ms") | $(kv "m$n" "${p}_ttfb_ms") | $(thousands "$(kv "m$n" "${p}_wire_bytes")") | $(thousands "$(kv "m$n" "${p}_rows")") | $(mib "$(kv "m$n" "${p}_rss_before_kb")") | $(mib "$(kv "m$n" "${p}_peak_kb")") | $(mib "$(kv "m$n" "${p}_growth_kb")") | $(mib "$(kv "m$n" "${p}_heap_peak_kb")") |"
		done
	done
	echo
	if [[ $chunked == yes ]]; then
		echo "Every answer was sent in chunks, without a Content-Length: the rows went out as they were read."
	else
		echo "**Not every answer was chunked**: some export was sent with a Content-Length, so it was buffered."
	fi
	echo
	first=${sizes[0]}
	last=${sizes[${#sizes[@]} - 1]}
	if ((${#sizes[@]} > 1)); then
		# The verdict: peak RSS (the larger of the two encodings) at the largest size against the
		# smallest; more than 15 MiB more for the same export is memory growing with the rows.
		peak_of() { local a b; a=$(kv "m$1" export_identity_peak_kb) b=$(kv "m$1" export_gzip_peak_kb); echo $((a > b ? a : b)); }
		heap_of() { local a b; a=$(kv "m$1" export_identity_heap_peak_kb) b=$(kv "m$1" export_gzip_heap_peak_kb); [[ $a == n/a || $b == n/a ]] && { echo n/a; return; }; echo $((a > b ? a : b)); }
		awk -v a="$(peak_of "$first")" -v b="$(peak_of "$last")" -v ha="$(heap_of "$first")" -v hb="$(heap_of "$last")" \
			-v f="$first" -v l="$last" -v fw="$(thousands "$first")" -v lw="$(thousands "$last")" 'BEGIN {
			d = (b - a) / 1024
			printf "**Memory during the export: %s.** Peak RSS %.1f MiB at %s suppliers and %.1f MiB at %s (%+.1f MiB for %g times the rows)",
				(d <= 15 ? "flat" : "NOT flat, it grows with the rows"), a / 1024, fw, b / 1024, lw, d, l / f
			if (ha != "n/a") printf "; peak Go heap in use %.1f MiB and %.1f MiB", ha / 1024, hb / 1024
			print "."
		}'
		echo
	fi
	cat <<-EOF
		The downloads not counted: a fresh server holds the garbage of its start-up (loading the CPV and
		local authority data, migrations; about 20 MiB) until its first garbage collection, which an
		export triggers once it has allocated enough. So \`measure\` downloads until \`/metrics\` shows a
		collection (at most 5 times; here$(for n in "${sizes[@]}"; do printf ' %s at %s suppliers,' "$(kv "m$n" export_warmups)" "$(thousands "$n")"; done | sed 's/,$//')), then
		waits for RSS to stop falling (up to 10 s) while the runtime hands the freed memory back. The
		first download after start-up:$(for n in "${sizes[@]}"; do printf ' %s suppliers, RSS %s before, %s peak, Go heap %s peak, %s ms;' "$(thousands "$n")" "$(mib "$(kv "m$n" export_cold_rss_before_kb)")" "$(mib "$(kv "m$n" export_cold_peak_kb)")" "$(mib "$(kv "m$n" export_cold_heap_peak_kb)")" "$(kv "m$n" export_cold_total_ms)"; done | sed 's/;$/./')

		Load average at the start of each size's measurements:$(for n in "${sizes[@]}"; do v="load_$n"; printf ' %s suppliers: %s;' "$(thousands "$n")" "${!v}"; done | sed 's/;$/./')
		Seeding (COPY, then ANALYZE):$(for n in "${sizes[@]}"; do printf ' %s suppliers in %s ms;' "$(thousands "$(kv "s$n" seeded_suppliers)")" "$(kv "s$n" seed_ms)"; done | sed 's/;$/./')

		Commands: \`deploy/bench/suppliers.sh\` (settings at its top); inside it, for each size,
		\`seed -url DB -from PREVIOUS -to N\` (\`deploy/bench/suppliers/seed\`), \`bin/fairtender serve\`, then
		\`measure -url http://127.0.0.1:PORT -pid PID -runs $list_runs -export-runs $export_runs -want-rows N\`
		(\`deploy/bench/suppliers/measure\`, token in \`FT_BENCH_TOKEN\`).
		<!-- suppliers:end -->
	EOF
} >"$section"

begin='<!-- suppliers:begin -->'
end='<!-- suppliers:end -->'
frontend_begin='<!-- frontend:begin'
tmp_out=$work/BENCHMARKS.md
if [[ -f $out ]] && grep -qF "$begin" "$out"; then
	# Replace the old section where it stands.
	awk -v b="$begin" -v e="$end" -v s="$section" '
		index($0, b) == 1 { while ((getline line < s) > 0) print line; skip = 1; next }
		skip && index($0, e) == 1 { skip = 0; next }
		!skip { print }' "$out" >"$tmp_out"
elif [[ -f $out ]] && grep -qF "$frontend_begin" "$out"; then
	# New: before the frontend sections, after the server's.
	awk -v f="$frontend_begin" -v s="$section" '
		!done && index($0, f) == 1 { while ((getline line < s) > 0) print line; print ""; done = 1 }
		{ print }' "$out" >"$tmp_out"
else
	{ [[ -f $out ]] && cat "$out" && echo; cat "$section"; } >"$tmp_out"
fi
mv -f "$tmp_out" "$out"
log "done"
