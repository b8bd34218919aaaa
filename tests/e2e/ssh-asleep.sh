#!/usr/bin/env bash
# ssh-asleep.sh - an SSH participant whose ssh app stops answering while
# its computer's kernel still takes what is sent (a phone app put to
# sleep, a frozen laptop; here: kill -STOP on loopback) is let go about a
# minute later, not kept present for ever: the hub asks silent clients
# whether they are there (an SSH keepalive) and ends a session that has
# not answered 30 s after.  Her name, taken without a key, is then hers
# to come back by.  Bo, silent all the while but awake (his ssh answers),
# stays.  Before, the room kept Ana present, and her name locked.
# It mostly waits on the clock, so it runs beside the others:
# e2e: beside
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
serve_room ABC-234 "Dormidos"

# Under a shell: tmux wakes a pane's own process when it is stopped.
SSH_START=start_told ssh_guest ana
guest_code ana ABC-234
first_group ana Ana
ssh_guest bo
guest_code bo ABC-234
first_group bo Bo
wait_for fac "Present 2"

ANA_SSH=$(pgrep -P "$(pane_pid ana)" -x ssh)
ps -o comm= -p "$ANA_SSH" | grep -qx ssh || fail "no ssh process for ana"
kill -STOP "$ANA_SSH"
asleep=$SECONDS
# Let go within about a minute (30 s of silence, 30 s unanswered, and the
# sweep's second).
wait_for fac "Present 1" 80
took=$((SECONDS - asleep))
((took >= 30)) || fail "Ana was let go after $took s, before any keepalive"
wait_for bo "You: Bo"
screen bo | grep -qF "the connection to the room was lost" && fail "Bo, awake, was let go"
kill -CONT "$ANA_SSH"

# She comes back by her name, without a key: she is away.
ssh_guest ana2
guest_code ana2 ABC-234
keys ana2 C-u
type_text ana2 "Ana"
keys ana2 Enter
wait_for ana2 "You: Ana ("
wait_for fac "Present 2"
# Bo, silent since he joined, has answered a keepalive more than once
# by now (one every 30 s of silence): still in, 100 s on.
while ((SECONDS - asleep < 100)); do sleep 1; done
screen fac | grep -qF "Present 2" || fail "Bo, silent but awake, was let go: $(screen fac | tail -5)"
screen bo | grep -qF "You: Bo" || fail "Bo's screen went: $(screen bo)"
echo "ssh-asleep: ok"
