#!/usr/bin/env bash
# layout80.sh - the 80-column layout in each language (issue 17): French
# and Spanish run longer than English, and must still fit the key bar and
# the phase header of an 80x24 terminal.
#
# For en, fr and es in turn: a room served in that language (the
# facilitator's locale) and a participant who joins with --lang, both at
# 80x24; the facilitator goes through every phase with n.  At each phase,
# on both screens:
#   - the header (the first line) is at most 80 columns wide, measured
#     by display width, and shows the whole phase ("I/N · title", no "…");
#   - the key bar (the last line) is at most 80 columns wide and loses no
#     hint to the translation: the key bar keeps "? help" and drops the
#     hints that do not fit (two columns apart, or one when that makes
#     them all fit), so the French and Spanish bars must show at least as
#     many hints as the English one does two columns apart.
# It covers the words translated so far; a new translation too long for
# the screen makes it fail, and it lists every such key bar.
. "$(dirname "$0")/lib.bash"

declare -A EN_HINTS EN_BAR
PROBLEMS=()

# The key bar's hints, each key drawn in reverse video: their display
# widths, one a line.
hint_widths() {
	tm capture-pane -p -e -t "$1" | tail -n 1 |
	    perl -pe 's/\e\[(?:[0-9]+;)*7m/\n/g' | tail -n +2 |
	    sed -e 's/\x1b\[[0-9;]*m//g' -e 's/ *$//' |
	    while IFS= read -r h; do printf '%s' "$h" | wc -L; done
}

# How many of the hints (widths on stdin) the key bar shows with two
# columns between them (draw_keys in src/tui/views.c): the last ("? help")
# always, the others from the first while they fit.
fit_spaced() {
	awk '{ w[NR] = $1 }
	END {
		x = 1; c = 0
		for (i = 1; i < NR; i++) {
			if (x + w[i] + 2 + w[NR] > 79)
				break
			x += w[i] + 2; c++
		}
		if (x + w[NR] <= 80)
			c++
		print c
	}'
}

# The phase index of WINDOW's header ("I/N · "), whatever the word
# before it in the language.
index_of() {
	screen "$1" | head -n 1 | sed -n 's/.* \([0-9][0-9]*\)\/[0-9][0-9]* · .*/\1/p'
}

wait_index() {
	local deadline=$((SECONDS + 10))
	while ((SECONDS < deadline)); do
		[ "$(index_of "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	fail "window $1 never reached phase $2"
}

# check LANG WINDOW ROLE PHASE
check() {
	local lang=$1 w=$2 role=$3 phase=$4 head bar n width
	head=$(screen "$w" | head -n 1)
	bar=$(screen "$w" | tail -n 1)
	width=$(printf '%s' "$head" | wc -L)
	((width <= 80)) || fail "$lang, $role, phase $phase: header $width columns: $head"
	grep -q "[0-9]/[0-9]* · " <<<"$head" ||
	    fail "$lang, $role, phase $phase: no phase in the header: $head"
	grep -qF "…" <<<"$head" &&
	    fail "$lang, $role, phase $phase: header cut: $head"
	width=$(printf '%s' "$bar" | wc -L)
	((width <= 80)) || fail "$lang, $role, phase $phase: key bar $width columns: $bar"
	n=$(hint_widths "$w" | wc -l)
	((n > 0)) || fail "$lang, $role, phase $phase: no key bar: $bar"
	if [ "$lang" = en ]; then
		EN_HINTS[$role:$phase]=$(hint_widths "$w" | fit_spaced)
		EN_BAR[$role:$phase]=$bar
	elif ((n < ${EN_HINTS[$role:$phase]})); then
		# Every phase is seen before failing: one run lists them all.
		PROBLEMS+=("$lang, $role, phase $phase: $n hints where English shows ${EN_HINTS[$role:$phase]} two columns apart, a word is too long:
$bar
${EN_BAR[$role:$phase]}")
	fi
}

for lang in en fr es; do
	case $lang in
	en) locale=C.UTF-8 ;;
	fr) locale=fr_FR.UTF-8 ;;
	es) locale=es_ES.UTF-8 ;;
	esac
	start "fac-$lang" env -u LC_ALL -u LANGUAGE LANG=$locale "$RT" serve \
	    --port 0 --ssh-port 0 --code KXM-47P --title "Plan de barrio" \
	    --state "$WORK/room-$lang.rtj"
	tm resize-window -t "fac-$lang" -x 80 -y 24 2>/dev/null
	wait_for "fac-$lang" "0/9 · "
	wait_for "fac-$lang" "roundtable join"
	PORT=$(screen "fac-$lang" |
	    sed -n 's/.*roundtable join.* [^ ]*:\([0-9][0-9]*\) --code.*/\1/p' |
	    head -n 1)
	[ -n "$PORT" ] || fail "$lang: no port in the join line"
	start "ana-$lang" "$RT" join --lang $lang --plain "127.0.0.1:$PORT" \
	    --code KXM-47P --name "Ana Pérez" --group Community
	tm resize-window -t "ana-$lang" -x 80 -y 24 2>/dev/null
	wait_for "fac-$lang" "Ana Pérez"
	wait_index "ana-$lang" 0
	for phase in $(seq 0 9); do
		if ((phase > 0)); then
			keys "fac-$lang" n
			wait_index "fac-$lang" $phase
			wait_index "ana-$lang" $phase
		fi
		sleep 0.3	# the footer is drawn with the header
		check $lang "fac-$lang" facilitator $phase
		check $lang "ana-$lang" participant $phase
	done
	tm kill-window -t "ana-$lang"
	tm kill-window -t "fac-$lang"
done

if ((${#PROBLEMS[@]} > 0)); then
	printf '%s\n' "${PROBLEMS[@]}" >&2
	fail "${#PROBLEMS[@]} key bars do not fit 80 columns"
fi
echo "layout80: ok"
