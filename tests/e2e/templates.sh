#!/usr/bin/env bash
# templates.sh - every built-in template opens a room (issue 16): for each
# one `roundtable serve --template list` names, a room served from it
# shows, on the projected screen, the template's first phase (its title
# in the header) and that phase's prompt, as the template's file in
# src/templates words them.
. "$(dirname "$0")/lib.bash"

TOP=$(cd "$(dirname "$0")/../.." && pwd)

# first_phase FILE FIELD: the value of FIELD (Title, Prompt) in FILE's
# first phase, continuation lines joined by a space.
first_phase() {
	awk -v want="$2" '
	/^#/ { next }
	/^[ \t]*$/ { if (inphase) exit; next }
	/^Phase:/ { if (seen) exit; seen = 1; inphase = 1; next }
	!inphase { next }
	/^[ \t]/ { if (cur == want) { sub(/^[ \t]+/, ""); if ($0 != ".")
		value = value " " $0 }; next }
	{ cur = $0; sub(/:.*/, "", cur); if (cur == want) {
		v = $0; sub(/^[^:]*:[ \t]*/, "", v); value = v } }
	END { print value }' "$1"
}

names=$("$RT" serve --template list | awk '/^[^ ]/ { print $1 }')
[ -n "$names" ] || fail "serve --template list names no template"
n=0
for name in $names; do
	file=$TOP/src/templates/$name.rtt
	[ -f "$file" ] || fail "no $file for the built-in template $name"
	title=$(first_phase "$file" Title)
	prompt=$(first_phase "$file" Prompt)
	[ -n "$title" ] || fail "$name: no title in its first phase"
	start "t-$name" "$RT" serve --template "$name" --port 0 \
	    --ssh-port auto --code TPL-234 --state "$WORK/$name.rtj"
	wait_for "t-$name" "Phase 0/"
	wait_for "t-$name" "· $title"
	if [ -n "$prompt" ]; then
		# Its first words: the screen wraps the rest.
		words=$(echo "$prompt" | awk '{ print $1, $2, $3, $4 }')
		wait_for "t-$name" "$words"
	fi
	tm kill-window -t "t-$name"
	n=$((n + 1))
done
echo "templates: ok ($n templates)"
