# lib.sh - what scripts/bench/run and scripts/bench/compare share: free
# ports, starting and stopping each server (pinned to SERVER_CPU), running
# the generator (pinned to GEN_CPU), reading its RESULT lines.
#
# Sourced, not run.  Every server started here is stopped by bench_cleanup
# (on EXIT); every run of the generator is bounded by `timeout`.

BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_BIN=$ROOT/$BUILD/bench
RT=${RT_BIN:-$ROOT/$BUILD/roundtable}
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rtbench.XXXXXX")
BENCH_PIDS=()
DAMON_PAUSED=()

# Pin the server to one core and the generator to the other, when there
# are two and taskset is there.
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
	SERVER_PIN="taskset -c ${SERVER_CPU:-0}"
	GEN_PIN="taskset -c ${GEN_CPU:-1}"
else
	SERVER_PIN=""
	GEN_PIN=""
fi

bench_cleanup() {
	local pid f
	for pid in "${BENCH_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${BENCH_PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	rm -rf "$BENCH_TMP"
	for f in "${DAMON_PAUSED[@]}"; do
		echo on >"$f" 2>/dev/null ||
		    echo "note: could not turn the kernel's DAMON back on ($f)" >&2
	done
	DAMON_PAUSED=()
}

# The machine the numbers were taken on, and what else may weigh on them;
# $1 is added to the line (the fd limit, libssh's version).
bench_machine() {
	echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)," \
	    "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM;" \
	    "load before: $(cut -d' ' -f1-3 /proc/loadavg)${1:+; $1}"
	bench_damon
}

# The kernel's DAMON (a kdamond thread, /sys/kernel/mm/damon) is set up
# on some virtual machines to page out memory nobody used for a while.
# Each of its passes over memory takes one of the cores for tens of ms:
# on the 2-vCPU VM of 2026-12-07 it sampled every 500 ms, and 300
# participants' p99 was 165-210 ms with it running against 62-88 ms
# without (the slow contributions came every 0.58 s, on both sides).  A
# benchmark says when it is on; BENCH_DAMON=off (root) turns it off for
# the run and on again at the end (bench_cleanup).
bench_damon() {
	local f
	for f in /sys/kernel/mm/damon/admin/kdamonds/*/state; do
		[ -r "$f" ] && [ "$(cat "$f" 2>/dev/null)" = on ] || continue
		if [ "${BENCH_DAMON:-}" = off ] && echo off >"$f" 2>/dev/null; then
			DAMON_PAUSED+=("$f")
			echo "kernel DAMON: turned off for this run (BENCH_DAMON=off)"
		else
			echo "kernel DAMON: on (${f%/state}); its passes over" \
			    "memory stall a core now and then and lengthen the" \
			    "p99; BENCH_DAMON=off turns it off for the run"
		fi
	done
}

# One descriptor per connection on both sides.
bench_raise_fds() {
	local want=$1 hard
	hard=$(ulimit -Hn)
	if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then
		echo "note: the file-descriptor limit is $hard here (wanted" \
		    "$want); N is capped by it" >&2
		ulimit -n "$hard"
		return 1
	fi
	ulimit -n "$want" 2>/dev/null || ulimit -n "$hard"
	return 0
}

# A TCP port nobody listens on (bound and released by the kernel).
bench_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
	    echo $((20000 + RANDOM % 20000))
}

# Waits until something listens on 127.0.0.1:$1 (at most 10 s).
bench_wait_port() {
	local i
	for i in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# roundtable serve --headless on a fresh record; sets RT_PID, RT_PORT,
# RT_CODE, RT_FAC, RT_STATE.  The journal is synced (fdatasync) as always.
# With RT_SSH=1 the SSH door is open too (--ssh-port auto, on 127.0.0.1
# only) and RT_SSH_PORT is the port its "join: ssh -p PORT" line shows;
# otherwise (--ssh-port 0) RT_SSH_PORT is empty.  The plain port stays
# open either way (rtbench's co-facilitator sets the room up through it).
start_roundtable() {
	RT_PORT=$(bench_port)
	RT_CODE=BENCH-$RANDOM
	RT_STATE=${RT_STATE_DIR:-$BENCH_TMP}/room-$RT_PORT.rtj
	RT_SSH_PORT=
	local out=$BENCH_TMP/serve-$RT_PORT.out i
	local ssh=(--ssh-port 0)
	[ -n "${RT_SSH:-}" ] && ssh=(--ssh-port auto --bind 127.0.0.1)
	$SERVER_PIN "$RT" serve --headless "${ssh[@]}" --port "$RT_PORT" \
	    --code "$RT_CODE" --state "$RT_STATE" >"$out" 2>&1 </dev/null &
	RT_PID=$!
	BENCH_PIDS+=("$RT_PID")
	bench_wait_port "$RT_PORT" || { echo "roundtable did not start:" >&2; cat "$out" >&2; return 1; }
	RT_FAC=$(sed -n 's/.*--facilitator-code \([^ ]*\).*/\1/p' "$out" | head -1)
	[ -n "$RT_FAC" ] || { echo "no co-facilitators' code in:" >&2; cat "$out" >&2; return 1; }
	if [ -n "${RT_SSH:-}" ]; then
		# The headless lines come out together; wait for them a little.
		for i in $(seq 50); do
			RT_SSH_PORT=$(sed -n 's/^join: ssh -p \([0-9]*\) .*/\1/p' "$out" | head -1)
			[ -n "$RT_SSH_PORT" ] && break
			sleep 0.1
		done
		[ -n "$RT_SSH_PORT" ] && bench_wait_port "$RT_SSH_PORT" ||
		    { echo "roundtable's SSH door did not open:" >&2; cat "$out" >&2; return 1; }
	fi
}

start_floor() {
	FLOOR_PORT=$(bench_port)
	$SERVER_PIN "$BENCH_BIN/floor" "$FLOOR_PORT" >"$BENCH_TMP/floor.out" 2>&1 </dev/null &
	FLOOR_PID=$!
	BENCH_PIDS+=("$FLOOR_PID")
	bench_wait_port "$FLOOR_PORT"
}

# Debian's redis-server, installed when missing; no persistence at all.
ensure_redis() {
	command -v redis-server >/dev/null && return 0
	echo "installing redis-server (apt-get)" >&2
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >&2 ||
		    { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >&2; }
	else
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >&2
	fi
	command -v redis-server >/dev/null
}

start_redis() {
	REDIS_PORT=$(bench_port)
	$SERVER_PIN redis-server --port "$REDIS_PORT" --bind 127.0.0.1 \
	    --save '' --appendonly no --maxclients 20000 --daemonize no \
	    --logfile "$BENCH_TMP/redis.log" >/dev/null 2>&1 </dev/null &
	REDIS_PID=$!
	BENCH_PIDS+=("$REDIS_PID")
	bench_wait_port "$REDIS_PORT"
}

start_yjs() {
	YJS_PORT=$(bench_port)
	YJS_PID=$(YJS_LOG=$BENCH_TMP/yjs.log $SERVER_PIN "$ROOT/scripts/bench/yjs/start" "$YJS_PORT") || return 1
	BENCH_PIDS+=("$YJS_PID")
}

stop_server() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# rtbench with the arguments given, pinned, bounded; its RESULT lines are
# appended to $RESULTS and its notes go to stderr.
gen() {
	local limit=${GEN_TIMEOUT:-300} out=$BENCH_TMP/gen.out
	timeout "$limit" $GEN_PIN "$BENCH_BIN/rtbench" "$@" >"$out"
	cat "$out" >>"$RESULTS"
	grep -q RESULT "$out" || { echo "rtbench failed: $*" >&2; return 1; }
}

# A field of a RESULT line: result FIELD LINE
result() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# Builds roundtable and the benchmark's programs when they are missing or
# old (a fresh clone: `scripts/bench/compare` alone is enough).
bench_build() {
	make -C "$ROOT" --no-print-directory -s BUILD="$BUILD" all bench-build >&2 || {
		echo "building failed; the build needs scripts/install-deps (make deps) first" >&2
		return 1
	}
}
