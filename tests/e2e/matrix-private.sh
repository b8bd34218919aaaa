#!/usr/bin/env bash
# matrix-private.sh - a private matrix at 80x24 (issue 16): the Human
# Security Partnership's "Make a map" (Private: yes).  Its grid is too
# wide for 80 columns without cutting its headings' words, so every
# screen, the projected one too, shows the selected row as a list of its
# columns.  Two participants of different groups write into the same
# cell: each sees their own group's entry only; the projected screen
# counts the entries until the facilitator shows them (v, then y); the
# report names the matrix and none of its entries.
. "$(dirname "$0")/lib.bash"

OURS='Nuestro salón comunal'
THEIRS='Camiones de reparto'

serve_room MAP-789 "Alianza del barrio" hsbp
join_room ana "Ana" Community 1
join_room bo "Bo" Business 2
for w in fac ana bo; do tm resize-window -t $w -x 80 -y 24 2>/dev/null; done

for i in 1 2 3 4; do
	keys fac n
	wait_for ana "Phase $i/11"
done
for w in fac ana bo; do
	wait_for $w "Phase 4/11 · Step 2: Make a map"
	wait_for $w "Row 1 of 8: Individuals"
	wait_for $w "Risks they face from collaborating — no entries"
done
wait_for ana "Your group's own matrix: only your group and the facilitators"
wait_for fac "The room can see this screen: each cell is its group's own"
# On a phone the cell being written in stays in view, its row and its
# column named (the rows above it gave way from the bottom, and the
# screen said "Row 1 of 8 (columns 3-4 of 4):" of no row and no cell).
tm resize-window -t ana -x 40 -y 14 2>/dev/null
keys ana Right Right Right
wait_for ana "Individuals"
wait_for ana "Individuals — Risks they face from"
wait_for ana "collaborating: 0 entries"
tm resize-window -t ana -x 80 -y 24 2>/dev/null
keys ana Left Left Left
wait_for ana "Individuals — Resources"

# Both write into Individuals x Resources.
keys ana w
wait_for ana "Individuals — Resources: "
type_text ana "$OURS"
keys ana Enter
wait_for ana "Ana (Community): $OURS"
wait_for ana "Resources — 1: $OURS"
keys bo w
wait_for bo "Individuals — Resources: "
type_text bo "$THEIRS"
keys bo Enter
wait_for bo "Bo (Business): $THEIRS"
wait_for bo "Resources — 1: $THEIRS"

# The projected screen counts them; nobody reads another group's.
wait_for fac "Resources — 2"
wait_for fac "Individuals — Resources: 2 entries"
screen fac | grep -qF "$OURS" && fail "the projector shows a group's entry"
screen fac | grep -qF "$THEIRS" && fail "the projector shows a group's entry"
screen ana | grep -qF "$THEIRS" && fail "Ana reads the business's entry"
screen bo | grep -qF "$OURS" && fail "Bo reads the community's entry"
wait_for ana "Individuals — Resources: 1 entry"

# The facilitator shows them, asked first.
keys fac v
wait_for fac "Show the 2 entries of this matrix — each group's own"
screen fac | grep -qF "$OURS" && fail "v showed the entries before asking"
keys fac y
wait_for fac "Ana (Community): $OURS"
wait_for fac "Bo (Business): $THEIRS"
keys fac v
wait_gone fac "$OURS"
screen bo | grep -qF "$OURS" && fail "Bo reads the community's entry"

# Moving between cells: Right, then Down to the next row.
keys ana Right
wait_for ana "Individuals — Capacities: 0 entries"
keys ana Down
wait_for ana "Row 2 of 8: Community organisations"
wait_for ana "Community organisations — Capacities: 0 entries"

"$RT" export --report -o "$WORK/report.txt" "$WORK/roundtable.rtj" ||
    fail "export failed"
grep -qF "Matrix: Step 2: Make a map" "$WORK/report.txt" ||
    fail "the report has no matrix"
grep -qF "$OURS" "$WORK/report.txt" && fail "the report has a group's entry"
grep -qF "$THEIRS" "$WORK/report.txt" && fail "the report has a group's entry"
echo "matrix-private: ok"
