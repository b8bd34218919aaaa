#!/usr/bin/env bash
# panel-small.sh - a revealed straw poll on a phone's screen (45x14): the
# panel keeps what fits, and a tally it cannot show whole says so with
# "…" on its last bar, instead of looking whole (before, a bar with an
# answer could go without a sign: 3 answers, two bars); a long question
# whole at 40x14 until it is answered.
. "$(dirname "$0")/lib.bash"

serve_room PNL-234 "Small panel"
join_room ana "Ana" Community 1
join_room bo "Bo" Police 2
join_room cy "Cy" Business 3
tm resize-window -t ana -x 45 -y 14 2>/dev/null
goto_phase fac Expectations
wait_for ana "Expectations"
keys fac o
wait_for fac "Question for the straw poll:"
type_text fac "Nos vemos el jueves por la tarde en el salón comunal del barrio?"
keys fac Enter
wait_for fac "Straw poll — Enter: named"
keys fac Enter
wait_for bo "1 yes  2 no  3 abstain"
# The whole question, before the count and "You have not answered yet"
# (it was cut to its first line: "Nos vemos el jueves por la tarde en…").
wait_for ana "salón comunal del barrio?"
keys ana 1
keys bo 2
keys cy 3
wait_for fac "3 of 3 have answered"
keys fac C
wait_for fac "R reveal"
keys fac R
wait_for cy "abstain"
sleep 1
bars=$(screen ana | grep -cE '(yes|no|abstain) [█ ]*[0-9]')
if [ "$bars" -lt 3 ]; then
	screen ana | grep -qE '[0-9] …$' ||
	    fail "ana's tally shows $bars of 3 bars and no sign of the rest: $(screen ana)"
fi

# A long question on a 40x14 phone, whole until it is answered (it was
# cut after three lines, "... present, to…", with nowhere else to read
# it); then the options, and the list beneath keeps a line.
tm resize-window -t cy -x 40 -y 14 2>/dev/null
keys fac o
wait_for fac "Question for the straw poll:"
type_text fac "Do we meet again next Thursday at nine in the community hall beside the market, with the police commander and the mayor's office, to review the first steps?"
keys fac Enter
wait_for fac "Straw poll — Enter: named"
keys fac Enter
wait_for cy "review the first steps?"
wait_for cy "1 yes  2 no  3 abstain"
echo "panel-small: ok ($bars bars shown)"
