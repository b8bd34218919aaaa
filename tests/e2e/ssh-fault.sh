#!/usr/bin/env bash
# ssh-fault.sh - a fault on the SSH side takes down neither the room nor
# anyone else.  Each SSH participant's screen is a process of its own:
# Kim's ends with a crash (SIGSEGV) and only Kim's ssh ends; Ana (ssh) and
# Awa (`roundtable join`, through its SSH tunnel) write on.  The SSH of
# the connections is done by NET_SSH_HUBS (4) hubs, each connection in
# the one with the fewest: Ana's hub is killed with -9 and only Ana's ssh
# ends (Awa's connection is in another); the door starts another hub and
# Ana comes back with her key as herself, without the join code.  Then
# Awa's hub is killed: her `roundtable join` comes back by itself.
# Nothing the room had is lost and nobody is counted twice.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
serve_room ABC-234 "Faults"
SERVE=$(pane_pid fac)

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
SSH_START=start_told ssh_guest kim
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
KIM=$(newest_screen "$SERVE")
[ -n "$KIM" ] || fail "no screen process"
kill -SEGV "$KIM"
# Kim is told, on a terminal put back as it was (it was left as the
# screen had it, with nothing said).
wait_for kim "roundtable: your screen stopped because of a fault"
wait_for kim "exit status 139"
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

# Ana's hub is killed: Ana's ssh ends, Awa notices nothing.
AWA_HUB=$(hub_of "$SERVE" "$PORT" "$(pane_pid awa)") ||
    fail "no hub holds Awa's connection"
ANA_HUB=$(hub_of "$SERVE" "$PORT" "$(pane_pid ana)") ||
    fail "no hub holds Ana's connection"
[ "$ANA_HUB" != "$AWA_HUB" ] || fail "Ana and Awa in the same hub of four"
kill -9 "$ANA_HUB"
wait_exit ana 10
screen fac | grep -qF "Phase 2/9 · Expectations" || fail "the room's screen is gone"
wait_for fac "Present 1"
deadline=$((SECONDS + 10))
until (($(hubs "$SERVE" | wc -l) == 4)) && ! hubs "$SERVE" | grep -qx "$ANA_HUB"; do
	((SECONDS < deadline)) || fail "no new hub after 10 s"
	sleep 0.2
done
keys awa w
wait_for awa "Your expectation:"
type_text awa "Ana's hub fell, not mine"
keys awa Enter
wait_for fac "Awa (Community): Ana's hub fell, not mine"
screen awa | grep -qF "retrying" && fail "Awa's connection was dropped too"
ssh_ana back
its_me back "Ana"
wait_for back "You: Ana" 20
screen back | grep -qF "Join code:" && fail "Ana was asked for the code again"
wait_for back "Awa (Community): Ana's hub fell, not mine"
wait_for fac "Present 2"

# Awa's hub is killed: her `roundtable join` comes back by itself.
AWA_HUB=$(hub_of "$SERVE" "$PORT" "$(pane_pid awa)") ||
    fail "no hub holds Awa's connection"
kill -9 "$AWA_HUB"
deadline=$((SECONDS + 30))
until hub_of "$SERVE" "$PORT" "$(pane_pid awa)" >/dev/null; do
	((SECONDS < deadline)) || fail "Awa did not come back by herself"
	sleep 0.2
done
wait_for fac "Present 2" 30
keys back w
wait_for back "Your expectation:"
type_text back "after the hubs fell"
keys back Enter
wait_for awa "Ana (Community): after the hubs fell"
wait_for fac "Ana (Community): after the hubs fell"
screen fac | grep -qF "Present 2" || fail "someone is counted twice: $(screen fac | grep Present)"
echo "ssh-fault: ok"
