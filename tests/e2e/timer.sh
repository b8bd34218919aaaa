#!/usr/bin/env bash
# timer.sh - the room's clock (issue 16) as people see it.  The facilitator
# serves; a participant joins with `roundtable join` (through the SSH
# tunnel), another with plain `ssh`, and an observer.  A participant's T
# is refused.  The facilitator starts a 1-minute timebox (T, s, typing
# over the 20 the template offers): the projected screen counts down in
# big digits,
# every other screen shows "⏱ 0:5x" in its header.  Typing "T p" in a
# text line pauses nothing.  Paused, every screen shows the same time
# left; a minute added shows on all.  The server is killed with -9 and
# served again on the same record: everyone, back, shows the same paused
# time.  Resumed, a 3-second timebox with the bell on runs out: "time is
# up" and overtime on every screen, and the terminal bell rings on the
# facilitator's screen only.  A turn limit shows "0:0x of 0:05" beside
# who speaks.  Times are read off the screens, so a slow machine moves
# them by a second or two, never the agreement between screens.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"
mkdir -p "$WORK/li/.ssh"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/li/.ssh/id_ed25519" ||
    fail "ssh-keygen failed"

# grab WINDOW REGEX: the first match on the screen (grep -oE).
grab() { screen "$1" | grep -oE -- "$2" | head -n 1; }

ssh_li() {
	start li env HOME="$WORK/li" ssh -F none -p "$PORT" \
	    -i "$WORK/li/.ssh/id_ed25519" -o IdentitiesOnly=yes \
	    -o StrictHostKeyChecking=accept-new \
	    -o UserKnownHostsFile="$WORK/li/.ssh/known_hosts" li@127.0.0.1
}

serve_room ABC-234 "Mesa de diálogo"
join_room ana "Ana Pérez" Community 1
ssh_li
wait_for li "Join code:"
type_text li "ABC-234"
keys li Enter
wait_for li "Your name: li"
keys li Enter
wait_for li "Choose your stakeholder group"
select_row li "Police"
keys li Enter
wait_for li "You: li (Police)"
wait_for fac "Present 2"
start olu "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name "Olu Bello" \
    --observer
wait_for olu "You: Olu Bello"
wait_for fac "Observers: 1"

goto_phase fac "Expectations"
for w in ana li olu; do
	wait_for "$w" "Phase 2/9 · Expectations"
done

# Only the facilitators run the timer.
keys ana T
wait_for ana "only a facilitator can run the timer"

# T, s: the minutes offered are the phase's timebox in the template (msp:
# Expectations, 20), replaced by what is typed.
keys fac T
wait_for fac "Timer: s starts a timebox for Expectations"
keys fac s
wait_for fac "Timebox, in minutes (or m:ss): 20"
type_text fac "1"
wait_gone fac "(or m:ss): 20"
keys fac Enter
wait_re fac "0:5[0-9] left of 1:00 for Expectations"
# The projected screen shows it in big digits (the colon's two dots
# among the block letters), not in the header.
screen fac | grep -qF "█" || fail "no big digits"
screen fac | head -n 1 | grep -qF "⏱" && fail "the header repeats the clock"
for w in ana li olu; do
	wait_re "$w" "⏱ 0:5[0-9]"
done
# It counts down on its own, on every screen.
a=$(grab ana "⏱ 0:5[0-9]")
wait_gone ana "$a" 4

# A facilitator typing in a line types: "T p" pauses nothing.
keys fac w
wait_for fac "Your expectation:"
type_text fac "Tp"
keys fac Escape
wait_gone fac "Your expectation:"
screen fac | grep -qF "PAUSED" && fail "typed text paused the timer"

# Paused: the same time left everywhere.
keys fac T
wait_for fac "p pauses"
keys fac p
wait_re fac "PAUSED — 0:[45][0-9] left of 1:00"
left=$(grab fac "PAUSED — 0:[45][0-9]" | sed 's/PAUSED — //')
for w in ana li olu; do
	wait_for "$w" "⏱ paused $left"
done
# A minute more.
keys fac T
wait_for fac "r resumes"
keys fac 1
more="1:${left#0:}"
wait_for fac "PAUSED — $more left of 2:00 for Expectations"
for w in ana li olu; do
	wait_for "$w" "⏱ paused $more"
done

# kill -9, then the same record again: the same pause on every screen.
kill -9 "$(pane_pid fac)"
wait_exit fac
wait_for ana "reconnecting"
start fac2 "$RT" serve --port 0 --ssh-port "$PORT"
wait_for fac2 "PAUSED — $more left of 2:00 for Expectations"
wait_for fac2 "Present 1" 15		# Ana's client comes back by itself
wait_gone ana "reconnecting" 15
wait_for ana "⏱ paused $more"
wait_gone olu "reconnecting" 15
wait_for olu "⏱ paused $more"
# An SSH session ends with its room; li's key brings li back.
tm kill-window -t li
ssh_li
its_me li "li"
wait_for li "You: li (Police)" 15
wait_for li "⏱ paused $more"

# Resumed, it runs again from there.
keys fac2 T
wait_for fac2 "r resumes"
keys fac2 r
wait_re fac2 "1:[0-9][0-9] left of 2:00"
wait_re ana "⏱ 1:[0-9][0-9]"

# The bell on, a short timebox: time runs out and counts over; only the
# facilitator's terminal rings (tmux flags a bell in a window not shown).
keys fac2 T
wait_for fac2 "b bell at zero"
keys fac2 b
wait_for fac2 "· bell on"
keys fac2 T
wait_for fac2 "x stops"
keys fac2 s
wait_for fac2 "Start over with, in minutes (or m:ss): 20"
type_text fac2 "0:03"
keys fac2 Enter
tm resize-window -t olu -x 40 -y 14 2>/dev/null
wait_re fac2 "TIME IS UP — 0:0[0-9] over the 0:03 for Expectations" 10
for w in ana li; do
	wait_re "$w" "⏱ time is up \+0:0[0-9]"
done
# On a phone the words go, the timer stays (it went altogether).
wait_re olu "⏱ \+0:0[0-9]"
tm resize-window -t olu -x 100 -y 30 2>/dev/null
[ "$(tm display-message -p -t fac2 '#{window_bell_flag}')" = 1 ] ||
    fail "the facilitator's screen did not ring"
for w in ana olu; do
	[ "$(tm display-message -p -t "$w" '#{window_bell_flag}')" = 0 ] ||
	    fail "$w's screen rang"
done

# x asks first, then stops it on every screen.
keys fac2 T
wait_for fac2 "x stops"
keys fac2 x
wait_for fac2 "Stop the timer? y/n"
keys fac2 y
wait_gone fac2 "TIME IS UP"
wait_gone ana "⏱"

# A speaking turn with a limit: how long, beside who speaks.
keys fac2 T
wait_for fac2 "l limits speaking turns"
keys fac2 l
wait_for fac2 "Each speaking turn may take"
type_text fac2 "0:05"
keys fac2 Enter
keys ana h
wait_for fac2 "Queue: Ana Pérez (Community)"
keys fac2 '>'
wait_re fac2 "Speaking: Ana Pérez \(Community\) 0:0[0-9] of 0:05"
wait_re ana "You have the floor 0:0[0-9] of 0:05"
wait_re li "Speaking: Ana Pérez \(Community\) 0:0[0-9] of 0:05"
wait_re ana "You have the floor 0:(0[5-9]|1[0-9]) of 0:05" 10
echo "timer: ok"
