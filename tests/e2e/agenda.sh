#!/usr/bin/env bash
# agenda.sh - the agenda on a participant's Welcome screen and in G, with
# the Human Security Partnership's long step titles: the titles' column
# is as wide as the screen allows, so at 130 columns every title is
# whole, and at 80 too, the current phase's note going beneath its line;
# at 60 a title cut ends in "…" (before, every title was cut at 30
# columns, mid-word and without a mark, whatever the width); the numbers
# line up past 9, and G's heading sits over its columns.
. "$(dirname "$0")/lib.bash"

# note_beneath WHERE: until the current phase's note is on a line of its
# own (a title's line is there at once: tmux keeps it from the wider
# screen before the new one is drawn).
note_beneath() {
	local deadline=$((SECONDS + 10))
	until screen ana | grep -qE "^ +now: since [0-9:]+, 0 min so far"; do
		((SECONDS < deadline)) ||
		    fail "the note is not beneath its line$1: $(screen ana)"
		sleep 0.1
	done
}

serve_room AGD-789 "Alianza del barrio" hsbp
join_room ana "Ana" Community 1

tm resize-window -t ana -x 130 -y 40 2>/dev/null
wait_for ana " 2. Step 1: Deciding reasons for creating an HSP "
wait_for ana " 7. Step 5: Deciding what to do and who should do what "
wait_for ana " 9. Evaluation metrics"
wait_for ana "10. Joint monitoring and evaluation"
# The title, the times and the note: one line, not wrapped.
screen ana | grep -qE " 0\. Welcome  .* 10 min   now: since [0-9:]+, 0 min so far" ||
    fail "the current phase's line is not whole: $(screen ana)"
keys ana G
wait_for ana "Agenda — meeting 1"
# "planned" ends where the timeboxes end.
ends=$(screen ana | LC_ALL=C.UTF-8 awk '
	/Phase +start planned/ { h = index($0, "planned") + 6 }
	/ 7\. Step 5: Deciding/ { r = index($0, "60 min") + 5 }
	END { print h, r }')
read -r h r <<<"$ends"
[ "$h" -gt 0 ] && [ "$h" = "$r" ] ||
    fail "G's heads are not over their columns ($ends): $(screen ana)"
keys ana Escape

# At 80 columns the titles are whole and the current phase's note goes
# beneath its line, in G too (it cut both).
tm resize-window -t ana -x 80 -y 40 2>/dev/null
wait_for ana " 5. Step 3: Understand the challenge and your partners "
note_beneath ""
keys ana G
wait_for ana "Agenda — meeting 1"
wait_for ana " 7. Step 5: Deciding what to do and who should do what "
note_beneath " in G"
keys ana Escape
# Narrower, a title cut ends in "…".
tm resize-window -t ana -x 60 -y 40 2>/dev/null
wait_for ana " 2. Step 1: Deciding reasons for creati…"
screen ana | grep -q "Deciding reasons for creati " &&
    fail "a title is cut without a mark: $(screen ana)"
# On a phone G keeps each phase's planned minutes, the titles cut (every
# time was "…" at 45 columns).
tm resize-window -t ana -x 45 -y 30 2>/dev/null
keys ana G
wait_for ana "Agenda —"
wait_re ana " 2\. Step 1: Deciding rea… +30 min"
wait_re ana " 7\. Step 5: Deciding wha… +60 min"
keys ana Escape
# Back in a phase after another: "back since" the return, with the
# minutes of both visits (it said the time of the first visit).
tm resize-window -t ana -x 130 -y 40 2>/dev/null
sleep 1
keys fac n
wait_for ana "Phase 1/11"
sleep 1
keys fac p
wait_for ana "Phase 0/11"
wait_re ana " 0\. Welcome  .* now: back since [0-9:]+, 0 min in all"
# ? help names the phase whole on a phone (it was cut mid-title).
keys fac n
keys fac n
wait_for ana "Phase 2/11"
tm resize-window -t ana -x 40 -y 14 2>/dev/null
sleep 0.5
keys ana '?'
wait_for ana "This phase: Step 1: Deciding reasons"
wait_re ana "^ +for creating an HSP"
keys ana Escape
echo "agenda: ok"
