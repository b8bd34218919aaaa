# lib.bash - shared by the end-to-end tests (sourced, not run): a private
# tmux server at a fixed size, and waiting on what the screens show.
#
# Nothing here sleeps as an assertion: wait_for polls capture-pane until
# the text appears or the time is up.

set -u
RT=${ROUNDTABLE:-$PWD/roundtable}
RT=$(cd "$(dirname "$RT")" && pwd)/$(basename "$RT")
SOCK=rt-e2e-$$
WORK=$(mktemp -d /tmp/rt-e2e.XXXXXX)
# Screens in English whatever the tester's language (LANGUAGE would
# translate them even under C.UTF-8); the tests of languages choose theirs.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE
# Resume tokens that joiners keep go here, not in the tester's home.
export XDG_STATE_HOME=$WORK/state

tm() { tmux -L "$SOCK" "$@"; }

cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
# A misspelt helper must fail the test, not skip its check: bash runs
# this in a subshell, so it stops the test with a signal.
E2E_PID=$$
trap 'exit 127' TERM
command_not_found_handle() {
	echo "FAIL: no such command: $1" >&2
	kill -TERM "$E2E_PID"
	return 127
}

fail() {
	echo "FAIL: $*" >&2
	for w in $(tm list-windows -F '#{window_name}' 2>/dev/null); do
		echo "--- screen of $w:" >&2
		tm capture-pane -p -t "$w" >&2
	done
	exit 1
}

# start NAME COMMAND [ARG]... : a new window running COMMAND in $WORK; the
# window stays after the command ends, so its last words can be read.
start() {
	local name=$1 cmd
	shift
	cmd=$(printf '%q ' "$@")
	if ! tm has-session 2>/dev/null; then
		tm -f /dev/null new-session -d -s e2e -n idle -x 100 -y 30 \
		    -c "$WORK" "sleep 86400"
		tm set-option -g remain-on-exit on >/dev/null
		tm set-window-option -g aggressive-resize off >/dev/null
	fi
	tm new-window -d -n "$name" -c "$WORK" "$cmd"
}

screen() { tm capture-pane -p -t "$1"; }
# flat WINDOW: the screen as one line, the scroll marks (↑ ↓) out and
# spaces squeezed, so that a wrapped paragraph reads as it was typed.
flat() { screen "$1" | sed 's/[↑↓]//g' | tr '\n' ' ' | tr -s ' '; }

# wait_grep WINDOW F|E PATTERN SECONDS WHY: until grep -F or -E finds
# PATTERN on the screen; else the test fails saying WHY.
wait_grep() {
	local deadline=$((SECONDS + $4))
	while ((SECONDS < deadline)); do
		screen "$1" | grep -q"$2" -- "$3" && return 0
		sleep 0.1
	done
	fail "$5"
}

# wait_for WINDOW TEXT [SECONDS]: until the screen shows TEXT (fixed string).
wait_for() { wait_grep "$1" F "$2" "${3:-10}" "window $1 never showed: $2"; }

# wait_re WINDOW REGEX [SECONDS]: until a line of the screen matches the
# extended regular expression.
wait_re() { wait_grep "$1" E "$2" "${3:-10}" "window $1 never matched: $2"; }

# wait_gone WINDOW TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
	local deadline=$((SECONDS + ${3:-10}))
	while ((SECONDS < deadline)); do
		screen "$1" | grep -qF -- "$2" || return 0
		sleep 0.1
	done
	fail "window $1 still shows: $2"
}

keys() { tm send-keys -t "$1" "${@:2}"; }

# select_row WINDOW TEXT: moves the selection (▶) to the row showing TEXT,
# waiting after each key for the screen to show the move (slow under
# valgrind).
selected() { screen "$1" | grep -F '▶' | head -n 1; }
select_row() { find_row "$1" "$2" || fail "window $1: no row with: $2"; }
# wait_row WINDOW TEXT [SECONDS]: select_row for a row that may still be
# on its way to WINDOW: tries again until the time is up.
wait_row() {
	local deadline=$((SECONDS + ${3:-10}))
	while ((SECONDS < deadline)); do
		find_row "$1" "$2" && return 0
		sleep 0.2
	done
	fail "window $1: no row with: $2"
}
# find_row WINDOW TEXT: select_row, false when no row shows TEXT.
find_row() {
	local i before deadline
	keys "$1" Home
	sleep 0.2
	for i in $(seq 1 60); do
		selected "$1" | grep -qF -- "$2" && return 0
		before=$(selected "$1")
		keys "$1" Down
		deadline=$((SECONDS + 5))
		while [ "$(selected "$1")" = "$before" ] && ((SECONDS < deadline))
		do
			sleep 0.05
		done
		[ "$(selected "$1")" = "$before" ] && break	# the last row
	done
	selected "$1" | grep -qF -- "$2"
}
type_text() { tm send-keys -t "$1" -l -- "$2"; }
pane_pid() { tm list-panes -t "$1" -F '#{pane_pid}'; }
# The socket inodes of process PID, a line each.
socket_inodes() {
	find "/proc/$1/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null |
	    sed 's/socket:\[\(.*\)\]/\1/'
}

# need_mkjournal: scripts/bench/mkjournal (the big records' maker) built in
# BUILD_DIR, by one test at a time: scripts/run-tests runs two at once,
# and two makes linking the same program make one fail.
need_mkjournal() {
	mkdir -p "$BUILD_DIR/bench" || fail "cannot make $BUILD_DIR/bench"
	flock "$BUILD_DIR/bench/.mkjournal.lock" make --no-print-directory -s \
	    BUILD="$BUILD_DIR" "$BUILD_DIR/bench/mkjournal" >/dev/null ||
	    fail "cannot build mkjournal"
}

# The room's hubs: the ssh-hub processes under the serve process SERVE.
hubs() { pgrep -P "$1" -f "ssh-hub"; }

# newest_screen SERVE: the SSH screen process started last in the room
# SERVE (never another test's: scripts/run-tests runs two at a time).
newest_screen() {
	local h
	h=$(hubs "$1" | paste -sd, -)
	[ -n "$h" ] && pgrep -n -P "$h" -f "roundtable ssh-screen"
}

# hub_sessions SERVE PORT: the SSH connections on PORT the room's hubs
# hold: one per session, from its handshake to its goodbye.
hub_sessions() {
	local port hub inodes=
	port=$(printf ':%04X' "$2")
	for hub in $(hubs "$1"); do
		inodes+="$(socket_inodes "$hub")"$'\n'
	done
	awk -v p="$port" 'FNR > 1 && substr($2, length($2) - 4) == p {
		print $10 }' /proc/net/tcp /proc/net/tcp6 |
	    grep -cxF -f <(printf '%s' "$inodes" | grep .) || true
}

# hub_of SERVE PORT PID: the hub that holds the SSH connection to PORT of
# the client process PID (an ssh, or a roundtable join's tunnel).
hub_of() {
	local port inode cport= sinode hub
	port=$(printf ':%04X' "$2")
	for inode in $(socket_inodes "$3"); do
		cport=$(awk -v i="$inode" -v p="$port" 'FNR > 1 && $10 == i &&
		    substr($3, length($3) - 4) == p {
			print substr($2, length($2) - 4) }' \
		    /proc/net/tcp /proc/net/tcp6)
		[ -n "$cport" ] && break
	done
	[ -n "$cport" ] || return 1
	sinode=$(awk -v c="$cport" -v p="$port" 'FNR > 1 &&
	    substr($2, length($2) - 4) == p &&
	    substr($3, length($3) - 4) == c { print $10 }' \
	    /proc/net/tcp /proc/net/tcp6)
	for hub in $(hubs "$1"); do
		if socket_inodes "$hub" | grep -qxF "$sinode"; then
			echo "$hub"
			return 0
		fi
	done
	return 1
}

# wait_exit WINDOW [SECONDS]: until the window's program has ended.  tmux
# may take a while to reap it, so a zombie counts as ended.
wait_exit() {
	local pid deadline=$((SECONDS + ${2:-10})) st
	pid=$(pane_pid "$1")
	while ((SECONDS < deadline)); do
		st=$(ps -o stat= -p "$pid" 2>/dev/null) || return 0
		case $st in Z*) return 0 ;; esac
		sleep 0.1
	done
	fail "the program in window $1 did not end"
}

# The port the facilitator's screen tells people to join on.
join_port() {
	screen "$1" | sed -n 's/.*roundtable join [^ ]*:\([0-9][0-9]*\) --code.*/\1/p' |
	    head -n 1
}

# The phases of the default room (src/templates/msp.rtt), in order; the
# header shows "Phase I/N · TITLE", I the index here, N the last index.
MSP_PHASES=("Welcome" "Preparing the process" "Expectations" "Ground rules"
    "Dialogue" "Caucus" "Charter" "Framing and vision" "Action plans"
    "Follow-up and exit")
MSP_LAST=$((${#MSP_PHASES[@]} - 1))

# phase_index WINDOW: the I of the header's "Phase I/N · TITLE", or
# nothing when the screen shows no header.
phase_index() {
	screen "$1" |
	    sed -n 's/.*Phase \([0-9][0-9]*\)\/[0-9][0-9]* · .*/\1/p' |
	    head -n 1
}

# goto_phase WINDOW TITLE [SECONDS]: the facilitator in WINDOW presses n
# (or p, to go back) one phase at a time, waiting after each key for the
# header to leave the phase it showed, until it shows "Phase I/N · TITLE"
# (TITLE one of MSP_PHASES).  SECONDS (default 10) bound each step, so a
# long way is as robust as a short one under valgrind.
goto_phase() {
	local want=-1 i now key deadline limit=${3:-10}

	for i in "${!MSP_PHASES[@]}"; do
		[ "${MSP_PHASES[$i]}" = "$2" ] && want=$i
	done
	((want >= 0)) || fail "goto_phase: no phase \"$2\" in the default room"
	for i in $(seq 0 $((2 * ${#MSP_PHASES[@]}))); do
		deadline=$((SECONDS + limit))
		now=$(phase_index "$1")
		while [ -z "$now" ] && ((SECONDS < deadline)); do
			sleep 0.1
			now=$(phase_index "$1")
		done
		[ -n "$now" ] || fail "window $1 shows no phase"
		if ((now == want)); then
			wait_for "$1" "Phase $want/$MSP_LAST · $2" "$limit"
			return 0
		fi
		((now < want)) && key=n || key=p
		keys "$1" "$key"
		while [ "$(phase_index "$1")" = "$now" ] &&
		    ((SECONDS < deadline)); do
			sleep 0.1
		done
		[ "$(phase_index "$1")" = "$now" ] &&
		    fail "window $1: $key did not leave phase $now"
	done
	fail "window $1 never reached phase $2"
}

# serve_room CODE TITLE [TEMPLATE [SERVE ARG]...]: the facilitator's
# screen in window fac, on free ports, at the first phase (Welcome); sets
# CODE and PORT for join_room.  TEMPLATE ("" for the default) and the
# arguments after it go to serve (--state FILE, --new-meeting=DATE).
serve_room() {
	local title=$2 tpl=${3:-}
	CODE=$1
	if [ $# -gt 2 ]; then
		shift 3
		start fac "$RT" serve --port 0 --ssh-port auto --code "$CODE" \
		    --title "$title" ${tpl:+--template "$tpl"} "$@"
		wait_for fac "Phase 0/"
	else
		start fac "$RT" serve --port 0 --ssh-port auto --code "$1" \
		    --title "$2"
		wait_for fac "Phase 0/9 · Welcome"
	fi
	PORT=$(join_port fac)
	[ -n "$PORT" ] || fail "no port in the join line"
}

# headless_room CODE: a room served --headless in window room, its record
# $WORK/room.rtj (STATE); sets PORT (its SSH port) and SERVE (its pid).
headless_room() {
	STATE=$WORK/room.rtj
	start room "$RT" serve --headless --port 0 --ssh-port auto \
	    --code "$1" --state "$STATE"
	wait_for room "join: ssh -p"
	PORT=$(screen room | sed -n 's/^join: ssh -p \([0-9]*\) .*/\1/p' |
	    head -n 1)
	SERVE=$(pgrep -f "roundtable serve --headless .*--state $STATE")
	[ -n "$SERVE" ] || fail "no serve process"
}

# join_room WINDOW NAME GROUP N: a participant joins the room of serve_room
# (through its SSH tunnel) and the facilitator counts them present (N: how
# many are then).
join_room() {
	start "$1" "$RT" join "127.0.0.1:$PORT" --code "$CODE" --name "$2" \
	    --group "$3"
	wait_for fac "Present $4"
}

# its_me WINDOW NAME: an SSH key the room knows brings NAME back once the
# one at the keyboard says it is them (a laptop may be shared).
its_me() {
	wait_for "$1" "Who are you?" 15
	select_row "$1" "$2"
	keys "$1" Enter
}

# start_told NAME COMMAND [ARG]...: as start, and once COMMAND ends the
# window says "exit status N" under its last words (and stays).
start_told() {
	local name=$1
	shift
	start "$name" sh -c '"$@"; echo "exit status $?"; sleep 600' sh "$@"
}

# ssh_guest WINDOW [SSH ARG]...: a participant's own ssh, without a key,
# to the room on PORT, in WINDOW (the arguments go to ssh: -o SetEnv=...).
ssh_guest() {
	local win=$1
	shift
	${SSH_START:-start} "$win" ssh -F none -p "$PORT" -o StrictHostKeyChecking=no \
	    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
	    -o PubkeyAuthentication=no -o PreferredAuthentications=password \
	    "$@" -t "guest@127.0.0.1"
}

# guest_code WINDOW CODE: an ssh_guest in WINDOW past ssh's password and
# the join code CODE, at the name prompt (the name offered: guest).
guest_code() {
	answer_password "$1"
	wait_for "$1" "Join code:"
	type_text "$1" "$2"
	keys "$1" Enter
	wait_for "$1" "Your name: guest"
}

# first_group WINDOW NAME: at the name prompt (what is offered cleared),
# NAME and the first stakeholder group; until the screen says who they are.
first_group() {
	keys "$1" C-u
	type_text "$1" "$2"
	keys "$1" Enter
	wait_for "$1" "Choose your stakeholder group"
	keys "$1" Enter
	wait_for "$1" "You: $2"
}

# answer_password WINDOW [PROMPT]: ssh asks for a password, which the
# room takes whatever it is; then the room asks for the join code
# (PROMPT, in the screen's language; "Join code" by default).
answer_password() {
	local deadline=$((SECONDS + 10)) prompt=${2:-Join code}
	while ((SECONDS < deadline)); do
		if screen "$1" | grep -qi "password"; then
			keys "$1" Enter
			return 0
		fi
		screen "$1" | grep -qF "$prompt" && return 0
		sleep 0.1
	done
	fail "window $1: no password prompt"
}

# norm_export FILE: an exported charter or report with today's dates
# written as the golden files write them: the ISO date DATE, and DAY where
# it is written out in any language ("5 December 2026", "1er décembre
# 2026", "5 de diciembre de 2026") before it.  The title block, which a
# long month's name wraps, is joined into a line per field; a heading
# that ends in the date is underlined as wide as it then is; an agenda's
# time of day and minutes spent are HH:MM and N.
norm_export() {
	local today
	today=$(date +%Y-%m-%d)
	perl -0 -CSD -pe "s/\A(.*?\n\n)/(my \$h = \$1) =~ s{\n    }{ }g; \$h/se;
	    s/\b\d{1,2}(?:er)? (?:de )?\p{L}+ (?:de )?\d{4} \($today\)/DAY (DATE)/g;
	    s/^(\S[^\n]* \x{2014} DAY \(DATE\)\n)-+\n/\$1----------------------\n/mg" \
	    "$1" |
	    sed -E "s/$today/DATE/g; s/[0-9]{2}:[0-9]{2} [0-9]+ min +/HH:MM N min     /"
}
