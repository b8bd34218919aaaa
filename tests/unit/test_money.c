/*
 * test_money.c - costs as people in Bamako, Bogotá and New York type
 * them, read into the model's one form; and what is refused, with the
 * sentence the person reads (in English here, the msgids).
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

#include "roundtable/i18n.h"
#include "roundtable/model.h"
#include "roundtable/money.h"
#include "roundtable/text.h"
#include "catalogues.h"

/* s reads as amount and currency, which the model takes as they are. */
static void
reads(const char *s, const char *amount, const char *currency)
{
	struct money		m;
	struct model_error	err;
	char			why[256] = "";
	int64_t			minor;

	if (money_parse(s, &m, why, sizeof why) != 0)
		fail_msg("\"%s\" refused: %s", s, why);
	assert_string_equal(m.amount, amount);
	assert_string_equal(m.currency, currency);
	assert_int_equal(model_cost_parse(m.amount, &minor, &err), 0);
	assert_true(model_currency_valid(m.currency));
}

/* s is refused with a sentence containing part. */
static void
refused(const char *s, const char *part)
{
	struct money	m;
	char		why[256] = "";

	if (money_parse(s, &m, why, sizeof why) == 0)
		fail_msg("\"%s\" read as %s %s", s, m.amount, m.currency);
	if (strstr(why, part) == NULL)
		fail_msg("\"%s\": \"%s\" does not say \"%s\"", s, why, part);
	assert_string_equal(m.amount, "");
	assert_string_equal(m.currency, "");
}

static void
test_the_locales_forms(void **state)
{
	(void)state;
	reads("4 500,50 €", "4500.50", "EUR");
	reads("4.500,50 EUR", "4500.50", "EUR");
	reads("4,500.50 USD", "4500.50", "USD");
	reads("4500.50 EUR", "4500.50", "EUR");
	reads("4500 XOF", "4500", "XOF");
	/* French typography: no-break and narrow no-break spaces. */
	reads("4\xc2\xa0" "500,50\xc2\xa0€", "4500.50", "EUR");
	reads("4\xe2\x80\xaf" "500,50\xe2\x80\xaf" "EUR", "4500.50", "EUR");
	/* Swiss apostrophes. */
	reads("1'250'000.75 CHF", "1250000.75", "CHF");
	reads("1’250 CHF", "1250", "CHF");
	/* The currency first, either case, with or without a space. */
	reads("USD 1500.50", "1500.50", "USD");
	reads("usd 1500.50", "1500.50", "USD");
	reads("€4.500,50", "4500.50", "EUR");
	reads("4500€", "4500", "EUR");
	reads("US$1,500.00", "1500.00", "USD");
	reads("1 500 $US", "1500", "USD");
	reads("12 euros", "12", "EUR");
	/* Thousands in long numbers, and one decimal. */
	reads("4.500.000 COP", "4500000", "COP");
	reads("4,500,000 USD", "4500000", "USD");
	reads("12 345 678,9 EUR", "12345678.9", "EUR");
	reads("0,50 EUR", "0.50", "EUR");
	reads("007 EUR", "7", "EUR");
	reads("  4500   EUR  ", "4500", "EUR");
	reads("999999999999.99 USD", "999999999999.99", "USD");
}

static void
test_thousands_or_fraction(void **state)
{
	(void)state;
	/* No currency can say whether "4.500" is 4500 or 4.5... */
	refused("4.500", "\"4.500\": thousands or a fraction? Write 4500, or "
	    "4.50");
	refused("4,500 EUR", "\"4,500\": thousands or a fraction? Write 4500, "
	    "or 4.50");
	/* The fraction written as the reader's language writes it. */
	i18n_set_language("es");
	refused("9.999 EUR", "Escriba 9999, o 9,99");
	i18n_set_language("en");
	refused("1.250 USD", "thousands or a fraction");
	/* ...but one without cents can. */
	reads("4.500 XOF", "4500", "XOF");
	reads("4,500 XAF", "4500", "XAF");
	reads("1.500 JPY", "1500", "JPY");
	/* Nor is it a question where a group cannot be: a leading zero,
	 * four digits before the mark, or spaces grouping already. */
	refused("0.500 EUR", "at most two decimals");
	refused("4500.500 EUR", "at most two decimals");
	refused("4 500,500 EUR", "at most two decimals");
	reads("4 500,5 EUR", "4500.5", "EUR");
}

static void
test_currencies(void **state)
{
	(void)state;
	/* "$" is the peso's sign in Colombia and Mexico too. */
	refused("4500 $", "\"$\" stands for several currencies (USD, COP");
	refused("$4,500.50", "stands for several currencies");
	refused("4500 FCFA", "(XOF, XAF)");
	refused("4 500 F CFA", "(XOF, XAF)");
	refused("4500 dollars", "several currencies");
	refused("4500 ¥", "JPY, CNY");
	refused("4500 EURO€", "is not a currency");
	refused("4500 EU", "\"EU\" is not a currency");
	refused("4500 EURS", "is not a currency");
	refused("4500 ÉUR", "is not a currency");
	refused("4500 U$D", "is not a currency");
	refused("4500 E1R", "is not a currency");
	refused("EUR 4500 USD", "give one currency: \"EUR\" or \"USD\"?");
	refused("€ 4500 €", "give one currency");
	refused("4500 EUR USD", "\"EUR USD\" is not a currency");
	/* An amount alone: ask for its currency, with its own amount. */
	refused("4500", "add its currency, e.g. 4500 EUR");
	refused("4 500,50", "add its currency, e.g. 4 500,50 EUR");
}

static void
test_hostile(void **state)
{
	char	long_digits[200];

	(void)state;
	refused("", "type the amount and its currency");
	refused("   ", "type the amount and its currency");
	refused("EUR", "type the amount and its currency");
	refused("€", "type the amount and its currency");
	refused("-5 EUR", "cannot be negative");
	refused("EUR -5", "cannot be negative");
	refused("+5 EUR", "not an amount: \"+5\"");
	refused("4-5 EUR", "not an amount");
	refused("4500. EUR", "not an amount: \"4500.\"");
	refused(".50 EUR", "not an amount: \".50\"");
	refused("4..5 EUR", "not an amount");
	refused("4,5,0 EUR", "not an amount");
	refused("4.50.0 EUR", "not an amount");
	refused("4.500,500.5 EUR", "not an amount");
	refused("4,500.500,5 EUR", "not an amount");
	refused("45 00 EUR", "not an amount");
	refused("4500 00 EUR", "not an amount");
	refused("4.500 000 EUR", "not an amount");
	refused("4,500 000.5 EUR", "not an amount");
	refused("4 500.000,50 EUR", "not an amount");
	refused("1e5 EUR", "is not a currency");
	refused("0x10 EUR", "is not a currency");
	reads("4500\tEUR\t", "4500", "EUR");	/* tabs are spaces */
	refused("١٢٣ EUR", "type the amount");	/* Arabic digits */
	refused("4500 \x1b[2J", "is not a currency");
	refused("4500 \xff\xfe", "is not a currency");
	refused("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 EUR", "not an amount");
	refused("9999999999999 USD", "too large");
	refused("1.000.000.000.000 USD", "too large");
	memset(long_digits, '9', sizeof long_digits - 5);
	memcpy(long_digits + sizeof long_digits - 5, " EUR", 5);
	refused(long_digits, "too large");
	memset(long_digits, '0', sizeof long_digits - 7);
	memcpy(long_digits + sizeof long_digits - 7, "1 EUR", 6);
	reads(long_digits, "1", "EUR");
}

/* minor units of currency are shown as shown, and read back as the same
 * amount. */
static void
shows(int64_t minor, const char *currency, const char *shown)
{
	char			buf[48], *typed;
	struct money		m;
	struct model_error	err;
	char			why[256] = "";
	int64_t			back;

	assert_string_equal(money_format(minor, currency, buf, sizeof buf),
	    shown);
	typed = xasprintf("%s %s", buf, currency);
	if (money_parse(typed, &m, why, sizeof why) != 0)
		fail_msg("\"%s\" refused: %s", typed, why);
	free(typed);
	assert_int_equal(model_cost_parse(m.amount, &back, &err), 0);
	assert_int_equal(back, minor);
}

static void
test_shown_as_the_language_writes(void **state)
{
	(void)state;
	i18n_set_language("en");
	shows(1250000000, "COP", "12,500,000.00");
	shows(50, "EUR", "0.50");
	shows(99900, "USD", "999.00");
	shows(100000, "USD", "1,000.00");
	shows(450000, "XOF", "4,500");
	shows(450050, "XOF", "4,500.50");
	shows(9999999999999, "EUR", "99,999,999,999.99");
	i18n_set_language("fr");
	shows(1250000000, "COP", "12\xc2\xa0" "500\xc2\xa0" "000,00");
	shows(450000, "XOF", "4\xc2\xa0" "500");
	i18n_set_language("es");
	shows(1250000000, "COP", "12.500.000,00");
	shows(99900, "USD", "999,00");
	/* Cut to the buffer, never past it. */
	{
		char small[6];

		i18n_set_language("en");
		assert_string_equal(money_format(1250000000, "COP", small,
		    sizeof small), "12,50");
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_the_locales_forms),
		cmocka_unit_test(test_thousands_or_fraction),
		cmocka_unit_test(test_currencies),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_shown_as_the_language_writes),
	};

	setlocale(LC_ALL, "C.UTF-8");
	if (catalogues_beside("/../locale", true) != 0)
		return 1;
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
