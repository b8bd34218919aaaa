#!/usr/bin/env bash
# i18n-po.sh - every catalogue is whole (issue 17): each src/po/LL.po
# passes msgfmt --check (header, plural forms, formats that match their
# msgid), is 100% translated with no fuzzy entry, and has every msgid the
# sources mark and the process templates hold today (a roundtable.pot made
# afresh by `make pot`, compared with msgcmp).  So a string marked, or a
# template's line changed, without its translations, or a translation
# left fuzzy by `make po`, fails here rather than reaching a screen in
# English.
set -u
cd "$(dirname "$0")/../.." || exit 1

for cmd in msgfmt msgcmp xgettext; do
	command -v "$cmd" >/dev/null ||
	    { echo "FAIL: no $cmd (scripts/install-deps)"; exit 1; }
done
tmp=$(mktemp -d /tmp/rt-i18n-po.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

shopt -s nullglob
po_files=(src/po/*.po)
[ ${#po_files[@]} -gt 0 ] || { echo "FAIL: no catalogue in src/po/"; exit 1; }

if ! make --no-print-directory -s POT="$tmp/roundtable.pot" pot \
    >"$tmp/pot.log" 2>&1 || [ ! -s "$tmp/roundtable.pot" ]; then
	echo "FAIL: make pot:"
	cat "$tmp/pot.log"
	exit 1
fi

for po in "${po_files[@]}"; do
	lang=$(basename "$po" .po)
	if ! msgfmt --check --statistics -o /dev/null "$po" \
	    >"$tmp/stats" 2>&1; then
		echo "FAIL: $po: msgfmt --check:"
		cat "$tmp/stats"
		fail=1
		continue
	fi
	# "N translated messages[, N fuzzy translations][, N untranslated
	# messages]."
	stats=$(tail -n 1 "$tmp/stats")
	case $stats in
	*fuzzy* | *untranslated*)
		echo "FAIL: $po is not whole: $stats"
		fail=1
		;;
	*) echo "$lang: $stats" ;;
	esac
	if ! grep -q "^\"Language: $lang\\\\n\"" "$po"; then
		echo "FAIL: $po: its Language header is not $lang"
		fail=1
	fi
	if ! msgcmp "$po" "$tmp/roundtable.pot" >"$tmp/cmp" 2>&1; then
		echo "FAIL: $po lacks strings the sources mark (run make po," \
		    "then translate them):"
		grep -v 'warning: this message is not used' "$tmp/cmp"
		fail=1
	elif grep -q 'not used' "$tmp/cmp"; then
		echo "note: $po has translations of strings no longer marked" \
		    "(make po turns them obsolete)"
	fi
done

[ "$fail" = 0 ] && echo "i18n-po: ok (${#po_files[@]} catalogues)"
exit "$fail"
