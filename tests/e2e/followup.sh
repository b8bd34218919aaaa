#!/usr/bin/env bash
# followup.sh - a process over two meetings (issue 5).  Meeting 1: a vision
# adopted by consensus; three actions proposed; a dot vote sorts the plan;
# two actions get owners, a due date, a milestone and a cost, and are
# agreed by their owners and the facilitator; everybody leaves.  Meeting 2,
# on the same record: the facilitator starts the next meeting, the
# participants come back as themselves, the room goes to Follow-up and
# reviews both actions (status, a milestone ticked, a progress report),
# records a lesson, which the room adopts (an observer reading French
# sees it "adoptée", a lesson's word), and the next review date.
# `export --report` and `export --actions --format csv` are compared with
# tests/golden/e2e-followup-report.txt and e2e-followup-actions.csv
# (today's date written as DATE, written out as DAY).
GOLDEN=$(cd "$(dirname "$0")/../golden" && pwd)
. "$(dirname "$0")/lib.bash"

TODAY=$(date +%Y-%m-%d)
STATE=$WORK/barrio.rtj

join_all() {
	start ana "$RT" join "127.0.0.1:$PORT" --code KXM-47P \
	    --name "Ana Pérez" --group Community
	wait_for fac "Present 1"
	start jose "$RT" join "127.0.0.1:$PORT" --code KXM-47P \
	    --name "José Núñez" --group Police
	wait_for fac "Present 2"
}

# card WINDOW TEXT: opens the card of the action whose row shows TEXT.
card() {
	select_row "$1" "$2"
	keys "$1" Enter
	wait_for "$1" "scroll  Esc close  ? help"
}

# ask WINDOW KEY PROMPT TEXT: a prompt of the card, answered.
ask() {
	keys "$1" "$2"
	wait_for "$1" "$3"
	type_text "$1" "$4"
	keys "$1" Enter
	wait_gone "$1" "$3"
}

leave() {
	keys "$1" q
	wait_for "$1" "y/n"
	keys "$1" y
	wait_exit "$1"
}

# --- meeting 1 -------------------------------------------------------------

start fac "$RT" serve --port 0 --ssh-port auto --code KXM-47P --title "Plan de barrio" \
    --state "$STATE"
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
join_all
wait_for fac "Meeting 1 · $TODAY — 3 came"
goto_phase fac "Framing and vision"
wait_for ana "Phase 7/9 · Framing and vision"

# Framing and vision: a vision adopted by consensus.
keys ana w
wait_for ana "Your vision statement:"
type_text ana "Calles seguras de día y de noche"
keys ana Enter
wait_for fac "#1 Ana Pérez (Community): Calles seguras de día y de noche"
select_row fac "#1 Ana"
keys fac c
wait_for fac "Consensus check on vision statement #1 — Enter: named"
keys fac Enter
wait_for jose "Vision statement #1: Calles seguras"
keys ana 1; keys jose 1
wait_for fac "2 of 2 have answered"
keys fac C; wait_for fac "R reveals"; keys fac R
wait_for jose "[adopted ✓]"

# Action plans: three proposals, a dot vote.
goto_phase fac "Action plans"
wait_for ana "Phase 8/9 · Action plans"
keys ana w; wait_for ana "New action — what will be done?"
type_text ana "Repair the street lights on Calle 5"; keys ana Enter
wait_for fac "Repair the street lights"
keys jose w; wait_for jose "New action — what will be done?"
type_text jose "Monthly joint patrol walks"; keys jose Enter
wait_for fac "Monthly joint patrol walks"
keys ana w; wait_for ana "New action — what will be done?"
type_text ana "Cameras in the market"; keys ana Enter
wait_for fac "Cameras in the market"
keys fac d
wait_for fac "Dots each [3]:"
keys fac Enter
wait_for fac "Dot vote, 3 dots each — Enter: named"
keys fac Enter
wait_for ana "you have 3 left"
select_row ana "Repair the street"; keys ana + +
wait_for ana "you have 1 left"
select_row ana "Monthly joint"; keys ana +
wait_for ana "you have 0 left"
wait_for jose "you have 3 left"
select_row jose "Repair the street"; keys jose +
wait_for jose "you have 2 left"
select_row jose "Monthly joint"; keys jose +
wait_for jose "you have 1 left"
select_row jose "Cameras"; keys jose +
wait_for fac "2 of 2 have placed dots"
keys fac C; wait_for fac "R reveals"; keys fac R
for w in fac ana jose; do
	wait_for $w "Action plan — in order of dots"
	wait_for $w "1 ●3    Repair the street lights"
	wait_for $w "2 ●2    Monthly joint patrol"
	wait_for $w "3 ●1    Cameras in the market"
done

# Action 1: the Community group owns it.
card fac "●3    Repair"
keys fac o
wait_for fac "Add an owner to action 1"
select_row fac "Community (group)"
keys fac Enter
wait_for fac "Community (group) — not yet agreed"
ask fac d "Due date, YYYY-MM-DD (action 1):" "2027-03-15"
ask fac l "New milestone, YYYY-MM-DD what (action 1):" \
    "2027-01-10 Neighbours map the broken lamps"
ask fac '$' "Cost, e.g. 1500.50 USD (action 1):" "1500 USD"
keys fac a
wait_for fac "a facilitator agreed"
keys fac Escape
wait_gone fac "scroll  Esc close  ? help"

# Action 2: the Police group owns it.
card fac "●2    Monthly"
keys fac o
wait_for fac "Add an owner to action 2"
select_row fac "Police (group)"
keys fac Enter
wait_for fac "Police (group) — not yet agreed"
ask fac d "Due date, YYYY-MM-DD (action 2):" "2027-06-30"
ask fac l "New milestone, YYYY-MM-DD what (action 2):" \
    "2027-01-15 First walk with the neighbours"
ask fac '$' "Cost, e.g. 1500.50 USD (action 2):" "200.50 EUR"
keys fac a
wait_for fac "a facilitator agreed"
keys fac Escape
wait_gone fac "scroll  Esc close  ? help"

# The owners agree: Ana for the Community, José for the Police.
card ana "●3    Repair"
keys ana a
wait_for ana "Status:    agreed"
keys ana Escape
card jose "●2    Monthly"
keys jose a
wait_for jose "Status:    agreed"
keys jose Escape
for w in fac ana jose; do
	wait_for $w "2027-03-15 agreed"
	wait_for $w "2027-06-30 agreed"
done

# Everybody goes home.
leave ana
leave jose
leave fac
for w in ana jose fac; do tm kill-window -t "$w"; done

# --- meeting 2, on the same record ------------------------------------------

start fac "$RT" serve --port 0 --ssh-port "$PORT" --code KXM-47P --state "$STATE"
wait_for fac "Phase 8/9 · Action plans"
keys fac M
wait_for fac "Start meeting 2 dated $TODAY? Enter: yes"
keys fac Enter
wait_for fac "Meeting 2 · $TODAY"
join_all
wait_for ana "Meeting 2 · $TODAY"
wait_for ana "You: Ana Pérez (Community)"
wait_for jose "You: José Núñez (Police)"
goto_phase fac "Follow-up and exit"
wait_for ana "Phase 9/9 · Follow-up and exit"
wait_for ana "Meeting 2 — $TODAY · Next review: not set yet"

# Action 1: in progress, its milestone done, a progress report.
card ana "Repair the street"
keys ana s
wait_for ana "Status of action 1: 1 in progress"
keys ana 1
wait_for ana "Status:    in progress"
keys ana 1
wait_for ana "mark it done? y yes"
keys ana y
keys ana End
wait_for ana "[x]"
ask ana p "Progress report (action 1):" "Half of the lamps work again"
keys ana Escape
wait_gone ana "scroll  Esc close  ? help"

# Action 2: José reports; the facilitator drops the third action.
card jose "Monthly joint"
keys jose s
wait_for jose "Status of action 2: 1 in progress"
keys jose 1
wait_for jose "Status:    in progress"
ask jose p "Progress report (action 2):" "The first walk is planned for January"
keys jose Escape
card fac "Cameras in the market"
keys fac s
wait_for fac "Status of action 3:"
keys fac 3
wait_for fac "Status:    dropped"
keys fac Escape
for w in fac ana jose; do
	wait_for $w "2027-03-15 in progress"
	wait_for $w "2027-06-30 in progress"
	wait_for $w "dropped"
done

# A lesson, and the next review.
keys ana w
wait_for ana "Your lesson:"
type_text ana "Small visible steps build trust"
keys ana Enter
wait_for fac "Ana Pérez (Community): Small visible steps build trust"
# Adopted by the room; an observer reading in French sees it "adoptée",
# as a lesson is (it said "adopté", a statement's word).
start mia "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name Mia \
    --observer --lang fr
wait_for mia "Leçons apprises"
select_row fac "Small visible steps build trust"
keys fac c
wait_for fac "Enter: named"
keys fac Enter
wait_for ana "1 agree  2 agree with reservations"
keys ana 1; keys jose 1
wait_for fac "2 of 2 have answered"
keys fac C; wait_for fac "R reveals"; keys fac R
wait_for fac "Small visible steps build trust [adopted ✓]"
select_row mia "Small visible steps build trust"
wait_for mia "Small visible steps build trust [adoptée ✓]"
keys fac N
wait_for fac "Next review date (YYYY-MM-DD):"
type_text fac "2099-03-01"
keys fac Enter
for w in fac ana jose; do wait_for $w "Next review: 2099-03-01"; done

# The record, as a facilitator hands it out.
"$RT" export --report -o "$WORK/report.txt" "$STATE" ||
    fail "export --report failed"
"$RT" export --actions --format csv -o "$WORK/actions.csv" "$STATE" ||
    fail "export --actions failed"
# The agenda's actual times are the clock's: which phases the room went
# to is kept, when and for how long is not (norm_export, lib.bash).
norm_export "$WORK/report.txt" >"$WORK/report.norm"
sed "s/$TODAY/DATE/g" "$WORK/actions.csv" >"$WORK/actions.norm"
if [ "${ROUNDTABLE_UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$WORK/report.norm" "$GOLDEN/e2e-followup-report.txt"
	cp "$WORK/actions.norm" "$GOLDEN/e2e-followup-actions.csv"
fi
diff -u "$GOLDEN/e2e-followup-report.txt" "$WORK/report.norm" >&2 ||
    fail "the report differs from the golden file"
cmp "$GOLDEN/e2e-followup-actions.csv" "$WORK/actions.norm" ||
    fail "the CSV differs from the golden file"
# For Excel on Windows: the same CSV after a UTF-8 byte order mark.
"$RT" export --actions --bom -o "$WORK/actions-bom.csv" "$STATE" ||
    fail "export --actions --bom failed"
[ "$(head -c 3 "$WORK/actions-bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
    fail "--bom did not begin the CSV with a byte order mark"
tail -c +4 "$WORK/actions-bom.csv" | cmp - "$WORK/actions.csv" ||
    fail "--bom changed more than the first bytes"
"$RT" export --charter --bom "$STATE" 2>"$WORK/bom.err" &&
    fail "--bom was taken for the charter"
grep -qF -- "--bom is for the CSV of --actions" "$WORK/bom.err" ||
    fail "--bom with --charter did not say why"
echo "followup: ok"
