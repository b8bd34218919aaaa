#!/usr/bin/env bash
# matrix.sh - a matrix phase at 80x24 (issue 16): the human security
# analysis's needs, vulnerabilities and capacities matrix.  The grid of
# seven types of security by five columns shows on the projected screen
# and on participants' screens; two participants of different groups
# write into cells with the arrows and w; the matrix is not private, so
# each cell shows everyone how many entries it has and the first words,
# and the selected cell its entries whole, with who wrote them.  An entry
# is edited by its author; another may not withdraw it.  The report has
# the matrix cell by cell.
. "$(dirname "$0")/lib.bash"

serve_room MAP-234 "Mapa de seguridad" human-security
join_room ana "Ana Pérez" "Local population" 1
join_room jo "Jo" "Civil society" 2
for w in fac ana jo; do tm resize-window -t $w -x 80 -y 24 2>/dev/null; done

keys fac n
for w in fac ana jo; do
	wait_for $w "Phase 1/6 · Needs, vulnerabilities and capacities"
	# The grid, whole, at 80 columns: every row and every column.
	wait_for $w "┼──"
	for word in Threats National District Local Capacities \
	    "Economic security" "Environmental security" "Political security"
	do
		screen $w | grep -qF -- "$word" || fail "$w: no $word in the grid"
	done
done
wait_for fac "Economic security — Threats: 0 entries"
wait_for ana "←↑↓→ cell"
wait_for ana "No entries yet — w writes one here."

# Ana: Economic security x National.
keys ana Right
wait_for ana "Economic security — National: 0 entries"
keys ana w
wait_for ana "Economic security — National: "
type_text ana "Jóvenes sin empleo"
keys ana Enter
wait_for ana "Ana Pérez (Local population): Jóvenes sin empleo"
wait_for ana "Economic security — National: 1 entry"
wait_for ana "1: Jóvene"

# Jo sees it in the grid, and writes in Food security x Threats.
wait_for jo "1: Jóvene"
keys jo Down
wait_for jo "Food security — Threats: 0 entries"
keys jo Enter
wait_for jo "Food security — Threats: "
type_text jo "Sequía prolongada"
keys jo Enter
wait_for jo "Jo (Civil society): Sequía prolongada"
wait_for ana "1: Sequía"
wait_for fac "1: Sequía"
wait_for fac "1: Jóvene"

# Jo reads Ana's cell whole; he may not withdraw her entry.
keys jo Up
wait_for jo "Economic security — Threats: 0 entries"
keys jo Right
wait_for jo "Ana Pérez (Local population): Jóvenes sin empleo"
keys jo x
wait_for jo "You can withdraw only your own entries."

# Ana edits hers (the selected entry of her cell).
keys ana e
wait_for ana "Edit this entry:"
type_text ana " en la ciudad"
keys ana Enter
wait_for jo "Jóvenes sin empleo en la ciudad"
wait_for fac "1: Jóvene"

# An observer reads the matrix and is told so.
start olga "$RT" join "127.0.0.1:$PORT" --code "$CODE" --name Olga --observer
wait_for olga "Needs, vulnerabilities and capacities"
keys olga w
wait_for olga "Observers read the matrix"

# The report has the matrix, its columns and each cell's entries.
"$RT" export --report -o "$WORK/report.txt" "$WORK/roundtable.rtj" ||
    fail "export failed"
grep -qF "Matrix: Needs, vulnerabilities and capacities" "$WORK/report.txt" ||
    fail "the report has no matrix"
grep -qF "Columns: Threats; National; District; Local; Capacities" \
    "$WORK/report.txt" || fail "the report lacks the matrix's columns"
grep -qF -- "- Jóvenes sin empleo en la ciudad — Ana Pérez (Local" \
    "$WORK/report.txt" || fail "the report lacks Ana's entry"
grep -qF -- "- Sequía prolongada — Jo (Civil society)" "$WORK/report.txt" ||
    fail "the report lacks Jo's entry"
echo "matrix: ok"
