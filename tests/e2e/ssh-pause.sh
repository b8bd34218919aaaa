#!/usr/bin/env bash
# ssh-pause.sh - an SSH participant may take their time at the prompts.
# Their screen counts the room silent after 15 s (NET_DEAD_MS) once it
# has sent the join code, as any client does, so the room must keep
# talking to it (the heartbeat) while they type their name, choose their
# group, or type the code again after a wrong one.  Before, the room let
# a person who had typed the code be: 15 s at the name prompt and their
# screen ended with "the connection to the room was lost".  Here one waits 20 s
# at the name prompt and then at the group's list, another 20 s after a
# wrong code; both then join, and the room counts them present.  A group
# the facilitator adds meanwhile reaches the list of the one choosing
# hers (her selection kept), and leaves the name the other is typing
# alone.
# It mostly waits on the clock, so it runs beside the others:
# e2e: beside
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
serve_room ABC-234 "Pauses"

ssh_guest ana
guest_code ana ABC-234

ssh_guest bo
answer_password bo
wait_for bo "Join code:"
type_text bo "XYZ-999"
keys bo Enter
wait_for bo "wrong join code"

sleep 20
# Asked for the code again, bo is not "joining…" (it said so until he
# typed one).
screen bo | grep -q "joining…" && fail "bo still joining: $(screen bo)"
screen ana | grep -qF "Your name: guest" ||
    fail "ana's name prompt went after 20 s: $(screen ana)"
keys ana C-u
type_text ana "Ana"
keys ana Enter
wait_for ana "Choose your stakeholder group"
# The facilitator adds a group meanwhile: it is on her list at once, and
# what she had selected stays selected.
select_row ana "Police"
keys fac g
wait_for fac "New stakeholder group:"
type_text fac "Juventud"
keys fac Enter
wait_for ana "Juventud"
selected ana | grep -qF "Police" || fail "ana's selection moved: $(selected ana)"
sleep 20
screen ana | grep -qF "Choose your stakeholder group" ||
    fail "ana's group list went after 20 s: $(screen ana)"
select_row ana "Juventud"
keys ana Enter
wait_for ana "You: Ana (Juventud)"

screen bo | grep -qF "Join code:" ||
    fail "bo's code prompt went after 20 s: $(screen bo)"
keys bo C-u
type_text bo "ABC-234"
keys bo Enter
wait_for bo "Your name: guest"
# A group added while Bo types his name leaves what he typed alone, and
# is on the list he gets next.
keys bo C-u
type_text bo "Bo"
keys fac g
wait_for fac "New stakeholder group:"
type_text fac "Mujeres del mercado"
keys fac Enter
wait_for fac "Mujeres del mercado"
sleep 1
wait_for bo "Your name: Bo"
keys bo Enter
wait_for bo "Choose your stakeholder group"
wait_for bo "Mujeres del mercado"
keys bo Enter
wait_for bo "You: Bo"
wait_for fac "Present 2"
echo "ssh-pause: ok"
