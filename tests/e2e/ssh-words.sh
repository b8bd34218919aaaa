#!/usr/bin/env bash
# ssh-words.sh - an SSH participant's screen has the last word even when
# they type faster than it reads: eight people press keys without pause
# at the join code (tests/tools/sshtyper) and the room closes meanwhile.
# Each screen ends with keys still on their way to it; the hub must still
# carry its last frame and its words ("The facilitator closed the room.")
# and its exit status to their ssh, not drop them with the keys nobody
# will read.
. "$(dirname "$0")/lib.bash"

TYPER=${BUILD_DIR:-$(dirname "$RT")}/tools/sshtyper
[ -x "$TYPER" ] || fail "no $TYPER: run make tools"
headless_room ABC-234

# Each in a window of its own (so it ends with the test), its report in
# a file.
for i in $(seq 1 8); do
	start "typer$i" bash -c '"$1" "$2" >"$3" 2>&1; echo "rc $?" >>"$3"' typer "$TYPER" "$PORT" \
	    "$WORK/typer$i.out"
done
for i in $(seq 1 8); do
	deadline=$((SECONDS + 20))
	until grep -qx typing "$WORK/typer$i.out" 2>/dev/null; do
		((SECONDS < deadline)) || fail "typer $i never typed: $(cat "$WORK/typer$i.out")"
		sleep 0.1
	done
done
sleep 1
kill -TERM "$SERVE"
for i in $(seq 1 8); do
	wait_exit "typer$i" 20
	grep -qxF "roundtable: The facilitator closed the room." \
	    "$WORK/typer$i.out" ||
	    fail "typer $i had no last words: $(cat "$WORK/typer$i.out")"
	grep -qxF "exit status 3" "$WORK/typer$i.out" ||
	    fail "typer $i had no exit status: $(cat "$WORK/typer$i.out")"
done
echo "ssh-words: ok"
