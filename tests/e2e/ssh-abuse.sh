#!/usr/bin/env bash
# ssh-abuse.sh - the SSH door under bad clients: three hundred connections
# from one address that never say a word, a megabyte pasted at the code
# prompt, a huge window, fifty channels asked for over one connection, a
# client that sends past its window, one that asks without end and never
# reads the answers, and terminal names that name no terminal.  Nobody
# else notices: a normal participant joins meanwhile, the memory of the
# room and of the hub (the process that holds every SSH connection) stays
# put, and the silent sessions are gone once their handshake time (30 s)
# is up.
. "$(dirname "$0")/lib.bash"

headless_room ABC-234
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
sessions() { hub_sessions "$SERVE" "$PORT"; }
hubs_rss() {
	local h t=0
	for h in $(hubs "$SERVE"); do
		t=$((t + $(rss "$h")))
	done
	echo "$t"
}
HUBS=$(hubs "$SERVE" | sort | tr '\n' ' ')
[ -n "$HUBS" ] || fail "no hub process"
before=$(rss "$SERVE")
hub_before=$(hubs_rss)

# Three hundred connections from one address that never start the
# handshake, more than the door's waiting places for all addresses (256):
# only sixteen are handed to the hub (the room's SSH process), 32 more
# wait in the door (and give up after 20 s), and the rest are closed.  They hold
# the places of that address only.
for i in $(seq 1 300); do
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT" || fail "connect $i failed"
	SILENT+=("$fd")
done
sleep 1
n=$(sessions)
((n == 16)) || fail "$n sessions for 300 silent connections of one address"
opened=$SECONDS

# Someone real joins meanwhile from another address, at once (not behind
# that address's crowd), and pastes a megabyte at the code prompt.
mkdir -p "$WORK/ana"
SSH=(ssh -F none -p "$PORT" -b 127.0.0.5 -o StrictHostKeyChecking=accept-new
    -o UserKnownHostsFile="$WORK/ana/known_hosts")
start ana env HOME="$WORK/ana" "${SSH[@]}" ana@127.0.0.1
wait_for ana "Join code:"
head -c 1048576 /dev/zero | tr '\0' 'x' >"$WORK/paste"
tm load-buffer "$WORK/paste"
tm paste-buffer -t ana
sleep 2
keys ana C-u
type_text ana "ABC-234"
keys ana Enter
wait_for ana "Your name: ana" 20
keys ana Enter
wait_for ana "Choose your stakeholder group"
keys ana Enter
wait_for ana "You: ana"

# A window far larger than any screen: taken (cut to size), and followed
# back.  What the screen holds for it stays small (cut at 1000 x 500 it
# took 47 MB, and that before the join code).
screen_pid=$(newest_screen "$SERVE")
[ -n "$screen_pid" ] || fail "no screen process for ana"
tm resize-window -t ana -x 3000 -y 1200
sleep 1
keys ana End
sleep 1
big=$(rss "$screen_pid")
((big < 20000)) || fail "a huge window made ana's screen $big KiB"
tm resize-window -t ana -x 100 -y 30
wait_for room "ana (Community) joined as participant"
screen ana | grep -qF "You: ana" || fail "ana's screen is gone"

# Fifty channels over one connection: the first is the session (a
# screen at the code prompt), the rest are refused at once; the
# connection, that screen and the room go on.
start mux env HOME="$WORK/ana" "${SSH[@]}" -M -S "$WORK/mux" -N \
    mux@127.0.0.1
deadline=$((SECONDS + 10))
until [ -S "$WORK/mux" ]; do
	((SECONDS < deadline)) || fail "no multiplexing master"
	sleep 0.1
done
start muxed env HOME="$WORK/ana" "${SSH[@]}" -S "$WORK/mux" -tt \
    mux@127.0.0.1
wait_for muxed "Join code:"
refused=0
for i in $(seq 1 50); do
	timeout 10 env HOME="$WORK/ana" "${SSH[@]}" -S "$WORK/mux" \
	    mux@127.0.0.1 true </dev/null >/dev/null 2>&1 ||
	    refused=$((refused + 1))
done
((refused == 50)) || fail "only $refused of 50 extra channels refused"
[ -S "$WORK/mux" ] || fail "the multiplexed connection was dropped"
screen muxed | grep -qF "Join code:" || fail "the first channel's screen is gone"

# A client that sends past the window the room gave it, as fast as it
# can, reading all that comes back: the hub drops it (libssh would keep
# it all), and goes on for everyone else.
FLOOD=${BUILD_DIR:-$(dirname "$RT")}/tools/sshflood
[ -x "$FLOOD" ] || fail "no $FLOOD: run make tools"
out=$(timeout 60 "$FLOOD" "$PORT" 400 127.0.0.7) ||
    fail "a client sending past its window was not dropped: $out"
[ "$(hubs "$SERVE" | sort | tr '\n' ' ')" = "$HUBS" ] ||
    fail "a hub did not survive a client sending past its window"

# A client that asks and never listens: once logged in it reads nothing
# more, and asks for channel after channel for 12 s, each refused by
# libssh in the hub on its own.  The hub stops reading it until it takes
# its answers: they do not pile up in the hub (they did, at about 2 MB a
# second, until the stall time of 60 s).
ASKER=${BUILD_DIR:-$(dirname "$RT")}/tools/sshasker
[ -x "$ASKER" ] || fail "no $ASKER: run make tools"
asker_before=$(hubs_rss)
timeout 60 "$ASKER" "$PORT" 12 127.0.0.8 >"$WORK/asker" 2>&1 &
asker=$!
sleep 11
asker_rss=$(hubs_rss)
wait "$asker" || fail "the asking client failed: $(cat "$WORK/asker")"
grep -q "^asked [1-9]" "$WORK/asker" ||
    fail "the asking client asked nothing: $(cat "$WORK/asker")"
((asker_rss - asker_before < 8000)) ||
    fail "the hubs grew from $asker_before to $asker_rss KiB under a" \
	"client that asks and never reads ($(cat "$WORK/asker"))"
[ "$(hubs "$SERVE" | sort | tr '\n' ' ')" = "$HUBS" ] ||
    fail "a hub did not survive a client that asks and never reads"

after=$(rss "$SERVE")
((after - before < 20000)) ||
    fail "the room grew from $before to $after KiB under bad clients"
# The hubs hold every one of those connections: what they keep for each
# is bounded (a window's worth of a paste at most).
hub_after=$(hubs_rss)
((hub_after - hub_before < 20000)) ||
    fail "the hubs grew from $hub_before to $hub_after KiB under bad clients"

# A crowd behind one address is slowed down, not turned away: 24 at once
# from 127.0.0.6 (ssh -T: no terminal, so each is told it needs one and
# leaves, making room for the next).
for i in $(seq 1 24); do
	timeout 60 env HOME="$WORK/ana" ssh -F none -p "$PORT" -b 127.0.0.6 \
	    -T -o StrictHostKeyChecking=accept-new \
	    -o UserKnownHostsFile="$WORK/ana/known_hosts" \
	    crowd@127.0.0.1 </dev/null >"$WORK/crowd.$i" 2>&1 &
done
wait
told=$(grep -l "needs a terminal" "$WORK"/crowd.* | wc -l)
((told == 24)) || fail "only $told of a crowd of 24 got in: $(cat "$WORK"/crowd.*)"

# ssh with a command is told why it is refused, in the language its ssh
# sent, with an exit status of 1 (before, OpenSSH's bare "exec request
# failed").
rc=0
out=$(timeout 20 env HOME="$WORK/ana" "${SSH[@]}" -o LogLevel=ERROR \
    -o SetEnv=LANG=fr_FR.UTF-8 ana@127.0.0.1 ls </dev/null 2>&1) || rc=$?
[[ $out == *"ceci est une salle, pas un shell"* ]] ||
    fail "a command was refused with: $out"
((rc == 1)) || fail "a refused command ended with status $rc"
rc=0
out=$(timeout 20 env HOME="$WORK/ana" "${SSH[@]}" -o LogLevel=ERROR -T \
    ana@127.0.0.1 </dev/null 2>/dev/null) || rc=$?
((rc == 1)) && [ -z "$out" ] ||
    fail "ssh -T ended with status $rc, standard output: $out"

# The silent ones end with their handshake time.
while ((SECONDS - opened < 33)); do
	sleep 1
done
deadline=$((SECONDS + 10))
until (($(sessions) <= 2)); do
	((SECONDS < deadline)) || fail "$(sessions) sessions left after 30 s"
	sleep 0.2
done
for fd in "${SILENT[@]}"; do
	exec {fd}>&-
done
keys ana w
screen ana | grep -qF "You: ana" || fail "ana was dropped"

# Terminal names that are not terminals ("." and ".." are directories of
# the terminfo database): the screen draws for a terminal it knows.
n=0
for term in . ..; do
	n=$((n + 1))
	start "term$n" env TERM="$term" HOME="$WORK/ana" "${SSH[@]}" \
	    -tt "odd@127.0.0.1"
	wait_for "term$n" "Join code:"
done
echo "ssh-abuse: ok (a huge window: screen $big KiB; room RSS $before -> $after KiB, hubs $hub_before -> $hub_after KiB; flood $out; hubs $asker_before -> $asker_rss KiB while a client $(cat "$WORK/asker"))"
