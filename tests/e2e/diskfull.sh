#!/usr/bin/env bash
# diskfull.sh - the disk fills up in the middle of a workshop.  The room is
# served under tests/faults/enospc.so, which makes every write and sync of
# the record fail with ENOSPC while $WORK/full exists.  Two participants
# join and one writes (it shows everywhere); the disk fills; the next
# contribution is refused on its author's screen with a sentence that says
# why and that nothing was lost, its words back on her line, and the
# other screen shows nothing new;
# someone coming back still gets in and sees the room, and a newcomer is
# told to wait.  The disk has room again: the newcomer is let in by
# itself, the next contribution works and shows everywhere.  Then kill -9
# and a restart: the record holds exactly what was acknowledged, with no
# half record left by the failed writes.
. "$(dirname "$0")/lib.bash"

SHIM=${BUILD_DIR:-$PWD/build}/faults/enospc.so
[ -f "$SHIM" ] || fail "no $SHIM: run make faults"
SHIM=$(cd "$(dirname "$SHIM")" && pwd)/$(basename "$SHIM")
FULL=$WORK/full
STATE=$WORK/room.rtj

start fac env RT_FAULT_FULL="$FULL" LD_PRELOAD="$SHIM" "$RT" serve \
    --port 0 --ssh-port auto --code KXM-47P --state "$STATE"
wait_for fac "--code KXM-47P"
PORT=$(join_port fac)
[ -n "$PORT" ] || fail "no port in the join line"

start ana "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "Ana" \
    --group Community
start jose "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "José" \
    --group Police
wait_for fac "Present 2"
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
wait_for jose "Phase 2/9 · Expectations"

# contribute WINDOW TEXT
contribute() {
	keys "$1" w
	wait_for "$1" "Your expectation:"
	type_text "$1" "$2"
	keys "$1" Enter
}

contribute ana "Primero: escucharnos"
wait_for jose "Primero: escucharnos"
wait_for fac "Primero: escucharnos"

# The disk is full.
touch "$FULL"
contribute ana "Segundo: se pierde"
wait_for ana "the room cannot save changes right now (disk full)"
wait_for ana "nothing was lost"
# And so it is: what Ana typed is back on her line (it was gone); she lets
# it go with Esc.
wait_for ana "what you typed is back"
wait_for ana "Your expectation: Segundo: se pierde"
keys ana Escape
wait_gone ana "Your expectation:"
wait_for fac "the room cannot save changes (disk full)"
sleep 1
screen jose | grep -qF "Segundo" && fail "an unsaved contribution was shown"
screen fac | grep -qF "Segundo" && fail "an unsaved contribution was shown"

# Reads go on: José's laptop dies, he comes back as himself and sees the
# room; a newcomer is told to wait.
kill -9 "$(pane_pid jose)"
wait_exit jose
start jose2 "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "José"
wait_for jose2 "You: José (Police)"
wait_for jose2 "Primero: escucharnos"
start lina "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "Lina" \
    --group Police
wait_for lina "cannot let anyone new in right now (disk full)"

# Room on the disk again: the newcomer gets in by herself, and the next
# contribution shows everywhere.
rm -f "$FULL"
wait_for lina "You: Lina (Police)" 15
wait_for lina "Primero: escucharnos"
wait_for fac "the record can be written again"
contribute ana "Tercero: seguimos"
wait_for jose2 "Tercero: seguimos"
wait_for lina "Tercero: seguimos"
wait_for fac "Tercero: seguimos"
screen ana | grep -qF "the room cannot save" &&
    fail "the old refusal is still on Ana's screen"

# kill -9 and back: exactly what was acknowledged, and no torn record.
kill -9 "$(pane_pid fac)"
wait_exit fac
start fac2 "$RT" serve --port 0 --ssh-port "$PORT" --state "$STATE"
wait_for fac2 "Tercero: seguimos"
screen fac2 | grep -qF "incomplete" && fail "the record had a torn tail"
"$RT" export --report -o "$WORK/report.txt" "$STATE" 2>"$WORK/export.err" ||
    fail "export failed: $(cat "$WORK/export.err")"
[ -s "$WORK/export.err" ] && fail "export warned: $(cat "$WORK/export.err")"
[ "$(grep -c "Primero: escucharnos" "$WORK/report.txt")" -eq 1 ] ||
    fail "the first contribution is not in the record exactly once"
[ "$(grep -c "Tercero: seguimos" "$WORK/report.txt")" -eq 1 ] ||
    fail "the third contribution is not in the record exactly once"
grep -qF "Segundo" "$WORK/report.txt" &&
    fail "the refused contribution is in the record"
grep -qF "Lina" "$WORK/report.txt" || fail "Lina's join is not recorded"
echo "diskfull: ok"
