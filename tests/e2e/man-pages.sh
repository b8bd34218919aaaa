#!/usr/bin/env bash
# man-pages.sh - the English, French and Spanish roundtable(1) (issue 17).
# Each page must lint clean; each translation must keep the English page's
# sections, options (.Fl) and keys (.Ic), so a page that falls behind the
# English one is caught; and `make install` must put the pages where
# man -L fr / -L es finds them.
set -u
cd "$(dirname "$0")/../.."
fail=0
bad() { echo "FAIL: $*"; fail=1; }

pages="man/roundtable.1 man/fr/roundtable.1 man/es/roundtable.1"

for p in $pages; do
    [ -f "$p" ] || { bad "$p missing"; continue; }
    # A merge left half done reads as text to both formatters.
    if grep -nE '^(<<<<<<<|=======|>>>>>>>)' "$p"; then
        bad "$p has conflict markers (above)"
    fi
    if command -v mandoc >/dev/null; then
        # -W warning: style notes (e.g. an outdated mandoc.db) are not failures.
        out=$(mandoc -T lint -W warning "$p" 2>&1) || bad "mandoc lint $p: $out"
    else
        out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$p" 2>&1 >/dev/null)
        if printf '%s\n' "$out" | grep -qiE 'warning|error'; then
            bad "man -l $p: $out"
        fi
    fi
done

# The sorted, distinct arguments of one macro in a page.
args() { grep -E "^\.$2 |[[:space:]]$2 " "$1" | grep -oE "(^\.| )$2 [^ ]+" |
         awk '{print $2}' | sort -u; }
sections() { grep -c '^\.Sh ' "$1"; }

for p in man/fr/roundtable.1 man/es/roundtable.1; do
    [ -f "$p" ] || continue
    [ "$(sections "$p")" = "$(sections man/roundtable.1)" ] ||
        bad "$p has $(sections "$p") sections, the English page $(sections man/roundtable.1)"
    for m in Fl Ic; do
        d=$(diff <(args man/roundtable.1 $m) <(args "$p" $m)) ||
            bad "$p: .$m differs from the English page:
$d"
    done
    grep -q '^\.Dd' "$p" || bad "$p has no .Dd"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if make -s install DESTDIR="$tmp" PREFIX=/usr/local >"$tmp.log" 2>&1; then
    M=$tmp/usr/local/share/man
    for f in man1/roundtable.1 fr/man1/roundtable.1 es/man1/roundtable.1; do
        [ -f "$M/$f" ] || bad "make install did not put $f in $M"
    done
    for l in fr es; do
        # man-db looks in <lang>/ subdirectories of MANPATH but not of -M.
        w=$(MANPATH="$M" man -L $l -w roundtable 2>/dev/null)
        [ "$w" = "$M/$l/man1/roundtable.1" ] ||
            bad "MANPATH=$M man -L $l finds '$w', not $M/$l/man1/roundtable.1"
    done
    make -s uninstall DESTDIR="$tmp" PREFIX=/usr/local >/dev/null 2>&1
    left=$(find "$M" -name roundtable.1 2>/dev/null)
    [ -z "$left" ] || bad "make uninstall left $left"
else
    bad "make install DESTDIR=$tmp failed: $(cat "$tmp.log")"
fi
rm -f "$tmp.log"

[ $fail = 0 ] && echo "PASS: man-pages"
exit $fail
