#!/usr/bin/env bash
# phone-caucus.sh - a caucus's check on its report-back, on phones (45x20,
# 40x14): once the check is closed its result (the tally and the reason
# for a block) stays above the list, and the list is still there under
# it: the report-back just checked, and the caucus questions a press of
# Down away.  Before, the phase's prompt and the caucus's caption took
# all the room the result left, and nothing below them could be reached.
. "$(dirname "$0")/lib.bash"

serve_room PHC-234 "Phones in caucus"
join_room chloe "Chloé" Police 1
join_room dan "Dan" Police 2
tm resize-window -t chloe -x 45 -y 20 2>/dev/null
tm resize-window -t dan -x 40 -y 14 2>/dev/null
goto_phase fac Caucus
wait_for chloe "Phase 5/9 · Caucus"
keys chloe b
wait_for chloe "Ctrl-D send"
type_text chloe "Report v1: more patrols at night."
keys chloe C-d
wait_for chloe "[draft]"
keys chloe k
wait_re chloe "▶ +Report v1"
keys chloe c
wait_for chloe "1 agree  2 agree with reservations"
keys chloe 1
wait_for dan "4 block"
keys dan 4
wait_for dan "Your reason"
type_text dan "Say it honestly"
keys dan Enter
wait_for chloe "2 of 2 have answered"
keys chloe C
wait_for chloe "not approved: blocked by 1"
wait_for chloe "block — Dan (Police): Say it honestly"
# The list under the result: the checked version, selected.
wait_re chloe "▶ +Report v1: more patrols at night\."
wait_re chloe "\[not( |$)"
wait_for dan "not approved: blocked by 1"
wait_re dan "▶ +1\. What do we need to know"
# And the caucus's questions, one Down away.
keys chloe Down
wait_re chloe "▶ +1\. What do we need to know"
keys chloe Down
wait_re chloe "▶ +2\. How does our group benefit"
screen chloe | grep -qF "not approved: blocked by 1" ||
    fail "the check's result went from chloe's screen"

# The box sent again unchanged: refused (it made a second draft of the
# same words), and what was typed is back in the box, not lost.
tm resize-window -t chloe -x 80 -y 24 2>/dev/null
keys chloe b
wait_for chloe "Ctrl-D send"
type_text chloe " Again."
keys chloe C-d
keys chloe Home
wait_for chloe "Report v1: more patrols at night. Again. [draft]"
keys chloe b
wait_for chloe "Ctrl-D send"
keys chloe C-d
wait_for chloe "already says this"
wait_for chloe "what you typed is back"
wait_for chloe "Ctrl-D send"
screen chloe | grep -A3 "┌" | grep -qF "Again." ||
    fail "the refused report-back was not given back: $(screen chloe)"
keys chloe Escape
wait_gone chloe "Ctrl-D send"
echo "phone-caucus: ok"
