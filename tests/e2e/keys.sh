#!/usr/bin/env bash
# keys.sh - keys and screens as a workshop run found them (issue 15,
# items 8 to 10), at 80x24:
#  - a key refused on a screen does not turn what is typed next into
#    commands: "hi" after a refused w in Welcome raises no hand, nor does
#    a pasted "h" after a line break; an owner's
#    refused d on an action card followed by "2027-07-15" ticks no
#    milestone; a milestone is ticked only after y;
#  - a prefilled value is replaced by typing over it (the due date, the
#    next review), Backspace edits it, Enter takes it;
#  - refusals say what this person can do here: a participant's a in
#    Welcome and in Action plans, a key that does nothing in Welcome, c on
#    a caucus question; under the Chatham House Rule a check is not asked
#    named or anonymous;
#  - Home and End as PuTTY and the Linux console send them (ESC [ 1 ~,
#    ESC [ 4 ~), not as the terminal type's entry says: on an xterm type,
#    End shows the end of the Welcome page, Home its top, and no key is
#    taken for typing;
#  - over ssh on a vt100 type, Delete (ESC [ 3 ~) deletes and an escape
#    sequence no terminal type lists is not typed into the join code.
. "$(dirname "$0")/lib.bash"

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

# --- Welcome: refusals that name what one can do, and typing after one ---
keys ana a
wait_for ana "Facilitators adopt; you answer checks with 1-4."
wait_for ana "Nothing to write in Welcome"
screen ana | grep -qF "ground rule" && fail "a in Welcome talks of ground rules"
sleep 2
keys ana z
wait_for ana "Nothing to write in Welcome"
screen ana | grep -qF "Press w to write" && fail "Welcome offers w"
sleep 2
# w is refused in Welcome; "hi" meant for it raises no hand.
keys ana w
wait_for ana "There is nothing to write during Welcome"
type_text ana "hi"
wait_for ana "Typing ignored (pause, then press a key)"
sleep 1
screen fac | grep -qF "Ana Pérez (Community) ✋" && fail "typing raised a hand"
screen ana | grep -qF "Your hand is up" && fail "typing raised Ana's hand"
# Nor does a paste of lines from a terminal that does not mark pastes
# (no bracketed paste: the Windows 10 console): the line break inside it
# is not Enter, and the "h" after it is text, not a hand raised.
sleep 2
keys ana w
wait_for ana "There is nothing to write during Welcome"
tm send-keys -t ana -l $'Notas del grupo\rhola'
wait_for ana "Typing ignored (pause, then press a key)"
sleep 1
screen fac | grep -qF "Ana Pérez (Community) ✋" && fail "a pasted line raised a hand"
screen ana | grep -qF "Your hand is up" && fail "a pasted line raised Ana's hand"
# After a pause keys are keys again.
sleep 2
keys ana h
wait_for ana "Your hand is up"
keys ana h
wait_gone ana "Your hand is up"

# --- Home and End from PuTTY, on an xterm type -------------------------
start putty env TERM=xterm-256color XDG_STATE_HOME="$WORK/putty" "$RT" join \
    "127.0.0.1:$PORT" --code KXM-47P --name "Wanjiru" --group Business
tm resize-window -t putty -x 80 -y 16
wait_for putty "You: Wanjiru (Business)"
wait_gone putty "9. Follow-up"
tm send-keys -t putty -l $'\e[4~'
wait_for putty "9. Follow-up"
screen putty | grep -qF "Typing ignored" && fail "End from PuTTY was typing"
tm send-keys -t putty -l $'\e[1~'
wait_gone putty "9. Follow-up"
keys putty q
wait_for putty "Leave the room?"
keys putty y
wait_for fac "Present 2"

# --- Over ssh on a vt100 type: Delete as terminals send it (ESC [ 3 ~,
# which vt100's entry does not list) deletes, and a sequence no type
# lists (ESC [ 99 ~) is not typed in as "[99~" ---
start_vt100() {
	local name=$1
	shift
	start "$name" env TERM=vt100 "$@"
}
SSH_START=start_vt100 ssh_guest vt
answer_password vt
wait_for vt "Join code:"
type_text vt "KXM-47PP"
keys vt Left DC
tm send-keys -t vt -l $'\e[99~'
wait_for vt "Join code: KXM-47P"
screen vt | grep -qF "[99~" && fail "an unknown key was typed in: $(screen vt)"
screen vt | grep -qF "[3~" && fail "Delete was typed in: $(screen vt)"
keys vt Enter
wait_for vt "Your name: guest"
keys vt Escape
wait_for vt "y/n"
keys vt y

# --- Caucus: c on a caucus question, for a participant ---
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
sleep 2
keys ana c
wait_for ana "c asks your group to approve its report-back"
screen ana | grep -qF "only facilitators" && fail "c in Caucus says only facilitators"

# --- Under the Chatham House Rule, a check is not asked named ---
goto_phase fac "Ground rules"
wait_for ana "Phase 3/9 · Ground rules"
keys fac K
wait_for fac "Confidentiality: 1 open · 2 Chatham House Rule"
keys fac 2
wait_for fac "Chatham House Rule: no names, what was said before included"
keys fac p
wait_for ana "Chatham House Rule · Phase 3/9"
select_row fac "Respect"
keys fac c
wait_for fac "ground rule: anonymous (Chatham House Rule)"
wait_for fac "Enter open (anonymous)  Esc cancel"
screen fac | grep -qF "Enter: named" && fail "Chatham House: asked named or anonymous"
keys fac Escape
wait_gone fac "Enter open (anonymous)"

# --- Action plans ---
goto_phase fac "Action plans"
wait_for jose "Phase 8/9 · Action plans"
keys jose w
wait_for jose "New action — what will be done?"
type_text jose "Monthly joint patrol walks"
keys jose Enter
wait_for fac "Monthly joint patrol walks"

# A participant's a in the table says how an action is agreed.
select_row ana "Monthly joint"
keys ana a
wait_for ana "An owner agrees to an action in its card."
screen ana | grep -qF "ground rule" && fail "a in Action plans talks of ground rules"
sleep 2

# The facilitator gives it Ana as owner, a due date and two milestones.
select_row fac "Monthly joint"
keys fac Enter
wait_for fac "e what · h how · d due date"
keys fac o
wait_for fac "Add an owner to action 1"
select_row fac "Ana Pérez (Community)"
keys fac Enter
wait_for fac "Ana Pérez (Community) — not yet agreed"
keys fac d
wait_for fac "Due date, YYYY-MM-DD (action 1):"
type_text fac "2027-03-15"
keys fac Enter
wait_for fac "When:      2027-03-15"
for m in "2027-01-10 Agree the route" "2027-02-10 First walk"; do
	keys fac l
	wait_for fac "New milestone, YYYY-MM-DD what (action 1):"
	type_text fac "$m"
	keys fac Enter
	wait_gone fac "New milestone"
done

# The due date offered is replaced by typing over it, not appended to.
keys fac d
wait_for fac "Due date, YYYY-MM-DD (action 1): 2027-03-15"
type_text fac "2027-07-15"
wait_for fac "Due date, YYYY-MM-DD (action 1): 2027-07-15"
screen fac | grep -qF "2027-03-152027" && fail "typing was appended to the date"
keys fac Enter
wait_for fac "When:      2027-07-15"
# Backspace edits it; Enter alone takes it.
keys fac d
wait_for fac "Due date, YYYY-MM-DD (action 1): 2027-07-15"
keys fac BSpace
type_text fac "6"
keys fac Enter
wait_for fac "When:      2027-07-16"
keys fac Escape

# Ana owns it but may not edit it: her d is refused, and the date she
# meant for it ticks no milestone.
select_row ana "Monthly joint"
keys ana Enter
wait_for ana "1-9 tick milestone"
keys ana d
wait_for ana "Only a facilitator, or whoever proposed it"
type_text ana "2027-07-15"
wait_for ana "Typing ignored (pause, then press a key)"
sleep 1
keys ana End
wait_for ana "1 [ ]      2027-01-10 Agree the route"
wait_for ana "2 [ ]      2027-02-10 First walk"
screen ana | grep -qF "[x]" && fail "typing ticked a milestone"
# A milestone is ticked after y, and left alone after any other key.
sleep 2
keys ana 2
wait_for ana "Milestone 2 (2027-02-10 First walk): mark it done? y yes"
keys ana n
wait_for ana "The milestone was left as it was."
screen ana | grep -qF "[x]" && fail "n ticked a milestone"
keys ana 1
wait_for ana "mark it done? y yes"
keys ana y
wait_for ana "1 [x]      2027-01-10 Agree the route"
keys ana Escape

# --- Follow-up: the next review offered is replaced by typing ---
goto_phase fac "Follow-up and exit"
keys fac N
wait_for fac "Next review date (YYYY-MM-DD):"
type_text fac "2099-03-01"
keys fac Enter
wait_for ana "Next review: 2099-03-01"
keys fac N
wait_for fac "Next review date (YYYY-MM-DD): 2099-03-01"
type_text fac "2099-04-01"
wait_for fac "Next review date (YYYY-MM-DD): 2099-04-01"
keys fac Enter
wait_for ana "Next review: 2099-04-01"
echo "keys: ok"
