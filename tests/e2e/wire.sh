#!/usr/bin/env bash
# wire.sh - nothing readable crosses the network.  A relay between the
# participants and the room records every byte both ways while an SSH
# participant and a `roundtable join` participant type the join code, write
# a line each and a caucus note; none of it is in the recording.  The same
# relay in front of the plain protocol does see a name and the code, so
# the check can tell clear text when there is some.
. "$(dirname "$0")/lib.bash"

TAP=${BUILD_DIR:-$(dirname "$RT")/build}/tools/taprelay
[ -x "$TAP" ] || fail "no $TAP: run make tools"
CODE=WQX-347
MARK_SSH='marcador-ssh-7f3a'
MARK_JOIN='marcador-join-9c1d'
NOTE='nota-de-caucus-5e2b'

# tap NAME TARGET_PORT: a recording relay; sets TAP_PORT.
TAPS=()
trap 'kill "${TAPS[@]}" 2>/dev/null; cleanup' EXIT
tap() {
	"$TAP" 0 "$2" "$WORK/$1.bin" >"$WORK/$1.out" &
	TAPS+=($!)
	local deadline=$((SECONDS + 10))
	until TAP_PORT=$(sed -n 's/^port //p' "$WORK/$1.out") &&
	    [ -n "$TAP_PORT" ]; do
		((SECONDS < deadline)) || fail "the relay did not start"
		sleep 0.05
	done
}

start fac "$RT" serve --port 0 --ssh-port auto --code "$CODE"
wait_for fac "--code $CODE"
PORT=$(join_port fac)
tap ssh "$PORT"
SSH_TAP=$TAP_PORT

mkdir -p "$WORK/ana"
start ana env HOME="$WORK/ana" ssh -F none -p "$SSH_TAP" \
    -o StrictHostKeyChecking=accept-new \
    -o UserKnownHostsFile="$WORK/ana/known_hosts" ana@127.0.0.1
wait_for ana "Join code:"
type_text ana "$CODE"
keys ana Enter
wait_for ana "Your name: ana"
keys ana Enter
wait_for ana "Choose your stakeholder group"
keys ana Enter
wait_for ana "You: ana"
start jose "$RT" join "127.0.0.1:$SSH_TAP" --code "$CODE" --name "José" \
    --group Police
wait_for jose "You: José (Police)"
wait_for fac "Present 2"

goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
wait_for jose "Phase 2/9 · Expectations"
keys ana w
wait_for ana "Your expectation"
type_text ana "$MARK_SSH"
keys ana Enter
keys jose w
wait_for jose "Your expectation"
type_text jose "$MARK_JOIN"
keys jose Enter
for w in fac ana jose; do
	wait_for "$w" "$MARK_SSH"
	wait_for "$w" "$MARK_JOIN"
done
goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
wait_for jose "Phase 5/9 · Caucus"
keys ana w
wait_for ana "Your caucus note"
type_text ana "$NOTE"
keys ana Enter
wait_for ana "$NOTE"
keys jose w
wait_for jose "Your caucus note"
type_text jose "$NOTE-police"
keys jose Enter
wait_for jose "$NOTE-police"

size=$(stat -c %s "$WORK/ssh.bin")
((size > 20000)) || fail "the relay recorded only $size bytes"
grep -qaF 'SSH-2.0-' "$WORK/ssh.bin" || fail "the recording is not SSH"
for secret in "$CODE" "$MARK_SSH" "$MARK_JOIN" "$NOTE" "José" \
    "Community" "Police"; do
	grep -qaF -- "$secret" "$WORK/ssh.bin" &&
	    fail "readable on the network: $secret"
done

# The control: the plain protocol through the same kind of relay is
# readable, so the checks above would have seen clear text.
start room "$RT" serve --headless --ssh-port 0 --port 0 --code "$CODE" \
    --state "$WORK/plain.rtj"
wait_for room "on this computer:"
PLAIN=$(screen room | sed -n 's/^on this computer: .*:\([0-9]*\) --code.*/\1/p')
tap plain "$PLAIN"
start lina "$RT" join --plain "127.0.0.1:$TAP_PORT" --code "$CODE" \
    --name "Lina-en-claro" --group Police
wait_for lina "You: Lina-en-claro (Police)"
grep -qaF "Lina-en-claro" "$WORK/plain.bin" ||
    fail "the control relay did not see the plain protocol's name"
grep -qaF "$CODE" "$WORK/plain.bin" ||
    fail "the control relay did not see the plain protocol's code"
echo "wire: ok"
