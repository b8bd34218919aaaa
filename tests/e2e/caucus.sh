#!/usr/bin/env bash
# caucus.sh - caucus notes stay in their group: a police note never shows
# on a community member's screen, and the projected screen only counts it
# until the facilitator presses v and says yes to what it will show.
# Someone the facilitator moves to another group (W, M) sees that group's
# caucus at once, without reconnecting, and the group they left keeps
# its notes to itself.
. "$(dirname "$0")/lib.bash"

NOTE='Nos falta personal por la noche'

start fac "$RT" serve --port 0 --ssh-port auto --code ABC-234
wait_for fac "--code ABC-234"
PORT=$(join_port fac)
start ana "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name Ana \
    --group Community
start jo "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name Jo --group Police
wait_for fac "Present 2"
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
wait_for jo "Phase 5/9 · Caucus"

keys jo w
wait_for jo "Your caucus note"
type_text jo "$NOTE"
keys jo Enter
wait_for jo "Jo (Police): $NOTE"
wait_for fac "Police: 1 note"
screen fac | grep -qF "$NOTE" && fail "the projector shows a caucus note"
screen ana | grep -qF "$NOTE" && fail "another group sees a caucus note"
# v asks first, saying what the room would read (issue 15).
keys fac v
wait_for fac "Show 1 caucus note of 1 group, with who wrote each"
screen fac | grep -qF "$NOTE" && fail "v showed the notes before asking"
keys fac n
wait_for fac "Caucus notes stay hidden"
screen fac | grep -qF "$NOTE" && fail "n showed the notes"
keys fac v
wait_for fac "Show 1 caucus note of 1 group"
keys fac y
wait_for fac "Jo (Police): $NOTE"
keys fac v
wait_gone fac "$NOTE"
screen ana | grep -qF "$NOTE" && fail "another group sees a caucus note"

# Ana writes in the Community caucus, then the facilitator moves her to
# Police: her screen shows the Police caucus at once (her own note stays
# hers to read), and Jo still never sees the Community note.
ANA_NOTE='Queremos luz en el mercado'
keys ana w
wait_for ana "Your caucus note"
type_text ana "$ANA_NOTE"
keys ana Enter
wait_for ana "Ana (Community): $ANA_NOTE"
keys fac W
wait_for fac "rename"
select_row fac "Ana"
keys fac M
wait_for fac "Move Ana to which group?"
select_row fac "Police"
keys fac Enter
wait_for ana "You: Ana (Police)"
wait_for ana "Jo (Police): $NOTE"
screen jo | grep -qF "$ANA_NOTE" && fail "the Community note reached Police"
# What she writes now is the Police caucus's.
keys ana w
wait_for ana "Your caucus note"
type_text ana "Ahora con la policía"
keys ana Enter
wait_for jo "Ana (Police): Ahora con la policía"
echo "caucus: ok"
