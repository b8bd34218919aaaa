#!/usr/bin/env bash
# scale.sh - a facilitator gives the room its own scale (issue 16: "a
# scoring poll with the room's own scale ... defined by the template or
# by the facilitator").  In srm-review's indicators phase the facilitator
# presses S, finds the template's scale offered on the line, replaces it
# with a five-point rating, two of them with a meaning; both partners'
# screens show the new scale; a participant pressing S is told it is the
# facilitator's; the room scores an indicator on it (Ana 5, José 4: the
# later of the two middle points wins) and everyone reads the result in
# the scale's words.  Then S while the score is open is refused, and the
# report names the new scale.
. "$(dirname "$0")/lib.bash"

STATE=$WORK/scale.rtj
LOCAL="Local/national partner"
INTL="International partner"

serve_room SCL-234 "Our own scale" srm-review --state "$STATE"
wait_for fac "Phase 0/7 · Welcome"
join_room ana "Ana Pérez" "$LOCAL" 1
join_room jose "José Núñez" "$INTL" 2
for p in 1 2 3 4 5; do keys fac n; wait_for ana "Phase $p/7"; done
wait_for ana "3-4. Agree and assess indicators"
wait_for ana "3 not present — not in place: a gap to address"

# A participant's S changes nothing.
keys ana S
wait_for ana "Facilitators set the room's scale."

# The facilitator's S offers the scale there is, ready to edit.
keys fac S
wait_for fac "The scale, best first (a = meaning; b; …):"
screen fac | grep -F "The scale, best first" | grep -qF "= not in place: a gap to address" ||
    fail "the scale there is was not offered on the line"
# Sent back unchanged, it is not the room's new scale.
keys fac Enter
wait_for fac "Nothing sent: the scale stays as it is."
keys fac S
wait_for fac "The scale, best first (a = meaning; b; …):"
keys fac C-u
type_text fac "excellent = all in place; good; fair; weak; poor = nothing in place"
keys fac Enter
for w in fac ana jose; do
	wait_for $w "1 excellent — all in place"
	wait_for $w "5 poor — nothing in place"
done
screen ana | grep -qF "3 not present" && fail "Ana still sees the template's scale"
screen ana | grep -qE '^ *3 fair *$' || fail "Ana's screen lacks the plain point 3 fair"

# The room scores on it.
select_row fac "1. Security risk"
keys fac a
wait_for fac "[adopted]"
select_row fac "1. Security risk"
keys fac s
wait_for fac "on the scale — Enter: named"
keys fac Enter
for w in ana jose; do
	wait_for $w "1 excellent  2 good  3 fair  4 weak  5 poor"
done
# Not while a score is answered on it.
keys fac S
wait_for fac "A score is open on this scale: close it first (C)."
keys fac Escape	# a refused key guards the next ones from being typed
keys ana 5
keys jose 4
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "answered · R reveals the result to the room"
keys fac R
for w in fac ana jose; do
	wait_for $w "Score: poor (1 of 2; 1 weak)"
done
select_row ana "1. Security risk"
wait_for ana "Scores: M1 ▮▯▯▯▯ poor"

keys fac q
wait_for fac "y/n"
keys fac y
wait_exit fac
"$RT" export --report -o "$WORK/report.txt" "$STATE" ||
    fail "export --report failed"
grep -qF "1 excellent — all in place" "$WORK/report.txt" ||
    fail "the report does not give the room's scale"
grep -qF "meeting 1: poor (1 of 2; 1 weak)" "$WORK/report.txt" ||
    fail "the report lacks the score on the room's scale"

# The facilitator in French: the key bar names the key S (it showed C,
# the French letter for a short-term action, which closes polls).
start fac2 env LANGUAGE=fr "$RT" serve --port 0 --ssh-port auto \
    --state "$STATE"
wait_for fac2 "S échelle"
screen fac2 | grep -qF "C échelle" && fail "the key bar calls the scale's key C"
echo "scale: ok"
