#!/usr/bin/env bash
# biglist.sh - a long list on the screen (issue 15): Framing and vision
# with 300 statements, which the screens draw lazily (only the entries in
# view get rows).  At 80x24, on the serving screen: Home and End go to the
# first and the last statement and the ↑/↓ marks say where there is more;
# PgDn and PgUp move a page and the selection follows; Up and Down go
# across the boundary between the problem and the vision statements and
# through the list one statement at a time; after End, the selection
# follows a statement a participant writes; a participant's screen lists
# the same.
. "$(dirname "$0")/lib.bash"

BUILD_DIR=${BUILD_DIR:-$PWD/build}
need_mkjournal
"$BUILD_DIR/bench/mkjournal" write "$WORK/big.rtj" 3000 300 >/dev/null ||
    fail "mkjournal failed"

# The mark at the end of a line of the body: more above, more below.
marks() { screen "$1" | grep -c -- "$2\$"; }
wait_mark() {
	local deadline=$((SECONDS + 10))
	while ((SECONDS < deadline)); do
		[ "$(marks "$1" "$2")" -eq "$3" ] && return 0
		sleep 0.1
	done
	fail "window $1: $2 at a line's end $(marks "$1" "$2") times, not $3"
}

start fac "$RT" serve --port 0 --ssh-port 0 --state "$WORK/big.rtj"
wait_for fac "Phase 6/8 · Framing and vision"
tm resize-window -t fac -x 80 -y 24 2>/dev/null
wait_for fac "▶   #1 Person 1 (Community):"
wait_for fac "No problem statements yet"
wait_mark fac "↓" 1
wait_mark fac "↑" 0

# End: the last statement, on the last page; Home: back to the first.
keys fac End
wait_for fac "▶   #300 Person"
wait_for fac "w vision · f problem"
wait_mark fac "↑" 1
wait_mark fac "↓" 0
keys fac Up
wait_for fac "▶   #299 Person"
keys fac Down
wait_for fac "▶   #300 Person"
keys fac Down
sleep 0.3
selected fac | grep -qF "#300 Person" || fail "Down went past the last one"
keys fac Home
wait_for fac "▶   #1 Person 1 (Community):"
wait_mark fac "↑" 0

# PgDn: a page further, the selection on the first statement that
# starts there; PgUp back to the top.
keys fac NPage
wait_mark fac "↑" 1
wait_gone fac "▶   #1 Person 1 (Community):"
for i in 1 2 3; do keys fac NPage; done
sleep 0.3
far=$(selected fac)
case $far in *"#1 Person"*|*"#2 Person"*|"") fail "PgDn did not move: $far";;
esac
for i in 1 2 3 4; do keys fac PPage; done
wait_mark fac "↑" 0
wait_for fac "▶   #1 Person 1 (Community):"

# Down and Up, one statement at a time through the list.
for n in 2 3 4 5 6 7 8 9 10; do
	keys fac Down
	wait_for fac "▶   #$n Person"
done
wait_mark fac "↑" 1
for n in 9 8 7 6 5 4 3 2 1; do
	keys fac Up
	wait_for fac "▶   #$n Person"
done

# A problem statement stands above the vision statements: Up and Down go
# across the boundary.
keys fac f
wait_for fac "Your problem statement:"
type_text fac "Nadie confía en nadie"
keys fac Enter
wait_gone fac "Your problem statement:"
keys fac Home
wait_for fac "▶   #301 Facilitator: Nadie confía en nadie"
keys fac Down
wait_for fac "▶   #1 Person 1 (Community):"
keys fac Up
wait_for fac "▶   #301 "

# After End the selection follows what the room writes.
# The record's room has no SSH door: the screen offers a plain join.
PORT=$(screen fac | sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\) --code.*/\1/p' |
    head -n 1)
[ -n "$PORT" ] || fail "no join port on the serving screen"
start ana "$RT" join --plain "127.0.0.1:$PORT" --code BEN-CH1 \
    --name "Ana Pérez" --group Community
wait_for fac "Present 1"
tm resize-window -t ana -x 80 -y 24 2>/dev/null
wait_for ana "Phase 6/8 · Framing and vision"
wait_for ana "#301 "
keys fac End
wait_for fac "▶   #300 Person"
keys ana w
wait_for ana "Your vision statement:"
type_text ana "Un barrio seguro para todos"
keys ana Enter
wait_for fac "▶   #302 Ana Pérez (Community): Un barrio seguro para todos"
keys ana End
wait_for ana "▶   #302 Ana Pérez (Community): Un barrio seguro para todos"
keys ana Home
wait_for ana "▶   #301 "
keys ana Down
wait_for ana "▶   #1 Person 1 (Community):"
echo "biglist: ok"
