#!/usr/bin/env bash
# draw.sh - what the screens draw is what was written, however curses is
# given it.  ASCII goes to curses as cells of their own, everything else
# (accents, wide characters, combining marks) as wide characters, and a
# line drawn exactly as in the frame before is not handed to curses
# again.  So: a contribution mixing all of those, with a combining mark
# on an ASCII letter and one on a Cyrillic one, reaches the other
# screens exactly; a second contribution after it leaves the first
# drawn as it was; a screen made narrower and then wider again draws
# both whole; the selection moved onto a row and off it again leaves
# the row as it was.
. "$(dirname "$0")/lib.bash"

# e + U+0301 (a combining acute accent: two characters, one cell), a
# wide word, an em dash, ñ, and Cyrillic о + U+0301 (a stress mark).
E_ACUTE=$'e\xcc\x81'
O_ACUTE=$'\xd0\xbe\xcc\x81'
FIRST="Caf${E_ACUTE} — 会議 ok, niño, sl${O_ACUTE}vo end"
SECOND="Plain ASCII from Bob, then more"

serve_room DRW-427 "Drawing"
join_room ana "Ana" Community 1
join_room bob "Bob" Police 2
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
wait_for bob "Phase 2/9 · Expectations"

keys ana w
wait_for ana "Your expectation:"
type_text ana "$FIRST"
keys ana Enter
wait_for bob "Ana (Community): $FIRST"
wait_for fac "Ana (Community): $FIRST"

keys bob w
wait_for bob "Your expectation:"
type_text bob "$SECOND"
keys bob Enter
for w in ana bob fac; do
	wait_for "$w" "Bob (Police): $SECOND"
	wait_for "$w" "Ana (Community): $FIRST"
done

# Each line once, in the order written.
order=$(screen ana | grep -n -F -e "Ana (Community):" -e "Bob (Police):")
[ "$(printf '%s\n' "$order" | wc -l)" -eq 2 ] ||
    fail "expected each contribution once on Ana's screen: $order"
printf '%s\n' "$order" | head -n 1 | grep -qF "Ana (Community): $FIRST" ||
    fail "Ana's contribution is not first: $order"

# Narrower, then as wide as before: drawn whole again.
tm resize-window -t bob -x 40 -y 20 2>/dev/null
wait_gone bob "Ana (Community): $FIRST"
wait_for bob "Bob (Police): Plain ASCII"
tm resize-window -t bob -x 100 -y 30 2>/dev/null
wait_for bob "Ana (Community): $FIRST"
wait_for bob "Bob (Police): $SECOND"

# The selection onto Ana's row and off it: the row is drawn as before.
keys bob Home
wait_for bob "▶   Ana (Community): $FIRST"
keys bob End
wait_for bob "▶   Bob (Police): $SECOND"
wait_for bob "     Ana (Community): $FIRST"
exit 0
