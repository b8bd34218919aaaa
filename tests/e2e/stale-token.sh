#!/usr/bin/env bash
# stale-token.sh - someone whose computer kept a token the room no longer
# knows (the room restored from an earlier record, its key kept) joins
# with a group or as an observer and types their name: the stale token
# is tried, refused, and they are let in by their name all the same.  (A
# change to how the screen takes the room's list of groups once left them
# at "joining…" for good; an independent review found it.)
. "$(dirname "$0")/lib.bash"

STATE=$WORK/room.rtj
start fac "$RT" serve --port 0 --ssh-port auto --code ABC-234 --state "$STATE"
wait_for fac "--code ABC-234"
PORT=$(join_port fac)
for who in Ana Olu; do
	start "first$who" "$RT" join "127.0.0.1:$PORT" --code ABC-234 \
	    --name "$who" --group Police
	wait_for "first$who" "You: $who (Police)"
	keys "first$who" q y
	wait_exit "first$who"
done
keys fac q y
wait_exit fac
# The record goes; the room's key stays, so the tokens are looked for.
rm -f "$STATE"
start fac2 "$RT" serve --port 0 --ssh-port auto --code ABC-234 --state "$STATE"
wait_for fac2 "--code ABC-234"
PORT=$(join_port fac2)

start ana "$RT" join "127.0.0.1:$PORT" --code ABC-234 --group Police
wait_for ana "Your name:"
type_text ana "Ana"
keys ana Enter
wait_for ana "You: Ana (Police)"

start olu "$RT" join "127.0.0.1:$PORT" --code ABC-234 --observer
wait_for olu "Your name:"
type_text olu "Olu"
keys olu Enter
wait_for olu "You: Olu"
wait_for fac2 "Observers: 1"
echo "stale-token: ok"
