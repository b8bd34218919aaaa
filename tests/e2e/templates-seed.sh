#!/usr/bin/env bash
# templates-seed.sh - the process templates carry their seed's own words
# (issue 16).
#
# For every src/templates/*.rtt: the header names its source document
# (Seed:), which must be in tests/seeds/; and every list entry (Question,
# Rule, Indicator, Purpose, Row, Column, and the meaning of each Scale
# point) of every phase not marked "Adapted: yes" must occur in that
# document verbatim.  Each entry that does not is printed with its file
# and line, and the test fails.
#
# Comparing, both texts are normalised in the same way only where the PDF
# extraction changed the seed's form, never its words:
#   - line breaks, tabs and runs of white space become one space (the seed
#     text breaks lines in mid-sentence);
#   - the seed's "**" bold marks are dropped (the extraction wrote the
#     document's bold type as markdown, sometimes in mid-phrase, as in
#     "**TRUST**- partners" or "1. Equity:** despite");
#   - an entry may capitalise its first letter where the seed, quoted in
#     mid-sentence, has it in lower case (a row "Individuals" quotes "from
#     individuals, community organisations, ...").
# Typographic quotes and dashes are not normalised: entries carry the
# seed's own characters.
#
# Templates are read as the format says (/tmp/tp/template-format.md, in
# the lead's parser src/model/template.c): "#" lines are comments, blank
# lines end a paragraph, "Name: value" is a field (names are case-
# insensitive), a line starting with a space or a tab continues the
# previous field joined with one space, and a continuation " ." starts a
# new line.  The format's limits on what is checked here (entry lengths,
# phases, entries per phase, rows and columns) are checked too.
#
# Also: tests/seeds/ must be byte for byte shared/seeds/ when that
# directory is there beside the tree (../shared/seeds).
set -u
cd "$(dirname "$0")/../.." || exit 1
export LC_ALL=C	# lengths in bytes, as the format's limits are

seeds=tests/seeds
fail=0

if [ -d ../shared/seeds ]; then
	for f in ../shared/seeds/*; do
		name=${f##*/}
		if [ ! -f "$seeds/$name" ]; then
			echo "$seeds/$name: missing (it is in ../shared/seeds)"
			fail=1
		elif ! cmp -s "$f" "$seeds/$name"; then
			echo "$seeds/$name: differs from ../shared/seeds/$name"
			fail=1
		fi
	done
	for f in "$seeds"/*.txt; do
		name=${f##*/}
		if [ ! -f "../shared/seeds/$name" ]; then
			echo "$f: not in ../shared/seeds"
			fail=1
		fi
	done
fi

shopt -s nullglob
templates=(src/templates/*.rtt)
if [ ${#templates[@]} -eq 0 ]; then
	echo "src/templates: no *.rtt templates"
	exit 1
fi

for t in "${templates[@]}"; do
	awk -v seeds="$seeds" '
	function trim(s) {
		sub(/^[ \t]+/, "", s)
		sub(/[ \t]+$/, "", s)
		return s
	}
	function norm(s) {
		gsub(/[ \t\r\n]+/, " ", s)
		return trim(s)
	}
	function bad(line, msg) {
		printf "%s:%d: %s\n", FILENAME, line, msg
		errors++
	}
	# Keeps the field just read: the header, a phase field, or an entry.
	function end_field(   kind, lab, mean, eq) {
		if (fname == "")
			return
		if (para == 1) {
			if (fname in header)
				bad(fline, "field \"" fname "\" twice in the header")
			header[fname] = fval
			hline[fname] = fline
		} else if (fname == "phase" || fname == "title" ||
		    fname == "prompt" || fname == "minutes" ||
		    fname == "adapted" || fname == "propose" ||
		    fname == "private") {
			if ((para, fname) in pfield)
				bad(fline, "field \"" fname "\" twice in a phase")
			pfield[para, fname] = fval
			pline[para, fname] = fline
		} else if (fname == "question" || fname == "rule" ||
		    fname == "indicator" || fname == "purpose" ||
		    fname == "row" || fname == "column" ||
		    fname == "scale") {
			kind = fname
			text = fval
			if (kind == "scale") {
				eq = index(fval, "=")
				if (eq == 0) {
					bad(fline, "Scale without \"LABEL = MEANING\"")
					fname = ""
					return
				}
				lab = trim(substr(fval, 1, eq - 1))
				mean = trim(substr(fval, eq + 1))
				if (length(lab) > 40)
					bad(fline, "Scale label over 40 bytes")
				if (length(mean) > 200)
					bad(fline, "Scale meaning over 200 bytes")
				text = mean
				nscale[para]++
			}
			if ((kind == "row" || kind == "column") &&
			    length(fval) > 200)
				bad(fline, fwritten " over 200 bytes")
			if (length(fval) > 2000)
				bad(fline, fwritten " over 2000 bytes")
			if (kind == "row") nrow[para]++
			if (kind == "column") ncol[para]++
			n = ++nent[para]
			ekind[para, n] = toupper(substr(kind, 1, 1)) substr(kind, 2)
			etext[para, n] = text
			eline[para, n] = fline
		} else
			bad(fline, "unknown field \"" fwritten "\"")
		fname = ""
	}
	function end_para() {
		end_field()
		inpara = 0
	}

	BEGIN { para = 0; inpara = 0; fname = "" }
	/^#/ { next }
	/^[ \t]*$/ { if (inpara) end_para(); next }
	/^[ \t]/ {
		if (fname == "") {
			bad(FNR, "continuation line without a field")
			next
		}
		c = trim($0)
		if (c == ".")
			fval = fval "\n"
		else if (fval == "" || fval ~ /\n$/)
			fval = fval c
		else
			fval = fval " " c
		next
	}
	{
		if (!inpara) {
			inpara = 1
			para++
		}
		end_field()
		colon = index($0, ":")
		name = substr($0, 1, colon - 1)
		if (colon == 0 || name !~ /^[A-Za-z][A-Za-z0-9-]*$/) {
			bad(FNR, "not a field: " $0)
			next
		}
		fname = tolower(name)
		fwritten = name
		fval = trim(substr($0, colon + 1))
		fline = FNR
		if (para > 1 && pfirst[para] == "")
			pfirst[para] = fname
	}

	END {
		if (inpara) end_para()
		if (!("template" in header))
			bad(1, "no Template: in the first paragraph")
		if (!("seed" in header)) {
			bad(1, "no Seed: in the first paragraph")
			exit 1
		}
		seed = header["seed"]
		if (seed == "" || seed ~ /\//) {
			bad(hline["seed"], "Seed: must name a file of " seeds)
			exit 1
		}
		path = seeds "/" seed
		text = ""
		while ((r = (getline l < path)) > 0)
			text = text " " l
		if (r < 0 || text == "") {
			bad(hline["seed"], "Seed: " path ": no such file " \
			    "(or empty)")
			exit 1
		}
		close(path)
		gsub(/\*\*/, "", text)
		text = " " norm(text) " "

		if (length(header["title"]) > 120)
			bad(hline["title"], "Title over 120 bytes")
		if (para - 1 > 40)
			bad(1, "more than 40 phases")
		checked = skipped = missing = 0
		for (p = 2; p <= para; p++) {
			if (pfirst[p] != "phase")
				bad(pline[p, pfirst[p]], "a phase must start " \
				    "with Phase:")
			if (length(pfield[p, "title"]) > 60)
				bad(pline[p, "title"], "Title over 60 bytes")
			if (length(pfield[p, "prompt"]) > 2000)
				bad(pline[p, "prompt"], "Prompt over 2000 bytes")
			m = pfield[p, "minutes"]
			if (m != "" && (m !~ /^[0-9]+$/ || m + 0 < 1 ||
			    m + 0 > 600))
				bad(pline[p, "minutes"], "Minutes not 1..600")
			if (nent[p] > 200)
				bad(pline[p, "phase"], "more than 200 entries")
			if (nrow[p] > 20 || ncol[p] > 20)
				bad(pline[p, "phase"], "more than 20 rows " \
				    "or columns")
			if (nscale[p] == 1 || nscale[p] > 7)
				bad(pline[p, "phase"], "a Scale has 2..7 points")
			adapted = tolower(pfield[p, "adapted"]) == "yes"
			for (i = 1; i <= nent[p]; i++) {
				if (adapted) {
					skipped++
					continue
				}
				checked++
				e = norm(etext[p, i])
				f = substr(e, 1, 1)
				g = (f == toupper(f)) ? tolower(f) : toupper(f)
				if (e != "" && (index(text, e) > 0 ||
				    index(text, g substr(e, 2)) > 0))
					continue
				missing++
				bad(eline[p, i], ekind[p, i] " not in " seed \
				    ": " e)
			}
		}
		printf "%s: %d entries found in %s, %d not found, " \
		    "%d in adapted phases not checked\n", FILENAME, checked - \
		    missing, seed, missing, skipped
		exit (errors > 0)
	}
	' "$t" || fail=1
done

exit $fail
