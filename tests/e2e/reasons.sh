#!/usr/bin/env bash
# reasons.sh - the reasons of blocks and reservations, once a check is
# revealed, are read whole at 80x24 (issue 15, item 11): the proposer of
# an amendment, the other participants and the projected screen each show
# every word of a long block reason and of a long reservation (Spanish
# and French), wrapped, beside the verdict; once the next round opens,
# they stay readable beneath the first round's check in the list.
. "$(dirname "$0")/lib.bash"

BLOCK="Hace falta más tiempo para consultar a los vecinos del barrio antes de decidir; la policía todavía no explicó cómo se registrarán las quejas ni quién las leerá después"
RESERVE="Nous acceptons à condition que la règle soit relue en décembre avec les associations de femmes, et que le compte rendu soit traduit en français"

# wait_whole WINDOW TEXT: until the screen shows TEXT, however wrapped.
wait_whole() {
	local deadline=$((SECONDS + ${3:-10}))
	while ((SECONDS < deadline)); do
		flat "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	fail "window $1 does not show the whole of: $2"
}

serve_room KXM-47P "Diálogo"
join_room ana "Ana Pérez" Community 1
join_room jose "José Núñez" Police 2
join_room ines "Inès Martin" "Women's organisations" 3
for w in fac ana jose ines; do tm resize-window -t $w -x 80 -y 24 2>/dev/null; done
goto_phase fac "Ground rules"
wait_for ana "Draft: Listen to each other"

# Ana proposes an amendment; the room checks it.
keys ana m
wait_for ana "Your amendment: Listen to each other"
type_text ana " — y por turnos"
keys ana Enter
wait_for fac "Amendment by Ana Pérez (Community): Listen to each other"
keys fac Down c
wait_for fac "Enter: named"
keys fac Enter
wait_for ana "1 agree  2 agree with reservations  3 stand aside  4 block"
keys jose 4
wait_for jose "Your block counts. Your reason (what would have to change):"
type_text jose "$BLOCK"
# At 80 columns the prompt is above the line typed into, which has the
# whole width: the reason shows whole (it had 20 columns beside the
# prompt, 13 on a phone's 60).
wait_for jose "ni quién las leerá después"
screen jose | grep -q "^ › .\{40,\}ni quién las leerá después" ||
    fail "the reason has no room beside its prompt: $(screen jose)"
keys jose Enter
wait_for jose "Your answer: block"
keys ines 2
wait_for ines "Your reservation counts. Your reason (optional):"
type_text ines "$RESERVE"
keys ines Enter
wait_for ines "Your answer: agree with reservations"
keys ana 1
wait_for fac "3 of 3 have answered"
keys fac C
wait_for fac "R reveals the result to the room"
keys fac R
for w in ana fac jose ines; do
	wait_for $w "blocked by 1 — not adopted"
	wait_whole $w "block — José Núñez (Police): $BLOCK"
	wait_whole $w "agree with reservations — Inès Martin (Women's organisations): $RESERVE"
done
# The verdict and the title stay with them.
wait_for ana "Consensus check, round 1 — named · result"

# A second round: the panel asks again, and the reasons of the first stay
# readable beneath its check, where Ana amends.
keys fac c
wait_for fac "Enter: named"
keys fac Enter
wait_for ana "Consensus check, round 2 — named ──"
for w in ana fac; do
	wait_for $w "Check 1, round 1 · "
	wait_whole $w "block — José Núñez (Police): $BLOCK"
done
# Under the panel and the phase's prompt, Ana's amendment with its check
# fills her page at 80x24: she selects it to read it whole.
select_row ana "Amendment by Ana Pérez"
wait_whole ana "agree with reservations — Inès Martin (Women's organisations): $RESERVE"
echo "reasons: ok"
