#!/usr/bin/env bash
# poll-roundtrip.sh - a check opened, then the room goes to another phase
# and back before everyone has answered: the check is still the room's to
# close and reveal, and its result reaches every screen.  Before, moving
# on put the open check away with the closed results: once closed it was
# on no screen, and R revealed nothing anyone could see.
. "$(dirname "$0")/lib.bash"

serve_room RND-234 "Ida y vuelta"
join_room ana "Ana" Community 1
join_room bo "Bo" Police 2
goto_phase fac "Ground rules"
wait_for ana "Listen to each other"
select_row fac "Listen to each other"
keys fac c
wait_for fac "Consensus check on this"
keys fac Enter
wait_for ana "1 agree  2 agree with reservations"
keys ana 1
wait_for fac "1 of 2 have answered"
# To the previous phase and back, the check still open.
goto_phase fac Expectations
goto_phase fac "Ground rules"
wait_for bo "1 agree  2 agree with reservations"
keys bo 1
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "Closed — 2 answered · R reveals the result to the room"
keys fac R
for w in fac ana bo; do
	wait_for $w "agree ██"
	wait_for $w "consensus — adopted"
done
echo "poll-roundtrip: ok"
