#!/usr/bin/env bash
# bigdialogue.sh - long lists of answers and caucus notes (issue 15),
# which the screens draw lazily (only the entries in view get rows).
# Dialogue with 300 answers to the question put to the room, at 80x24 on
# the serving screen: Down and Up go through the answers one at a time;
# PgDn and PgUp move a page; End goes to the last question, Home back to
# the first answer; Up from the first question is the last answer, and
# an answer a participant writes comes in under it and takes the
# selection (the screen was on the newest).  Caucus with 300 notes from
# every group: the serving screen (the projector) only counts them until
# v; a participant's screen, paged from end to end, shows her group's
# notes and never another group's.
. "$(dirname "$0")/lib.bash"

BUILD_DIR=${BUILD_DIR:-$PWD/build}
need_mkjournal
"$BUILD_DIR/bench/mkjournal" write "$WORK/answers.rtj" 100000 300 answers \
    >/dev/null || fail "mkjournal answers failed"
"$BUILD_DIR/bench/mkjournal" write "$WORK/notes.rtj" 100000 300 notes \
    >/dev/null || fail "mkjournal notes failed"

# The mkjournal room: answer m (from 0) is by Person 6m mod 300 + 1.
start fac "$RT" serve --port 0 --ssh-port 0 --state "$WORK/answers.rtj"
wait_for fac "Phase 3/8 · Dialogue"
tm resize-window -t fac -x 80 -y 24 2>/dev/null
wait_for fac "▶   Person 1 (Community):"
for p in "7 (Women's" "13 (Business)" "19 (Military)" "25 (Police)"; do
	keys fac Down
	wait_for fac "▶   Person $p"
done
for p in "19 (Military)" "13 (Business)" "7 (Women's" "1 (Community)"; do
	keys fac Up
	wait_for fac "▶   Person $p"
done

# PgDn: a page further, no longer the first answer; PgUp back.
keys fac NPage
wait_gone fac "▶   Person 1 (Community):"
for i in 1 2 3; do keys fac NPage; done
sleep 0.3
selected fac | grep -qF "Person" || fail "PgDn left the answers: $(selected fac)"
for i in 1 2 3 4; do keys fac PPage; done
wait_for fac "▶   Person 1 (Community):"

# End: the last question, the one put to the room; Home: the first
# answer again.
keys fac End
wait_for fac "▶ 13. Now: What would make the streets safe"
keys fac Home
wait_for fac "▶   Person 1 (Community):"

# Up from the first question: the last of the 300 answers (m = 299).
keys fac End
wait_for fac "▶ 13. Now:"
for i in $(seq 12); do keys fac Up; done
wait_for fac "▶ 1. "
keys fac Up
wait_for fac "▶   Person 295 ("

# A participant's answer comes in under it.
PORT=$(screen fac | sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\) --code.*/\1/p' |
    head -n 1)
[ -n "$PORT" ] || fail "no join port on the serving screen"
start ana "$RT" join --plain "127.0.0.1:$PORT" --code BEN-CH1 \
    --name "Ana Pérez" --group Community
wait_for fac "Present 1"
tm resize-window -t ana -x 80 -y 24 2>/dev/null
wait_for ana "Phase 3/8 · Dialogue"
keys ana w
wait_for ana "Your answer"
type_text ana "Calles con luz"
keys ana Enter
# The serving screen, on the newest answer, follows it to hers.
wait_for fac "▶   Ana Pérez (Community): Calles con luz"
tm kill-window -t ana
tm kill-window -t fac

# Caucus: 300 notes, from every group, under the first caucus question.
start fac2 "$RT" serve --port 0 --ssh-port 0 --state "$WORK/notes.rtj"
wait_for fac2 "Phase 4/8 · Caucus"
tm resize-window -t fac2 -x 80 -y 24 2>/dev/null
wait_for fac2 "Community: 48 notes"
wait_for fac2 "Police: 42 notes"
# (The queue in the footer names people and groups too: a note's row is
# "Person N (Group): text".)
screen fac2 | grep -q "Person [0-9]* ([^)]*):" && fail "a note on the projector"
PORT=$(screen fac2 | sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\) --code.*/\1/p' |
    head -n 1)
[ -n "$PORT" ] || fail "no join port on the serving screen"
start bea "$RT" join --plain "127.0.0.1:$PORT" --code BEN-CH1 \
    --name "Bea" --group Community
wait_for fac2 "Present 1"
tm resize-window -t bea -x 80 -y 24 2>/dev/null
wait_for bea "Your group's caucus"
wait_for bea "Person 1 (Community):"
# Page through her list, end to end: never another group's note.
others="Person [0-9]* (\(Civil society\|Local government\|Police\|Military\|Business\|Women's organisations\)):"
for i in $(seq 40); do
	screen bea | grep -q -- "$others" && fail "another group's note on Bea's screen"
	keys bea NPage
	sleep 0.05
done
keys bea End
sleep 0.3
screen bea | grep -q -- "$others" && fail "another group's note at the end"
screen bea | grep -qF "(Community):" || fail "no Community note at the end"
# Her note (under the second question, selected by End) reaches the
# projector as a count, not as text.
keys bea w
wait_for bea "Your caucus note"
type_text bea "Nota de Bea"
keys bea Enter
keys fac2 End
wait_for fac2 "Community: 1 note"
screen fac2 | grep -qF "Nota de Bea" && fail "Bea's note on the projector"
# v, then y: the projector shows the notes, every group's.
keys fac2 v
wait_for fac2 "y/n"
keys fac2 y
keys fac2 End
wait_for fac2 "Bea (Community): Nota de Bea"
keys fac2 Home
wait_for fac2 "Person 1 (Community):"
wait_for fac2 "Person 7 (Women's organisations):"
echo "bigdialogue: ok"
