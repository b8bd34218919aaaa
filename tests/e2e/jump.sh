#!/usr/bin/env bash
# jump.sh - a screen following the room's newest contributions jumps by
# about half a page when a new one goes past the foot of the list, and
# the rows on it stay still until the next jump (they used to climb one
# row with every contribution).  So: Bob and the projector follow the
# list (End); once the first contribution on a page has gone off its
# top, the newest is drawn with blank rows under it, the next one comes
# in below it while the page stays where it was, Up moves the selection
# and not the page, End fills the page again, and so does a jumped page
# made taller.  Every row of the list shows
# exactly one contribution, in order, with nothing left over from an
# earlier frame (a screen draws only the rows that changed).  A phone's
# short list (Carol, 40 x 14) still moves one row at a time.
. "$(dirname "$0")/lib.bash"

serve_room JMP-427 "Jumps"
join_room ana "Ana" Community 1
join_room bob "Bob" Police 2
join_room carol "Carol" Business 3
tm resize-window -t carol -x 40 -y 14 2>/dev/null
goto_phase fac Expectations
for w in bob carol; do
	wait_for "$w" "Expectations"
	keys "$w" End
done
keys fac End

write() {
	keys ana w
	wait_for ana "Your expectation:"
	type_text ana "Item $1"
	keys ana Enter
	wait_for bob "Ana (Community): Item $1"
	wait_for fac "Ana (Community): Item $1"
	wait_for carol "Item $1"
}

# The numbers of the items on WINDOW's screen, top to bottom.
items() { screen "$1" | sed -n 's/.*Ana (Community): Item \([0-9]*\).*/\1/p'; }

# Every list row is one whole contribution and they run in order, the
# newest last; prints how many rows under the newest are blank before
# the line that follows the list (LAST_LINE, a fixed string).
check_list() {
	local w=$1 last_line=$2 newest=$3 rows n blank
	rows=$(screen "$w" | grep -F "Item ")
	printf '%s\n' "$rows" | grep -vqE \
	    '^( ▶)? +Ana \(Community\): Item [0-9]+( +[↑↓])?$' &&
	    fail "window $w: a row of the list is not one contribution: $rows"
	n=$(items "$w" | tail -n 1)
	[ "$n" = "$newest" ] || fail "window $w: the newest is $n, not $newest"
	items "$w" | awk 'NR > 1 && $1 != prev + 1 { bad = 1 } { prev = $1 }
	    END { exit bad }' || fail "window $w: items out of order: $rows"
	blank=$(screen "$w" | awk -v last="$last_line" -v newest="Item $newest" '
	    index($0, newest) { on = 1; next }
	    on && index($0, last) { print n + 0; exit }
	    on && /^ *$/ { n++ }')
	[ -n "$blank" ] || fail "window $w: no line '$last_line' under the list"
	echo "$blank"
}

# Writes until window W's first item has gone off the top (its page
# jumped), checking the page the moment it does; LAST_LINE is the line
# that follows its list.
until_jump() {
	local w=$1 last_line=$2 first blank
	first=$(items "$w" | head -n 1)
	while [ "$(items "$w" | head -n 1)" = "$first" ]; do
		i=$((i + 1))
		((i < 99)) || fail "window $w never scrolled"
		write "$(printf '%02d' "$i")"
	done
	last=$(printf '%02d' "$i")
	blank=$(check_list "$w" "$last_line" "$last") || exit 1
	((blank >= 4)) || fail "window $w did not jump: $blank blank rows \
under Item $last: $(screen "$w")"
}

i=1
write 01
until_jump bob " You: Bob"
first=$(items bob | head -n 1)

# The next one comes in under it; the page stays.
i=$((i + 1))
next=$(printf '%02d' "$i")
write "$next"
blank=$(check_list bob " You: Bob" "$next") || exit 1
[ "$(items bob | head -n 1)" = "$first" ] ||
    fail "Bob's page moved for Item $next: $(screen bob)"

# Up moves the selection, not the page.
keys bob Up
wait_re bob "^ ▶ +Ana \(Community\): Item $last"
[ "$(items bob | head -n 1)" = "$first" ] ||
    fail "Bob's page moved on Up: $(screen bob)"

# Bob's page, which showed BEFORE items, fills up: more items, the newest
# (NEWEST) at its foot with no blank row under it; else fails saying WHY.
filled() {
	local before=$1 newest=$2 why=$3 blank deadline=$((SECONDS + 10))
	while [ "$(items bob | wc -l)" -le "$before" ] &&
	    ((SECONDS < deadline)); do
		sleep 0.1
	done
	blank=$(check_list bob " You: Bob" "$newest") || exit 1
	((blank <= 1 && $(items bob | wc -l) > before)) ||
	    fail "$why: $(screen bob)"
}

# End fills the page again: the newest at its foot, more items above.
before=$(items bob | wc -l)
keys bob End
wait_re bob "^ ▶ +Ana \(Community\): Item $next"
filled "$before" "$next" "End did not fill Bob's page"

# The projector jumps the same way (its list ends at the present line).
until_jump fac " Present 3"

# A jumped page made taller fills up: no blank rows under the newest
# while earlier items are out of sight above.
until_jump bob " You: Bob"
before=$(items bob | wc -l)
tm resize-window -t bob -x 100 -y 36 2>/dev/null
filled "$before" "$last" "Bob's taller page did not fill"

# Carol's list of a few rows on a phone scrolls one row at a time: the
# newest on its last row, nothing blank under it.
n=$(screen carol | grep -c "Item ")
((n >= 2)) || fail "Carol's list shows $n items: $(screen carol)"
[ "$(screen carol | grep "Item " | tail -n 1 | grep -o 'Item [0-9]*')" = \
    "Item $last" ] || fail "Carol's newest is not Item $last: $(screen carol)"
i=$((i + 1))
next=$(printf '%02d' "$i")
write "$next"
wait_for carol "Item $next"
[ "$(screen carol | grep -c "Item ")" = "$n" ] ||
    fail "Carol's list changed size: $(screen carol)"
exit 0
