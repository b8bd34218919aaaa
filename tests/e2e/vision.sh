#!/usr/bin/env bash
# vision.sh - framing and vision, meetings and follow-up (issue 5), as
# people see them at 80x24: two vision statements and a problem statement;
# the facilitator merges one vision into the other and a consensus check
# adopts it on every screen; M starts meeting 2 and every header says so;
# in Follow-up a lesson, an exit proposal to hand over, and the next review
# date: a date that does not exist is refused at the input (nothing is
# stored), a real one is shown to everyone.  A statement the facilitator
# rewords says so under its author's name, on the screens and in the
# report (before, the new words read as the author's own).
. "$(dirname "$0")/lib.bash"

start fac "$RT" serve --port 0 --ssh-port auto --code VSN-42Q --title "Visión"
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
start ana "$RT" join "127.0.0.1:$PORT" --code VSN-42Q --name "Ana Pérez" \
    --group Community
wait_for fac "Present 1"
start jose "$RT" join "127.0.0.1:$PORT" --code VSN-42Q --name "José Núñez" \
    --group Police
wait_for fac "Present 2"
for w in fac ana jose; do tm resize-window -t $w -x 80 -y 24 2>/dev/null; done
# Meeting 1 counts who came: at 80x24 the line is below Welcome's prompt
# and the groups, a page down.
keys fac NPage
wait_for fac "Meeting 1 · $(date +%Y-%m-%d) — 3 came"

goto_phase fac "Framing and vision"
wait_for ana "Phase 7/9 · Framing and vision"
wait_for ana "No vision statements yet — w writes one."

# Two vision statements and a problem statement: numbered together.
keys ana w
wait_for ana "Your vision statement:"
type_text ana "Un barrio seguro para todos"
keys ana Enter
wait_for fac "#1 Ana Pérez (Community): Un barrio seguro para todos"
keys jose w
type_text jose "Barrio seguro y con confianza"
keys jose Enter
wait_for fac "#2 José Núñez (Police): Barrio seguro y con confianza"
keys ana f
wait_for ana "Your problem statement:"
type_text ana "Nadie confía en nadie"
keys ana Enter
wait_for jose "#3 Ana Pérez (Community): Nadie confía en nadie"

# An edit of the same length is shown as edited, and a narrower terminal
# wraps again (screens keep each item's wrapped lines from build to
# build; neither may show the old ones).
select_row ana "#3 Ana"
keys ana e
wait_for ana "Edit #3: Nadie confía en nadie"
keys ana C-u
type_text ana "Nadie confía en todos"
keys ana Enter
for w in fac jose; do
	wait_for $w "#3 Ana Pérez (Community): Nadie confía en todos"
	wait_gone $w "Nadie confía en nadie"
done
tm resize-window -t jose -x 40 -y 24
wait_gone jose "#1 Ana Pérez (Community): Un barrio seguro para todos"
wait_for jose "#1 Ana Pérez (Community): Un"
tm resize-window -t jose -x 80 -y 24
wait_for jose "#1 Ana Pérez (Community): Un barrio seguro para todos"
screen jose | grep -qF "edited by a facilitator" &&
    fail "an author's own edit was marked as a facilitator's"

# The facilitator rewords Ana's problem statement: marked where it stands.
select_row fac "#3 Ana"
keys fac e
wait_for fac "Edit #3: Nadie confía en todos"
keys fac C-u
type_text fac "Poca confianza"
keys fac Enter
for w in fac ana jose; do
	wait_for $w "#3 Ana Pérez (Community): Poca confianza (edited by a facilitator)"
done

# A participant cannot merge; the facilitator merges #2 into #1.
select_row jose "#2 José"
keys jose m
wait_for jose "only a facilitator merges contributions"
# José is rewording #2 when it is merged: his words are not lost, but
# offered to him as a point of order (they were dropped with the refusal).
select_row jose "#2 José"
keys jose e
wait_for jose "Edit #2: Barrio seguro y con confianza"
type_text jose " y luz"
select_row fac "#2 José"
keys fac m
wait_for fac "merge #2 into: select the statement it joins and press Enter"
keys fac Up
wait_for fac "▶   #1 Ana"
keys fac Enter
wait_for jose "(merged into"
keys jose Enter
wait_for jose "Your change was not saved"
wait_for jose "Barrio seguro y con confianza y luz"
# Sent, it says what it was for (it reached the facilitators as bare
# words).
keys jose Enter
wait_gone jose "Barrio seguro y con confianza y luz"
keys fac !
wait_for fac "y/n"
keys fac y
# The projector's list does not say only the facilitators see it.
wait_for fac "Points of order — on the projected screen (1 waiting)"
wait_for fac "Edit of “Barrio seguro y con confianza”: Barrio"
keys fac Escape
wait_gone fac "Change to “Barrio seguro"
for w in fac ana jose; do
	wait_for $w "↳ #2 José Núñez (Police): Barrio seguro y con confianza"
	wait_for $w "(merged into"
done

# A consensus check adopts #1, everyone agreeing.
select_row fac "#1 Ana"
keys fac c
wait_for fac "Consensus check on vision statement #1 — Enter: named"
keys fac Enter
wait_for ana "Vision statement #1: Un barrio seguro para todos"
keys ana 1
keys jose 1
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "R reveals"
keys fac R
for w in fac ana jose; do
	wait_for $w "#1 Ana Pérez (Community): Un barrio seguro para todos"
	wait_for $w "[adopted ✓]"
	wait_for $w "Check 1, round 1 · "
done

# The room meets again: meeting 2, today, on every header.
TODAY=$(date +%Y-%m-%d)
keys jose M
wait_for jose "only a facilitator starts a meeting"
keys fac M
wait_for fac "Start meeting 2 dated $TODAY? Enter: yes (or type another date)"
keys fac Enter
for w in fac ana jose; do wait_for $w "Meeting 2 · $TODAY · Phase 7/9"; done
# Inside the people list M still moves someone to another group.
keys fac W
wait_for fac "came to meeting 2"
select_row fac "Ana Pérez — participant"
keys fac M
wait_for fac "Move Ana Pérez to which group?"
keys fac Escape
wait_for fac "People in the room"
keys fac Escape
wait_gone fac "People in the room"

# Follow-up and exit: a lesson, an exit proposal to hand over.
goto_phase fac "Follow-up and exit"
wait_for ana "Phase 9/9 · Follow-up and exit"
wait_for ana "Meeting 2 — $TODAY · Next review: not set yet"
keys ana w
wait_for ana "Your lesson:"
type_text ana "Escuchar antes de decidir"
keys ana Enter
wait_for fac "Ana Pérez (Community): Escuchar antes de decidir"
keys jose E
wait_for jose "Exit strategy: 1 wind down · 2 hand over · 3 institutionalise"
keys jose 2
wait_for jose "Exit strategy (hand over):"
type_text jose "El ayuntamiento lo asume"
keys jose Enter
for w in fac ana; do
	keys $w End
	wait_for $w "Hand over — José Núñez (Police): El ayuntamiento lo asume"
done

# The next review: a date that does not exist stays at the input.
keys fac N
wait_for fac "Next review date (YYYY-MM-DD):"
type_text fac "2027-02-30"
keys fac Enter
wait_for fac "not a date: 2027-02-30 (February 2027 has 28 days)"
wait_for fac "Next review date (YYYY-MM-DD): 2027-02-30"
wait_for ana "Next review: not set yet"
REVIEW=$(date -d "+95 days" +%Y-%m-%d)
keys fac C-u
type_text fac "$REVIEW"
keys fac Enter
for w in fac ana jose; do wait_for $w "Next review: $REVIEW"; done
wait_gone fac "Next review date (YYYY-MM-DD):"

"$RT" export --report -o "$WORK/report.txt" "$WORK/roundtable.rtj" ||
    fail "export failed"
grep -qF "Poca confianza — Ana Pérez (Community) (edited by a facilitator)" \
    "$WORK/report.txt" || fail "the report does not say the facilitator edited #3"
grep -qF "Un barrio seguro para todos — Ana Pérez (Community)" \
    "$WORK/report.txt" || fail "the report lost #1's author"
grep -F "Un barrio seguro para todos" "$WORK/report.txt" | grep -qF "edited" &&
    fail "an unedited statement is marked as edited"
echo "vision: ok"
