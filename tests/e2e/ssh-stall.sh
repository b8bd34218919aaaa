#!/usr/bin/env bash
# ssh-stall.sh - an SSH participant whose ssh stops taking what the room
# sends (asleep, gone, frozen) does not keep its session in the room's
# SSH process (the hub) for ever: a write that has not gone in after 60 s (NET_SSH_STALL_SECONDS)
# ends their session, and not sooner, so a Wi-Fi hiccup is ridden out;
# the room then counts them absent.  Another participant meanwhile
# notices nothing.  tests/tools/sshstall joins, then reads nothing; the
# facilitator moving between phases makes its screen draw itself whole,
# until what TCP holds for it is full.  Beside it, "sshstall rekey" starts
# a new key exchange and never finishes it, though it takes in all that
# comes: its session must end after the same 60 s, not wait for ever.
# It mostly waits on the room's clock, so it runs beside the others:
# e2e: beside
. "$(dirname "$0")/lib.bash"

STALL=${BUILD_DIR:-$(dirname "$RT")}/tools/sshstall
[ -x "$STALL" ] || fail "no $STALL: run make tools"
command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"

serve_room ABC-234 "Stalls"
SERVE=$(pane_pid fac)
sessions() { hub_sessions "$SERVE" "$PORT"; }

# In a window of its own, so it ends with the test whatever happens.
start staller "$STALL" "$PORT" ABC-234 120
wait_for staller "stalled" 20
start rekeyer "$STALL" "$PORT" ABC-234 120 rekey
wait_for rekeyer "stalled" 20
stalled=$SECONDS
(($(sessions) == 2)) || fail "$(sessions) sessions for the stalled ssh"

# Someone else joins and writes meanwhile.
ssh_guest ana
guest_code ana ABC-234
first_group ana Ana
wait_for fac "Present 3"
# Whole screens for the stalled one, until its session can write no more.
for i in $(seq 1 20); do
	goto_phase fac Expectations
	goto_phase fac Welcome
done
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"

(($(sessions) == 3)) || fail "$(sessions) sessions, not 3"
# Their sessions end, 60 s after their last write began (which was after
# "stalled"), and the room counts one present.
deadline=$((stalled + 100))
until (($(sessions) == 1)); do
	((SECONDS < deadline)) ||
		fail "$(($(sessions) - 1)) stalled sessions never ended"
	sleep 0.5
done
took=$((SECONDS - stalled))
((took >= 59)) || fail "the stalled sessions ended after $took s, before their 60 s"
wait_for rekeyer "closed after" 5
wait_for fac "Present 1"
keys ana w
wait_for ana "Your expectation:"
type_text ana "still here"
keys ana Enter
wait_for fac "Ana (Community): still here"
echo "ssh-stall: ok (the stalled session ended after $took s)"
