#!/usr/bin/env bash
# bigquestion.sh - a question with accents in big letters on the projected
# screen (issue 17): "¿Qué pasa?" is drawn big, the acute over its E, not
# in small text; a two-line French question with an accent and a cedilla
# takes no more rows than one without, so at 110x45 it is big too.
. "$(dirname "$0")/lib.bash"

start fac "$RT" serve --port 0 --ssh-port 0 --code KXM-47P --title "Plan"
tm resize-window -t fac -x 110 -y 45 2>/dev/null
wait_for fac "Phase 0/9 · Welcome"
goto_phase fac "Dialogue"

# ask TEXT: the facilitator types a question and puts it to the room.
ask() {
	keys fac t
	sleep 0.3
	type_text fac "$1"
	keys fac Enter
}

ask "¿Qué pasa?"
wait_for fac "¿Qué pasa?"
# Big letters: the Q's top row, and the acute in the row above the E.
wait_for fac "█    ███  █   █ █████"
row=$(screen fac | grep -n "█    ███  █   █ █████" | head -n 1 | cut -d: -f1)
above=$(screen fac | sed -n "$((row - 1))p")
grep -qF "▄▀" <<<"$above" || fail "no acute above the big QUÉ: $above"
# The acute is over the E (the fourth letter, columns 18-22 of the word).
col_acute=$(awk -v s="$above" 'BEGIN { print index(s, "▄▀") }')
letters=$(screen fac | sed -n "${row}p")
col_q=$(awk -v s="$letters" 'BEGIN { print index(s, "█    ███") }')
((col_acute - col_q >= 18 && col_acute - col_q <= 22)) ||
    fail "the acute is not over the E: $above / $letters"

# Two lines, an accent and a cedilla: big at 45 rows all the same.
ask "¿Qué esperan de él? Ça va"
wait_for fac "¿Qué esperan de él? Ça va"
wait_for fac " ▄█ "
n=$(screen fac | grep -c "█████")
((n >= 4)) || fail "the two-line question is not in big letters"

echo "bigquestion: ok"
