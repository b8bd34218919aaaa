#!/usr/bin/env bash
# phone-reveal.sh - a revealed consensus check on phones keeps its tally.
# Four participants answer a ground rule's check agree, agree with
# reservations (with a reason), stand aside and block (with a reason);
# once revealed, a 45x20 screen shows which rule it was, all four bars
# and the verdict, and says the reasons are in the list below, where
# they are, whole; a 40x14 screen keeps the verdict and bars; at 80x24
# the reasons are in the panel too.  (The reasons used to push the bars
# out: at 45x20 the block bar went, at 40x14 every bar.)  The phase's
# prompt, cut short at 40x14, ends in "…".
. "$(dirname "$0")/lib.bash"

serve_room REV-234 "Reveal"
join_room ana "Ana" Community 1
join_room bo "Bo" Police 2
join_room cy "Cy" Business 3
join_room di "Di" Military 4
tm resize-window -t ana -x 45 -y 20 2>/dev/null
tm resize-window -t bo -x 40 -y 14 2>/dev/null
tm resize-window -t cy -x 80 -y 24 2>/dev/null
tm resize-window -t di -x 80 -y 24 2>/dev/null
goto_phase fac "Ground rules"
wait_for cy "Listen to each other"
# The phase's prompt, cut to a line at 40x14, says so (its "…" was past
# the edge when the line was full).
wait_re bo "^ +How will we interact.*…$"
keys fac c
wait_for fac "Consensus check on this"
keys fac Enter
for w in ana bo cy di; do wait_for $w "Consensus check, round 1"; done
keys ana 1
wait_for ana "Your answer: agree"
keys cy 2
wait_for cy "Your reason"
type_text cy "Only if we review it at the second meeting"
keys cy Enter
wait_for cy "Your answer: agree with reservations"
keys di 3
wait_for di "Your answer: stand aside"
keys bo 4
wait_for bo "Your reason"
type_text bo "Police cannot attend after six"
keys bo Enter
wait_for bo "Your answer: block"
wait_for fac "4 of 4 have answered"
keys fac C
wait_for fac "R reveal"
keys fac R

# 45x20: the rule, every bar, the verdict; the reasons below.
for bar in "agree █" "agree with reservations █" "stand aside █" "block █"; do
	wait_for ana "$bar"
done
wait_for ana "blocked by 1"
wait_for ana "Ground rule: Listen to each other"
if ! screen ana | grep -qF "Police cannot attend after six"; then
	# (Whole, on two lines: it was cut mid-word.)
	flat ana |
	    grep -qF "2 more reasons: in the list below, under the check" ||
	    fail "ana is not told where the reasons are: $(screen ana)"
	keys ana Home
	sleep 0.2
	for i in $(seq 12); do
		flat ana | grep -qF \
		    "Police cannot attend after six" && break
		keys ana NPage
		sleep 0.2
	done
	flat ana | grep -qF \
	    "Police cannot attend after six" ||
	    fail "ana never read the block's reason: $(screen ana)"
fi
# 40x14: the verdict and the bars of the answers given, as many as fit,
# with "…" when some are left out.
wait_for bo "blocked by 1"
n=$(screen bo | grep -cE "^ *(agree|agree with reservations|stand aside|block) █")
((n >= 2)) || fail "bo's tally has $n bars: $(screen bo)"
((n == 4)) || screen bo | grep -q "█ [0-9]* …" ||
    fail "bo's tally is cut without saying so: $(screen bo)"
# 80x24: the bars and both reasons in the panel.
for bar in "agree █" "agree with reservations █" "stand aside █" "block █"; do
	wait_for cy "$bar"
done
flat cy | grep -qF "Police cannot attend after six" ||
    fail "cy's screen lacks the block's reason: $(screen cy)"
flat cy | grep -qF "Only if we review it at the second meeting" ||
    fail "cy's screen lacks the reservation: $(screen cy)"
exit 0
