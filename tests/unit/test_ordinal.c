/*
 * test_ordinal.c - "2nd in the queue" in English, French and Spanish
 * (issue 17), read from the real catalogues ($(BUILD)/locale, beside the
 * test's directory): "1st", "2nd", "11th", "21st"; "1er", "2e", "21e";
 * "1.º", "2.º".
 */
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalogues.h"

#include "roundtable/i18n.h"
#include "../../src/tui/tui-internal.h"

static void
is(uint64_t n, const char *want)
{
	char	buf[32];

	assert_string_equal(tui_ordinal(n, buf, sizeof buf), want);
}

static void
test_english(void **state)
{
	(void)state;
	i18n_set_language("en");
	is(1, "1st");
	is(2, "2nd");
	is(3, "3rd");
	is(4, "4th");
	is(10, "10th");
	is(11, "11th");
	is(12, "12th");
	is(13, "13th");
	is(21, "21st");
	is(22, "22nd");
	is(23, "23rd");
	is(101, "101st");
	is(111, "111th");
	is(112, "112th");
}

static void
test_french(void **state)
{
	(void)state;
	i18n_set_language("fr");
	assert_string_equal(i18n_language(), "fr");
	is(1, "1er");
	is(2, "2e");
	is(3, "3e");
	is(4, "4e");
	is(11, "11e");
	is(21, "21e");
	is(22, "22e");
	is(101, "101e");
}

static void
test_spanish(void **state)
{
	(void)state;
	i18n_set_language("es");
	assert_string_equal(i18n_language(), "es");
	is(1, "1.º");
	is(2, "2.º");
	is(3, "3.º");
	is(11, "11.º");
	is(21, "21.º");
	is(23, "23.º");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_french),
		cmocka_unit_test(test_spanish),
	};

	if (catalogues_beside("/../locale", false) != 0)
		return 1;
	unsetenv("LANGUAGE");
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
