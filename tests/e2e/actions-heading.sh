#!/usr/bin/env bash
# actions-heading.sh - a long action plan keeps its column headings in
# view.  With 30 actions the table no longer fits a 100 x 30 pane: on the
# projector and on Bob's screen, both following the newest action (End),
# the line above the first action shown is the "#  What  Who  When
# Status" heading, once, and the actions under it run in order with the
# selected newest among them; Home shows the table from its title, the
# heading in its own place and not twice; PgDn pages through the table
# with the heading on every page and no action skipped; Up from the
# action under the heading brings the one above into view; at the end of
# the table PgDn shows its last action and the legend under it.  On a phone
# (40 columns), where each action is its words and not a table row,
# there is no heading to keep.
. "$(dirname "$0")/lib.bash"

serve_room HDG-427 "Headings"
join_room ana "Ana" Community 1
join_room bob "Bob" Police 2
for w in fac ana bob; do tm resize-window -t $w -x 100 -y 30 2>/dev/null; done
goto_phase fac "Action plans"
wait_for bob "Phase 8/9 · Action plans"
keys bob End
keys fac End

HEADING='^ +# +What +Who +When +Status( +↑)?$'
TITLE='^ +Action plan$'

# The numbers of the actions on WINDOW's screen, top to bottom.
numbers() { screen "$1" | sed -n 's/^ [▶ ] *\([0-9]*\) *Action [0-9]*.*/\1/p'; }

# WINDOW shows the heading once, right above its first action, and the
# actions under it in order, NEWEST (if given) among them.
check_page() {
	local w=$1 newest=${2:-} lines
	[ "$(screen "$w" | grep -cE "$HEADING")" = 1 ] ||
	    fail "window $w: not one column heading: $(screen "$w")"
	lines=$(screen "$w" | grep -A1 -E "$HEADING" | tail -n 1)
	printf '%s\n' "$lines" | grep -qE '^ [▶ ] +[0-9]+ +Action ' ||
	    fail "window $w: no action under the heading: $(screen "$w")"
	numbers "$w" | awk 'NR > 1 && $1 != prev + 1 { bad = 1 } { prev = $1 }
	    END { exit bad }' || fail "window $w: actions out of order: $(screen "$w")"
	[ -z "$newest" ] || numbers "$w" | grep -qx "$newest" ||
	    fail "window $w: action $newest not in view: $(screen "$w")"
}

for i in $(seq -w 1 30); do
	keys ana w
	wait_for ana "New action — what will be done?"
	if [ "$i" = 12 ]; then
		type_text ana "Action $i: solar lamps along the market lane"
	else
		type_text ana "Action $i"
	fi
	keys ana Enter
	wait_for fac "Action $i"
	wait_for bob "Action $i"
done
wait_re bob "^ ▶ +30 +Action 30"
wait_re fac "^ ▶ +30 +Action 30"

# The first actions have gone off the top; the heading has not.
for w in fac bob; do
	[ "$(numbers "$w" | head -n 1)" != 1 ] ||
	    fail "window $w: the table still fits: $(screen "$w")"
	screen "$w" | grep -qE "$TITLE" &&
	    fail "window $w: the table's title still in view: $(screen "$w")"
	check_page "$w" 30
done

# Up to the first action: the heading right above it.
for i in $(seq 29); do keys bob Up; done
wait_re bob "^ ▶ +1 +Action 01"
check_page bob 1
[ "$(numbers bob | head -n 1)" = 1 ] || fail "Bob's first row: $(screen bob)"
# Home: the table from its title, its heading in place, once.
keys bob Home
wait_re bob "$TITLE"
check_page bob

# PgDn pages through: a heading on each page, every action seen, and
# at the end the last action and the legend under it.
LEGEND='★ quick win'
seen=$(numbers bob)
for i in 1 2 3 4; do
	keys bob NPage
	sleep 0.3
	check_page bob
	seen=$(printf '%s\n%s\n' "$seen" "$(numbers bob)")
done
missing=$(seq 30 | grep -vxF -f <(printf '%s\n' "$seen" | sort -u))
[ -z "$missing" ] || fail "PgDn never showed actions: $missing"
screen bob | grep -qF "$LEGEND" || fail "PgDn never reached the legend: $(screen bob)"
# End, then PgDn: the page stays at the end.
keys bob End
wait_re bob "^ ▶ +30 +Action 30"
keys bob NPage
sleep 0.3
check_page bob 30
screen bob | grep -qF "$LEGEND" || fail "PgDn at the end hid the legend: $(screen bob)"

# Up from the action right under the heading shows the one above it.
tm resize-window -t bob -x 100 -y 20 2>/dev/null
keys bob End
wait_re bob "^ ▶ +30 +Action 30"
top=$(numbers bob | head -n 1)
((top > 2)) || fail "Bob's short page starts at action $top: $(screen bob)"
for i in $(seq 30 -1 "$top"); do keys bob Up; done
want=$((top - 1))
wait_re bob "^ ▶ +$want +Action "
check_page bob "$want"

# Home on a short phone, the first question only begun on the top page:
# it is selected and in view, and Up leaves the page as it is (Home had
# left the page scrolled away from it, and Up then moved the page).
tm resize-window -t bob -x 40 -y 11 2>/dev/null
keys bob Home
wait_re bob "^ ▶ 1\\. "
before=$(screen bob)
keys bob Up
sleep 0.3
[ "$(screen bob)" = "$before" ] || fail "Up after Home moved the page: $(screen bob)"
keys bob End
wait_re bob "^ ▶ +30 +Action 30"

# On a phone each action is its words: no table, no heading; the words
# of action 12 go on under its first word, as those of action 9 would
# (they went two columns in once the number had two digits).
tm resize-window -t bob -x 40 -y 14 2>/dev/null
wait_gone bob "Status"
screen bob | grep -qE '^ +# +What' && fail "a heading on the phone: $(screen bob)"
for i in $(seq 30); do
	screen bob | grep -qF "Action 12:" && break
	keys bob Up
	sleep 0.1
done
first=$(screen bob | grep -F "Action 12:")
next=$(screen bob | grep -A1 -F "Action 12:" | tail -n 1)
col() { printf '%s\n' "$1" | sed 's/[▶•]/ /g' | awk '{ match($0, /[^ ]/); print RSTART }'; }
want=$(printf '%s\n' "$first" | sed 's/[▶•]/ /g' | awk '{ print index($0, "Action") }')
[ -n "$first" ] && [ "$(col "$next")" = "$want" ] ||
    fail "action 12 goes on at column $(col "$next"), not $want: $(screen bob)"
exit 0
