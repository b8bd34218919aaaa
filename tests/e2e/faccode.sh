#!/usr/bin/env bash
# faccode.sh - the co-facilitators' code is hidden on the projected
# screen unless the facilitator shows it with h, in the key bar's screen
# and in ? help alike; the choice is kept in the record, so serving the
# room again does not put the code back on the projector (issue 15);
# outside Welcome, h says the code is in ? help.
. "$(dirname "$0")/lib.bash"

serve() {
	start fac "$RT" serve --port 0 --ssh-port auto --code KXM-47P
	wait_for fac "Phase 0/9 · Welcome"
}
stop() {
	keys fac q
	wait_for fac "Close the room for everyone?"
	keys fac y
	wait_exit fac
	tm kill-window -t fac
}
code_hidden() {
	wait_for fac "Co-facilitator code hidden — h shows it"
	screen fac | grep -qF -- "Co-facilitator code:" &&
	    fail "the projector shows the co-facilitators' code$1"
	keys fac '?'
	wait_for fac "Co-facilitators"
	screen fac | grep -qF -- "--facilitator-code" &&
	    fail "? help shows the co-facilitators' code$1"
	keys fac Escape
	wait_gone fac "Co-facilitators"
}

serve
code_hidden " by default"
# Keys that come at once are typed or pasted text, not commands: the h of
# "The" (its T, taken for text, let the h through) or of "hello" must not
# put the code on the projector.  One write each (paste-buffer without
# -p: no bracketed paste).
paste_at_once() {
	tm set-buffer -- "$1"
	tm paste-buffer -t fac
}
paste_at_once "The"
wait_for fac "Typing ignored (pause, then press a key)"
sleep 2
screen fac | grep -qF -- "Co-facilitator code:" &&
    fail "a pasted \"The\" showed the co-facilitators' code"
paste_at_once "hello"
wait_for fac "The co-facilitator code stays hidden"
sleep 2
screen fac | grep -qF -- "Co-facilitator code:" &&
    fail "a pasted \"hello\" showed the co-facilitators' code"
keys fac h
wait_for fac "Co-facilitator code: "
# The notice says what happened (it said the opposite: the serving
# screen's state had changed before the notice read it).
wait_for fac "Co-facilitator code shown — h hides it"
stop
serve
# Shown was asked for, and is remembered.
wait_for fac "Co-facilitator code: "
keys fac h
wait_for fac "Co-facilitator code hidden — h shows it"
screen fac | grep -qF "Co-facilitator code shown — h hides it" &&
    fail "hiding the code said it was shown"
stop
serve
code_hidden " after a restart"
# In another phase the code is only in ? help (and Welcome's list): the
# notice says so (it said "shown" of a code nowhere on the screen).
goto_phase fac Expectations
keys fac h
wait_for fac "Co-facilitator code shown in ? help and in Welcome — h hides it"
keys fac '?'
wait_for fac "--facilitator-code"
# The facilitator's own keys come first (they were on the third page,
# after everyone's).
screen fac | grep -qE "^ +Facilitator$" ||
    fail "? help does not start with the facilitator's keys: $(screen fac)"
screen fac | grep -qE "^ +Everyone$" &&
    fail "? help puts everyone's keys before the facilitator's"
# Ctrl-C over the help asks, and n gives the help back (it closed it).
keys fac C-c
wait_for fac "Close the room for everyone? y/n"
keys fac n
wait_gone fac "Close the room for everyone? y/n"
wait_for fac "--facilitator-code"
keys fac Escape
wait_gone fac "--facilitator-code"
keys fac h
wait_for fac "Co-facilitator code hidden — h shows it"
echo "faccode: ok"
