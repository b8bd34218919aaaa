#!/usr/bin/env bash
# cofacilitator.sh - co-facilitators join with the code the serving screen
# (here: the headless log) shows; one removes another, who is told why;
# the room then makes a new co-facilitators' code, and the old one no
# longer lets anybody in.  The log says who comes and goes.
. "$(dirname "$0")/lib.bash"
start room "$RT" serve --headless --port 0 --ssh-port auto --code ABC-234
wait_for room "co-facilitators: add --facilitator-code"
PORT=$(screen room | sed -n 's/^join: .*:\([0-9][0-9]*\) --code.*/\1/p' | head -n 1)
FC=$(screen room | sed -n 's/.*--facilitator-code \([A-Z0-9-]*\).*/\1/p' | head -n 1)
start c1 "$RT" join "127.0.0.1:$PORT" --facilitator-code "$FC" --name Carla
wait_for room "Carla joined as co-facilitator"
start_told c2 "$RT" join "127.0.0.1:$PORT" --facilitator-code "$FC" --name Dora
wait_for room "Dora joined as co-facilitator"
tm resize-window -t c2 -x 60 -y 20
# The log says who is in the room, as the projector's count would.
wait_for room "Carla is in the room"
wait_for room "Dora is in the room"
keys c1 W
wait_for c1 "People in the room"
# The serving facilitator is there (the list said away), and not one to
# remove: said at once, not after a question and a reason.
wait_for c1 "Facilitator — facilitator · present"
select_row c1 "Facilitator — facilitator"
keys c1 X
wait_for c1 "The facilitator serving the room is not renamed, moved or removed"
screen c1 | grep -qF "Remove Facilitator from the room?" &&
    fail "a co-facilitator was asked to remove the serving facilitator"
select_row c1 "Dora"
keys c1 X
wait_for c1 "Remove Dora from the room?"
keys c1 y
wait_for c1 "Why is Dora removed?"
type_text c1 "Ya no facilita; deja el grupo de coordinación"
keys c1 Enter
wait_for room "Dora was removed from the room"
wait_for room "co-facilitators: the code is now"
# Her screen says why, whole, at 60 columns (the status line cut it),
# in place of the room, and that any key leaves; it goes by itself after
# 10 s, with status 4; nothing is left up that looks like the room.
wait_for c2 "the facilitator removed you from the room: Ya no"
wait_for c2 "facilita; deja el grupo de coordinación; any key"
screen c2 | grep -qF "Introductions: who is present" &&
    fail "the removed screen still shows the room"
tm resize-window -t c2 -x 100 -y 30
wait_for c2 "roundtable: the facilitator removed you from the room: Ya no facilita" 15
wait_for c2 "exit status 4"
screen room | grep -q "Carla left the room" && fail "Carla is said to have left"
NEW=$(screen room | sed -n 's/.*the code is now \([A-Z0-9-]*\).*/\1/p' | head -n 1)
[ "$NEW" != "$FC" ] || fail "same code"
start c3 "$RT" join "127.0.0.1:$PORT" --facilitator-code "$FC" --name Dora2
wait_for c3 "wrong co-facilitator code"
keys c1 Escape
# A co-facilitator leaves; only the serving screen closes the room (it
# asked "Close the room for everyone?").
keys c1 q
wait_for c1 "Leave the room? y/n"
screen c1 | grep -q "Close the room" && fail "a co-facilitator is asked to close the room"
keys c1 y
wait_for room "Carla left the room"
screen room | grep -q "closed the room" && fail "the room closed"
echo "cofacilitator: ok"
