#!/usr/bin/env bash
# stale.sh - lines that outlived what they said (issue 15, items 12 and
# 13), at 80x24:
#  - "Speaking: ..." ends when the facilitator presses < (in the record),
#    and with a new phase; the groups' turns beside it are not cut
#    mid-name; a speaker whose connection drops keeps the floor, shown
#    as "connection lost" until they are back; a raised hand goes down
#    with its phase;
#  - a caucus's superseded report-back drafts are not listed, on the
#    projected screen ("(version 1, hidden here)") nor on the group's
#    own;
#  - a revealed dot vote's result is put away when a new meeting starts;
#  - a check in meeting 2, dated by the facilitator another day than the
#    clock's, shows the meeting's date and the day it was recorded.
. "$(dirname "$0")/lib.bash"

serve_room KXM-47P "Barrio Norte"
join_room ana "Ana Pérez" Community 1
join_room jose "José Núñez" Police 2
for w in fac ana jose; do tm resize-window -t $w -x 80 -y 24 2>/dev/null; done

# --- The floor: < ends a turn, and a new phase ends it too ---
keys ana h
wait_for fac "Queue: Ana Pérez (Community)"
keys fac ">"
wait_for fac "Speaking: Ana Pérez (Community)"
wait_for jose "Speaking: Ana Pérez (Community)"
# The groups' turns: one that does not fit whole is not cut to "Comm",
# a "…" says there are more.
tm resize-window -t fac -x 62 -y 24 2>/dev/null
wait_re fac "· Turns: Community 1 …$"
tm resize-window -t fac -x 80 -y 24 2>/dev/null
wait_for fac "Turns: Community 1 · Police 0"
wait_for fac "< end turn"
keys fac "<"
wait_gone fac "Speaking: Ana Pérez"
wait_gone jose "Speaking: Ana Pérez"
wait_gone fac "< end turn"
# Nobody has it now: < says so.
sleep 2
keys fac "<"
wait_for fac "Nobody has the floor"
sleep 2
keys jose h
wait_for fac "Queue: José Núñez (Police)"
keys fac ">"
wait_for ana "Speaking: José Núñez (Police)"
# His connection drops: the floor stays his, and the room sees why he has
# gone quiet; he comes back (his token) and it is his again as before.
kill "$(pane_pid jose)"
wait_for ana "Speaking: José Núñez (Police), connection lost"
wait_for fac "Speaking: José Núñez (Police), connection lost"
tm kill-window -t jose
start jose "$RT" join "127.0.0.1:$PORT" --code "$CODE" --name "José Núñez" \
    --group Police
tm resize-window -t jose -x 80 -y 24 2>/dev/null
wait_for jose "You have the floor"
wait_gone ana "connection lost"
wait_for ana "Speaking: José Núñez (Police)"
# Ana's hand is up when the phase ends: it goes down with it (it stayed
# up to the end of the process, and only the floor took it down).
sleep 2	# keys typed right after a refusal are taken for typing
keys ana h
wait_for fac "Queue: Ana Pérez (Community)"
keys fac n
wait_for ana "Phase 1/9 · Preparing the process"
wait_gone ana "Speaking: José Núñez"
wait_gone fac "Speaking: José Núñez"
wait_gone fac "Queue: Ana Pérez"
screen ana | grep -qF "Your hand is up" && fail "Ana's hand outlived its phase"

# --- Meeting 2, dated by hand: its checks carry its date ---
goto_phase fac "Ground rules"
wait_for ana "Phase 3/9 · Ground rules"
TODAY=$(date -u +%F)
keys fac M
wait_for fac "Date:"
type_text fac "2099-03-04"
keys fac Enter
wait_for fac "Meeting 2 · 2099-03-04"
select_row fac "Respectful behaviour"
keys fac c
wait_for fac "Enter: named"
keys fac Enter
wait_for ana "1 agree  2 agree with reservations"
keys ana 1
keys jose 1
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "R reveals"
keys fac R
wait_for ana "consensus — adopted"
[ "$(date -u +%F)" = "$TODAY" ] || TODAY=$(date -u +%F)
wait_for fac "Check 1, round 1 · meeting 2, 2099-03-04 (recorded $TODAY)"
wait_for ana "Check 1, round 1 · meeting 2, 2099-03-04 (recorded $TODAY)"

# --- Caucus: only the current draft of a group's report-back ---
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
keys ana b
wait_for ana "Your group's report-back"
type_text ana "Primera versión del informe"
keys ana C-d
wait_for ana "Primera versión del informe [draft]"
wait_for fac "Community: (version 1, hidden here)"
keys ana b
wait_for ana "Your group's report-back"
keys ana C-u
type_text ana "Segunda versión, la buena"
keys ana C-d
wait_for ana "Segunda versión, la buena [draft]"
wait_gone ana "Primera versión del informe"
wait_for fac "Community: (version 2, hidden here)"
sleep 1
n=$(screen fac | grep -cF "hidden here)")
[ "$n" = 1 ] || fail "the projected screen lists $n report-backs of one group"
keys fac v
wait_for fac "Show"
keys fac y
wait_for fac "Community: Segunda versión, la buena"
screen fac | grep -qF "Primera versión" && fail "a superseded draft is listed"
keys fac v

# --- Action plans: a dot vote's result stays in its meeting ---
goto_phase fac "Action plans"
wait_for jose "Phase 8/9 · Action plans"
keys jose w
wait_for jose "New action — what will be done?"
type_text jose "Patrullas a pie"
keys jose Enter
wait_for fac "Patrullas a pie"
keys ana w
wait_for ana "New action — what will be done?"
type_text ana "Luces en la calle 5"
keys ana Enter
wait_for fac "Luces en la calle 5"
keys fac d
wait_for fac "Dots each [3]:"
keys fac Enter
wait_for fac "Enter: named"
keys fac Enter
wait_for ana "you have 3 left"
keys ana End
keys ana +
wait_for fac "1 of 2 have placed dots"
keys fac C
wait_for fac "R reveals"
keys fac R
wait_for ana "Dot vote — 3 dots each — named · result"
wait_for fac "Dot vote — 3 dots each — named · result"
keys fac M
wait_for fac "Date:"
type_text fac "2099-03-05"
keys fac Enter
wait_for fac "Meeting 3 · 2099-03-05"
wait_gone fac "Dot vote — 3 dots each"
wait_gone ana "Dot vote — 3 dots each"
echo "stale: ok"
