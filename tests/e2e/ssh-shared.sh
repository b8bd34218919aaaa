#!/usr/bin/env bash
# ssh-shared.sh - one laptop, two people.  Ana joins over ssh with the
# laptop's key and writes a caucus note for the traders; Bo, police, sits
# down at the same laptop: the key does not make him Ana.  He is asked who
# he is, says someone else, and joins with the code and his own name; he
# never sees the traders' caucus.  Ana comes back with the key by saying
# it is her; Bo comes back as himself, as people without a key do.
# (Before, the key brought back Ana at once, whoever typed the ssh line:
# Bo would have been Ana, traders' caucus and all.)
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
STATE=$WORK/room.rtj
NOTE='Pagamos a los guardias de noche'
mkdir -p "$WORK/laptop/.ssh"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/laptop/.ssh/id_ed25519" ||
    fail "ssh-keygen failed"
# laptop WINDOW USER: the laptop's ssh, its key offered, as USER.
laptop() {
	start "$1" env HOME="$WORK/laptop" ssh -F none -p "$PORT" \
	    -i "$WORK/laptop/.ssh/id_ed25519" -o IdentitiesOnly=yes \
	    -o StrictHostKeyChecking=accept-new \
	    -o UserKnownHostsFile="$WORK/laptop/.ssh/known_hosts" "$2@127.0.0.1"
}

start fac "$RT" serve --port 0 --ssh-port auto --code ABC-234 \
    --state "$STATE" --group Traders --group Police
wait_for fac "--code ABC-234"
PORT=$(join_port fac)
[ -n "$PORT" ] || fail "no port in the join line"
# An 80-column projector: the whole join line does not fit, so it gives
# the ssh line and the code (it was cut before the code: "--code ABC…").
tm resize-window -t fac -x 80 -y 24
wait_for fac " · code ABC-234"
screen fac | grep -qF "Join: ssh -p $PORT " || fail "no ssh line at 80 columns"
tm resize-window -t fac -x 100 -y 30
wait_for fac "roundtable join"

laptop ana ana
wait_for ana "Join code:"
type_text ana "ABC-234"
keys ana Enter
wait_for ana "Your name: ana"
keys ana C-u
type_text ana "Ana Pérez"
keys ana Enter
wait_for ana "Choose your stakeholder group"
select_row ana "Traders"
keys ana Enter
wait_for ana "You: Ana Pérez (Traders)"
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
keys ana w
wait_for ana "Your caucus note:"
type_text ana "$NOTE"
keys ana Enter
wait_for ana "Ana Pérez (Traders): $NOTE"
keys ana q y
wait_exit ana
wait_for fac "Present 0"

# Bo at the same laptop: asked who he is, not let in as Ana.
laptop bo bo
wait_for bo "This computer's SSH key brought someone into this room before."
wait_for bo "Ana Pérez"
wait_for bo "Someone else: I join under my own name"
screen bo | grep -qF "$NOTE" && fail "the traders' note before Bo said who he is"
select_row bo "Someone else"
keys bo Enter
wait_for bo "Join code:"
type_text bo "ABC-234"
keys bo Enter
wait_for bo "Your name: bo"
keys bo Enter
wait_for bo "Choose your stakeholder group"
select_row bo "Police"
keys bo Enter
wait_for bo "You: bo (Police)"
wait_for fac "Present 1 · Police: bo"
screen bo | grep -qF "$NOTE" && fail "Bo sees the traders' caucus"
screen bo | grep -qF "Ana Pérez (Traders)" && fail "Bo came in as Ana"
keys bo q y
wait_exit bo
wait_for fac "Present 0"

# Ana comes back with the key: it is her, one Enter, no code.
laptop ana2 ana
wait_for ana2 "Who are you?"
select_row ana2 "Ana Pérez"
keys ana2 Enter
wait_for ana2 "You: Ana Pérez (Traders)"
wait_for ana2 "Ana Pérez (Traders): $NOTE"
screen ana2 | grep -qF "Join code:" && fail "Ana was asked for the code"
keys ana2 q y
wait_exit ana2
wait_for fac "Present 0"

# Bo comes back as himself: the code and his name, no group asked.
laptop bo2 bo
wait_for bo2 "Who are you?"
select_row bo2 "Someone else"
keys bo2 Enter
wait_for bo2 "Join code:"
type_text bo2 "ABC-234"
keys bo2 Enter
wait_for bo2 "Your name: bo"
keys bo2 Enter
wait_for bo2 "You: bo (Police)"
screen bo2 | grep -qF "Choose your stakeholder group" && fail "Bo was a newcomer"
screen bo2 | grep -qF "$NOTE" && fail "Bo sees the traders' caucus"
echo "ssh-shared: ok"
