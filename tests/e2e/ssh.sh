#!/usr/bin/env bash
# ssh.sh - the SSH front door with the real OpenSSH client: two people join
# with nothing but `ssh` and a key of their own, a third with `roundtable
# join`; they see each other's lines; a caucus note from an SSH
# participant's group stays off the other groups' screens; a resize is
# followed; an SSH participant whose connection is killed comes back as
# themselves with the same key; the name offered is the SSH user's; and
# after kill -9 the restarted room shows the same key.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
STATE=$WORK/room.rtj
NOTE='Nos falta alumbrado en el barrio'

# Each SSH participant has a HOME of their own with their own key.
for who in ana li; do
	mkdir -p "$WORK/$who/.ssh"
	ssh-keygen -q -t ed25519 -N '' -f "$WORK/$who/.ssh/id_ed25519" ||
	    fail "ssh-keygen failed"
done
# ssh_to WINDOW USER WHO: WHO's ssh, as USER, to the room.
ssh_to() {
	${SSH_START:-start} "$1" env HOME="$WORK/$3" ssh -F none -p "$PORT" \
	    -i "$WORK/$3/.ssh/id_ed25519" -o IdentitiesOnly=yes \
	    -o StrictHostKeyChecking=accept-new \
	    -o UserKnownHostsFile="$WORK/$3/.ssh/known_hosts" \
	    -o ServerAliveInterval=2 "$2@127.0.0.1"
}

start fac "$RT" serve --port 0 --ssh-port auto --code ABC-234 \
    --state "$STATE"
wait_for fac "--code ABC-234"
PORT=$(join_port fac)
[ -n "$PORT" ] || fail "no port in the join line"
wait_for fac "ssh -p $PORT"
KEY=$(ssh-keygen -lf "$STATE.hostkey" | awk '{print $2}')
wait_for fac "Room key: $KEY"
[ "$(stat -c %a "$STATE.hostkey")" = 600 ] || fail "the host key is not 0600"

ssh_to ana ana ana
wait_for ana "Join code:"
type_text ana "ABC-234"
keys ana Enter
# The SSH user name is offered as the name.
wait_for ana "Your name: ana"
keys ana C-u
type_text ana "Ana Pérez"
keys ana Enter
wait_for ana "Choose your stakeholder group"
select_row ana "Community"
keys ana Enter
wait_for ana "You: Ana Pérez (Community)"

# Her user name is not ASCII: it is offered as it is spelt.
ssh_to li lía li
wait_for li "Join code:"
type_text li "ABC-234"
keys li Enter
wait_for li "Your name: lía"
keys li Enter
wait_for li "Choose your stakeholder group"
select_row li "Business"
keys li Enter
wait_for li "You: lía (Business)"

start jose "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name "José" \
    --group Police
wait_for jose "You: José (Police)"
wait_for fac "Present 3"

# Expectations: everyone writes, everyone sees everyone.
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
wait_for li "Phase 2/9 · Expectations"
# Li presses End on the empty list: her screen follows whatever comes.
keys li End
i=0
for w in ana li jose; do
	i=$((i + 1))
	keys "$w" w
	wait_for "$w" "Your expectation"
	type_text "$w" "línea $i de $w"
	keys "$w" Enter
done
for w in ana li jose fac; do
	wait_for "$w" "línea 1 de ana"
	wait_for "$w" "línea 2 de li"
	wait_for "$w" "línea 3 de jose"
done

# Following the end of the list (End) keeps the newest line selected, and
# in view, as the room writes.
selected li | grep -qF "línea 3 de jose" || fail "li's End did not follow"
keys ana End
deadline=$((SECONDS + 10))
until selected ana | grep -qF "línea 3 de jose"; do
	((SECONDS < deadline)) || fail "End did not select the last line"
	sleep 0.1
done
keys jose w
wait_for jose "Your expectation"
type_text jose "línea 4 de jose"
keys jose Enter
deadline=$((SECONDS + 10))
until selected ana | grep -qF "línea 4 de jose"; do
	((SECONDS < deadline)) || fail "ana's screen did not follow the end"
	sleep 0.1
done

# A resize of an SSH participant's terminal is followed: the header's
# phase moves to the new right edge.
tm resize-window -t ana -x 130 -y 30
deadline=$((SECONDS + 10))
until screen ana | head -n 1 | grep -qE '.{100,}Phase 2/9'; do
	((SECONDS < deadline)) || fail "ana's screen did not follow a resize"
	sleep 0.1
done

# Caucus: Ana's (SSH, Community) note stays in Community.
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
wait_for li "Phase 5/9 · Caucus"
wait_for jose "Phase 5/9 · Caucus"
keys ana w
wait_for ana "Your caucus note"
type_text ana "$NOTE"
# Ctrl-C over ssh asks too (no signal comes over the channel: it did
# nothing), and n gives the line back.
keys ana C-c
wait_for ana "Leave the room? y/n"
keys ana n
wait_for ana "Your caucus note: $NOTE"
keys ana Enter
wait_for ana "Ana Pérez (Community): $NOTE"
wait_for fac "Community: 1 note"
for w in li jose fac; do
	screen "$w" | grep -qF "$NOTE" && fail "$w sees another group's note"
done

# Ana's connection is cut: she comes back with her key, as herself once
# she says it is her, no code asked.
pkill -KILL -f "$WORK/ana/.ssh/id_ed25519" || fail "no ssh of ana's"
wait_for fac "Present 2"
keys li w
wait_for li "Your caucus note"
type_text li "while ana was away"
keys li Enter
wait_for li "while ana was away"
tm kill-window -t ana
# (Its last words kept on the window when it ends: start_told.)
SSH_START=start_told ssh_to ana ana ana
its_me ana "Ana Pérez"
wait_for ana "You: Ana Pérez (Community)" 15
wait_for ana "$NOTE"
screen ana | grep -qF "Join code:" && fail "a returning key was asked the code"
wait_for fac "Present 3"

# Ana opens a second window with the same key: the room keeps the new
# one, and the old one says why it ended (it said it had lost the
# connection, then that the room had closed it).
ssh_to ana2 ana ana
its_me ana2 "Ana Pérez"
wait_for ana2 "You: Ana Pérez (Community)" 15
wait_for ana "you joined the room again from another connection"
wait_for ana "exit status 5"
wait_for fac "Present 3"
tm kill-window -t ana
tm rename-window -t ana2 ana

# kill -9 and a restart: the same key, shown again.  The SSH sessions end
# with the room ("the connection to the room was lost"), a session still at
# the join code too; OpenSSH, which pinned the key on first use, takes
# the restarted room, and the key brings Ana back as herself.
ssh_guest lobby
answer_password lobby
wait_for lobby "Join code:"
kill -KILL "$(pane_pid fac)"
wait_exit fac
wait_exit ana
wait_for lobby "the connection to the room was lost; to come back"
wait_exit lobby
start fac2 "$RT" serve --port 0 --ssh-port "$PORT" --state "$STATE"
# The key stands beside the join line when the projector is wide enough.
tm resize-window -t fac2 -x 170 -y 30
wait_for fac2 "Room key: $KEY"
tm kill-window -t ana
ssh_to ana ana ana
its_me ana "Ana Pérez"
wait_for ana "You: Ana Pérez (Community)" 15
wait_for ana "$NOTE"
echo "ssh: ok"
