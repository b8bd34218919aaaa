/*
 * money.h - a cost as people type it, in the forms their language writes
 * it ("4 500,50 €", "4.500,50 EUR", "4,500.50 USD", "USD 4500.50"), read
 * into the one form the model keeps: an amount with a point and at most
 * two decimals ("4500.50") and a currency's three capital letters
 * ("EUR").  Client side only: the record's format does not change.
 */
#ifndef ROUNDTABLE_MONEY_H
#define ROUNDTABLE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_AMOUNT_MAX	32	/* the model's MODEL_AMOUNT_MAX */

struct money {
	char	amount[MONEY_AMOUNT_MAX + 1];	/* "4500.50", "4500" */
	char	currency[4];			/* "EUR" */
};

/*
 * Reads s: the amount, its currency before or after it (with or without
 * a space): three letters in any case, or "€" (EUR), "£" (GBP), "US$"
 * or "$US" (USD).  A lone "$" (USD, COP, MXN...) and "FCFA" (XOF or XAF)
 * stand for several currencies and are refused.  Thousands may be
 * grouped by spaces (also no-break and thin spaces), points, commas or
 * apostrophes; the decimal mark is a point or a comma.  "4.500" or
 * "4,500" alone could be thousands or a fraction and is refused, unless
 * the currency has no cents (XOF, XAF, JPY...): then it is 4500.
 * Returns 0 and fills m, or -1 with a sentence in the reader's language
 * (no final stop) in why.
 */
int	money_parse(const char *s, struct money *m, char *why, size_t whylen);

/*
 * An amount of minor units (cents; >= 0) of currency as the reader's
 * language writes it, into buf: "12,500,000.00", "12 500 000,00" (no-break
 * spaces), "12.500.000,00" (the translations choose the separators); a
 * whole amount of a currency without cents without them ("4,500" XOF).
 * For the screens, the charter and the report, where money_parse() reads
 * it back; the record and the CSV keep model_cost_format()'s "4500.00".
 * Returns buf.
 */
char	*money_format(int64_t minor, const char *currency, char *buf,
	    size_t len);
/* money_format() of an amount in the record's form ("4500.50", "4500"):
 * buf, or NULL when plain is not one. */
char	*money_format_plain(const char *plain, const char *currency,
	    char *buf, size_t len);

#endif
