#!/bin/bash
#
# check.sh - prove the benchmark's websocket and Yjs code against the real
# Yjs websocket server (issue 7).  Not part of `make check`.
#
# usage: scripts/bench/yjs/check.sh
#
# Builds check.c with ../ws.c and ../yjs.c into a temporary directory, runs
# its offline selftest, starts the server with ./start on a free port of
# 127.0.0.1, then `check relay` on a fresh document: C client A sends three
# updates, C client B must receive each (marker and bytes unchanged), C
# client C fetches the document with sync step 1; then check.mjs decodes
# that with yjs (the three strings, in order) and compares yjs_update's
# bytes with yjs' own.  Stops the server and removes what it made.
# Exit status 0 when everything passed.

set -u

dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yjs-check.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

${CC:-cc} -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O2 -g \
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
    ${CHECK_CFLAGS:-} \
    -o "$tmp/check" "$dir/check.c" "$dir/../ws.c" "$dir/../yjs.c" ||
	{ echo "check.sh: build failed" >&2; exit 1; }
"$tmp/check" selftest || exit 1

# A free port: the server says so or exits at once (EADDRINUSE).
for try in 1 2 3 4 5; do
	port=$((20000 + RANDOM % 20000))
	pid=$(YJS_LOG="$tmp/server.log" "$dir/start" "$port" 2>"$tmp/start.err") && break
	pid=
done
if [ -z "$pid" ]; then
	cat "$tmp/start.err" >&2
	echo "check.sh: could not start the Yjs server" >&2
	exit 1
fi
echo "check.sh: Yjs server pid $pid on 127.0.0.1:$port"

doc="check-$$-$(date +%s%N)"
mkdir "$tmp/out"
status=0
"$tmp/check" relay "$port" "$doc" "$tmp/out" || status=1
if [ $status -eq 0 ]; then
	(cd "$dir" && node check.mjs "$tmp/out") || status=1
fi
if grep -qi error "$tmp/server.log"; then
	echo "check.sh: the server logged:" >&2
	cat "$tmp/server.log" >&2
	status=1
fi
[ $status -eq 0 ] && echo "check.sh: ok" || echo "check.sh: FAILED" >&2
exit $status
