#!/usr/bin/env bash
# lockout.sh - ten wrong join codes in a minute from one address lock that
# address out for a minute, and whoever is there is told so in words, not
# "closed the connection": an SSH guest sees it in their own terminal when
# their ssh ends, a `roundtable join` on its status line while it keeps
# trying, and gets in by itself once the minute is up.  Someone from
# another address walks in meanwhile.
# It mostly waits on the room's clock, so it runs beside the others:
# e2e: beside
. "$(dirname "$0")/lib.bash"

serve_room ABC-234 "Lockout"

# Ten wrong codes from 127.0.0.1, over ssh: each is asked for again.
ssh_guest eve
answer_password eve
for i in $(seq 1 10); do
	type_text eve "WRONG-$i"
	keys eve Enter
	wait_for eve "wrong join code"
	keys eve C-u
done
# The eleventh try is turned away, and ssh ends with the reason.
type_text eve "ABC-234"
keys eve Enter
wait_for eve "too many wrong join codes from this address; wait a minute"
wait_exit eve
screen eve | grep -q "room:0\|closed the connection" &&
	fail "the guest was told about a connection, not the lockout"

# A `roundtable join` from the same address, with the right code, is
# told the same and keeps trying; it does not pretend the room is gone.
start jo "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name Jo \
    --group Community
tm resize-window -t jo -x 80 -y 24 2>/dev/null
wait_for jo "too many wrong join codes from this address; wait a minute"
# Whole at 80 columns, when to try again included (the waiting screen
# cut it at its width: "... try again — ret…").
wait_for jo "and try again"
wait_for jo "retrying…"
screen jo | grep -q "closed the connection" &&
	fail "the join was told about a connection, not the lockout"

# Another address (127.0.0.5) is not locked out.
ssh_guest ana -b 127.0.0.5
answer_password ana
type_text ana "ABC-234"
keys ana Enter
wait_for ana "Your name: guest"
keys ana C-u
# A name past the room's limit is stopped there, saying what the limit is.
type_text ana "$(printf 'x%.0s' $(seq 1 61))"
wait_for ana "A name is at most 60 bytes long (an accented letter counts as two)."
first_group ana Ana
wait_for fac "Present 1"
# Jo is still kept out, still told why.
sleep 3
screen fac | grep -q "Jo " && fail "Jo got in during the lockout"
wait_for jo "too many wrong join codes"
# A minute after the first wrong code the address is let in again: Jo,
# still trying by itself, joins without a key pressed.
wait_for jo "You: Jo" 75
wait_for fac "Present 2"

echo "lockout: ok"
