#!/usr/bin/env bash
# room.sh - a room end to end, as people see it: the facilitator serves,
# two participants join (one answering the questions on screen), both
# appear on the projector, the room walks to Ground rules, a participant
# proposes a rule in Spanish and Japanese, a participant's attempt to move
# the phase is refused on their screen, the facilitator adopts the rule,
# the server is killed with -9 and restarted, both come back on their own
# under the same names, and the exported charter holds the rule and both
# participants under their groups.
. "$(dirname "$0")/lib.bash"

RULE='¡Hablar por turnos — ñandú, 日本語!'

start fac "$RT" serve --port 0 --ssh-port auto --code KXM-47P --title "Diálogo de seguridad"
wait_for fac "Phase 0/9 · Welcome"
wait_for fac "--code KXM-47P"
PORT=$(join_port fac)
[ -n "$PORT" ] || fail "no port in the join line"

# Ana's account is new: no ~/.local yet, and no XDG_STATE_HOME.
mkdir "$WORK/home-ana"
start ana env -u XDG_STATE_HOME HOME="$WORK/home-ana" \
    "$RT" join "127.0.0.1:$PORT" --code kxm47p --name "Ana Pérez" \
    --group Community
start jose "$RT" join "127.0.0.1:$PORT"
wait_for jose "Join code:"
type_text jose "KXM-47P"
keys jose Enter
wait_for jose "Your name:"
# The room answered: the status line no longer says it is joining.
screen jose | grep -qF "joining…" && fail "still joining… at the name"
type_text jose "José Núñez"
keys jose Enter
wait_for jose "Choose your stakeholder group"
screen jose | grep -qF "joining…" && fail "still joining… at the groups"
keys jose Down Down Down Enter		# Police
wait_for jose "You: José Núñez (Police)"

wait_for fac "Present 2"
wait_for fac "Community: Ana Pérez"
wait_for fac "Police: José Núñez"

goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
goto_phase fac "Ground rules"
wait_for ana "Phase 3/9 · Ground rules"
wait_for jose "Phase 3/9 · Ground rules"
wait_for ana "Draft: Listen to each other"

# A participant cannot move the room.
keys jose n
wait_for jose "only a facilitator can move the room to another phase"
wait_for fac "Phase 3/9 · Ground rules"

keys ana w
wait_for ana "Your ground rule:"
# Typed with a slip, then mended: Backspace, Home and End over accented
# and wide characters.
type_text ana "Hablar por turnos — ñandú, 日本語X"
keys ana BSpace Home
type_text ana "¡"
keys ana End
type_text ana "!"
wait_for ana "$RULE"
keys ana Enter
wait_for fac "Proposed by Ana Pérez (Community): $RULE"
wait_for jose "Proposed by Ana Pérez (Community): $RULE"

keys fac End a
wait_for jose "1. $RULE"
wait_for ana "1. $RULE"

# kill -9, then the same record again.
kill -9 "$(pane_pid fac)"
wait_for ana "reconnecting"
wait_for jose "reconnecting"
start fac2 "$RT" serve --port 0 --ssh-port "$PORT"
wait_for fac2 "Phase 3/9 · Ground rules"
wait_for fac2 "1. $RULE"
wait_for fac2 "Present 2" 15
wait_for fac2 "Community: Ana Pérez"
wait_for fac2 "Police: José Núñez"
wait_gone ana "reconnecting" 15
wait_gone jose "reconnecting" 15
wait_for jose "You: José Núñez (Police)"

"$RT" export --charter -o "$WORK/charter.txt" "$WORK/roundtable.rtj" ||
    fail "export failed"
grep -qF "1. $RULE" "$WORK/charter.txt" || fail "charter lacks the rule"
grep -qF "Community: Ana Pérez" "$WORK/charter.txt" ||
    fail "charter lacks Ana under Community"
grep -qF "Police: José Núñez" "$WORK/charter.txt" ||
    fail "charter lacks José under Police"
# The charter is written beside its name and renamed: never through a
# link someone left where the old fixed temporary name was, never mixed
# with another export's bytes, and with a document's usual mode.
echo "the facilitator's notes" >"$WORK/notes.txt"
ln -s "$WORK/notes.txt" "$WORK/charter.txt.tmp"
rm "$WORK/charter.txt"	# a new file takes the umask's mode
(umask 027 && "$RT" export --charter -o "$WORK/charter.txt" \
    "$WORK/roundtable.rtj") || fail "export over a planted link failed"
[ "$(cat "$WORK/notes.txt")" = "the facilitator's notes" ] ||
    fail "export wrote through the link at charter.txt.tmp"
[ "$(stat -c %a "$WORK/charter.txt")" = 640 ] ||
    fail "charter's mode is $(stat -c %a "$WORK/charter.txt"), not 640 (umask 027)"
grep -qF "1. $RULE" "$WORK/charter.txt" || fail "second charter lacks the rule"
# A charter the facilitator keeps to themselves stays theirs when written
# again.
chmod 600 "$WORK/charter.txt"
"$RT" export --charter -o "$WORK/charter.txt" "$WORK/roundtable.rtj" ||
    fail "export over a 0600 charter failed"
[ "$(stat -c %a "$WORK/charter.txt")" = 600 ] ||
    fail "charter's mode became $(stat -c %a "$WORK/charter.txt"), not 600"
left=$(find "$WORK" -maxdepth 1 -name 'charter.txt.*' ! -name charter.txt.tmp)
[ -z "$left" ] || fail "export left $left behind"
# Ana's laptop dies; she starts roundtable again and is back as herself
# (her token was kept on disk), without being asked for her group.
kill -9 "$(pane_pid ana)"
wait_exit ana
start ana2 env -u XDG_STATE_HOME HOME="$WORK/home-ana" \
    "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "Ana Pérez"
wait_for ana2 "You: Ana Pérez (Community)"
ls "$WORK"/home-ana/.local/state/roundtable/*.token >/dev/null 2>&1 ||
    fail "no token kept under the new account's ~/.local/state"
wait_for ana2 "1. $RULE"
# Someone else cannot take her name.
start eve env XDG_STATE_HOME="$WORK/other" "$RT" join "127.0.0.1:$PORT" \
    --code KXM-47P --name "Ana Pérez" --group Police
wait_for eve "someone called Ana Pérez has already joined this room"
"$RT" export --charter -o "$WORK/charter.txt" "$WORK/roundtable.rtj" ||
    fail "export failed"

# Nobody new was made by the reconnects.
[ "$(grep -c 'Pérez\|Núñez' "$WORK/charter.txt")" -eq 2 ] ||
    fail "participants duplicated in the charter"
echo "room: ok"
