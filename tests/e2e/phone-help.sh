#!/usr/bin/env bash
# phone-help.sh - ? help on a phone (40x14): each key on a line of its
# own and what it does beneath, across the screen.  Before, the
# explanations wrapped in a column starting at 19, a dozen letters a line
# ("write (Dialogue:" / "an answer to the" ...), about a dozen pages.
# Pairs of keys ("Enter send   Esc cancel") come a pair a line, and
# headings are wrapped whole.
. "$(dirname "$0")/lib.bash"

# page_until WINDOW ERE: PgDn through WINDOW's help until a line matches.
page_until() {
	local i
	for i in $(seq 40); do
		screen "$1" | grep -qE -- "$2" && return 0
		keys "$1" NPage
		sleep 0.1
	done
	fail "window $1 never showed: $2"
}

serve_room HLP-234 "Help"
join_room ana "Ana" Community 1
tm resize-window -t ana -x 40 -y 14 2>/dev/null
keys ana '?'
wait_for ana "Everyone"
wait_re ana "^ +w or Enter *$"
wait_re ana "^ +write \\(Dialogue: an answer to"
# Headings whole ("Matrix (a grid the room fills: each" was all of one);
# pairs of keys and what they do, each on a line of its own (their lines
# went on at column 19: "clear   Ctrl-W" / "erase word").
page_until ana "Matrix \\(a grid"
flat ana | grep -qF \
    "Matrix (a grid the room fills: each cell shows how many entries it has and the first words)" ||
    fail "the matrix heading is cut: $(screen ana)"
page_until ana "^ +Ctrl-U clear *$"
wait_re ana "^ +Backspace/Delete erase *$"
wait_re ana "^ +Ctrl-W erase word *$"
keys ana Escape
wait_gone ana "Everyone"
# In French too: the text box's pairs start 19 columns wide ("  Ctrl-D
# envoyer   "), and were taken for a key and its explanation.
start awa "$RT" join --lang fr "127.0.0.1:$PORT" --code "$CODE" --name Awa \
    --group Community
wait_for fac "Present 2"
tm resize-window -t awa -x 40 -y 14 2>/dev/null
wait_for awa "Accueil"
keys awa '?'
page_until awa "^ +Ctrl-D envoyer *$"
wait_re awa "^ +Esc annuler *$"
keys awa Escape
# A wide screen keeps the two columns.
tm resize-window -t ana -x 100 -y 30 2>/dev/null
keys ana '?'
wait_re ana "^ +w or Enter +write \\(Dialogue"
echo "phone-help: ok"
