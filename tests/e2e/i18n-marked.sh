#!/usr/bin/env bash
# i18n-marked.sh - every sentence a person reads is marked for translation
# (issue 17), in the files that have been gone through so far.
#
# Two checks:
#   1. xgettext extracts src/ as `make pot` does, without a warning about
#      a checked file (a string it cannot take whole, a bad format).
#   2. A scan of each checked file for string literals that are not
#      inside _(), N_() or ngettext() and look like something a person
#      reads: any literal with two words in it, and any literal with a
#      word in it given to a function that prints, formats or shows text
#      (printf, snprintf, xasprintf, set_msg, usage_error, tui_notice,
#      conn_close, refuse, ...).  A marked string cut by a macro
#      (_("a " MACRO " b"): xgettext keeps only "a ") is reported too.
#      Deliberate exceptions (commands, protocol words, file names, format
#      skeletons) are listed in tests/i18n-allow.txt, as "FILE: TEXT" with
#      TEXT as the scan prints it, without its quotes ("*: TEXT" for any
#      file).
#
# CHECKED below is the list of files that must pass.  The others are
# scanned and reported, without failing, until someone marks their
# strings: then add the file to CHECKED (and its exceptions to the
# allow-list) - one file's work.
set -u
cd "$(dirname "$0")/../.." || exit 1

CHECKED=(
	src/main.c
	src/model/agenda.c
	src/model/clock.c
	src/model/matrix.c
	src/model/step.c
	src/model/template.c
	src/journal/journal.c
	src/journal/replay.c
	src/net/client.c
	src/net/server.c
	src/net/sshclient.c
	src/net/sshdoor.c
	src/net/sshkey.c
	src/net/sshrelay.c
	src/net/sshhub.c
	src/net/sshtty.c
	src/net/util.c
	src/tui/editor.c
	src/tui/overlay.c
	src/tui/panel.c
	src/tui/timebox.c
	src/tui/tui.c
	src/util/i18n.c
	src/util/text.c
	src/util/money.c
	src/tui/bigfont.c
	src/tui/ordinal.c
	src/tui/rowcache.c
	src/tui/indicators.c
	src/wire/codec.c
	src/model/action.c
	src/model/fields.c
	src/model/indicator.c
	src/model/model.c
	src/model/poll.c
	src/model/room.c
	src/tui/actions.c
	src/tui/followup.c
	src/tui/matrix.c
	src/tui/views.c
	src/export/export.c
	src/model/seed.c
)
ALLOW=tests/i18n-allow.txt

command -v xgettext >/dev/null || { echo "FAIL: no xgettext (scripts/install-deps)"; exit 1; }
command -v perl >/dev/null || { echo "FAIL: no perl"; exit 1; }
tmp=$(mktemp -d /tmp/rt-i18n.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# 1. xgettext, as make pot runs it.
if ! make --no-print-directory -s POT="$tmp/roundtable.pot" pot \
    >"$tmp/xgettext.log" 2>&1; then
	echo "FAIL: make pot failed:"
	cat "$tmp/xgettext.log"
	fail=1
fi
for f in "${CHECKED[@]}"; do
	if grep -F "$f:" "$tmp/xgettext.log"; then
		echo "FAIL: xgettext warns about $f (above)"
		fail=1
	fi
done
[ -s "$tmp/roundtable.pot" ] || { echo "FAIL: make pot extracted nothing"; fail=1; }

# 2. The scan.
scan() {
	perl -e '
use strict;
use warnings;

my %marking = map { $_ => 1 } qw(_ N_ C_ NC_ ngettext gettext dgettext
    dngettext pgettext i18n_pgettext);
# Calls whose string arguments are not for people.
my %quiet = map { $_ => 1 } qw(strcmp strncmp strcasecmp strncasecmp
    strspn strcspn strchr strrchr strstr getenv setenv unsetenv fopen
    open sscanf setlocale bindtextdomain bind_textdomain_codeset
    textdomain i18n_set_language i18n_known ssh_options_set
    ssh_channel_request_subsystem getopt_long next_option uv_exepath
    fnv1a mkdir access stat);
# Calls that print, format or show their arguments.
my %sink = map { $_ => 1 } qw(printf fprintf fputs puts snprintf
    vsnprintf xasprintf xstrdup set_msg usage_error tui_notice tui_ask
    tui_ask_fill tui_set_status tui_refused tui_room_closed
    tui_set_join_line drop set_status conn_close refuse
    ssh_channel_write add_text add_note add_heading model_fail say_error
    put_trunc);

for my $file (@ARGV) {
	open(my $fh, "<", $file) or die "$file: $!";
	local $/;
	my $src = <$fh>;
	close $fh;

	# Tokens with their line: strings, chars, words, punctuation;
	# comments and #include lines dropped.
	my @tok;
	my $line = 1;
	pos($src) = 0;
	my $bol = 1;
	while (pos($src) < length $src) {
		if ($src =~ /\G(\n)/gc) { $line++; $bol = 1; next; }
		if ($src =~ /\G([ \t\r\f\\]+)/gc) { next; }
		if ($bol && $src =~ /\G(#\s*(?:include|pragma|error|warning)[^\n]*)/gc) { next; }
		$bol = 0;
		if ($src =~ m{\G(/\*.*?\*/)}gcs) { my $c = $1; $line += ($c =~ tr/\n//); next; }
		if ($src =~ m{\G(//[^\n]*)}gc) { next; }
		if ($src =~ /\G"((?:[^"\\\n]|\\.)*)"/gc) { push @tok, ["S", $1, $line]; next; }
		if ($src =~ /\G\x27((?:[^\x27\\\n]|\\.)*)\x27/gc) { push @tok, ["C", $1, $line]; next; }
		if ($src =~ /\G([A-Za-z_][A-Za-z0-9_]*)/gc) { push @tok, ["W", $1, $line]; next; }
		if ($src =~ /\G(.)/gcs) { push @tok, ["P", $1, $line]; next; }
	}

	# Walk: a stack of open parentheses and braces, each with the name
	# of the call it opens ("" for a grouping or a cast).
	my @stack;
	my $i = 0;
	while ($i < @tok) {
		my ($k, $v, $ln) = @{$tok[$i]};
		if ($k eq "P" && ($v eq "(" || $v eq "{")) {
			my $name = "";
			if ($v eq "(" && $i > 0 && $tok[$i - 1][0] eq "W") {
				$name = $tok[$i - 1][1];
			}
			push @stack, $v eq "{" ? "{" : $name;
			$i++;
			next;
		}
		if ($k eq "P" && ($v eq ")" || $v eq "}")) {
			pop @stack;
			$i++;
			next;
		}
		if ($k ne "S") { $i++; next; }

		# Adjacent literals are one string; PRI macros join them as
		# xgettext does; any other word inside cuts it.
		my $text = $v;
		my $cut = 0;
		my $j = $i + 1;
		while ($j < @tok) {
			if ($tok[$j][0] eq "S") { $text .= $tok[$j][1]; $j++; next; }
			if ($tok[$j][0] eq "W" && $tok[$j][1] =~ /^PRI[diouxX](8|16|32|64|MAX|PTR)$/ &&
			    $j + 1 < @tok && $tok[$j + 1][0] eq "S") {
				$text .= "<" . $tok[$j][1] . ">";
				$j++;
				next;
			}
			if ($tok[$j][0] eq "W" && $j + 1 < @tok && $tok[$j + 1][0] eq "S") {
				$cut = 1;
				$text .= "<" . $tok[$j][1] . ">";
				$j++;
				next;
			}
			last;
		}
		$i = $j;

		# The innermost call with a name.
		my $call = "";
		for (my $s = $#stack; $s >= 0; $s--) {
			last if $stack[$s] eq "{";
			if ($stack[$s] ne "") { $call = $stack[$s]; last; }
		}
		if ($marking{$call}) {
			print "$file:$ln: cut by a macro (xgettext keeps only what comes before it): \"$text\"\n"
			    if $cut;
			next;
		}
		next if $quiet{$call};
		# Words, once conversions and escapes are out: "%llu" and
		# "\xEF" are none.
		(my $words = $text) =~ s/<PRI\w+>|%[-+ #0-9.*\x27\$]*(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]|\\(?:x[0-9A-Fa-f]+|.)/ /g;
		next unless $words =~ /[A-Za-z]{2}/;
		# A path or a file name made from one: "%s.tmp", "/proc/self/exe".
		next if $text !~ /\s/ && ($text =~ m{/} || $text =~ /^%s\./);
		my $prose = $words =~ /[A-Za-z]{2,}\S*\s+\S*[A-Za-z]{2,}/;
		next unless $prose || $sink{$call};
		print "$file:$ln: \"$text\"\n";
	}
}
' "$@"
}

# The allow-list, as "FILE: TEXT" lines (comments and blank lines out).
allowed() {
	local f=$1 text=$2
	grep -qxF -- "$f: $text" "$tmp/allow" || grep -qxF -- "*: $text" "$tmp/allow"
}
grep -v -e '^#' -e '^[[:space:]]*$' "$ALLOW" >"$tmp/allow" 2>/dev/null || : >"$tmp/allow"

for f in "${CHECKED[@]}"; do
	[ -f "$f" ] || { echo "FAIL: $f: in CHECKED but not there"; fail=1; continue; }
	while IFS= read -r hit; do
		text=${hit#*: }
		text=${text#\"}
		text=${text%\"}
		file=${hit%%:*}
		if [[ $text == cut\ by\ a\ macro* ]] || ! allowed "$file" "$text"; then
			echo "FAIL: unmarked: $hit"
			fail=1
		fi
	done < <(scan "$f")
done

# The files not checked yet: how many strings each still has, for the
# next one to take on.  Reported, not failed.
mapfile -t all < <(find src -name '*.c' | sort)
for f in "${all[@]}"; do
	skip=0
	for c in "${CHECKED[@]}"; do [ "$c" = "$f" ] && skip=1; done
	[ "$skip" = 1 ] && continue
	n=$(scan "$f" | wc -l)
	[ "$n" -gt 0 ] && echo "not checked yet: $f ($n strings to mark or allow)"
done

# Allow-list entries for checked files that no longer match anything:
# stale, so that the list stays the list of real exceptions.
while IFS= read -r entry; do
	file=${entry%%: *}
	text=${entry#*: }
	[ "$file" = "*" ] && continue
	for c in "${CHECKED[@]}"; do
		if [ "$c" = "$file" ] && ! scan "$file" | grep -qF -- ": \"$text\""; then
			echo "FAIL: $ALLOW: no longer needed: $entry"
			fail=1
		fi
	done
done <"$tmp/allow"

[ "$fail" = 0 ] && echo "i18n-marked: ok (${#CHECKED[@]} files checked)"
exit "$fail"
