#!/usr/bin/env bash
# phone-check.sh - a consensus check answered on phones (45x20, 40x14):
# every option is on the screen whole, "4 block" included, with the rule
# being checked; one's own answer is said; and the result shows a bar for
# every answer given.  Before, the options were one line cut at the
# screen's edge ("3 stan…"), the panel took a third of the body (at 40x14
# its title and that line), "Your answer" was the first line dropped, and
# the revealed tally kept two bars; and who has the floor was cut off a
# raised hand's line.
. "$(dirname "$0")/lib.bash"

serve_room PHN-234 "Phones"
join_room ana "Ana" Community 1
join_room bo "Bo" Police 2
tm resize-window -t ana -x 45 -y 20 2>/dev/null
tm resize-window -t bo -x 40 -y 14 2>/dev/null
# The room's key to compare with the projector, whole (it was cut in the
# middle of the fingerprint).  Only the first join from this HOME is told.
wait_for ana "shows the same"
key=$(screen ana | tr -d '\n ' | grep -o 'SHA256:[A-Za-z0-9+/]*' | head -1)
[ ${#key} -eq 50 ] || fail "ana's screen cuts the room's key: $key"
screen fac | grep -qF "Room key: $key" ||
    fail "ana's key $key is not the projector's: $(screen fac)"
goto_phase fac "Ground rules"
wait_for ana "Listen to each other"
keys fac c
wait_for fac "Consensus check on this"
keys fac Enter
for w in ana bo; do
	wait_for $w "Consensus check, round 1"
	# Options broken between two of them only, never inside one.
	wait_for $w "1 agree  2 agree with reservations"
	wait_for $w "3 stand aside  4 block"
	wait_for $w "Listen to each other"
done
keys ana 1
wait_for ana "Your answer: agree"
keys bo 4
wait_for bo "Your reason"
type_text bo "Turnos cortos"
keys bo Enter
wait_for bo "Your answer: block"
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "R reveal"
# Closed, and then revealed, the panel still says which rule it is about
# (closed, only "Closed — 2 answered" and one's answer; revealed, at 45x20,
# "blocked by 1" of nothing).
wait_for ana "Closed — 2 answered"
wait_for ana "Ground rule: Listen to each other"
keys fac R
for w in ana bo; do
	wait_for $w "blocked by 1"
	wait_for $w "agree █"
	wait_for $w "block █"
done
wait_for ana "Ground rule: Listen to each other"
wait_for ana "block — Bo (Police): Turnos cortos"
# The Chatham House Rule set now names nobody in it, its title included
# (it still said "named").
keys fac K
wait_for fac "Confidentiality"
keys fac 2
wait_for fac "Enter: for the whole room"
keys fac Enter
wait_for ana "round 1 — anonym"
wait_gone ana "Bo (Police): Turnos"
wait_for ana "Turnos cortos"
# Who has the floor stays on a phone when one's own hand is up too (the
# hand's line was cut before it named them).
keys ana h
wait_for fac "Ana"
keys bo h
wait_for bo "Your hand is up"
keys fac '>'
wait_for bo "Speaking: Ana (Community)"
wait_for bo "Your hand is up (1st in the queue)"

# A long verdict wraps on a phone: "consensus (1 with reservations, 1
# standing aside) — adopted" lost its "— adopted" past the edge.
select_row fac "Respectful behaviour"
keys fac c
wait_for fac "Consensus check on this"
keys fac Enter
wait_for ana "1 agree  2 agree with reservations"
keys ana 2
wait_for ana "Your answer: agree with reservations"
keys bo 3
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "R reveal"
keys fac R
for w in ana bo; do
	wait_for $w "— adopted"
	wait_for $w "reservations"
done
echo "phone-check: ok"
