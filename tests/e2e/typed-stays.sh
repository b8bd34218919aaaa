#!/usr/bin/env bash
# typed-stays.sh - what a participant is typing outlives a phase that has
# nowhere for it: Ana writes an expectation, the facilitator moves the
# room to Dialogue before putting a question, and her Enter keeps the text
# and says why; once the question is put, Enter files it as her answer.
# (Before, the Enter threw the text away.)
# And a reason prompt left empty does not outlive its check: Ana agrees to
# a ground rule with reservations and gives no reason; the next check's 1
# answers it, and once the room moves to Dialogue her w and answer there
# are her answer, not the reason for her reservation (before, the prompt
# stayed open and took them).
# Ctrl-C while typing asks before leaving, and keeps the line.
. "$(dirname "$0")/lib.bash"

TEXT='Luz en la plaza del mercado'
serve_room KXM-47P "Barrio Norte"
join_room ana "Ana Pérez" Community 1
# A notice about a phase goes with it (it stayed until the next key).
keys ana w
wait_for ana "There is nothing to write during Welcome"
goto_phase fac "Preparing the process"
wait_gone ana "There is nothing to write during Welcome"
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
keys ana w
wait_for ana "Your expectation:"
type_text ana "$TEXT"
wait_for ana "$TEXT"
# Ctrl-C in the middle of it asks, as q does, and n gives the line back
# (it left at once, and the words with it).
keys ana C-c
wait_for ana "Leave the room? y/n"
keys ana n
wait_gone ana "Leave the room? y/n"
wait_for ana "Your expectation: $TEXT"
# Keys typed in the same burst as the Ctrl-C are kept too (the terminal
# threw them away with the signal).
tm send-keys -t ana " más" C-c
wait_for ana "Leave the room? y/n"
keys ana n
wait_for ana "Your expectation: $TEXT más"
keys ana BSpace BSpace BSpace BSpace
wait_gone ana "$TEXT más"

goto_phase fac Dialogue
wait_for ana "Dialogue"
# A phase's own rule holds for every phase of its kind, and K says which
# (it said "this phase only"; Preparing the process puts questions too).
keys fac K
wait_for fac "Confidentiality: 1 open"
keys fac 2
wait_for fac "every phase of this kind (Preparing the process, Dialogue) · Esc"
wait_for fac "p these phases"
keys fac Escape
wait_gone fac "every phase of this kind"
keys ana Enter
wait_for ana "what you typed stays here"
wait_for ana "Your expectation: $TEXT"
screen fac | grep -qF "$TEXT" && fail "the text was sent with nowhere to go"

# The question is put: the next Enter says where it goes, then sends it.
keys fac t
sleep 0.3
type_text fac "¿Qué necesita el barrio?"
keys fac Enter
wait_for ana "¿Qué necesita el barrio?"
keys ana Enter
wait_for ana "sends this as your answer"
keys ana Enter
wait_for fac "$TEXT"
wait_for ana "Ana Pérez (Community): $TEXT"

goto_phase fac "Ground rules"
wait_for ana "Phase 3/9 · Ground rules"
keys fac c
wait_for fac "Enter named"
keys fac Enter
wait_for ana "1 agree  2 agree with reservations"
keys ana 2
wait_for ana "Your reservation counts. Your reason (optional):"
# The facilitator closes it and checks the next rule: the empty prompt
# goes and Ana's 1 answers the new check (it was typed into the reason).
keys fac C
wait_for fac "R reveals"
keys fac R
wait_for fac "1. Listen to each other"
select_row fac "Draft: Stay open"
keys fac c
wait_for fac "Enter named"
keys fac Enter
wait_for ana "Another check is open: your answer to the last one counts"
keys ana 1
wait_for ana "Your answer: agree;"
keys ana 2
wait_for ana "Your reservation counts. Your reason (optional):"
goto_phase fac Dialogue
wait_for ana "The room moved to Dialogue: your answer to the check counts"
keys fac t
sleep 0.3
type_text fac "¿Y de noche?"
keys fac Enter
wait_for ana "¿Y de noche?"
keys ana w
wait_for ana "Your answer:"
type_text ana "Patrullas de noche"
keys ana Enter
wait_for fac "Patrullas de noche"
wait_for ana "Ana Pérez (Community): Patrullas de noche"

# A caucus note being typed when the room moves on is its group's: it is
# not offered to the Charter (one more Enter sent it there, for the whole
# room to read), and goes as the note once the room is back in Caucus.
NOTE='Nota del grupo: nadie más la lee'
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
keys ana w
wait_for ana "Your caucus note:"
type_text ana "$NOTE"
goto_phase fac Charter
wait_for ana "Phase 6/9 · Charter"
keys ana Enter
wait_for ana "this is a caucus note, for your group only"
# Whole at 70x24, to its last word (a notice was cut at two lines:
# "... Esc drops …"; the French lost "Esc l'abandonne." at 80 columns).
tm resize-window -t ana -x 70 -y 24 2>/dev/null
wait_for ana "Esc drops"
wait_re ana "^ +it\.$"
tm resize-window -t ana -x 100 -y 30 2>/dev/null
keys ana Enter
wait_for ana "this is a caucus note, for your group only"
sleep 1
screen fac | grep -qF "$NOTE" && fail "a caucus note reached the Charter"
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
keys ana Enter
wait_for ana "Ana Pérez (Community): $NOTE"
screen fac | grep -qF "$NOTE" && fail "the projector shows a caucus note"

# Leaving with Ctrl-C twice over words half typed: they are said after
# the screen (they went without a word).
# (The shell around it ignores the Ctrl-C: it would die of the first one,
# and its window could close before the words.)
start bo sh -c 'trap "" INT; "$0" join "$@"; echo "exit status $?";
    sleep 600' "$RT" "127.0.0.1:$PORT" --code "$CODE" --name "Bo" \
    --group Police
wait_for bo "You: Bo (Police)"
keys bo w
wait_for bo "Your caucus note"
type_text bo "Palabras sin enviar"
keys bo C-c
wait_for bo "Leave the room? y/n"
keys bo C-c
wait_for bo "What you were typing was not sent:"
wait_for bo "Palabras sin enviar"
wait_for bo "exit status 0"
echo "typed-stays: ok"
