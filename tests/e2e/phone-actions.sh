#!/usr/bin/env bash
# phone-actions.sh - the action plan on a phone (45x20): each action's
# words whole, and beneath them who owns it, when and its status.  Before,
# the table's columns left "Repair th…" of the action and "agr" of its
# status, and the dots of a dot vote went on actions nobody could read;
# at 40x14 the open dot vote leaves the actions their room and says how
# many dots she has left, and an action's card keeps room for the action
# under its keys.
. "$(dirname "$0")/lib.bash"

serve_room PLN-234 "Plan"
join_room ana "Ana Pérez" Community 1
goto_phase fac "Action plans"
wait_for ana "No actions yet — press w to propose one."
keys ana w
wait_for ana "New action — what will be done?"
type_text ana "Repair the street lights on the market road"
keys ana Enter
wait_for ana "Repair the street lights on the market road"
tm resize-window -t ana -x 45 -y 20 2>/dev/null
keys ana End
wait_for ana "Repair the street lights on the"
wait_for ana "market road"
wait_re ana "— · — · proposed$"
screen ana | grep -q "Repair th…" && fail "the action is cut: $(screen ana)"
# A dot vote: one mark of Ana's dots on her entry, not two.
keys ana w
wait_for ana "New action — what will be done?"
type_text ana "Youth evenings in the community hall every Friday, with sports and music"
keys ana Enter
wait_for fac "Youth evenings"
keys fac d
wait_for fac "Dots each [3]:"
keys fac Enter
wait_for fac "Dot vote, 3 dots each — Enter: named"
keys fac Enter
wait_for ana "Dot vote — you have 3 left"
select_row ana "Repair the street lights on the"
# An entry's words stay in their column as it takes dots (they moved
# right with each dot).
col() { screen ana | grep -F "$1" | head -n 1 | sed 's/[▶•○●]/ /g' |
    awk -v w="$1" '{ print index($0, w) }'; }
before=$(col "Repair the street")
keys ana + +
wait_re ana "●● *•1 +Repair the street lights"
screen ana | grep -qE "●●.*●●.*Repair" &&
    fail "ana's dots are marked twice: $(screen ana)"
[ -n "$before" ] && [ "$(col "Repair the street")" = "$before" ] ||
    fail "the action's words moved from column $before: $(screen ana)"
# At 40x14 the open dot vote's panel leaves the list its room: both
# actions' words, whole (it took two thirds of the body, and each action
# showed its first line: "Repair the street lights on ↓").
tm resize-window -t ana -x 40 -y 14 2>/dev/null
# The dots she has left are in the panel's title, whole (it said "you
# ha…" at 40 columns).
wait_re ana "── Dot vote — you have 1 left"
select_row ana "Repair the street"
wait_for ana "market road"
select_row ana "Youth evenings"
wait_for ana "Friday, with sports"
screen ana | grep -A1 -F "Friday, with sports" | grep -qF "music" ||
    fail "the action's last words are cut: $(screen ana)"
# The card at 40x14: the action's lines above its keys, and the keys
# cut to leave them ("? more keys"); before, nine lines of keys took the
# card and its one line left was drawn over them.
select_row ana "Youth evenings"
keys ana Enter
wait_for ana "Action 2"
wait_for ana "? more keys"
wait_re ana "^ +Status: +proposed"
for i in 1 2 3 4; do keys ana Down; done
wait_re ana "^ +What: +Youth evenings"
screen ana | grep -qF "? more keys" || fail "the card's keys went: $(screen ana)"
# ? opens the help at the card's keys (they were ten pages down).
keys ana '?'
wait_for ana "Action card (Enter on an"
wait_re ana "^ +e / h / d"
keys ana Escape
wait_for ana "? more keys"
keys ana Escape
wait_gone ana "? more keys"
# ? and another key in one read (a slow link): the help is opened and
# closed before it is drawn, and the next ? from the list opens at its
# top, not at the card's keys.
select_row ana "Youth evenings"
keys ana Enter
wait_for ana "? more keys"
tm send-keys -t ana -l '?x'
sleep 0.3
keys ana Escape
wait_gone ana "? more keys"
keys ana '?'
wait_for ana "Everyone"
keys ana Escape
wait_gone ana "Everyone"
# A check on an action, blocked with a reason: an action's list shows no
# reasons under it, so at 40x14 the panel keeps the reason (it would say
# "1 more reason: in the list below", where there was none).
keys fac C
wait_for fac "R reveal"
keys fac R
wait_for ana "Dot vote — 3 dots each"
select_row fac "Youth evenings"
keys fac c
wait_for fac "Consensus check on this"
keys fac Enter
wait_for ana "4 block"
keys ana 4
wait_for ana "Your reason"
type_text ana "The hall is rented on Fridays"
keys ana Enter
wait_for ana "Your answer: block"
keys fac C
wait_for fac "R reveal"
keys fac R
wait_for ana "blocked by 1"
flat ana |
    grep -qF "The hall is rented on Fridays" ||
    fail "the block's reason is not on the phone: $(screen ana)"
screen ana | grep -qF "in the list below" &&
    fail "the phone is sent to a list with no reasons: $(screen ana)"
# A wide screen keeps the table.
tm resize-window -t ana -x 100 -y 30 2>/dev/null
wait_re ana "What +Who +When +Status"
echo "phone-actions: ok"
