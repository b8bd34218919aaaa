#!/bin/bash
# template-errors.sh - a bad template stops serve before anything starts
# (issue 16): a clear error naming the file and the line, exit status 1,
# no record made; a record keeps the template it was made with.

cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.bash

# serve_expect NAME STATUS WORDS ARGS...: serve --headless ARGS... ends at
# once with STATUS, WORDS on stderr, and no record file.
serve_expect() {
	local name=$1 want=$2 words=$3 rc
	shift 3
	rm -f "$WORK/$name.rtj"
	timeout 10 "$RT" serve --headless --port 0 --ssh-port 0 \
	    --state "$WORK/$name.rtj" "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	[ "$rc" -eq "$want" ] ||
	    fail "$name: exit status $rc, not $want: $(cat "$WORK/err")"
	grep -qF -- "$words" "$WORK/err" ||
	    fail "$name: stderr does not say '$words': $(cat "$WORK/err")"
	if [ "$want" -ne 0 ] && [ -e "$WORK/$name.rtj" ]; then
		fail "$name: a record was made"
	fi
}

printf 'Template: mine\nTitle: Mine\n\nPhase: welcome\nTitle: W\n\nPhase: dialogue\nTitle: D\nQuestoin: typo?\n' \
    >"$WORK/typo.rtt"
serve_expect typo 1 'typo.rtt:9: unknown field "Questoin" in a dialogue phase' \
    --template "$WORK/typo.rtt"

printf 'Template: mine\nTitle: Mine\n\nPhase: welcome\nTitle: W\n\nPhase: chat\nTitle: C\n' \
    >"$WORK/kind.rtt"
serve_expect kind 1 'kind.rtt:7: unknown kind of phase "chat"' \
    --template "$WORK/kind.rtt"

head -c 300000 /dev/zero | tr '\0' 'a' >"$WORK/huge.rtt"
serve_expect huge 1 'huge.rtt: the file is too long' --template "$WORK/huge.rtt"

printf 'Title: Mine\n\nPhase: welcome\nTitle: W\n' >"$WORK/missing.rtt"
serve_expect missing 1 'missing.rtt:1: the first paragraph needs "Template: NAME"' \
    --template "$WORK/missing.rtt"

serve_expect nosuch 1 "there is no template called 'nosuch'" \
    --template nosuch
serve_expect dir 1 "not a template file" --template "$WORK"

# list names every template the program carries, msp first among them.
"$RT" serve --template list >"$WORK/list" || fail "--template list failed"
for t in msp; do
	grep -q "^$t " "$WORK/list" || fail "--template list lacks $t"
done

# A record keeps its template: asking for another one is refused.
printf 'Template: mine\nTitle: Mine\n\nPhase: welcome\nTitle: Hello\nPrompt: Who is here?\n' \
    >"$WORK/mine.rtt"
start srv "$RT" serve --headless --port 0 --ssh-port 0 \
    --state "$WORK/kept.rtj" --template "$WORK/mine.rtt"
wait_for srv "serving \"Mine\""
tm send-keys -t srv C-c
wait_exit srv
timeout 10 "$RT" serve --headless --port 0 --ssh-port 0 \
    --state "$WORK/kept.rtj" --template msp >/dev/null 2>"$WORK/err" &&
    fail "another template was taken on an old record"
grep -qF "follows the template 'mine'" "$WORK/err" ||
    fail "no word of the record's template: $(cat "$WORK/err")"
echo "ok"
