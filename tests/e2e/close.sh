#!/usr/bin/env bash
# close.sh - closing the room is not a network failure (issue 15, item 7).
# The facilitator quits with people in the room: a participant (the native
# client, through its SSH tunnel), an observer and an SSH participant
# (plain `ssh`, the screen in the room's own session) are each told "The
# facilitator closed the room.", stop, and end with exit status 3: the
# participant on a key, the observer by itself after a while, the SSH
# screen at once, its last words left in the person's terminal; an SSH
# screen still at the join code too, and one whose ssh was held up while
# the room closed, once it reads again.  What the
# participant was typing is printed, not lost.  Served again with
# --new-meeting, nobody comes back on their own: meeting 2 records no one.
# The same for a server stopped with SIGTERM.  (A server killed with -9
# is still a network failure, reconnected: room.sh, ssh.sh.)
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
STATE=$WORK/room.rtj
mkdir -p "$WORK/li/.ssh"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/li/.ssh/id_ed25519" ||
    fail "ssh-keygen failed"

# joiner WINDOW ARGS...: roundtable join, its exit status shown after it.
# The window stays open after it, as a terminal with a shell does: a
# dead pane's own last line could scroll the first of the words away.
joiner() {
	local name=$1
	shift
	start "$name" sh -c '"$0" join "$@"; echo "exit status $?"; sleep 600' \
	    "$RT" "$@"
}

start fac "$RT" serve --port 0 --ssh-port auto --code ABC-234 \
    --state "$STATE"
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
[ -n "$PORT" ] || fail "no port in the join line"

joiner ana "127.0.0.1:$PORT" --code ABC-234 --name "Ana Pérez" \
    --group Community
wait_for ana "You: Ana Pérez (Community)"
joiner olu "127.0.0.1:$PORT" --code ABC-234 --name "Olu Bello" --observer
wait_for olu "You: Olu Bello"
# Li's terminal says it is a vt100, which has no second screen: the last
# frame stays up when the screen ends, under the room's last words.
start li sh -c 'HOME="$0" TERM=vt100 ssh -F none -p "$1" -i "$0/.ssh/id_ed25519" \
    -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new \
    -o UserKnownHostsFile="$0/.ssh/known_hosts" li@127.0.0.1; \
    echo "exit status $?"; sleep 600' "$WORK/li" "$PORT"
wait_for li "Join code:"
type_text li "ABC-234"
keys li Enter
wait_for li "Your name: li"
keys li Enter
wait_for li "Choose your stakeholder group"
select_row li "Police"
keys li Enter
wait_for li "You: li (Police)"
wait_for fac "Police: li · Observers: 1"

# at_code NAME: NAME's ssh, without a key, at the join code in window
# NAME; its exit status is written under it.
at_code() {
	start "$1" sh -c 'ssh -F none -p "$0" -o StrictHostKeyChecking=no \
	    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
	    -o PubkeyAuthentication=no \
	    -o PreferredAuthentications=password -t "$1@127.0.0.1"
	    echo "exit status $?"; sleep 600' "$PORT" "$1"
	answer_password "$1"
	wait_for "$1" "Join code:"
}

# Someone else is still at the join code over ssh, without a key.
at_code kim
# And one whose ssh is held up (a laptop busy elsewhere) while the room
# closes: when it reads again, the goodbye is all there.
at_code lee
LEE_SSH=$(pgrep -P "$(pane_pid lee)" -x ssh)
[ -n "$LEE_SSH" ] || fail "no ssh process for lee"

# Ana is writing something when the room closes.
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
keys ana w
type_text ana "Más luz en la plaza"
wait_for ana "Más luz en la plaza"
# Li too, over ssh.
wait_for li "Phase 2/9 · Expectations"
keys li w
type_text li "Faroles en la esquina"
wait_for li "Faroles en la esquina"

kill -STOP "$LEE_SSH"
keys fac q
wait_for fac "Close the room for everyone?"
keys fac y
wait_exit fac
wait_for ana "The facilitator closed the room; any key leaves."
wait_for olu "The facilitator closed the room; any key leaves."
screen ana | grep -qF "reconnecting" && fail "ana's screen says reconnecting"
# The SSH screen leaves at once; its words stay in the terminal, what Li
# was typing on a line of its own (the terminal is raw: CR LF).
wait_for li "roundtable: The facilitator closed the room.  What you were typing was not sent:"
wait_for li "exit status 3"
screen li | grep -qx "Faroles en la esquina" ||
    fail "li's unsent text is not on a line of its own: $(screen li)"
screen li | grep -qx "roundtable: The facilitator closed the room.  What you were typing was not sent:" ||
    fail "li's last words are mixed with the last frame: $(screen li)"
# So does the one at the join code: told the same, not a network fault.
wait_for kim "roundtable: The facilitator closed the room."
wait_for kim "exit status 3"
# The hub holds Lee's goodbye (and waits for Lee's ssh to close the
# channel too) until it reads again.
sleep 2
kill -CONT "$LEE_SSH"
wait_for lee "roundtable: The facilitator closed the room."
wait_for lee "exit status 3"
keys ana x
wait_for ana "roundtable: The facilitator closed the room.  What you were typing was not sent:"
wait_for ana "Más luz en la plaza"
wait_for ana "exit status 3"
# Nobody pressed a key for Olu: the screen leaves by itself.
wait_for olu "roundtable: The facilitator closed the room." 20
wait_for olu "exit status 3"

# The next meeting: the old screens have stopped and pull nobody in.
start fac2 "$RT" serve --headless --port 0 --ssh-port "$PORT" \
    --state "$STATE" --new-meeting
wait_for fac2 "join: ssh -p $PORT"
sleep 5		# longer than a client's pause before it tries again
screen fac2 | grep -F "joined" && fail "an old screen came back by itself"

# SIGTERM closes it the same way.
joiner jose "127.0.0.1:$PORT" --code ABC-234 --name "José Núñez" \
    --group Police
wait_for jose "You: José Núñez (Police)"
wait_for fac2 "José Núñez (Police) joined"
kill -TERM "$(pane_pid fac2)"
wait_for jose "The facilitator closed the room; any key leaves."
keys jose q
wait_for jose "exit status 3"

"$RT" export --report -o "$WORK/report.txt" "$STATE" || fail "export failed"
grep -A3 "Meeting 2" "$WORK/report.txt" | grep -qF "Ana Pérez" &&
    fail "Ana recorded at meeting 2"
echo "close: ok"
