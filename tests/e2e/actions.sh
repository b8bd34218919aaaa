#!/usr/bin/env bash
# actions.sh - the action plan as people see it (issue 5): in Action plans
# two participants propose three actions; a dot vote sorts the table on
# every screen; the facilitator opens the top action's card and gives it
# a group and a person as owners, a due date, a milestone and a cost; a
# bad date, a negative cost, a bad currency and an over-long "what" are
# each refused at the input, which stays open, and nothing of them is
# stored; the owners and the facilitator agree and every screen shows
# the action agreed.  The table fits an 80-column pane (every row ends in
# its status), gives What the room Who does not need, and more at 120
# columns.  The record is
# checked with `roundtable export --actions --format csv`.
. "$(dirname "$0")/lib.bash"

# row_ends WINDOW TEXT: the table row showing TEXT ends with its status,
# so no column was cut off.
row_ends() {
	screen "$1" | grep -F -- "$2" | sed 's/ *[↑↓]$//' |
	    grep -qE '(proposed|agreed|in progress|done|dropped)$' ||
	    fail "window $1: the row of $2 does not end with its status"
}

# order WINDOW A B C: the table lists A, then B, then C.
order() {
	local w=$1 a b c
	a=$(screen "$w" | grep -nF -- "$2" | head -n 1 | cut -d: -f1)
	b=$(screen "$w" | grep -nF -- "$3" | head -n 1 | cut -d: -f1)
	c=$(screen "$w" | grep -nF -- "$4" | head -n 1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] &&
	    [ "$b" -lt "$c" ] || fail "window $w: not in the order $2, $3, $4"
}

# Text that starts with "-" is not an option of send-keys.
type_raw() { tm send-keys -t "$1" -l -- "$2"; }

start fac "$RT" serve --port 0 --ssh-port auto --code KXM-47P --title "Plan de barrio"
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
start ana "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "Ana Pérez" \
    --group Community
wait_for fac "Present 1"
start jose "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "José Núñez" \
    --group Police
wait_for fac "Present 2"
for w in fac ana jose; do tm resize-window -t $w -x 80 -y 24 2>/dev/null; done
goto_phase fac "Action plans"
wait_for ana "Phase 8/9 · Action plans"
wait_for jose "Phase 8/9 · Action plans"
wait_for ana "No actions yet — press w to propose one."

# Three actions from two participants.
keys ana w
wait_for ana "New action — what will be done?"
type_text ana "Youth centre evenings"
keys ana Enter
wait_for fac "Youth centre evenings"
keys jose w
wait_for jose "New action — what will be done?"
type_text jose "Monthly joint patrol walks"
keys jose Enter
wait_for fac "Monthly joint patrol walks"
keys ana w
wait_for ana "New action — what will be done?"
type_text ana "Train 20 police officers in community mediation"
keys ana Enter
wait_for jose "Train 20 police officers in c"
# No owner yet: Who is as narrow as its dashes and What has the room (a
# third of the row went to a column of dashes).
wait_for fac "Train 20 police officers in community"
row_ends fac "Train 20 police"

# An over-long "what" is refused at the input, which keeps the text.
LONG=$(printf 'Long%.0s' $(seq 85))
keys ana w
wait_for ana "New action — what will be done?"
type_text ana "$LONG"
keys ana Enter
wait_for ana "too long: 340 bytes, at most 300"
wait_for ana "New action — what will be done?"
screen ana | grep -qF "LongLong" || fail "the over-long text was not kept"
keys ana Escape
wait_gone ana "New action — what will be done?"

# A dot vote sorts the plan: Train 3 dots, Youth 2, Monthly 1.
keys fac d
wait_for fac "Dots each [3]:"
keys fac Enter
wait_for fac "Dot vote, 3 dots each — Enter: named"
keys fac Enter
wait_for ana "you have 3 left"
wait_for jose "you have 3 left"
select_row ana "Train 20 police"
keys ana + +
wait_for ana "you have 1 left"
select_row ana "Monthly joint"
keys ana +
wait_for ana "you have 0 left"
select_row jose "Train 20 police"
keys jose +
wait_for jose "you have 2 left"
select_row jose "Youth centre"
keys jose + +
wait_for fac "2 of 2 have placed dots"
keys fac C
wait_for fac "R reveals"
keys fac R
# On the projector at 80x24 the result, the phase's prompt and its
# questions push the table's end below the page: End brings it into view.
wait_for fac "Action plan — in order of dots"
keys fac End
for w in fac ana jose; do
	wait_for $w "Action plan — in order of dots"
	wait_for $w "●3    Train 20 police officers in"
	order $w "●3    Train" "●2    Youth" "●1    Monthly"
	row_ends $w "●3    Train"
done

# The top action's card.
select_row fac "●3    Train"
keys fac Enter
wait_for fac "Action 3 · ●3 — Train 20 police officers in community mediation"
wait_for fac "e what · h how · d due date · o add owner"
wait_for fac "Status:    proposed — before its owners"

# Owners: the Police group, then Ana in person.
keys fac o
wait_for fac "Add an owner to action 3 — groups, then people"
select_row fac "Police (group)"
keys fac Enter
wait_for fac "Who:       Police (group) — not yet agreed"
keys fac o
wait_for fac "Add an owner to action 3"
select_row fac "Ana Pérez (Community)"
keys fac Enter
wait_for fac "Ana Pérez (Community) — not yet agreed"

# A date that does not exist, then a real one.
keys fac d
wait_for fac "Due date, YYYY-MM-DD (action 3):"
type_text fac "2027-02-30"
keys fac Enter
wait_for fac "not a date: 2027-02-30 (February 2027 has 28 days)"
wait_for fac "Due date, YYYY-MM-DD (action 3): 2027-02-30"
keys fac C-u
type_text fac "2027-03-15"
keys fac Enter
wait_for fac "When:      2027-03-15"
wait_gone fac "Due date, YYYY-MM-DD"

# A milestone.
keys fac l
wait_for fac "New milestone, YYYY-MM-DD what (action 3):"
type_text fac "2027-13-01 Recruit two trainers"
keys fac Enter
wait_for fac "not a date: 2027-13-01 (there is no month 13)"
keys fac C-u
type_text fac "2027-01-10 Recruit two trainers"
keys fac Enter
wait_gone fac "New milestone"
# The card is longer than the pane: End shows its bottom.
keys fac End
wait_for fac "1 [ ]      2027-01-10 Recruit two trainers"

# A negative cost, bad currencies, an ambiguous amount, then a good one
# in a French form.
keys fac '$'
wait_for fac "Cost, e.g. 1500.50 USD (action 3):"
type_raw fac "-5 USD"
keys fac Enter
wait_for fac "a cost cannot be negative"
wait_for fac "Cost, e.g. 1500.50 USD (action 3): -5 USD"
keys fac C-u
type_text fac "1500.50 dollars"
keys fac Enter
wait_for fac "\"dollars\" stands for several currencies"
keys fac C-u
type_text fac "1500.50 us"
keys fac Enter
wait_for fac "\"us\" is not a currency"
keys fac C-u
# "4.500" could be thousands or four and a half: asked, not guessed.
type_text fac "4.500 EUR"
keys fac Enter
wait_for fac "\"4.500\": thousands or a fraction? Write 4500, or 4.50"
keys fac C-u
type_text fac "1 500,50 USD"
keys fac Enter
keys fac Home
wait_for fac "Cost:      1,500.50 USD"

# The history holds each change, and nothing refused.
keys fac End
wait_for fac "owner added: Police"
wait_for fac "owner added: Ana Pérez"
wait_for fac "due 2027-03-15"
wait_for fac "cost 1,500.50 USD"
screen fac | grep -qF "2027-02-30" && fail "the bad date shows somewhere"
keys fac Escape
wait_gone fac "Action 3 · ●3 — Train"
row_ends fac "●3    Train"
wait_for ana "Police, Ana P"
wait_for jose "2027-03-15"

# The facilitator, the Police (José) and Ana agree.
select_row fac "●3    Train"
keys fac Enter
wait_for fac "a agree"
keys fac a
wait_for fac "0 of 2 owners agreed, a facilitator agreed"
wait_for fac "A take agreement back"
keys fac Escape
select_row jose "●3    Train"
keys jose Enter
wait_for jose "Action 3 · ●3 — Train 20 police officers"
wait_for jose "a agree"
keys jose a
wait_for jose "Police (group) — agreed ✓"
keys jose Escape
select_row ana "●3    Train"
keys ana Enter
wait_for ana "Action 3 · ●3 — Train 20 police officers"
keys ana a
wait_for ana "Status:    agreed"
keys ana Escape
keys fac End
for w in fac ana jose; do
	wait_for $w "2027-03-15 agreed"
	row_ends $w "●3    Train"
	row_ends $w "●1    Monthly"
done
# An owner's row is marked on their screen, not on another's.
screen ana | grep -qE '•3 ●3 +Train' || fail "Ana's action is not marked"
screen jose | grep -qE '•3 ●3 +Train' || fail "José's action is not marked"
screen jose | grep -qE '•2 ●1 +Monthly' || fail "José's proposal is not marked"
screen ana | grep -qE '•2 ●1 +Monthly' && fail "José's proposal marked Ana's"

# Agreed, what it is stays so: its card offers none of those keys to the
# facilitator, and one pressed says how to reopen it, before anything is
# typed (it was refused only once sent).
select_row fac "●3    Train"
keys fac Enter
wait_for fac "Action 3 · ●3 — Train 20 police officers"
wait_for fac "s status"
screen fac | grep -qF '$ cost' && fail "an agreed action's card offers \$ cost"
screen fac | grep -qF 'o add owner' &&
    fail "an agreed action's card offers o add owner"
keys fac '$'
wait_for fac "its owners agreed to it as it stands: to change it, reopen it first"
screen fac | grep -qF "Cost, e.g." && fail "\$ asked for a cost of an agreed action"
keys fac Escape
wait_gone fac "Action 3 · ●3"

# At 120 columns What has room for the whole text.
tm resize-window -t fac -x 120 -y 30
wait_for fac "●3    Train 20 police officers in community mediation "
row_ends fac "●3    Train"

# The record: three actions, the changes that were accepted only.
"$RT" export --actions --format csv -o "$WORK/actions.csv" \
    "$WORK/roundtable.rtj" || fail "export failed"
[ "$(grep -c . "$WORK/actions.csv")" -eq 4 ] ||
    fail "the plan does not hold exactly three actions: $(cat "$WORK/actions.csv")"
grep -F "Train 20 police officers in community mediation" "$WORK/actions.csv" |
    grep -F "2027-03-15" | grep -F "1500.50" | grep -F "USD" | grep -qF agreed ||
    fail "the agreed action is not in the record: $(cat "$WORK/actions.csv")"
grep -qE -- '2027-02-30|2027-13-01|(^|,)"?-5|DOLLARS|LongLong' \
    "$WORK/actions.csv" &&
    fail "a refused value reached the record: $(cat "$WORK/actions.csv")"

# José has a card open when the facilitator opens a straw poll: the card
# gives way so he sees it, and 1 answers it (the card hid the poll, and
# 1 asked about a milestone).
select_row jose "●1    Monthly"
keys jose Enter
wait_for jose "Action 2 · ●1 — Monthly joint patrol walks"
keys fac o
wait_for fac "Question for the straw poll:"
type_text fac "Seguimos el jueves?"
keys fac Enter
wait_for fac "Straw poll — Enter: named"
keys fac Enter
wait_for jose "A check is open: the action card closed so you can answer it"
wait_for jose "1 yes  2 no  3 abstain"
keys jose 1
wait_for fac "1 of 2 have answered"
screen jose | grep -q "not done after all" && fail "1 went to the card"
# Typing a field of the card when a check opens: the card waits until
# the field is sent, then gives way.
keys fac C
wait_for fac "R reveal"
keys fac R
wait_for jose "yes ██"
keys jose Enter
wait_for jose "Action 2 · ●1 — Monthly joint patrol walks"
keys jose h
wait_for jose "How (action 2):"
keys fac o
wait_for fac "Question for the straw poll:"
type_text fac "Y el viernes?"
keys fac Enter
wait_for fac "Straw poll — Enter: named"
keys fac Enter
wait_for fac "0 of 2 have answered"
sleep 1
screen jose | grep -q "How (action 2):" || fail "the field being typed went"
type_text jose "Con los vecinos"
keys jose Enter
wait_for jose "A check is open: the action card closed so you can answer it"
wait_for jose "Y el viernes?"
echo "actions: ok"
