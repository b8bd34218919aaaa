#!/usr/bin/env bash
# caucus-steps.sh - a process with several caucus phases (the Human
# Security Partnership's steps 1 to 3): v on the projected screen says
# what it would show in this caucus, and shows that.  Before, its
# question counted the notes of every caucus phase ("Show 1 caucus note
# of 1 group" in a step where nobody had written), so the facilitator
# was asked about notes the screen would not show.  A straw poll opened
# while a caucus checks its report-back waits for that caucus, and its
# members and the facilitator are told so.
. "$(dirname "$0")/lib.bash"

FIRST='Necesitamos el apoyo de la alcaldía'
SECOND='Invitar a los comerciantes del mercado'

serve_room HSP-789 "Alianza del barrio" hsbp
join_room ana "Ana" Community 1
join_room bo "Bo" Business 2

keys fac n
keys fac n
for w in fac ana bo; do
	wait_for $w "Phase 2/11 · Step 1: Deciding reasons"
done
keys ana w
wait_for ana "Your caucus note"
type_text ana "$FIRST"
keys ana Enter
wait_for ana "Ana (Community): $FIRST"
wait_for fac "Community: 1 note"

# Step 2, another caucus: nothing written in it yet.
keys fac n
for w in fac ana bo; do
	wait_for $w "Phase 3/11 · Step 2: Persuading others"
done
wait_gone ana "$FIRST"
keys fac v
wait_for fac "No caucus has written anything yet."
screen fac | grep -q "Show 1 caucus note" &&
    fail "v counted step 1's note in step 2"

keys bo w
wait_for bo "Your caucus note"
type_text bo "$SECOND"
keys bo Enter
wait_for bo "Bo (Business): $SECOND"
wait_for fac "Business: 1 note"
sleep 2	# keys typed right after a refusal are taken for typing
keys fac v
wait_for fac "Show 1 caucus note of 1 group, with who wrote each"
keys fac y
wait_for fac "Bo (Business): $SECOND"
screen fac | grep -qF "$FIRST" && fail "step 1's note is shown in step 2"
screen ana | grep -qF "$SECOND" && fail "Ana reads the business's note"

# A straw poll opened while a caucus checks its report-back: its members
# answer the check first, and are told the poll waits for them; the
# facilitator is told why they have not answered (naming no caucus).
# Before, the poll was simply not on their screens.
keys bo b
wait_for bo "Your group's report-back"
type_text bo "Sumar a los comerciantes"
keys bo C-d
wait_for bo "Sumar a los comerciantes [draft]"
select_row bo "Sumar a los comerciantes [draft]"
keys bo c
wait_for bo "Caucus check on our report-back — Business"
keys fac o
wait_for fac "Question for the straw poll:"
type_text fac "Seguimos mañana a las nueve?"
keys fac Enter
wait_for fac "Straw poll — Enter: named"
keys fac Enter
wait_for ana "1 yes  2 no  3 abstain"
wait_for bo "The facilitator's poll is open too: it comes once this check"
wait_for fac "A caucus is checking its report-back: its members answer"
screen fac | grep -q "Business.*checking" && fail "the projector names the caucus"
# Nor does its count of who has answered, group by group: with Ana's
# answer in, "not yet: Business" would (it did).
keys ana 1
wait_for fac "1 of 2 have answered"
screen fac | grep -qE "not yet: Business|Business 0/1" &&
    fail "the projector's count names the caucus that is checking"
# Bo's reservation on his caucus's check still asks why (the straw poll
# is not another check to him: the prompt went, and the reason with it).
keys bo 2
wait_for bo "Your reservation counts. Your reason (optional):"
sleep 1
screen bo | grep -q "Another check is open" && fail "Bo's reason was dropped"
type_text bo "Falta el mercado"
keys bo Enter
wait_gone bo "Your reservation counts"
screen bo | grep -q "without a reason" && fail "Bo's reason was dropped"
keys bo C
wait_for bo "1 yes  2 no  3 abstain"
wait_for bo "Seguimos mañana a las nueve?"
wait_gone fac "A caucus is checking its report-back"

# The poll closed, with the approved report-back selected: R reveals the
# poll, as its panel says, and the report-back stays with its caucus
# until R again (before, the first R showed it to the plenary).
keys ana 1
keys bo 1
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "R reveal"
screen fac | grep -q "R show to plenary" && fail "R offered twice"
select_row fac "Sumar a los comerciantes"
keys fac R
wait_for ana "yes ██"
screen ana | grep -qF "Sumar a los comerciantes" &&
    fail "R showed the caucus's report-back, not the poll"
keys fac R
wait_for ana "Business caucus, approved 1 of 1: Sumar a los comerciantes"
# On a phone the report-back stands above Ana's caucus's questions: End
# goes down to the last of them, and Home brings the report back into
# view (the first question was selected and kept in view, the report
# above it out of sight).
was=$(selected ana | sed 's/^ *▶ *//' | cut -c1-24)
ana_w=$(tm display-message -p -t ana '#{window_width}')
ana_h=$(tm display-message -p -t ana '#{window_height}')
tm resize-window -t ana -x 40 -y 14 2>/dev/null
keys ana End
wait_gone ana "Reports to the plenary"
keys ana Home
wait_for ana "Reports to the plenary"
keys ana Down
sleep 0.3
screen ana | grep -q "▶" || fail "Down after Home selects nothing in view: $(screen ana)"
tm resize-window -t ana -x "$ana_w" -y "$ana_h" 2>/dev/null
select_row ana "$was"

# A note typed in step 2 when the room goes back to step 1, another
# caucus: it waits for step 2, saying so, and goes once the room is back
# there.  (It was sent to step 1, refused, and came back refused at each
# Enter.)
HELD='Nota del paso 2'
keys ana w
wait_for ana "Your caucus note"
type_text ana "$HELD"
keys fac p
wait_for ana "Phase 2/11 · Step 1: Deciding reasons"
keys ana Enter
wait_for ana "this note answers a question of"
wait_for ana "Step 2: Persuading others to join, for your group only"
screen ana | grep -qF "belongs to another phase" &&
    fail "the held note was sent to another caucus"
screen ana | grep -qF "$HELD" || fail "the held note is gone"
keys fac n
wait_for ana "Phase 3/11 · Step 2: Persuading others"
keys ana Enter
wait_for ana "Ana (Community): $HELD"
echo "caucus-steps: ok"
