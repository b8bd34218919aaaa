#!/usr/bin/env bash
# ssh-drop.sh - the Wi-Fi goes in the middle of a session: a network of
# our own (a network namespace joined to this one by a veth pair), whose
# link is taken down and brought back.  Ana's ssh says on its own that
# the room is not responding and ends; once the network is back, she
# comes back with her key as herself, with what she wrote, and no one
# is counted twice.  José's `roundtable join`, which was not writing,
# rides it out: the tunnel's TCP brings him what the room did meanwhile.
#
# A network namespace needs root (or `sudo -n`): CI and `make check`
# run as root, as scripts/install-deps does.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
command -v ip >/dev/null || fail "no ip (iproute2, scripts/install-deps)"
if [ "$(id -u)" = 0 ]; then
	ROOT=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	ROOT=(sudo -n)
else
	fail "a network namespace needs root or sudo without a password"
fi

# Names and addresses of this run's own: the namespace, the two ends of
# the link, and a /30 of the range set aside for tests of networks
# (198.18.0.0/15, RFC 2544), which nothing on this machine uses.
NS=rtdrop$$
IF_ROOM=rtd${$}r
IF_PART=rtd${$}p
NET=198.18.$(($$ % 250))
ROOM_ADDR=$NET.1
drop_cleanup() {
	cleanup
	"${ROOT[@]}" ip netns del "$NS" 2>/dev/null
	"${ROOT[@]}" ip link del "$IF_ROOM" 2>/dev/null
}
trap drop_cleanup EXIT
"${ROOT[@]}" ip netns add "$NS" || fail "cannot make a network namespace"
"${ROOT[@]}" ip link add "$IF_ROOM" type veth peer name "$IF_PART" \
    netns "$NS" || fail "cannot make a veth pair"
"${ROOT[@]}" ip addr add "$ROOM_ADDR/30" dev "$IF_ROOM"
"${ROOT[@]}" ip link set "$IF_ROOM" up
"${ROOT[@]}" ip -n "$NS" addr add "$NET.2/30" dev "$IF_PART"
"${ROOT[@]}" ip -n "$NS" link set lo up
"${ROOT[@]}" ip -n "$NS" link set "$IF_PART" up
# in_net COMMAND...: run on the participants' side of the link.
IN_NET=("${ROOT[@]}" ip netns exec "$NS" env XDG_STATE_HOME="$XDG_STATE_HOME")

mkdir -p "$WORK/ana/.ssh"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ana/.ssh/id_ed25519" ||
    fail "ssh-keygen failed"
# ssh_ana WINDOW: Ana's ssh, from the other side of the link; it gives up
# after 3 s without an answer, as a participant's would say it after
# a while (ServerAliveInterval in their ssh_config).
ssh_ana() {
	start "$1" "${IN_NET[@]}" HOME="$WORK/ana" ssh -F none -p "$PORT" \
	    -i "$WORK/ana/.ssh/id_ed25519" -o IdentitiesOnly=yes \
	    -o StrictHostKeyChecking=accept-new \
	    -o UserKnownHostsFile="$WORK/ana/.ssh/known_hosts" \
	    -o ServerAliveInterval=1 -o ServerAliveCountMax=3 \
	    "ana@$ROOM_ADDR"
}

start fac "$RT" serve --port 0 --ssh-port auto --bind "$ROOM_ADDR" \
    --code ABC-234 --state "$WORK/room.rtj"
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
[ -n "$PORT" ] || fail "no port in the join line"

ssh_ana ana
wait_for ana "Join code:" 15
type_text ana "ABC-234"
keys ana Enter
wait_for ana "Your name: ana"
keys ana C-u
type_text ana "Ana Pérez"
keys ana Enter
wait_for ana "Choose your stakeholder group"
select_row ana "Community"
keys ana Enter
wait_for ana "You: Ana Pérez (Community)"
start jose "${IN_NET[@]}" "$RT" join "$ROOM_ADDR:$PORT" --code ABC-234 \
    --name "José" --group Police
wait_for jose "You: José (Police)" 15
wait_for fac "Present 2"

goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
keys ana w
wait_for ana "Your expectation"
type_text ana "written before the drop"
keys ana Enter
wait_for jose "Ana Pérez (Community): written before the drop"

# The link goes down.  Ana's ssh hears nothing back and says so.
"${ROOT[@]}" ip -n "$NS" link set "$IF_PART" down
wait_for ana "not responding" 20
wait_exit ana
# The room goes on meanwhile.
goto_phase fac "Ground rules"
screen jose | grep -qF "Phase 3/9" && fail "José saw through a network that was down"

# The link comes back.  José's screen catches up by itself, as José;
# Ana's key brings her back as herself, with what she wrote.
"${ROOT[@]}" ip -n "$NS" link set "$IF_PART" up
wait_for jose "Phase 3/9 · Ground rules" 30
wait_for jose "You: José (Police)"
tm kill-window -t ana
ssh_ana ana
its_me ana "Ana Pérez"
wait_for ana "You: Ana Pérez (Community)" 15
screen ana | grep -qF "Join code:" && fail "a returning key was asked the code"
wait_for ana "Phase 3/9 · Ground rules"
goto_phase fac Expectations
wait_for ana "Ana Pérez (Community): written before the drop"
wait_for fac "Present 2"
wait_for fac "written before the drop"
echo "ssh-drop: ok"
