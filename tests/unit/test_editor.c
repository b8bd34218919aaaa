/*
 * test_editor.c - the input line as a person types on it (issue 15): a
 * value offered in a prompt (a due date, the next review, the name the
 * SSH login gave) is replaced by what is typed over it, as when readline
 * has the whole value selected; Backspace, the arrows, Home and End edit
 * it instead, and Enter takes it as it is.  Text offered for editing
 * (tui_editor_fill) stays where it is and typing goes on at its end.
 *
 * No terminal is needed: only the editor's keys run, no drawing.
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

#include "../../src/tui/tui-internal.h"

static struct editor ed;

static int
type(const char *s)
{
	int	rc = EDITOR_NONE;

	for (; *s != '\0'; s++)
		rc = tui_editor_key(&ed, OK, (wint_t)(unsigned char)*s, false);
	return rc;
}

static int
special(wint_t k)
{
	return tui_editor_key(&ed, KEY_CODE_YES, k, false);
}

/* N in Follow-up: a ten-byte date field holding a date.  Typing used to
 * be refused as too long, and Enter sent the old date. */
static void
test_offer_replaced_by_typing(void **state)
{
	(void)state;
	tui_editor_reset(&ed, 10);
	tui_editor_offer(&ed, "2099-03-01");
	assert_true(ed.selected);
	assert_int_equal(type("2099-04-01"), EDITOR_CHANGED);
	assert_string_equal(ed.buf, "2099-04-01");
	assert_false(ed.selected);
	assert_int_equal(type("\r"), EDITOR_SEND);
	assert_string_equal(ed.buf, "2099-04-01");
}

static void
test_offer_taken_with_enter(void **state)
{
	(void)state;
	tui_editor_reset(&ed, MODEL_NAME_MAX);
	tui_editor_offer(&ed, "ana");
	assert_int_equal(type("\r"), EDITOR_SEND);
	assert_string_equal(ed.buf, "ana");
}

/* Backspace edits the offered name rather than erasing it all. */
static void
test_offer_edited_with_backspace(void **state)
{
	(void)state;
	tui_editor_reset(&ed, MODEL_NAME_MAX);
	tui_editor_offer(&ed, "anap");
	assert_int_equal(special(KEY_BACKSPACE), EDITOR_CHANGED);
	assert_false(ed.selected);
	type(" Perez");
	assert_string_equal(ed.buf, "ana Perez");
}

static void
test_offer_edited_after_arrows(void **state)
{
	(void)state;
	tui_editor_reset(&ed, MODEL_NAME_MAX);
	tui_editor_offer(&ed, "ana");
	special(KEY_HOME);
	type("Dr ");
	assert_string_equal(ed.buf, "Dr ana");
	tui_editor_reset(&ed, MODEL_NAME_MAX);
	tui_editor_offer(&ed, "");	/* nothing offered: nothing selected */
	assert_false(ed.selected);

	tui_editor_reset(&ed, MODEL_NAME_MAX);
	tui_editor_offer(&ed, "jose");
	special(KEY_LEFT);
	tui_editor_key(&ed, OK, 0xe9, false);	/* é, as wget_wch reads it */
	assert_string_equal(ed.buf, "jos\xc3\xa9" "e");

	tui_editor_reset(&ed, MODEL_NAME_MAX);
	tui_editor_offer(&ed, "jose");
	special(KEY_END);
	type(" luis");
	assert_string_equal(ed.buf, "jose luis");
}

/* Esc cancels, whatever was offered. */
static void
test_offer_cancelled(void **state)
{
	(void)state;
	tui_editor_reset(&ed, 10);
	tui_editor_offer(&ed, "2027-03-15");
	assert_int_equal(type("\033"), EDITOR_CANCEL);
}

/* A text to edit is not a value to replace. */
static void
test_fill_is_not_selected(void **state)
{
	(void)state;
	tui_editor_reset(&ed, MODEL_TEXT_MAX);
	tui_editor_fill(&ed, "Respect time");
	assert_false(ed.selected);
	type(" limits");
	assert_string_equal(ed.buf, "Respect time limits");
}

/* The text box never selects: charter text is edited in place. */
static void
test_box_offer_is_not_selected(void **state)
{
	(void)state;
	tui_editor_reset_box(&ed, MODEL_TEXT_MAX);
	tui_editor_offer(&ed, "Goal");
	assert_false(ed.selected);
	type("s");
	assert_string_equal(ed.buf, "Goals");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offer_replaced_by_typing),
		cmocka_unit_test(test_offer_taken_with_enter),
		cmocka_unit_test(test_offer_edited_with_backspace),
		cmocka_unit_test(test_offer_edited_after_arrows),
		cmocka_unit_test(test_offer_cancelled),
		cmocka_unit_test(test_fill_is_not_selected),
		cmocka_unit_test(test_box_offer_is_not_selected),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
