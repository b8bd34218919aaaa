/*
 * test_text.c - UTF-8 decoding, widths, sanitising and wrapping as a
 * person at a terminal sees them: accents, wide CJK characters, emoji,
 * broken bytes and escape sequences.
 *
 * Widths need a UTF-8 LC_CTYPE: main() sets C.UTF-8.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roundtable/text.h"

#define FFFD "\xef\xbf\xbd"

static void
test_decode_valid(void **state)
{
	uint32_t	cp;

	(void)state;
	assert_int_equal(text_decode("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(text_decode("é", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(text_decode("ñ", 2, &cp), 2);
	assert_int_equal(cp, 0xf1);
	assert_int_equal(text_decode("日本", 6, &cp), 3);
	assert_int_equal(cp, 0x65e5);
	assert_int_equal(text_decode("😀", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(text_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(text_decode("\xed\x9f\xbf", 3, &cp), 3);
	assert_int_equal(cp, 0xd7ff);
	assert_int_equal(text_decode("\xee\x80\x80", 3, &cp), 3);
	assert_int_equal(cp, 0xe000);
}

static void
test_decode_invalid(void **state)
{
	uint32_t	cp;

	(void)state;
	/* Overlong forms of '/' and of U+0000. */
	assert_int_equal(text_decode("\xc0\xaf", 2, &cp), -1);
	assert_int_equal(text_decode("\xc1\xbf", 2, &cp), -1);
	assert_int_equal(text_decode("\xe0\x80\xaf", 3, &cp), -1);
	assert_int_equal(text_decode("\xe0\x9f\xbf", 3, &cp), -1);
	assert_int_equal(text_decode("\xf0\x80\x80\xaf", 4, &cp), -1);
	assert_int_equal(text_decode("\xf0\x8f\xbf\xbf", 4, &cp), -1);
	/* Surrogates. */
	assert_int_equal(text_decode("\xed\xa0\x80", 3, &cp), -1);
	assert_int_equal(text_decode("\xed\xbf\xbf", 3, &cp), -1);
	/* Beyond U+10FFFF. */
	assert_int_equal(text_decode("\xf4\x90\x80\x80", 4, &cp), -1);
	assert_int_equal(text_decode("\xf5\x80\x80\x80", 4, &cp), -1);
	assert_int_equal(text_decode("\xff", 1, &cp), -1);
	/* Lone continuation byte; lead byte without its continuation. */
	assert_int_equal(text_decode("\x80", 1, &cp), -1);
	assert_int_equal(text_decode("\xc3" "a", 2, &cp), -1);
	/* Truncated: the bytes are fine but n stops short. */
	assert_int_equal(text_decode("日", 2, &cp), -1);
	assert_int_equal(text_decode("😀", 3, &cp), -1);
	assert_int_equal(text_decode("é", 1, &cp), -1);
	assert_int_equal(text_decode("", 0, &cp), -1);

	assert_true(text_valid_utf8("José Núñez 日本語 😀", strlen(
	    "José Núñez 日本語 😀")));
	assert_true(text_valid_utf8("", 0));
	assert_false(text_valid_utf8("ab\xc0\xaf" "cd", 6));
	assert_false(text_valid_utf8("abc\xe6\x97", 5));
	assert_false(text_valid_utf8("\xed\xa0\x80", 3));
}

static void
test_encode(void **state)
{
	const uint32_t	 cps[] = { 0, 'A', 0x7f, 0x80, 0xe9, 0x7ff, 0x800,
	    0x65e5, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600,
	    0x10ffff };
	char		 buf[4];
	uint32_t	 cp;
	size_t		 i;
	int		 len;

	(void)state;
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		len = text_encode(cps[i], buf);
		assert_int_equal(text_decode(buf, len, &cp), len);
		assert_int_equal(cp, cps[i]);
	}
	assert_int_equal(text_encode(0xe9, buf), 2);
	assert_memory_equal(buf, "é", 2);
	assert_int_equal(text_encode(0x65e5, buf), 3);
	assert_memory_equal(buf, "日", 3);
	assert_int_equal(text_encode(0x1f600, buf), 4);
	assert_memory_equal(buf, "😀", 4);
	/* What cannot be encoded becomes U+FFFD, never bad UTF-8. */
	assert_int_equal(text_encode(0xd800, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
	assert_int_equal(text_encode(0x110000, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
}

static void
test_is_control(void **state)
{
	const uint32_t	yes[] = { 0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f,
	    0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x061c, 0x200e, 0x200f, 0x202a,
	    0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069 };
	const uint32_t	no[] = { ' ', 'a', '~', 0xa0, 0xe9, 0xf1, 0x200d,
	    0x2029, 0x2065, 0x206a, 0x65e5, 0x1f600, 0xfffd };
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(text_is_control(yes[i]));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(text_is_control(no[i]));
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0xe9), 1);		/* é */
	assert_int_equal(text_cp_width(0x301), 0);		/* combining acute */
	assert_int_equal(text_cp_width(0x65e5), 2);		/* 日 */
	assert_int_equal(text_cp_width(0x1f600), 2);		/* 😀 */
	assert_int_equal(text_cp_width(0x1b), 1);		/* shown as U+FFFD */
	assert_int_equal(text_cp_width(0x202e), 1);
	assert_int_equal(text_cp_width(0x378), 1);		/* unassigned */

	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("é"), 1);
	assert_int_equal(text_width("e\xcc\x81"), 1);		/* e + U+0301 */
	assert_int_equal(text_width("Ana Pérez"), 9);
	assert_int_equal(text_width("José Núñez"), 10);
	assert_int_equal(text_width("日本語"), 6);
	assert_int_equal(text_width("😀 ok"), 5);
	assert_int_equal(text_width("a\xff\xfe" "b"), 4);	/* bad bytes: 1 each */
	assert_int_equal(text_width("\x1b[2J"), 4);
}

static void
test_sanitize(void **state)
{
	char	*s;

	(void)state;
	/* Clean text passes unchanged. */
	s = text_sanitize("José Núñez: 日本語 😀", false);
	assert_string_equal(s, "José Núñez: 日本語 😀");
	free(s);

	/* ESC [ 2 J would clear the facilitator's screen. */
	s = text_sanitize("hi\x1b[2Jthere", false);
	assert_null(strchr(s, '\x1b'));
	assert_string_equal(s, "hi" FFFD "[2Jthere");
	free(s);

	/* C1 CSI, encoded and as a raw byte; DEL; BEL. */
	s = text_sanitize("a\xc2\x9b" "31mb\x9b" "c\x7f\x07", false);
	assert_string_equal(s, "a" FFFD "31mb" FFFD "c" FFFD FFFD);
	free(s);

	/* A right-to-left override would make text read backwards. */
	s = text_sanitize("abc\xe2\x80\xae" "def\xe2\x81\xa6", false);
	assert_string_equal(s, "abc" FFFD "def" FFFD);
	free(s);

	/* Invalid sequences: one replacement per bad byte. */
	s = text_sanitize("x\xc0\xafy\xed\xa0\x80z\xe6\x97", false);
	assert_true(text_valid_utf8(s, strlen(s)));
	assert_string_equal(s, "x" FFFD FFFD "y" FFFD FFFD FFFD "z" FFFD FFFD);
	free(s);

	/* Newlines only when asked for; tabs and CR never. */
	s = text_sanitize("one\ntwo\r\tthree", true);
	assert_string_equal(s, "one\ntwo" FFFD FFFD "three");
	free(s);
	s = text_sanitize("one\ntwo", false);
	assert_string_equal(s, "one" FFFD "two");
	free(s);

	s = text_sanitize("", true);
	assert_string_equal(s, "");
	free(s);

}

/* Straight to a file (the headless log): the same text as text_sanitize
 * gives, for clean text, escapes, bad bytes and newlines alike. */
static void
test_sanitize_to(void **state)
{
	static const char *const cases[] = { "Ana (Police): ~ok!", "",
	    "José Núñez: 日本語 😀", "hi\x1b[2Jthere",
	    "a\xc2\x9b" "31mb\x9b" "c\x7f\x07", "abc\xe2\x80\xae" "def",
	    "x\xc0\xafy\xed\xa0\x80z\xe6\x97", "one\ntwo\r\tthree" };
	char	 got[256], *want;
	size_t	 i, k, n;
	FILE	*f;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (k = 0; k < 2; k++) {
			f = tmpfile();
			assert_non_null(f);
			text_sanitize_to(f, cases[i], k == 1);
			rewind(f);
			n = fread(got, 1, sizeof got - 1, f);
			got[n] = '\0';
			fclose(f);
			want = text_sanitize(cases[i], k == 1);
			assert_string_equal(got, want);
			free(want);
		}
}

static void
test_fit(void **state)
{
	(void)state;
	assert_int_equal(text_fit("hello", 3), 3);
	assert_int_equal(text_fit("hello", 10), 5);
	assert_int_equal(text_fit("hello", 0), 0);
	/* é is two bytes, one column: never cut in half. */
	assert_int_equal(text_fit("aé", 1), 1);
	assert_int_equal(text_fit("aé", 2), 3);
	assert_int_equal(text_fit("ñandú", 4), 5);
	/* 日本語: three bytes and two columns each. */
	assert_int_equal(text_fit("日本語", 1), 0);
	assert_int_equal(text_fit("日本語", 2), 3);
	assert_int_equal(text_fit("日本語", 3), 3);
	assert_int_equal(text_fit("日本語", 5), 6);
	assert_int_equal(text_fit("日本語", 6), 9);
	assert_int_equal(text_fit("😀😀", 3), 4);
	/* A combining accent stays with its letter. */
	assert_int_equal(text_fit("e\xcc\x81x", 1), 3);
	/* Bad bytes are one column each and cut anywhere. */
	assert_int_equal(text_fit("\xff\xfe\xfd", 2), 2);
}

/* Every line of a wrap ends in "\n" and is at most width columns. */
static void
assert_lines_fit(const char *wrapped, size_t width)
{
	char	*copy, *line, *save;

	assert_true(strlen(wrapped) > 0);
	assert_int_equal(wrapped[strlen(wrapped) - 1], '\n');
	copy = xstrdup(wrapped);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		assert_true(text_width(line) <= width);
		assert_true(line[0] == '\0' || line[strlen(line) - 1] != ' ');
	}
	free(copy);
}

static void
pads(const char *s, size_t cols, bool right, const char *want)
{
	char	*got = text_pad(s, cols, right);

	assert_string_equal(got, want);
	assert_int_equal(text_width(got), cols);
	free(got);
}

/* The agenda's columns (issue 17): a French or Spanish title lines up
 * with an English one, by columns, not bytes. */
static void
test_pad(void **state)
{
	(void)state;
	pads("Welcome", 10, false, "Welcome   ");
	pads("Préparation", 13, false, "Préparation  ");
	pads("Visión", 8, true, "  Visión");
	/* Cut where it would pass the column, never inside a character;
	 * a wide one that does not fit leaves a space. */
	pads("Réconciliation", 5, false, "Récon");
	pads("ñandú ñandú", 4, false, "ñand");
	pads("日本語", 5, false, "日本 ");
	pads("日本語", 5, true, " 日本");
	pads("", 3, false, "   ");
	pads("abc", 0, false, "");
	/* The same width whatever the accents: the columns line up. */
	{
		char	*a = text_pad("Expectations", 30, false);
		char	*b = text_pad("Règles de base élaborées", 30, false);

		assert_int_equal(text_width(a), text_width(b));
		assert_int_not_equal(strlen(a), strlen(b));
		free(a);
		free(b);
	}
}

static void
test_wrap_accented(void **state)
{
	const char	*in = "Escuchar con atención a cada persona, también a "
	    "quienes no están de acuerdo, y pedir la palabra antes de "
	    "hablar; nadie interrumpe a nadie en la mesa del diálogo.";
	char		*w;

	(void)state;
	w = text_wrap(in, 72, "", "");
	/* The second line is exactly 72 columns; the first is 67 columns
	 * but 70 bytes, as its accents take two bytes each. */
	assert_string_equal(w,
	    "Escuchar con atención a cada persona, también a quienes no están de\n"
	    "acuerdo, y pedir la palabra antes de hablar; nadie interrumpe a nadie en\n"
	    "la mesa del diálogo.\n");
	assert_lines_fit(w, 72);
	free(w);

	/* A numbered rule with a hanging indent. */
	w = text_wrap("Respetar el turno de palabra de cada compañero y "
	    "compañera, sin interrupciones ni señales de desaprobación; "
	    "las críticas se dirigen a las ideas, nunca a las personas.",
	    72, "1. ", "   ");
	assert_string_equal(w,
	    "1. Respetar el turno de palabra de cada compañero y compañera, sin\n"
	    "   interrupciones ni señales de desaprobación; las críticas se dirigen a\n"
	    "   las ideas, nunca a las personas.\n");
	assert_lines_fit(w, 72);
	free(w);
}

static void
test_wrap_wide(void **state)
{
	char	*w;

	(void)state;
	/* Words of wide characters longer than the line are split between
	 * characters: 36 of them fill 72 columns. */
	w = text_wrap("全員が発言する機会を持ち、互いの意見を最後まで聞くこと。"
	    "日本語の規則は幅が二列です。", 72, "", "");
	assert_string_equal(w,
	    "全員が発言する機会を持ち、互いの意見を最後まで聞くこと。日本語の規則は幅\n"
	    "が二列です。\n");
	assert_lines_fit(w, 72);
	free(w);

	/* Mixed: a wide word goes to the next line rather than overflow. */
	w = text_wrap("Ana Pérez dijo 日本語 y José Núñez respondió 😀 gracias",
	    20, "- ", "  ");
	assert_string_equal(w,
	    "- Ana Pérez dijo\n"
	    "  日本語 y José\n"
	    "  Núñez respondió 😀\n"
	    "  gracias\n");
	assert_lines_fit(w, 20);
	free(w);

	/* An odd number of columns left: the wide character moves on. */
	w = text_wrap("日本語日本語", 5, "", "");
	assert_string_equal(w, "日本\n語日\n本語\n");
	free(w);
}

static void
test_wrap_paragraphs(void **state)
{
	char	*w;

	(void)state;
	/* Newlines break lines; an empty line stays; trailing spaces go;
	 * spaces between words on a line are kept as typed. */
	w = text_wrap("First  point.   \n\nSecond point here\nthird", 13,
	    "", "");
	assert_string_equal(w,
	    "First  point.\n"
	    "\n"
	    "Second point\n"
	    "here\n"
	    "third\n");
	free(w);

	/* A final newline ends the text; it adds no empty line. */
	w = text_wrap("one\n", 10, "* ", "  ");
	assert_string_equal(w, "* one\n");
	free(w);

	w = text_wrap("", 10, "* ", "  ");
	assert_string_equal(w, "*\n");
	free(w);

	/* A word longer than the line is split; ASCII. */
	w = text_wrap("ab abcdefghijklmnop cd", 8, "", "");
	assert_string_equal(w, "ab\nabcdefgh\nijklmnop\ncd\n");
	free(w);

	/* Deterministic: the same input, the same bytes. */
	{
		char	*w2;

		w = text_wrap("José Núñez 日本語 😀 ñandú", 7, "> ", "> ");
		w2 = text_wrap("José Núñez 日本語 😀 ñandú", 7, "> ", "> ");
		assert_string_equal(w, w2);
		assert_string_equal(w, "> José\n> Núñez\n> 日本\n> 語 😀\n"
		    "> ñandú\n");
		free(w2);
		free(w);
	}
}

/* French typography's spaced marks stay with their word: a line never
 * starts with "?" or ":" nor ends with "«" (before, "Voulez-vous
 * continuer ?" at 21 columns left the "?" alone on the next line). */
static void
test_wrap_french_marks(void **state)
{
	char	*w;

	(void)state;
	w = text_wrap("Voulez-vous continuer ?", 21, "", "");
	assert_string_equal(w, "Voulez-vous\ncontinuer ?\n");
	free(w);
	w = text_wrap("Fermer la salle pour tous ? o/n", 25, "", "");
	assert_string_equal(w, "Fermer la salle pour\ntous ? o/n\n");
	free(w);
	w = text_wrap("Question : qui décide ?!", 12, "", "");
	assert_string_equal(w, "Question :\nqui\ndécide ?!\n");
	free(w);
	w = text_wrap("il a dit « oui » et « non »", 12, "", "");
	assert_string_equal(w, "il a dit\n« oui » et\n« non »\n");
	free(w);
	/* English is wrapped as before. */
	w = text_wrap("Close the room? y/n", 15, "", "");
	assert_string_equal(w, "Close the room?\ny/n\n");
	free(w);
}

/* A label that leaves no room for the first word after it: the word
 * starts the next line whole (it was split, "T" / "raders", on a phone);
 * a word too long for any line is still split. */
static void
test_wrap_after_label(void **state)
{
	char	*w;

	(void)state;
	w = text_wrap("Traders need light", 38,
	    "    Traders caucus, approved 2 of 2: ", "      ");
	assert_string_equal(w, "    Traders caucus, approved 2 of 2:\n"
	    "      Traders need light\n");
	free(w);
	w = text_wrap("Lights", 40, "  Ben Okafor (Council): ", "    ");
	assert_string_equal(w, "  Ben Okafor (Council): Lights\n");
	free(w);
	w = text_wrap("abcdefghij", 8, "lbl: ", "  ");
	assert_string_equal(w, "lbl: abc\n  defghi\n  j\n");
	free(w);
}

static void
test_trim(void **state)
{
	char	buf[64];

	(void)state;
	strcpy(buf, "  José Núñez \t\n");
	assert_string_equal(text_trim(buf), "José Núñez");
	strcpy(buf, "   ");
	assert_string_equal(text_trim(buf), "");
	strcpy(buf, "");
	assert_string_equal(text_trim(buf), "");
	strcpy(buf, "a  b");
	assert_string_equal(text_trim(buf), "a  b");
}

/* Names one could pass for the other are the same name. */
static void
test_name_same(void **state)
{
	(void)state;
	assert_true(text_name_same("Ana Pérez", "Ana Pérez"));
	assert_true(text_name_same("Ana Pérez", "ana pérez"));
	assert_true(text_name_same("Ana Pérez", "ANA PÉREZ"));
	/* A combining accent (macOS input), no accent, spaces. */
	assert_true(text_name_same("Ana Pérez", "Ana Pe\xcc\x81rez"));
	assert_true(text_name_same("Ana Pérez", "Ana Perez"));
	assert_true(text_name_same("Ana Pérez", "  Ana   Pérez "));
	assert_true(text_name_same("Ana Pérez", "Ana\xc2\xa0Pérez"));
	/* What does not show: a zero-width space, a soft hyphen. */
	assert_true(text_name_same("Ana Pérez", "A\xe2\x80\x8bna P\xc2\xadérez"));
	assert_true(text_name_same("Tomás Twin", "TOMÁS TWIN"));
	assert_true(text_name_same("Łukasz Żółć", "lukasz zolc"));
	assert_true(text_name_same("Nguyễn Văn An", "NGUYEN VAN AN"));
	assert_true(text_name_same("Ørsted Æbelø", "orsted æbelo"));
	assert_true(text_name_same("Ирина", "ИРИНА"));
	/* Letters with their mark built in against the mark apart, or
	 * none, beyond Latin-1 and Extended-A. */
	assert_true(text_name_same("Ștefan Țurcanu", "S\xcc\xa6tefan T\xcc\xa6urcanu"));
	assert_true(text_name_same("Ǎna Lǚ", "ana lu"));
	assert_true(text_name_same("Ёлкин Йосиф", "Е\xcc\x88лкин И\xcc\x86осиф"));
	assert_true(text_name_same("ёлкин", "ЕЛКИН"));
	assert_true(text_name_same("Οδυσσέας", "ΟΔΥΣΣΕΑΣ"));
	assert_true(text_name_same("Ίρις Ϊλιάδη", "ιρις ιλιαδη"));
	assert_false(text_name_same("Ирина", "Арина"));
	assert_false(text_name_same("Οδυσσέας", "Οδυσσεύς"));
	assert_true(text_name_same("محمد", "محمد"));
	/* Letters of another script drawn as Latin ones pass for them: a
	 * Cyrillic А, о, е and Н, a Greek Ρ and Κ, fullwidth letters. */
	assert_true(text_name_same("Ana", "\xd0\x90" "na"));
	assert_true(text_name_same("Jose Romero",
	    "J\xd0\xbe" "s\xd0\xb5 R\xd0\xbe" "mero"));
	assert_true(text_name_same("Helen", "\xd0\x9d" "elen"));
	assert_true(text_name_same("Pedro Kim",
	    "\xce\xa1" "edro \xce\x9a" "im"));
	assert_true(text_name_same("Ana", "\xef\xbc\xa1\xef\xbd\x8e\xef\xbd\x81"));
	assert_true(text_name_same("ΚΑΤΙΑ", "Katia"));
	/* What does not show, anywhere in a name: variation selectors,
	 * invisible operators, the Mongolian vowel separator, Khmer's
	 * invisible vowels, tags, the Hangul filler (a blank), combining
	 * marks of the extended blocks, direction overrides. */
	assert_true(text_name_same("Carol", "Car\xef\xb8\x8fol"));
	assert_true(text_name_same("Carol", "Caro\xef\xb8\x80l"));
	assert_true(text_name_same("Carol", "Car\xe2\x81\xa2ol"));
	assert_true(text_name_same("Carol", "Car\xe1\xa0\x8eol"));
	assert_true(text_name_same("Carol", "Car\xe1\x9e\xb4ol"));
	assert_true(text_name_same("Carol", "Carol\xf3\xa0\x81\x81"));
	assert_true(text_name_same("Carol", "Carol\xe3\x85\xa4"));
	assert_true(text_name_same("Carol", "Car\xe1\xaa\xb0ol"));
	assert_true(text_name_same("Carol", "Car\xcd\x8fol"));
	assert_true(text_name_same("Carol", "\xe2\x80\xae" "Carol"));
	/* Letters drawn as Latin ones beyond Greek and Cyrillic's: Cyrillic
	 * palochka, Armenian o, Cherokee C (and its small letter),
	 * mathematical sans-serif letters, the Roman numeral fifty, the
	 * Kelvin sign. */
	assert_true(text_name_same("Carol", "Caro\xd3\x8f"));
	assert_true(text_name_same("Carol", "Car\xd6\x85l"));
	assert_true(text_name_same("Carol", "\xe1\x8f\x9f" "arol"));
	assert_true(text_name_same("Carol", "\xea\xae\xaf" "arol"));
	assert_true(text_name_same("Carol",
	    "\xf0\x9d\x96\xa2\xf0\x9d\x96\xba\xf0\x9d\x97\x8b"
	    "\xf0\x9d\x97\x88\xf0\x9d\x97\x85"));
	assert_true(text_name_same("Carol", "Caro\xe2\x85\xbc"));
	assert_true(text_name_same("Kim", "\xe2\x84\xaaim"));
	assert_false(text_name_same("Carol", "Cariol"));
	/* Only those: Cyrillic И and Л are nothing Latin. */
	assert_false(text_name_same("Ирина", "Npnha"));
	assert_false(text_name_same("Лара", "Napa"));
	/* Different names stay different. */
	assert_false(text_name_same("Ana Pérez", "Ana Pérez López"));
	assert_false(text_name_same("Ana Pérez", "AnaPérez"));
	assert_false(text_name_same("Ana", "Ann"));
	assert_false(text_name_same("Ana", ""));
	assert_false(text_name_same("محمد", "أحمد"));
	assert_true(text_name_same("", "  "));
	assert_true(text_name_blank(" \xc2\xa0\xe2\x80\x8b "));
	assert_true(text_name_blank(""));
	assert_false(text_name_blank(" \xc2\xa0" "a"));
}

static void
test_code_equal(void **state)
{
	(void)state;
	assert_true(text_code_equal("KXM-47P", "KXM-47P"));
	assert_true(text_code_equal("KXM-47P", "kxm47p"));
	assert_true(text_code_equal("KXM-47P", "kxm 47p"));
	assert_true(text_code_equal("kxm - 47 p", "KXM47P"));
	assert_false(text_code_equal("KXM-47P", "KXM-47Q"));
	assert_false(text_code_equal("KXM-47P", "KXM-47"));
	assert_false(text_code_equal("KXM-47P", "KXM-47PP"));
	assert_false(text_code_equal("KXM-47P", ""));
	assert_false(text_code_equal("", ""));
	assert_false(text_code_equal("--", " "));
	assert_false(text_code_equal("KXM-47P", NULL));
	/* Only ASCII letters fold; others compare as bytes. */
	assert_true(text_code_equal("ÑA", "Ña"));
	assert_false(text_code_equal("ÑA", "ña"));
}

static void
test_alloc(void **state)
{
	char	*s, long_[600];
	size_t	 n;

	(void)state;
	s = xasprintf("%s has %d rules", "Ana Pérez", 3);
	assert_string_equal(s, "Ana Pérez has 3 rules");
	free(s);
	/* Either side of the first try's buffer, whole every time. */
	for (n = 505; n < 520; n++) {
		memset(long_, 'x', n);
		long_[n] = '\0';
		s = xasprintf("<%s>", long_);
		assert_int_equal(strlen(s), n + 2);
		assert_int_equal(s[0], '<');
		assert_int_equal(s[n], 'x');
		assert_string_equal(s + n + 1, ">");
		free(s);
	}
	s = xstrndup("José Núñez", 5);
	assert_string_equal(s, "José");
	free(s);
	s = xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = xcalloc(4, 4);
	assert_int_equal(s[15], 0);
	s = xrealloc(s, 32);
	free(s);
	free(xmalloc(0));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_is_control),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_to),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_wrap_accented),
		cmocka_unit_test(test_wrap_wide),
		cmocka_unit_test(test_wrap_paragraphs),
		cmocka_unit_test(test_wrap_french_marks),
		cmocka_unit_test(test_wrap_after_label),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_code_equal),
		cmocka_unit_test(test_name_same),
		cmocka_unit_test(test_alloc),
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "test_text: the C.UTF-8 locale is missing\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
