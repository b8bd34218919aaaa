#!/usr/bin/env bash
# join-retry.sh - joining a room that is not there yet: the joiner is told
# so and keeps trying; when the room opens (headless this time) the joiner
# gets in on their own, and the headless log shows who joined.  q quits a
# joiner that is still waiting.  And --version names the protocol.
. "$(dirname "$0")/lib.bash"

# What a facilitator compares when someone is told "this room speaks
# protocol version N": the version the source says.
proto=$(sed -n 's/^#define WIRE_PROTOCOL_VERSION[[:space:]]*\([0-9]*\).*/\1/p' \
    "$(dirname "$0")/../../include/roundtable/wire.h")
[ -n "$proto" ] || fail "no WIRE_PROTOCOL_VERSION in wire.h"
"$RT" --version | grep -Eqx "roundtable [0-9]+\.[0-9]+\.[0-9]+ \(protocol $proto\)" ||
    fail "--version does not say the protocol: $("$RT" --version)"

# A port nobody listens on: let the room pick one, then stop it.
start probe "$RT" serve --headless --port 0 --ssh-port auto --code ABC-234 \
    --state "$WORK/probe.rtj"
wait_for probe "join: ssh -p"
PORT=$(screen probe | sed -n 's/^join: .*:\([0-9][0-9]*\) --code.*/\1/p' |
    head -n 1)
[ -n "$PORT" ] || fail "no port in the headless join lines"
keys probe C-c
wait_exit probe

start amani "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name "Amani" \
    --group Police
wait_for amani "cannot reach 127.0.0.1:$PORT"
wait_for amani "retrying"
start lost "$RT" join "127.0.0.1:$PORT" --code ABC-234
wait_for lost "cannot reach 127.0.0.1:$PORT"

# q leaves at once while still waiting: there is no room to leave yet.
wait_for lost "q to quit"
keys lost q
wait_exit lost

start room "$RT" serve --headless --port 0 --ssh-port "$PORT" --code ABC-234 \
    --group Police --group "Société civile"
wait_for room "join: ssh -p"
wait_for amani "You: Amani (Police)" 15
wait_for room "Amani (Police) joined as participant"
echo "join-retry: ok"
