#!/usr/bin/env bash
# ssh-fault.sh - a fault on the SSH side takes down neither the room nor
# anyone else.  Each SSH participant's screen is a process of its own:
# Kim's ends with a crash (SIGSEGV) and only Kim's ssh ends; Ana (ssh) and
# Awa (`roundtable join`, through its SSH tunnel) write on.  Then the hub,
# the one process that does the SSH of every connection, is killed with
# -9: the room stays up, the door starts another hub, Awa's screen comes
# back by itself and Ana comes back with her key as herself, without the
# join code; nothing the room had is lost and nobody is counted twice.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
serve_room ABC-234 "Faults"
SERVE=$(pane_pid fac)
hub() { pgrep -P "$SERVE" -f "ssh-hub" | head -n 1; }

mkdir -p "$WORK/ana/.ssh"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ana/.ssh/id_ed25519" ||
    fail "ssh-keygen failed"
ssh_ana() {	# ssh_ana WINDOW
	start "$1" env HOME="$WORK/ana" ssh -F none -p "$PORT" \
	    -i "$WORK/ana/.ssh/id_ed25519" -o IdentitiesOnly=yes \
	    -o StrictHostKeyChecking=accept-new \
	    -o UserKnownHostsFile="$WORK/ana/.ssh/known_hosts" \
	    -o LogLevel=ERROR -t "ana@127.0.0.1"
}

join_room awa Awa Community 1
ssh_ana ana
wait_for ana "Join code:"
type_text ana "ABC-234"
keys ana Enter
wait_for ana "Your name: ana"
first_group ana Ana
wait_for fac "Present 2"
ssh_guest kim
answer_password kim
wait_for kim "Join code:"
type_text kim "ABC-234"
keys kim Enter
wait_for kim "Your name: guest"
first_group kim Kim
wait_for fac "Present 3"
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
keys ana w
wait_for ana "Your expectation:"
type_text ana "before the faults"
keys ana Enter
wait_for awa "Ana (Community): before the faults"
wait_for kim "Ana (Community): before the faults"

# Kim's screen crashes: the newest screen process is Kim's.
KIM=$(pgrep -n -f "roundtable ssh-screen")
[ -n "$KIM" ] || fail "no screen process"
kill -SEGV "$KIM"
wait_exit kim 10
wait_for fac "Present 2"
keys ana w
wait_for ana "Your expectation:"
type_text ana "after one screen fell"
keys ana Enter
wait_for awa "Ana (Community): after one screen fell"
keys awa w
wait_for awa "Your expectation:"
type_text awa "still with you"
keys awa Enter
wait_for ana "Awa (Community): still with you"

# The hub is killed: the room goes on, a new hub comes.
OLD=$(hub)
[ -n "$OLD" ] || fail "no hub process"
kill -9 "$OLD"
wait_exit ana 10
screen fac | grep -qF "Phase 2/9 · Expectations" || fail "the room's screen is gone"
deadline=$((SECONDS + 10))
until [ -n "$(hub)" ] && [ "$(hub)" != "$OLD" ]; do
	((SECONDS < deadline)) || fail "no new hub after 10 s"
	sleep 0.2
done
# Awa's `roundtable join` reconnects on its own, Ana with her key.
wait_for fac "Present 1" 30
ssh_ana back
wait_for back "You: Ana" 20
screen back | grep -qF "Join code:" && fail "Ana was asked for the code again"
wait_for back "Ana (Community): after one screen fell"
wait_for fac "Present 2"
keys back w
wait_for back "Your expectation:"
type_text back "after the hub fell"
keys back Enter
wait_for awa "Ana (Community): after the hub fell"
wait_for fac "Ana (Community): after the hub fell"
screen fac | grep -qF "Present 2" || fail "someone is counted twice: $(screen fac | grep Present)"
echo "ssh-fault: ok"
