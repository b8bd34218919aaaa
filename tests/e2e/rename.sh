#!/usr/bin/env bash
# rename.sh - who wrote what is shown by the name the room knows now.
# The screens keep each author's label from one frame to the next (a
# room of thousands of statements has a few hundred authors) and make it
# again when what it is made of changes: after the facilitator renames
# someone (W, E), every screen shows their contributions under the new
# name, and a screen switched to French (F2) writes the label the French
# way ("Ana Maria (Communauté) : ...").  Bob joins with ssh, whose screen
# has a key for its language.  Renamed, each comes back by the new name:
# Bob over ssh with the code, Ana with her name alone.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"

serve_room REN-318 "Renaming"
join_room ana "Ana" Community 1
ssh_guest bob
answer_password bob
wait_for bob "Type the join code shown"
type_text bob "REN-318"
keys bob Enter
wait_for bob "Your name: guest"
keys bob C-u
type_text bob "Bob"
keys bob Enter
wait_for bob "Choose your stakeholder group"
select_row bob "Police"
keys bob Enter
wait_for bob "You: Bob (Police)"
wait_for fac "Present 2"
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
wait_for bob "Phase 2/9 · Expectations"

keys ana w
wait_for ana "Your expectation:"
type_text ana "Safe streets at night"
keys ana Enter
for w in ana bob fac; do
	wait_for "$w" "Ana (Community): Safe streets at night"
done

# The facilitator renames Ana.  (End and Home move in the list of
# people: End did nothing.)
keys fac W
wait_for fac "rename"
keys fac End
for i in $(seq 50); do selected fac | grep -qF "Bob" && break; sleep 0.1; done
selected fac | grep -qF "Bob" || fail "End did not reach Bob: $(selected fac)"
keys fac Home
for i in $(seq 50); do selected fac | grep -qF "Facilitator" && break; sleep 0.1; done
selected fac | grep -qF "Facilitator" || fail "Home did not reach the top"
select_row fac "Ana"
keys fac E
# The name is offered as it is (the line opened empty): typing replaces
# it, the arrows edit it.
wait_for fac "New name for Ana: Ana"
type_text fac "Ana Maria"
keys fac Enter
keys fac W
for w in ana bob fac; do
	wait_for "$w" "Ana Maria (Community): Safe streets at night"
	wait_gone "$w" "Ana (Community): Safe streets at night"
done

# A new contribution from her carries the new name too.
keys ana w
wait_for ana "Your expectation:"
type_text ana "Lights on the bridge"
keys ana Enter
wait_for bob "Ana Maria (Community): Lights on the bridge"

# Bob's screen in French (F2 after English): the label is written the
# French way.
keys bob F2
wait_for bob "Cet écran est maintenant en français"
wait_for bob "Ana Maria (Communauté) : Safe streets at night"
wait_for bob "Ana Maria (Communauté) : Lights on the bridge"
# Ana's own screen stayed in English.
wait_for ana "Ana Maria (Community): Lights on the bridge"

# Bob, who joined with ssh and no key, is renamed "Robert" and leaves.
# He comes back by the name the room shows now, with no group asked:
# the same person, his place kept.
keys fac W
wait_for fac "rename"
select_row fac "Bob"
keys fac E
wait_for fac "New name for Bob:"
type_text fac "Robert"
keys fac Enter
keys fac W
wait_for bob "Robert (Police)"
keys bob q y
wait_for fac "Present 1"
ssh_guest bob2
answer_password bob2
type_text bob2 "REN-318"
keys bob2 Enter
wait_for bob2 "Your name: guest"
keys bob2 C-u
type_text bob2 "Robert"
keys bob2 Enter
wait_for bob2 "You: Robert (Police)"
screen bob2 | grep -q "Choose your stakeholder group" &&
	fail "Robert was asked for a group, as someone new"
wait_for fac "Present 2"

# Ana, renamed "Ana Maria" on her own `roundtable join`, leaves and comes
# back with only her new name: her token is found, no code or group is
# asked for.
keys ana q y
wait_for fac "Present 1"
start ana2 "$RT" join "127.0.0.1:$PORT" --name "Ana Maria"
wait_for ana2 "You: Ana Maria (Community)"
screen ana2 | grep -q "join code" && fail "Ana Maria was asked for the code"
wait_for fac "Present 2"

# Robert leaves and is renamed "Rob" while away.  He comes back by the
# name he knew, "Robert", and is Rob; after that the name "Robert" no
# longer opens his place: a newcomer who types it with the code is
# someone new, asked for a group.
keys bob2 q y
wait_for fac "Present 1"
keys fac W
wait_for fac "rename"
select_row fac "Robert"
keys fac E
wait_for fac "New name for Robert:"
type_text fac "Rob"
keys fac Enter
keys fac W
ssh_guest bob3
answer_password bob3
type_text bob3 "REN-318"
keys bob3 Enter
wait_for bob3 "Your name: guest"
keys bob3 C-u
type_text bob3 "Robert"
keys bob3 Enter
wait_for bob3 "You: Rob (Police)"
keys bob3 q y
wait_for fac "Present 1"
SSH_START=start_told ssh_guest eve
answer_password eve
type_text eve "REN-318"
keys eve Enter
wait_for eve "Your name: guest"
keys eve C-u
type_text eve "Robert"
keys eve Enter
wait_for eve "Choose your stakeholder group"
screen eve | grep -q "You: Rob" && fail "a newcomer came in as Rob"
keys eve Enter
wait_for eve "You: Robert ("

# Removed (W, X), Eve's screen does not stay up with keys that go
# nowhere: her ssh ends at once, saying why, with status 4.
keys fac W
wait_for fac "rename"
select_row fac "Robert —"
keys fac X
wait_for fac "Remove Robert from the room?"
keys fac y
wait_for fac "Why is Robert removed?"
type_text fac "Tomó un nombre ajeno"
keys fac Enter
wait_for eve "roundtable: the facilitator removed you from the room: Tomó un nombre ajeno"
wait_for eve "exit status 4"
echo "rename: ok"
