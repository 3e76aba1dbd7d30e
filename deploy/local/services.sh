#!/usr/bin/env bash
# Throwaway PostgreSQL 15, MinIO and Mailpit on free loopback ports, for the
# test suite (`make test`) and for developers (`make services-up`).
#
# Usage:
#   deploy/local/services.sh start [ENV_FILE]  start all three and write ENV_FILE
#   deploy/local/services.sh stop  [ENV_FILE]  stop them and delete all their data
#   deploy/local/services.sh env   [ENV_FILE]  print ENV_FILE (for eval "$(...)")
#   deploy/local/services.sh tools             only install MinIO and Mailpit (start does it first)
#
# ENV_FILE defaults to $FAIRTENDER_SERVICES_DIR/env. All data lives in one
# directory: $FAIRTENDER_SERVICES_DIR when set (it must not exist yet, or be
# empty), otherwise a fresh temporary directory. `stop` finds that directory
# through ENV_FILE (or $FAIRTENDER_SERVICES_DIR) and deletes it.
#
# The env file exports FAIRTENDER_TEST_POSTGRES_URL, FAIRTENDER_TEST_S3_ENDPOINT,
# FAIRTENDER_TEST_S3_ACCESS_KEY, FAIRTENDER_TEST_S3_SECRET_KEY,
# FAIRTENDER_TEST_SMTP_URL, FAIRTENDER_TEST_MAILPIT_URL and
# FAIRTENDER_SERVICES_DIR. It deliberately leaves FAIRTENDER_TEST_DB alone:
# the caller chooses the engine for each run.
#
# MinIO and Mailpit are built with `go install` into
# ${FAIRTENDER_TOOLS_DIR:-$HOME/.cache/fairtender-tools}/bin once per version
# (a stamp file records the version); the first MinIO build takes minutes,
# so deploy/local/test.sh runs `tools` in the background while the stages that
# need no services run.
set -euo pipefail

readonly MINIO_MODULE=github.com/minio/minio
readonly MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
readonly MAILPIT_MODULE=github.com/axllent/mailpit
readonly MAILPIT_VERSION=v1.27.11

readonly PG_BIN=${FAIRTENDER_PG_BIN:-/usr/lib/postgresql/15/bin}
readonly TOOLS_DIR=${FAIRTENDER_TOOLS_DIR:-$HOME/.cache/fairtender-tools}
readonly TOOLS_BIN=$TOOLS_DIR/bin

# Test credentials only: every service listens on 127.0.0.1 and is deleted on stop.
readonly S3_ACCESS_KEY=fairtender
readonly S3_SECRET_KEY=fairtender-test-secret

# Marks a directory as ours, so that `stop` never deletes anything else.
readonly MARKER=.fairtender-services

# How long each service may take to become ready, in seconds. MinIO's first
# start formats its drive, which is slow on a busy 2-core machine.
readonly READY_TIMEOUT=${FAIRTENDER_SERVICES_TIMEOUT:-90}

# Messages go to fd 3, a copy of the original stderr: a trap that fires while a
# function's output is redirected to a log file must still reach the user.
# Every long-lived child gets 3>&- so that it never holds the caller's stderr.
exec 3>&2
log() { printf 'services: [%3ds] %s\n' "$SECONDS" "$*" >&3; }
die() { log "error: $*"; exit 1; }

usage() {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
	exit 2
}

# as_pg runs a PostgreSQL tool as the postgres user when we are root, because
# initdb and postgres refuse to run as root. From / so that the postgres user
# never trips over a current directory it cannot read.
as_pg() {
	if ((EUID == 0)); then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# free_ports prints N distinct free TCP ports on 127.0.0.1. Python holds all
# sockets open at once so that the ports differ; without Python, bash probes
# random ports. The system Python comes first: a pyenv shim costs seconds.
free_ports() {
	local n=$1 py=/usr/bin/python3
	[[ -x $py ]] || py=$(command -v python3 2>/dev/null) || py=
	if [[ -n $py ]] && "$py" - "$n" <<-'EOF' 2>/dev/null; then
		import socket, sys
		socks = []
		for _ in range(int(sys.argv[1])):
		    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
		    s.bind(("127.0.0.1", 0))
		    socks.append(s)
		print(" ".join(str(s.getsockname()[1]) for s in socks))
	EOF
		return 0
	fi
	local ports=() p
	while ((${#ports[@]} < n)); do
		p=$((20000 + RANDOM % 40000))
		[[ " ${ports[*]} " == *" $p "* ]] && continue
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			ports+=("$p")
		fi
	done
	echo "${ports[*]}"
}

# ensure_tool installs MODULE@VERSION as TOOLS_BIN/NAME unless that version is
# already there. A lock keeps two concurrent starts from building at once.
ensure_tool() {
	local name=$1 module=$2 version=$3
	local bin=$TOOLS_BIN/$name stamp=$TOOLS_BIN/.$name.version
	if [[ -x $bin && -f $stamp && $(<"$stamp") == "$version" ]]; then
		return 0
	fi
	mkdir -p "$TOOLS_BIN"
	(
		flock 9
		# Someone may have finished the build while we waited for the lock,
		# or installed it without a stamp: trust the module version Go
		# recorded in the binary.
		if [[ -x $bin ]] && go version -m "$bin" 2>/dev/null |
			awk -v m="$module" -v v="$version" '$1 == "mod" && $2 == m && $3 == v { found = 1 } END { exit !found }'; then
			echo "$version" >"$stamp"
			exit 0
		fi
		log "installing $module@$version into $TOOLS_BIN (first time only; MinIO takes several minutes)"
		# No symbol table or DWARF (-s -w) and no local paths (-trimpath): the
		# link is the slowest single step on a small machine, and nobody
		# debugs these binaries. CGO_ENABLED=0 needs no C toolchain.
		CGO_ENABLED=0 GOBIN=$TOOLS_BIN go install -trimpath -ldflags='-s -w' "$module@$version" || exit 1
		echo "$version" >"$stamp"
	) 9>"$TOOLS_DIR/.install.lock" || die "unable to install $module@$version"
}

# alive reports whether PID is a running (not zombie) process whose command
# line contains WANT; the check guards against killing a recycled PID.
alive() {
	local pid=$1 want=$2 state
	[[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
	state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
	[[ $state != Z && $state != X ]] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$want"
}

# wait_ready polls CHECK until it succeeds, failing early when the process
# dies and late after READY_TIMEOUT seconds.
wait_ready() {
	local name=$1 pid=$2 want=$3 logfile=$4
	shift 4
	local deadline=$((SECONDS + READY_TIMEOUT))
	until "$@" >/dev/null 2>&1; do
		if ! alive "$pid" "$want"; then
			log "$name exited during start-up; end of $logfile:"
			tail -n 20 "$logfile" >&3 || true
			return 1
		fi
		if ((SECONDS >= deadline)); then
			log "$name not ready after ${READY_TIMEOUT}s; end of $logfile:"
			tail -n 20 "$logfile" >&3 || true
			return 1
		fi
		sleep 0.2
	done
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# record appends "NAME PID" to the pids file as soon as a process exists, so
# that a failure later in start-up still stops it.
record() { echo "$1 $2" >>"$DIR/pids"; }

start_postgres() {
	local data=$DIR/postgres/data logfile=$DIR/postgres/postgres.log port attempt pid
	mkdir -p "$DIR/postgres"
	((EUID == 0)) && chown postgres: "$DIR/postgres"
	as_pg test -w "$DIR/postgres" ||
		die "the postgres user cannot write $DIR/postgres; set FAIRTENDER_SERVICES_DIR to a directory under /tmp"

	local locale=C
	locale -a 2>/dev/null | grep -qix 'c\.utf-\?8' && locale=C.UTF-8
	as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale="$locale" --no-sync \
		>"$DIR/logs/initdb.log" 2>&1 || {
		tail -n 20 "$DIR/logs/initdb.log" >&3
		die "initdb failed"
	}
	# Durability is pointless for throwaway test data; speed is not.
	cat >>"$data/postgresql.conf" <<-EOF

		# deploy/local/services.sh: throwaway test server
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$DIR/postgres'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_connections = 300
		log_min_messages = warning
	EOF

	for attempt in 1 2 3; do
		port=$(free_ports 1)
		echo "port = $port" >>"$data/postgresql.conf"
		if as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$logfile" -w -t "$READY_TIMEOUT" start >"$DIR/logs/pg_ctl.log" 2>&1 3>&-; then
			pid=$(head -n 1 "$data/postmaster.pid")
			record postgres "$pid"
			wait_ready postgres "$pid" postgres "$logfile" \
				"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres || die "PostgreSQL is not ready"
			PG_PORT=$port
			return 0
		fi
		log "PostgreSQL failed to start on port $port (attempt $attempt)"
		tail -n 5 "$logfile" >&3 2>/dev/null || true
		# pg_ctl may have given up waiting on a server that did start.
		if [[ -f $data/postmaster.pid ]]; then
			pid=$(head -n 1 "$data/postmaster.pid")
			record postgres "$pid"
			as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
		fi
	done
	die "PostgreSQL did not start"
}

start_minio() {
	local logfile=$DIR/logs/minio.log port console attempt pid
	mkdir -p "$DIR/minio/data"
	for attempt in 1 2 3; do
		read -r port console <<<"$(free_ports 2)"
		MINIO_ROOT_USER=$S3_ACCESS_KEY MINIO_ROOT_PASSWORD=$S3_SECRET_KEY \
			MINIO_BROWSER=off MINIO_UPDATE=off \
			setsid "$TOOLS_BIN/minio" server --quiet \
			--address "127.0.0.1:$port" --console-address "127.0.0.1:$console" \
			"$DIR/minio/data" </dev/null >"$logfile" 2>&1 3>&- &
		pid=$!
		record minio "$pid"
		if wait_ready MinIO "$pid" minio "$logfile" \
			curl -fsS -o /dev/null "http://127.0.0.1:$port/minio/health/live"; then
			MINIO_PORT=$port
			return 0
		fi
		stop_pid minio "$pid" minio
	done
	die "MinIO did not start"
}

start_mailpit() {
	local logfile=$DIR/logs/mailpit.log http smtp attempt pid
	mkdir -p "$DIR/mailpit"
	for attempt in 1 2 3; do
		read -r http smtp <<<"$(free_ports 2)"
		# --max 0 keeps every message: a long test run must not lose the
		# email a test is waiting for.
		setsid "$TOOLS_BIN/mailpit" --disable-version-check --quiet \
			--database "$DIR/mailpit/mailpit.db" --max 0 \
			--listen "127.0.0.1:$http" --smtp "127.0.0.1:$smtp" \
			--smtp-auth-accept-any --smtp-auth-allow-insecure --smtp-disable-rdns \
			</dev/null >"$logfile" 2>&1 3>&- &
		pid=$!
		record mailpit "$pid"
		if wait_ready Mailpit "$pid" mailpit "$logfile" \
			curl -fsS -o /dev/null "http://127.0.0.1:$http/api/v1/info" &&
			wait_ready "Mailpit SMTP" "$pid" mailpit "$logfile" tcp_open "$smtp"; then
			MAILPIT_HTTP_PORT=$http
			MAILPIT_SMTP_PORT=$smtp
			return 0
		fi
		stop_pid mailpit "$pid" mailpit
	done
	die "Mailpit did not start"
}

# stop_pid ends one process politely, then forcefully after 10 seconds.
stop_pid() {
	local name=$1 pid=$2 want=$3 i
	alive "$pid" "$want" || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 50; i++)); do
		alive "$pid" "$want" || return 0
		sleep 0.2
	done
	log "$name (pid $pid) ignored SIGTERM; killing it"
	kill -KILL "$pid" 2>/dev/null || true
}

# stop_dir stops everything recorded in DIR/pids and deletes DIR (and the env
# file recorded there). It never fails, so that cleanup always completes.
stop_dir() {
	local dir=$1 name pid envfile=
	[[ -n $dir && -d $dir ]] || return 0
	if [[ ! -f $dir/$MARKER ]]; then
		log "refusing to delete $dir: it was not created by services.sh"
		return 0
	fi
	if [[ -f $dir/pids ]]; then
		# Newest first: Mailpit and MinIO, then PostgreSQL.
		while read -r name pid; do
			case $name in
			postgres)
				if alive "$pid" postgres; then
					as_pg "$PG_BIN/pg_ctl" -D "$dir/postgres/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
					stop_pid postgres "$pid" postgres
				fi
				;;
			*) stop_pid "$name" "$pid" "$name" ;;
			esac
		done < <(tac "$dir/pids")
	fi
	[[ -f $dir/envfile ]] && envfile=$(<"$dir/envfile")
	rm -rf -- "$dir"
	[[ -n $envfile ]] && rm -f -- "$envfile"
	return 0
}

# dir_from_env_file prints FAIRTENDER_SERVICES_DIR as recorded in ENV_FILE.
dir_from_env_file() {
	# shellcheck disable=SC1090
	(
		unset FAIRTENDER_SERVICES_DIR
		. "$1" >/dev/null 2>&1 || true
		printf '%s' "${FAIRTENDER_SERVICES_DIR:-}"
	)
}

cmd_tools() {
	command -v go >/dev/null || die "go is required to install MinIO and Mailpit"
	ensure_tool minio "$MINIO_MODULE" "$MINIO_VERSION"
	ensure_tool mailpit "$MAILPIT_MODULE" "$MAILPIT_VERSION"
}

cmd_start() {
	local envfile=${1:-}

	[[ -x $PG_BIN/initdb ]] || die "PostgreSQL 15 not found in $PG_BIN (apt-get install postgresql-15)"
	command -v curl >/dev/null || die "curl is required"

	if [[ -n $envfile && -f $envfile ]]; then
		local running
		running=$(dir_from_env_file "$envfile")
		if [[ -n $running && -f $running/$MARKER ]]; then
			die "services from $envfile are still running in $running: run '$0 stop $envfile' first"
		fi
	fi

	cmd_tools

	if [[ -n ${FAIRTENDER_SERVICES_DIR:-} ]]; then
		DIR=$FAIRTENDER_SERVICES_DIR
		mkdir -p "$DIR"
		[[ -z $(ls -A "$DIR") ]] || die "FAIRTENDER_SERVICES_DIR=$DIR is not empty (stop the services using it first)"
	else
		DIR=$(mktemp -d "${TMPDIR:-/tmp}/fairtender-services.XXXXXX")
	fi
	DIR=$(cd "$DIR" && pwd -P)
	touch "$DIR/$MARKER"
	# The postgres user must be able to reach its own subdirectory.
	chmod 755 "$DIR"
	mkdir -p "$DIR/logs"
	envfile=${envfile:-$DIR/env}
	[[ $envfile == /* ]] || envfile=$PWD/$envfile
	echo "$envfile" >"$DIR/envfile"

	# From here on, any failure or interruption stops what was started.
	trap 'rc=$?; trap - EXIT; trap "" INT TERM HUP; log "start failed; cleaning up"; stop_dir "$DIR"; exit $((rc ? rc : 1))' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM HUP

	log "data directory $DIR"
	start_postgres
	log "PostgreSQL ready on 127.0.0.1:$PG_PORT"
	start_minio
	log "MinIO ready on 127.0.0.1:$MINIO_PORT"
	start_mailpit
	log "Mailpit ready on 127.0.0.1:$MAILPIT_HTTP_PORT (SMTP $MAILPIT_SMTP_PORT)"

	mkdir -p "$(dirname "$envfile")"
	cat >"$envfile.tmp.$$" <<-EOF
		# Written by deploy/local/services.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ).
		# Stop and delete with: deploy/local/services.sh stop $envfile
		export FAIRTENDER_SERVICES_DIR='$DIR'
		export FAIRTENDER_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$PG_PORT/postgres?sslmode=disable'
		export FAIRTENDER_TEST_S3_ENDPOINT='127.0.0.1:$MINIO_PORT'
		export FAIRTENDER_TEST_S3_ACCESS_KEY='$S3_ACCESS_KEY'
		export FAIRTENDER_TEST_S3_SECRET_KEY='$S3_SECRET_KEY'
		export FAIRTENDER_TEST_SMTP_URL='smtp://127.0.0.1:$MAILPIT_SMTP_PORT'
		export FAIRTENDER_TEST_MAILPIT_URL='http://127.0.0.1:$MAILPIT_HTTP_PORT'
	EOF
	mv -f "$envfile.tmp.$$" "$envfile"

	trap - EXIT INT TERM HUP
	log "env file $envfile"
	log "stop with: $0 stop $envfile"
}

cmd_stop() {
	local envfile=${1:-} dir=${FAIRTENDER_SERVICES_DIR:-}
	if [[ -n $envfile ]]; then
		if [[ -f $envfile ]]; then
			dir=$(dir_from_env_file "$envfile")
		else
			dir=
		fi
	fi
	if [[ -z $dir ]]; then
		log "nothing to stop"
		[[ -n $envfile ]] && rm -f -- "$envfile"
		return 0
	fi
	# Ctrl-C during stop must not leave half the services running.
	trap '' INT TERM HUP
	stop_dir "$dir"
	[[ -n $envfile ]] && rm -f -- "$envfile"
	log "stopped and deleted $dir"
}

cmd_env() {
	local envfile=${1:-}
	if [[ -z $envfile ]]; then
		[[ -n ${FAIRTENDER_SERVICES_DIR:-} ]] || die "give the env file, or set FAIRTENDER_SERVICES_DIR"
		envfile=$FAIRTENDER_SERVICES_DIR/env
	fi
	[[ -f $envfile ]] || die "$envfile not found: run '$0 start' first"
	cat "$envfile"
}

main() {
	(($# >= 1 && $# <= 2)) || usage
	local cmd=$1
	shift
	case $cmd in
	start) cmd_start "$@" ;;
	stop) cmd_stop "$@" ;;
	env) cmd_env "$@" ;;
	tools) cmd_tools ;;
	-h | --help | help) usage ;;
	*) usage ;;
	esac
}

main "$@"
