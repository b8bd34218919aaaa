#!/usr/bin/env bash
# decide.sh - deciding together, as people see it (issue 3): an amendment
# to a sample rule; a named consensus check with one block, closed and
# revealed on every screen (the projected one too: not before R); a
# second amendment that passes (the rule takes the amended text); a
# charter section proposed in the text box (accents and Japanese), merged,
# checked and adopted; a dot vote (a dot refused before it opens, the
# refusal gone once it does); at 80x24.  Three participants in two
# groups; the exported charter is compared with
# tests/golden/e2e-decide-charter.txt (dates written as DATE).
GOLDEN=$(cd "$(dirname "$0")/../golden" && pwd)/e2e-decide-charter.txt
. "$(dirname "$0")/lib.bash"

start fac "$RT" serve --port 0 --ssh-port auto --code KXM-47P --title "Diálogo"
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
# One after another, so the record (and the charter) has them in order.
start ana "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "Ana Pérez" \
    --group Community
wait_for fac "Present 1"
start jose "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "José Núñez" \
    --group Police
wait_for fac "Present 2"
start ines "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "Inés" \
    --group Community
wait_for fac "Present 3"
for w in fac ana jose ines; do tm resize-window -t $w -x 80 -y 24 2>/dev/null; done
goto_phase fac "Ground rules"
wait_for ana "Draft: Listen to each other"

# An amendment, prefilled with the rule's text.
keys ana m
wait_for ana "Your amendment: Listen to each other"
type_text ana " — y por turnos"
keys ana Enter
wait_for jose "Amendment by Ana Pérez (Community): Listen to each other — y por"
wait_for jose "[proposed]"

# A named check on it.  A block counts from its key press (issue 15): the
# facilitator, seeing everyone answered, closes while José is still typing
# his reason, and the reason still joins the block.
keys fac Down c
wait_for fac "Consensus check on this amendment — Enter: named · a: anonymous · Esc: cancel"
keys fac Enter
wait_for ana "Consensus check, round 1 — named"
wait_for ana "1 agree  2 agree with reservations  3 stand aside  4 block"
wait_for fac "0 of 3 have answered"
wait_for fac "not yet: Community, Police"
keys ana 2
wait_for ana "Your reservation counts. Your reason (optional):"
keys ana Enter
wait_for ana "Your answer: agree with reservations"
keys ines 1
wait_for ines "Your answer: agree"
wait_for fac "2 of 3 have answered"
keys jose 4
wait_for jose "Your block counts. Your reason (what would have to change):"
wait_for fac "3 of 3 have answered"
wait_for fac "every group present has answered"
type_text jose "Hace falta"
wait_for jose "Hace falta"
# A participant cannot close it.
keys ana C
wait_for ana "only a facilitator can close a poll"
keys fac C
wait_for fac "Closed — 3 answered · R reveals the result to the room"
wait_for ana "Closed — 3 answered; the facilitator will reveal the result"
# The serving screen is the room's projector: the verdict and the bars
# wait for R there too.
for seen in "not adopted" "block ██" "agree ██"; do
	screen fac | grep -qF "$seen" &&
	    fail "the projected screen showed \"$seen\" before R"
done
type_text jose " más tiempo"
keys jose Enter
wait_for jose "Your answer: block — «Hace falta más tiempo»"
keys fac R
for w in fac ana jose ines; do
	wait_for $w "Consensus check, round 1 — named · result"
	wait_for $w "blocked by 1 — not adopted"
	wait_for $w "block ██"
	wait_for $w "block — José Núñez (Police): Hace falta más tiempo"
done
wait_for ana "Check 1, round 1 · "

# A second amendment passes: the rule takes its text.
keys jose m
wait_for jose "Your amendment:"
keys jose C-u
type_text jose "Escucharnos y hablar por turnos"
keys jose Enter
# Under the result and the phase's prompt it is below the projector's page
# at 80x24: the facilitator selects it there.
wait_row fac "Amendment by José Núñez (Police): Escucharnos y hablar por"
keys fac c
wait_for fac "Enter: named"
keys fac Enter
wait_for ana "Consensus check, round 1 — named ──"
keys ana 1
keys jose 1
keys ines 2
wait_for ines "Your reservation counts. Your reason (optional):"
type_text ines "Revisarlo en seis meses"
keys ines Enter
wait_for fac "3 of 3 have answered"
keys fac C
wait_for fac "Closed — 3 answered · R reveals the result to the room"
keys fac R
wait_for fac "consensus (1 with reservations) — adopted"
wait_for ana "1. Escucharnos y hablar por turnos (amended)"
wait_for jose "consensus (1 with reservations) — adopted"
wait_for jose "[adopted]"

# Charter: text proposed in the box, merged, checked, adopted.
goto_phase fac Charter
wait_for ana "Phase 6/9 · Charter"
wait_for ana "Decision rule: not yet recorded — consensus applies"
for i in $(seq 10); do keys ana j; done
wait_for ana "▶ 4.6 Decision-making — draft"
keys ana w
wait_for ana "Ctrl-D send · Esc cancel · Enter new line"
wait_for ana "Your charter text for 4.6"
# Near the end of its room the frame says about how much more fits
# (2,000 bytes), then that it is full; Esc lets it go.
type_text ana "$(printf '%01650d' 0)"
wait_for ana "1650 characters · about 350 more"
type_text ana "$(printf 'é%.0s' $(seq 200))"
wait_for ana "1825 characters · full"
keys ana Escape
wait_gone ana "Your charter text for 4.6"
keys ana w
wait_for ana "0 characters"
type_text ana "Decidimos por consenso — ñandú."
keys ana Enter
type_text ana "日本語の行。"
# The frame counts characters, not bytes (38 here, 64 bytes).
wait_for ana "38 characters"
keys ana C-d
wait_for ana "Proposed by Ana Pérez (Community): Decidimos por consenso"
wait_for ana "日本語の行。 [proposed]"
keys fac D
wait_for fac "Decision rule for the room: 1 consensus"
keys fac 2
wait_for fac "After how many rounds? [2]"
keys fac Enter
wait_for fac "Fallback: 1 simple majority, 2 two-thirds [2]"
keys fac Enter
wait_for ana "Decision rule: consensus, then a two-thirds vote after 2 rounds"
for i in $(seq 11); do keys fac j; done
wait_for fac "▶       Proposed by Ana Pérez"
keys fac m
wait_for fac "[merged]"
keys fac k c
wait_for fac "Consensus check on section 4.6"
keys fac Enter
wait_for ana "4.6 Decision-making: Decidimos por consenso"
keys ana 1; keys jose 3; keys ines 1
wait_for fac "3 of 3 have answered"
keys fac C; wait_for fac "R reveals"; keys fac R
wait_for ana "4.6 Decision-making — adopted ✓"
wait_for ana "consensus (1 standing aside) — adopted"
# Numbered as the exported charter numbers it ("Check 3, round 1, DATE:
# consensus ..." in $GOLDEN, compared below).
wait_for ana "Check 3, round 1 · "
grep -q "Check 3, round 1, DATE: consensus (1 standing aside)" "$GOLDEN" ||
	fail "$GOLDEN numbers the check otherwise"
# a on a section says how its own text is adopted (it said "select a
# proposed charter text" with the section selected).
select_row fac "4.7 Disputes and grievances"
keys fac a
wait_for fac "A section's own text is adopted by the room: c checks it"
sleep 2	# keys typed right after a refusal are taken for typing

# Dot vote in Action plans.
goto_phase fac "Action plans"
wait_for ana "Phase 8/9 · Action plans"
keys ana w; type_text ana "Reunión mensual"; keys ana Enter
keys jose w; type_text jose "Comité mixto"; keys jose Enter
wait_for fac "Comité mixto"
# A dot before the vote is refused, and the refusal goes once the vote
# opens (a notice stayed on through a poll's opening and closing).
keys ana +
wait_for ana "none is open"
keys fac d
wait_for fac "Dots each [3]:"
keys fac Enter
wait_for fac "Dot vote, 3 dots each — Enter: named"
keys fac Enter
wait_for ana "Dot vote — you have 3 left (3 dots each)"
wait_gone ana "none is open"
wait_for ana "•1 ○    Reunión mensual"
keys ana End; keys ana k + +
wait_for ana "you have 1 left"
wait_for ana "•1 ●●    Reunión mensual"
keys jose End; keys jose +
keys ines End; keys ines + +
wait_for fac "3 of 3 have placed dots"
keys fac C; wait_for fac "R reveals"; keys fac R
wait_for jose "Dot vote — 3 dots each — named · result"
wait_for jose "Reunión mensual ██"
wait_for jose "Comité mixto    ██"

"$RT" export --charter -o "$WORK/charter.txt" "$WORK/roundtable.rtj" ||
    fail "export failed"
# The record holds today's dates: DATE and DAY (norm_export, lib.bash).
norm_export "$WORK/charter.txt" > "$WORK/charter.norm"
if [ "${ROUNDTABLE_UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$WORK/charter.norm" "$GOLDEN"
fi
diff -u "$GOLDEN" "$WORK/charter.norm" >&2 ||
    fail "the exported charter differs from $GOLDEN"
echo "decide: ok"
