#!/usr/bin/env bash
# phone-help.sh - ? help on a phone (40x14): each key on a line of its
# own and what it does beneath, across the screen.  Before, the
# explanations wrapped in a column starting at 19, a dozen letters a line
# ("write (Dialogue:" / "an answer to the" ...), about a dozen pages.
. "$(dirname "$0")/lib.bash"

serve_room HLP-234 "Help"
join_room ana "Ana" Community 1
tm resize-window -t ana -x 40 -y 14 2>/dev/null
keys ana '?'
wait_for ana "Everyone"
wait_re ana "^ +w or Enter *$"
wait_re ana "^ +write \\(Dialogue: an answer to"
keys ana Escape
wait_gone ana "Everyone"
# A wide screen keeps the two columns.
tm resize-window -t ana -x 100 -y 30 2>/dev/null
keys ana '?'
wait_re ana "^ +w or Enter +write \\(Dialogue"
echo "phone-help: ok"
