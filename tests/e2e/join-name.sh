#!/usr/bin/env bash
# join-name.sh - `roundtable join HOST --name NAME` for someone the room
# has not seen: it looks for their token first, finds none, and asks for
# the join code as a plain question (no "wrong join code" for a code
# nobody typed).  While they type, the connection idles and is made again
# (the room stops waiting for a hello after 15 s): what they are typing
# stays in the field.  The code then lets them in.
. "$(dirname "$0")/lib.bash"
# It mostly waits on the client's clock, so it runs beside the others:
# e2e: beside

serve_room ABC-234 "By name"
start jo "$RT" join "127.0.0.1:$PORT" --name Jo
wait_for jo "Join code:"
screen jo | grep -q "wrong join code\|a join code is needed" &&
	fail "Jo was reproached for a code nobody typed"
type_text jo "ABC-2"
wait_for jo "Join code: ABC-2"
# Past the client's 15 s watchdog, and the reconnect after it.
sleep 20
screen jo | grep -q "Join code: ABC-2" ||
	fail "what Jo was typing is gone: $(screen jo | grep 'Join code')"
type_text jo "34"
keys jo Enter
wait_for jo "Choose your stakeholder group"
keys jo Enter
wait_for jo "You: Jo"
wait_for fac "Present 1"
echo "join-name: ok"
