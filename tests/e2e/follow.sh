#!/usr/bin/env bash
# follow.sh - a screen follows the list whose newest entry it is on, and
# whoever writes sees what they wrote.  In Dialogue the answers to the
# question put to the room come above the list of questions, so End (the
# last question) cannot follow them: the projector on the newest answer
# follows the next ones as they come.  Bob, reading the first answer,
# writes one: his screen selects it.  In Framing and vision the problem
# statements come above the vision statements: Ana, on the last vision
# statement (End), writes a problem statement and her screen shows it,
# selected, and stays so as the room writes on; Bob, on the newest
# problem statement (his own), follows hers; the projector, whose
# selection fell on that statement by default, does not walk down.
. "$(dirname "$0")/lib.bash"

serve_room FLW-358 "Following"
join_room ana "Ana" Community 1
join_room bob "Bob" Police 2
goto_phase fac Dialogue
wait_for ana "Phase 4/9 · Dialogue"

# The first question, put to the room.
keys fac Home
wait_re fac "^ ▶ 1\. "
keys fac s
wait_for ana "Answers"

answer() {
	keys "$1" w
	wait_for "$1" "Your answer"
	type_text "$1" "$2"
	keys "$1" Enter
	wait_for fac "$2"
}
answer ana "Lights on the market road"
answer bob "Patrols that stop and talk"

# The projector on the newest answer follows the next one.
select_row fac "Bob (Police): Patrols that stop and talk"
answer ana "A phone number that answers"
wait_re fac "^ ▶ +Ana \(Community\): A phone number that answers"

# Bob reads the first answer and writes one: his own is selected.
select_row bob "Ana (Community): Lights on the market road"
answer bob "Shops open after dark"
wait_re bob "^ ▶ +Bob \(Police\): Shops open after dark"
# (and the projector, still on the newest, follows it)
wait_re fac "^ ▶ +Bob \(Police\): Shops open after dark"

goto_phase fac "Framing and vision"
wait_for ana "Phase 7/9 · Framing and vision"
wait_for bob "Phase 7/9 · Framing and vision"
keys bob f
wait_for bob "Your problem statement:"
type_text bob "The road floods"
keys bob Enter
wait_for ana "#1 Bob (Police): The road floods"
keys ana w
wait_for ana "Your vision statement:"
type_text ana "A market everyone can reach"
keys ana Enter
wait_for bob "#2 Ana (Community): A market everyone can reach"
wait_for fac "#2 Ana (Community): A market everyone can reach"
keys ana End
wait_re ana "^ ▶ +#2 Ana"
# Bob stays on his problem statement, the newest of its list; the
# projector's selection fell on it too, by default (no key moved it).
wait_re bob "^ ▶ +#1 Bob"
wait_re fac "^ ▶ +#1 Bob"

# Ana, on the vision statements, writes a problem statement: hers is
# selected on her screen, and Bob follows the problem statements to it;
# the projector, whose selection no key put there, stays.
keys ana f
wait_for ana "Your problem statement:"
type_text ana "Nobody lights the stalls"
keys ana Enter
wait_re ana "^ ▶ +#3 Ana \(Community\): Nobody lights the stalls"
wait_re bob "^ ▶ +#3 Ana \(Community\): Nobody lights the stalls"
wait_for fac "#3 Ana (Community): Nobody lights the stalls"
sleep 0.5
selected fac | grep -qF "#1 Bob" ||
    fail "the projector's selection moved by itself: $(selected fac)"

# The room writes on: Ana's selection stays on what she wrote (End's
# following stopped there).
keys bob w
wait_for bob "Your vision statement:"
type_text bob "Stalls with light"
keys bob Enter
wait_for ana "#4 Bob (Police): Stalls with light"
sleep 0.5
selected ana | grep -qF "#3 Ana" ||
    fail "Ana's selection left her statement: $(selected ana)"
exit 0
