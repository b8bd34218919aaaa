#!/usr/bin/env bash
# valgrind.sh - a serve/join/quit run with both ends under valgrind: an
# expectation, a consensus check through its close and reveal, a caucus
# note and report-back approved by its caucus and shown to the plenary,
# a raised hand given the floor, an action planned through its card and
# agreed in a second meeting: no definite leak and no invalid access
# anywhere.  (ncurses keeps some memory until exit on purpose; that is
# "still reachable", not a leak.)  An SSH participant joins too, writes
# and leaves: the hubs (the processes that do the SSH) and the process of
# their screen are under valgrind with the server (--trace-children).
# Valgrind makes every process many times slower, so it runs alone:
# e2e: alone
. "$(dirname "$0")/lib.bash"

command -v valgrind >/dev/null || fail "valgrind is not installed"
VG=(valgrind --quiet --leak-check=full --show-leak-kinds=definite
    --errors-for-leak-kinds=definite --error-exitcode=99 --track-fds=no)

# Each end writes its exit status to a file when it ends.
RC=(bash -c '"$@"; echo $? > "$0"')
ended() {	# ended serve|join: waits for that end's exit status
	local deadline=$((SECONDS + 60))
	while [ ! -s "$WORK/$1.rc" ]; do
		((SECONDS < deadline)) || fail "$1 did not quit"
		sleep 0.2
	done
}
start fac "${RC[@]}" "$WORK/serve.rc" "${VG[@]}" --trace-children=yes \
    --log-file="$WORK/serve.%p.vg" "$RT" serve --port 0 \
    --ssh-port auto --code ABC-234 --title "Réunion à Goma"
wait_for fac "Phase 0/9 · Welcome" 60
PORT=$(join_port fac)
start ana "${RC[@]}" "$WORK/join.rc" "${VG[@]}" --log-file="$WORK/join.vg" "$RT" join \
    "127.0.0.1:$PORT" --code ABC-234 --name "Amani Kabila" --group Police
wait_for fac "Police: Amani Kabila" 60
goto_phase fac Expectations 30
wait_for ana "Phase 2/9 · Expectations" 30
keys ana w
wait_for ana "Your expectation:" 30
type_text ana "Que la police écoute — 日本"
keys ana Enter
wait_for fac "Que la police écoute — 日本" 30

# An SSH participant: joins, writes, sees Amani's line, leaves with q.
ssh_guest li
answer_password li
wait_for li "Type the join code shown" 60
type_text li "ABC-234"
keys li Enter
wait_for li "Your name: guest" 60
keys li C-u
type_text li "Li Wei"
keys li Enter
wait_for li "Choose your stakeholder group" 60
keys li Enter
wait_for fac "Present 2" 60
wait_for li "Que la police écoute — 日本" 60
keys li w
wait_for li "Your expectation:" 30
type_text li "Paix — 和平"
keys li Enter
wait_for fac "Paix — 和平" 30
keys li q
wait_for li "Leave the room?" 30
keys li y
wait_for fac "Present 1" 60

# A consensus check, answered with a reason, closed and revealed.
keys fac c
wait_for fac "Enter: named" 30
keys fac Enter
wait_for ana "1 agree  2 agree with reservations" 30
keys ana 2
wait_for ana "Your reservation counts. Your reason (optional):" 30
type_text ana "Con matices"
keys ana Enter
wait_for fac "1 of 1 have answered" 30
keys fac C
wait_for fac "R reveals the result to the room" 30
keys fac R
wait_for ana "consensus (1 with reservations) — adopted" 30

# A hand raised and given the floor.
keys ana h
wait_for ana "Your hand is up" 30
keys fac '>'
wait_for ana "You have the floor" 30

# A caucus note and a report-back, approved and shown to the plenary.
goto_phase fac Caucus 30
wait_for ana "Phase 5/9 · Caucus" 30
keys ana w
wait_for ana "Your caucus note" 30
type_text ana "Nota"
keys ana Enter
keys ana b
wait_for ana "Your group's report-back" 30
type_text ana "Informe"
keys ana C-d
wait_for ana "Informe [draft]" 30
select_row ana "Informe [draft]"
keys ana c
wait_for ana "Caucus check on our report-back" 30
keys ana 1
keys ana C
wait_for ana "approved 1 of 1" 30
keys fac v
wait_for fac "for the whole room to read? y/n" 30
keys fac y
wait_for fac "R shows it to the plenary" 30
select_row fac "Police: Informe"
keys fac R
wait_for ana "Police caucus, approved 1 of 1: Informe" 30

# Action plans: an action with an owner, a due date and a cost; a
# second meeting; its follow-up.
goto_phase fac "Action plans" 30
wait_for ana "Phase 8/9 · Action plans" 30
keys ana w
wait_for ana "New action — what will be done?" 30
type_text ana "Arreglar las farolas"
keys ana Enter
wait_for fac "Arreglar las farolas" 30
select_row fac "Arreglar las farolas"
keys fac Enter
wait_for fac "Esc close  ? help" 30
keys fac o
wait_for fac "Add an owner to action 1" 30
select_row fac "Police (group)"
keys fac Enter
wait_for fac "Police (group) — not yet agreed" 30
keys fac d
wait_for fac "Due date, YYYY-MM-DD (action 1):" 30
type_text fac "2027-03-15"
keys fac Enter
wait_for fac "When:      2027-03-15" 30
keys fac '$'
wait_for fac "Cost, e.g. 1500.50 USD (action 1):" 30
type_text fac "1500 USD"
keys fac Enter
wait_for fac "Cost:      1,500.00 USD" 30
keys fac a
wait_for fac "a facilitator agreed" 30
keys fac Escape
wait_gone fac "Esc close  ? help" 30
keys fac M
wait_for fac "Start meeting 2 dated" 30
keys fac Enter
wait_for ana "Meeting 2 · " 30
goto_phase fac "Follow-up and exit" 30
wait_for ana "Phase 9/9" 30
select_row ana "Arreglar las farolas"
keys ana Enter
wait_for ana "Esc close  ? help" 30
keys ana a
wait_for ana "Status:    agreed" 30
keys ana Escape
wait_gone ana "Esc close  ? help" 30

keys ana q
wait_for ana "Leave the room?" 30
keys ana y
ended join
keys fac q
wait_for fac "Close the room for everyone?" 30
keys fac y
ended serve

status=0
for end in serve join; do
	code=$(cat "$WORK/$end.rc")
	if [ "$code" != 0 ]; then
		echo "$end ended with $code" >&2
		status=1
	fi
done
# Each log is written when its process ends: the hubs end after the room,
# once it has said goodbye.
deadline=$((SECONDS + 60))
for log in "$WORK"/serve.*.vg; do
	pid=${log##*/serve.}
	pid=${pid%.vg}
	while [ -d "/proc/$pid" ]; do
		((SECONDS < deadline)) || fail "process $pid did not end"
		sleep 0.2
	done
done
# One log for each process: the server, the hubs, the screen of the SSH
# participant, and the join.
nlogs=0
for log in "$WORK"/serve.*.vg "$WORK/join.vg"; do
	[ -e "$log" ] || continue
	nlogs=$((nlogs + 1))
	if [ -s "$log" ]; then
		echo "valgrind: $log:" >&2
		cat "$log" >&2
		status=1
	fi
done
((nlogs >= 7)) || { echo "valgrind: $nlogs logs, expected the server's, the hubs', a screen's and the join's" >&2; status=1; }
[ $status = 0 ] || fail "valgrind found leaks or errors"
echo "valgrind: serve, its SSH hubs and screen, and join clean ($nlogs processes)"
