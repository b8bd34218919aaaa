#!/usr/bin/env bash
# small.sh - the join screens on a terminal of 20 columns and 5 lines (a
# phone held upright, a tiny split pane): what is asked for is drawn
# inside the screen, never over the keys, and the whole join goes
# through.  Lower, "Terminal too small"; taller again, all comes back.
# On a phone's 40 columns the room's refusal is read whole, wrapped: not
# "someone called Zoe has already joined t…".
. "$(dirname "$0")/lib.bash"

serve_room ABC-234 "Small"
start tiny "$RT" join "127.0.0.1:$PORT"
tm resize-window -t tiny -x 20 -y 5
wait_for tiny "Join co"
# The keys read as they are, not mixed with the field drawn over them.
screen tiny | tail -n 1 | grep -qx " Esc quit  Enter OK" ||
	fail "the key bar is garbled: $(screen tiny | tail -n 1)"
type_text tiny "ABC-234"
wait_for tiny "BC-234"
keys tiny Enter
wait_for tiny "Your na"
type_text tiny "Zoe"
keys tiny Enter
wait_for tiny "▶  Community"
screen tiny | tail -n 1 | grep -qx " ↑↓ choose Enter OK" ||
	fail "the key bar is garbled: $(screen tiny | tail -n 1)"
tm resize-window -t tiny -x 20 -y 3
wait_for tiny "Terminal too small"
tm resize-window -t tiny -x 20 -y 8
wait_for tiny "Civil society"
keys tiny Enter
wait_for fac "Present 1"

start phone env XDG_STATE_HOME="$WORK/phone" "$RT" join "127.0.0.1:$PORT" \
    --code ABC-234 --name Zoe
tm resize-window -t phone -x 40 -y 20
# Refused as soon as the name is given, before a group is asked for.
wait_for phone "someone called Zoe"
# Whole, however it is wrapped: the lines joined again read the sentence.
screen phone | tr -s ' \n' '  ' | grep -qF "someone called Zoe has already \
joined this room; choose another name" ||
	fail "the refusal is cut: $(screen phone | grep -F 'someone called')"
screen phone | tr -s ' \n' '  ' | grep -qF "Type your name as the room \
should see it." || fail "the hint is cut"
echo "small: ok"
