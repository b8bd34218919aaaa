/*
 * test_bigfont.c - the big letters of the projected question (issue 17):
 * French and Spanish questions with accents are drawn big, each accent a
 * mark of its own over its base letter, the cedilla under it, and every
 * row of a line as wide as the others so the centred rows stay aligned.
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
#include "../../src/tui/tui-internal.h"

/* Row r of s, compared with want. */
static void
row_is(const char *s, int r, const char *want)
{
	char	*row = tui_big_row(s, r);

	if (strcmp(row, want) != 0)
		fail_msg("row %d of \"%s\" is \"%s\", not \"%s\"", r, s, row,
		    want);
	free(row);
}

static void
test_accent_over_base_letter(void **state)
{
	(void)state;
	/* É: E with an acute above it. */
	row_is("É", -1, "  ▄▀ ");
	row_is("É", 0, "█████");
	row_is("É", 4, "█████");
	row_is("É", 5, "     ");
	/* The same in either case, as the font draws every letter. */
	row_is("é", -1, "  ▄▀ ");
	row_is("é", 2, "████ ");
	row_is("è", -1, " ▀▄  ");
	row_is("ê", -1, " ▄▀▄ ");
	row_is("ü", -1, " ▀ ▀ ");
	row_is("ñ", -1, " ▄▀▄▀");
	row_is("ñ", 1, "██  █");
	/* The cedilla hangs under the C. */
	row_is("ç", -1, "     ");
	row_is("ç", 4, " ████");
	row_is("ç", 5, " ▄█  ");
	/* Plain letters have blank rows there, one column between. */
	row_is("QUÉ", -1, "              ▄▀ ");
	row_is("A B", -1, "             ");
	row_is("A B", 0, " ███    ████ ");
}

static void
test_marks_distinct(void **state)
{
	static const char	*const letters[] = { "É", "È", "Ê", "Ë", "Ñ",
	    "Å" };
	char			*a, *b;
	size_t			 i, j;

	(void)state;
	for (i = 0; i < 6; i++)
		for (j = i + 1; j < 6; j++) {
			a = tui_big_row(letters[i], -1);
			b = tui_big_row(letters[j], -1);
			if (strcmp(a, b) == 0)
				fail_msg("%s and %s have the same mark",
				    letters[i], letters[j]);
			free(a);
			free(b);
		}
}

static void
test_marks(void **state)
{
	(void)state;
	assert_int_equal(tui_big_marks("QUE"), 0);
	assert_int_equal(tui_big_marks("¿QUÉ?"), TUI_BIG_ABOVE);
	assert_int_equal(tui_big_marks("ACCIÓN"), TUI_BIG_ABOVE);
	assert_int_equal(tui_big_marks("ÇA"), TUI_BIG_BELOW);
	assert_int_equal(tui_big_marks("FRANÇAIS À"), TUI_BIG_ABOVE |
	    TUI_BIG_BELOW);
	assert_int_equal(tui_big_marks("maïs"), TUI_BIG_ABOVE);
	assert_int_equal(tui_big_marks("ÿ Ÿ"), TUI_BIG_ABOVE);
}

/* Every row of s, the accents' too, is as wide as the letters'. */
static void
same_widths(const char *s)
{
	char	*row;
	size_t	 w0 = 0;
	int	 r;

	for (r = -1; r <= 5; r++) {
		row = tui_big_row(s, r);
		if (r == -1)
			w0 = text_width(row);
		else if (text_width(row) != w0)
			fail_msg("\"%s\": row %d is %zu columns, row -1 %zu",
			    s, r, text_width(row), w0);
		free(row);
	}
	assert_true(w0 > 0);
}

static void
test_questions_split_big(void **state)
{
	static const char	*const questions[] = {
		"¿Qué esperan de este diálogo?",
		"Qu'attendez-vous de ce dialogue ?",
		"Êtes-vous prêts à coopérer ?",
		"¿Cuál es el próximo paso, señora?",
		"Où en est la réconciliation ?",
		"Le cœur du problème ?",
		"Ça avance ?",
	};
	char	*lines[2];
	size_t	 i;
	int	 n, j;

	(void)state;
	for (i = 0; i < sizeof questions / sizeof questions[0]; i++) {
		if (!tui_big_split(questions[i], 200, lines, 2, &n))
			fail_msg("\"%s\" is not drawn big", questions[i]);
		for (j = 0; j < n; j++) {
			same_widths(lines[j]);
			free(lines[j]);
		}
	}
	/* Two lines of 30 columns at most: five letters a line, and a
	 * word of six is too wide. */
	assert_true(tui_big_split("¿Qué pasa?", 30, lines, 2, &n));
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "¿Qué");
	assert_string_equal(lines[1], "pasa?");
	free(lines[0]);
	free(lines[1]);
	assert_false(tui_big_split("¿Qué pasa ahora?", 30, lines, 2, &n));
	assert_int_equal(n, 0);
}

static void
test_what_the_font_lacks(void **state)
{
	char		*lines[2], buf[8];
	uint32_t	 cp;
	int		 n;

	(void)state;
	/* Every letter of Latin-1 is drawn, not × and ÷ (nor þ). */
	for (cp = 0xc0; cp <= 0xff; cp++) {
		if (cp == 0xd7 || cp == 0xf7 || cp == 0xde || cp == 0xfe)
			assert_null(tui_big_glyph(cp));
		else if (tui_big_glyph(cp) == NULL)
			fail_msg("U+%04X has no big letter", cp);
	}
	assert_non_null(tui_big_glyph(0x153));	/* œ */
	assert_false(tui_big_split("日本", 200, lines, 2, &n));
	assert_false(tui_big_split("a × b", 200, lines, 2, &n));
	assert_false(tui_big_split("ħ", 200, lines, 2, &n));
	assert_false(tui_big_split("\xff", 200, lines, 2, &n));
	/* The join code and the clock are ASCII. */
	assert_true(tui_big_ok("ABC-123"));
	assert_true(tui_big_ok("+1:05"));
	snprintf(buf, sizeof buf, "%s", "É");
	assert_false(tui_big_ok(buf));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_accent_over_base_letter),
		cmocka_unit_test(test_marks_distinct),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_questions_split_big),
		cmocka_unit_test(test_what_the_font_lacks),
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "test_bigfont: the C.UTF-8 locale is missing\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
