#!/usr/bin/env bash
# ssh-goodbye.sh - an ssh that leaves while the room has not yet taken all
# it typed, and the people who come in next.  OpenSSH says goodbye when it
# ends, and libssh then closes the connection in the hub (the process that
# does the SSH) by itself; the hub still passes on what it holds for that
# person for a few seconds.  Meanwhile the connection's descriptor number
# is free, and the next connection given to that hub gets it.  Everyone
# who comes in then must get past the join code: a hub that kept the old
# connection's watcher on that number, or took the number out of its loop
# when the old session ended, never read the newcomer's keys again.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
headless_room ABC-234

# Ana's screen takes nothing more (stopped), so the hub holds what she
# pastes at the code prompt; then her ssh ends, saying goodbye.
ssh_guest ana
answer_password ana
wait_for ana "Join code:"
ANA_SCREEN=$(newest_screen "$SERVE")
[ -n "$ANA_SCREEN" ] || fail "no screen process for ana"
kill -STOP "$ANA_SCREEN"
head -c 1048576 /dev/zero | tr '\0' 'x' >"$WORK/paste"
tm load-buffer "$WORK/paste"
tm paste-buffer -t ana
sleep 1
kill -TERM "$(pane_pid ana)"
left=$SECONDS

# Eight people come in at once: each of the four hubs gets at least one
# of them, Ana's among them, while it is still passing on what she typed.
for i in 1 2 3 4 5 6 7 8; do
	ssh_guest "g$i"
done
for i in 1 2 3 4 5 6 7 8; do
	answer_password "g$i"
	wait_for "g$i" "Join code:" 20
done

# Ana's session has ended in its hub (it had 5 s to pass on her bytes):
# every newcomer's keys still reach their screen.
kill -CONT "$ANA_SCREEN" 2>/dev/null
while ((SECONDS - left < 8)); do
	sleep 0.5
done
for i in 1 2 3 4 5 6 7 8; do
	type_text "g$i" "ABC-234"
	keys "g$i" Enter
done
for i in 1 2 3 4 5 6 7 8; do
	wait_for "g$i" "Your name:" 15 ||
	    fail "guest $i typed the join code and the room never read it"
done
[ "$(pgrep -c -P "$SERVE" -f "ssh-hub")" -eq 4 ] ||
    fail "a hub did not survive"
echo "ssh-goodbye: ok (8 newcomers past the join code)"
