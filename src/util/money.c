/*
 * money.c - a cost as people type it, read into the model's one form
 * (money.h).  Issue 17: a room in Bamako types "4 500,50 €", one in
 * Bogotá "4.500,50 COP", one in New York "4,500.50 USD"; all three are
 * the same amount to the record, "4500.50".
 *
 * The amount is read as runs of digits between separators.  Which
 * separator is the decimal mark follows from the whole: with both a
 * point and a comma it is the last one; one point or comma among spaces
 * is the mark; one alone before one or two digits is the mark; one alone
 * before three digits ("4.500") is a guess this code will not make, the
 * currency having no cents being the only thing that settles it.
 * Groups after the first have three digits, so a typo ("4.50.0") is
 * refused rather than read as something else.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "roundtable/i18n.h"
#include "roundtable/money.h"

#define DIGITS_MAX	12	/* 999999999999.99: the model's MODEL_COST_MAX */
#define RUNS_MAX	16
#define SHOWN_MAX	24	/* bytes of what was typed, quoted back */

enum sep { SEP_POINT, SEP_COMMA, SEP_SPACE, SEP_APOSTROPHE, SEP_KINDS };

/* Currencies without cents (ISO 4217 exponent 0) that rooms use: "4.500
 * XOF" can only be thousands. */
static const char *const no_cents[] = {
	"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
	"UGX", "VND", "VUV", "XAF", "XOF", "XPF", NULL
};

/* Signs and words for a currency, compared with spaces taken out and
 * ASCII letters in capitals.  A NULL code: the sign stands for several
 * currencies, listed in .several, and is refused. */
static const struct {
	const char	*sign;
	const char	*code;
	const char	*several;
} signs[] = {
	{ "€", "EUR", NULL },
	{ "EURO", "EUR", NULL },
	{ "EUROS", "EUR", NULL },
	{ "£", "GBP", NULL },
	{ "US$", "USD", NULL },
	{ "$US", "USD", NULL },
	{ "USD$", "USD", NULL },
	{ "R$", "BRL", NULL },
	/* Colombia, Mexico, Argentina, Chile... write their pesos "$". */
	{ "$", NULL, "USD, COP, MXN, ARS, CLP..." },
	{ "DOLLAR", NULL, "USD, CAD, AUD..." },
	{ "DOLLARS", NULL, "USD, CAD, AUD..." },
	{ "PESO", NULL, "COP, MXN, ARS, CLP..." },
	{ "PESOS", NULL, "COP, MXN, ARS, CLP..." },
	/* The West and the Central African CFA francs. */
	{ "FCFA", NULL, "XOF, XAF" },
	{ "CFA", NULL, "XOF, XAF" },
	{ "¥", NULL, "JPY, CNY" },
	{ NULL, NULL, NULL }
};

/* The length of a space (ASCII, no-break, narrow no-break, thin) at p,
 * else 0. */
static size_t
space_at(const char *p)
{
	if (*p == ' ' || *p == '\t')
		return 1;
	if (strncmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(p, "\xe2\x80\xaf", 3) == 0 ||
	    strncmp(p, "\xe2\x80\x89", 3) == 0)
		return 3;
	return 0;
}

/* The length of a space just before q, not before start; else 0. */
static size_t
space_before(const char *start, const char *q)
{
	if (q - start >= 1 && (q[-1] == ' ' || q[-1] == '\t'))
		return 1;
	if (q - start >= 2 && strncmp(q - 2, "\xc2\xa0", 2) == 0)
		return 2;
	if (q - start >= 3 && (strncmp(q - 3, "\xe2\x80\xaf", 3) == 0 ||
	    strncmp(q - 3, "\xe2\x80\x89", 3) == 0))
		return 3;
	return 0;
}

/* The length of a separator of thousands or decimals at p, its kind in
 * *kind; else 0. */
static size_t
sep_at(const char *p, enum sep *kind)
{
	size_t	n;

	if (*p == '.' || *p == ',' || *p == '\'') {
		*kind = *p == '.' ? SEP_POINT : *p == ',' ? SEP_COMMA :
		    SEP_APOSTROPHE;
		return 1;
	}
	if (strncmp(p, "\xe2\x80\x99", 3) == 0) {	/* ’ */
		*kind = SEP_APOSTROPHE;
		return 3;
	}
	if ((n = space_at(p)) != 0)
		*kind = SEP_SPACE;
	return n;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* At most SHOWN_MAX bytes of s, cut at a character's start. */
static void
shown(char *buf, size_t len, const char *s, size_t n)
{
	size_t	max = len - 1 < SHOWN_MAX ? len - 1 : SHOWN_MAX;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
}

static int
fail(char *why, size_t whylen, const char *fmt, const char *a,
    const char *b, const char *c)
{
	snprintf(why, whylen, fmt, a, b, c);
	return -1;
}

/* The currency written s..s+n into code; -1 with why. */
static int
currency(const char *s, size_t n, char code[4], char *why, size_t whylen)
{
	char	 key[32], typed[SHOWN_MAX + 1];
	size_t	 i, k = 0, sp;
	int	 j;

	shown(typed, sizeof typed, s, n);
	for (i = 0; i < n && k + 1 < sizeof key; i++) {
		if ((sp = space_at(s + i)) != 0) {
			i += sp - 1;
			continue;
		}
		key[k++] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' +
		    'A') : s[i];
	}
	key[k] = '\0';
	for (j = 0; signs[j].sign != NULL; j++) {
		if (strcmp(key, signs[j].sign) != 0)
			continue;
		if (signs[j].code == NULL)
			/* TRANSLATORS: "$" stands for several currencies
			 * (USD, COP, MXN...); the list is the second %s. */
			return fail(why, whylen, _("\"%s\" stands for several "
			    "currencies (%s): type its three letters"), typed,
			    signs[j].several, NULL);
		memcpy(code, signs[j].code, 4);
		return 0;
	}
	if (k == 3 && i == n) {
		for (j = 0; j < 3; j++)
			if (key[j] < 'A' || key[j] > 'Z')
				break;
		if (j == 3) {
			memcpy(code, key, 4);
			return 0;
		}
	}
	return fail(why, whylen, _("\"%s\" is not a currency: use its three "
	    "letters, e.g. USD or EUR"), typed, NULL, NULL);
}

static bool
without_cents(const char *code)
{
	int	i;

	for (i = 0; no_cents[i] != NULL; i++)
		if (strcmp(code, no_cents[i]) == 0)
			return true;
	return false;
}

/*
 * The amount written s..s+n into m->amount, the currency code (or "")
 * deciding "4.500"; -1 with why.  *ambiguous is set when only the
 * currency could have settled it.
 */
static int
amount(const char *s, size_t n, const char *code, struct money *m,
    bool *ambiguous, char *why, size_t whylen)
{
	const char	*run[RUNS_MAX], *end = s + n, *p;
	size_t		 len[RUNS_MAX], l, k;
	enum sep	 sep[RUNS_MAX], kind;
	int		 nrun = 0, count[SEP_KINDS] = { 0 }, dec = -1, group = -1;
	int		 i, last;
	char		 typed[SHOWN_MAX + 1], whole[DIGITS_MAX + 8], frac[8];

	*ambiguous = false;
	shown(typed, sizeof typed, s, n);
	if (*s == '-')
		return fail(why, whylen, _("a cost cannot be negative"), NULL,
		    NULL, NULL);
	for (p = s; p < end; ) {
		if (nrun == RUNS_MAX || !is_digit(*p))
			goto bad;
		run[nrun] = p;
		while (p < end && is_digit(*p))
			p++;
		len[nrun] = (size_t)(p - run[nrun]);
		if (p == end) {
			nrun++;
			break;
		}
		if ((l = sep_at(p, &kind)) == 0 || p + l > end)
			goto bad;
		sep[nrun++] = kind;
		count[kind]++;
		p += l;
		if (p == end)
			goto bad;	/* "4500." */
	}
	last = nrun - 1;

	/* Which separator, if any, is the decimal mark. */
	if (count[SEP_POINT] > 0 && count[SEP_COMMA] > 0) {
		kind = sep[last - 1];
		if ((kind != SEP_POINT && kind != SEP_COMMA) || count[kind] != 1)
			goto bad;
		dec = last - 1;
	} else if (count[SEP_POINT] + count[SEP_COMMA] == 1) {
		kind = count[SEP_POINT] == 1 ? SEP_POINT : SEP_COMMA;
		if (sep[last - 1] != kind)
			goto bad;	/* "4,500 000" */
		if (nrun == 2 && len[1] == 3 && len[0] <= 3 && run[0][0] != '0') {
			/* "4.500": thousands, or four and a half? */
			if (*code != '\0' && without_cents(code))
				dec = -1;
			else
				*ambiguous = true;
		} else
			dec = last - 1;
	}

	/* The other separators group thousands, all of one kind, the first
	 * group of one to three digits and the others of three. */
	for (i = 0; i < last; i++) {
		if (i == dec)
			continue;
		if (group >= 0 && sep[i] != (enum sep)group)
			goto bad;
		group = (int)sep[i];
	}
	if (group >= 0) {
		if (len[0] > 3)
			goto bad;
		for (i = 1; i <= (dec >= 0 ? dec : last); i++)
			if (len[i] != 3)
				goto bad;
	}
	if (dec >= 0 && len[last] > 2)
		return fail(why, whylen, _("a cost has at most two decimals "
		    "(cents): \"%s\""), typed, NULL, NULL);

	/* The whole part's digits, without leading zeros. */
	k = 0;
	for (i = 0; i <= (dec >= 0 ? dec : last); i++) {
		for (l = 0; l < len[i]; l++) {
			if (k == 0 && run[i][l] == '0')
				continue;
			if (k == DIGITS_MAX)
				return fail(why, whylen, _("that amount is too "
				    "large"), NULL, NULL, NULL);
			whole[k++] = run[i][l];
		}
	}
	if (k == 0)
		whole[k++] = '0';
	whole[k] = '\0';
	if (*ambiguous) {
		/* Both readings, for the person to choose: "4500", "4.50"
		 * (the fraction with their language's decimal mark: "4,50"
		 * in Spanish, where "4.50" reads as a typo for thousands). */
		snprintf(frac, sizeof frac, "%s%.2s", C_("decimal mark", "."),
		    run[1]);
		snprintf(m->amount, sizeof m->amount, "%.*s%s", (int)len[0],
		    run[0], frac);
		return fail(why, whylen, _("\"%s\": thousands or a fraction? "
		    "Write %s, or %s"), typed, whole, m->amount);
	}
	if (dec >= 0)
		snprintf(m->amount, sizeof m->amount, "%s.%.*s", whole,
		    (int)len[last], run[last]);
	else
		snprintf(m->amount, sizeof m->amount, "%s", whole);
	return 0;
bad:
	return fail(why, whylen, _("not an amount: \"%s\" (write it like "
	    "1500, 1 500,50 or 1,500.50)"), typed, NULL, NULL);
}

int
money_parse(const char *s, struct money *m, char *why, size_t whylen)
{
	const char	*b, *e, *q, *num, *cur = NULL, *cur2 = NULL;
	size_t		 l, ncur = 0, ncur2 = 0, nnum;
	char		 code[4] = "", one[SHOWN_MAX + 1], two[SHOWN_MAX + 1];
	enum sep	 kind;
	bool		 ambiguous;

	memset(m, 0, sizeof *m);
	b = s != NULL ? s : "";
	e = b + strlen(b);
	while ((l = space_at(b)) != 0)
		b += l;
	/* The currency before the amount: up to a digit or a space. */
	if (b < e && !is_digit(*b) && *b != '-' && *b != '+' &&
	    sep_at(b, &kind) == 0) {
		for (q = b; q < e && !is_digit(*q) && space_at(q) == 0 &&
		    *q != '-'; q++)
			;
		cur = b;
		ncur = (size_t)(q - b);
		b = q;
		while ((l = space_at(b)) != 0)
			b += l;
	}
	/* The amount: digits, separators and a sign. */
	num = b;
	for (q = b; q < e; q += l) {
		if (is_digit(*q) || *q == '-' || *q == '+')
			l = 1;
		else if ((l = sep_at(q, &kind)) == 0)
			break;
	}
	b = q;
	while ((l = space_before(num, q)) != 0)
		q -= l;
	nnum = (size_t)(q - num);
	/* The currency after it, to the end less its spaces. */
	while ((l = space_before(b, e)) != 0)
		e -= l;
	if (b < e) {
		cur2 = b;
		ncur2 = (size_t)(e - b);
	}
	if (nnum == 0)
		return fail(why, whylen, _("type the amount and its currency, "
		    "e.g. 1500.50 USD"), NULL, NULL, NULL);
	if (cur != NULL && cur2 != NULL) {
		shown(one, sizeof one, cur, ncur);
		shown(two, sizeof two, cur2, ncur2);
		return fail(why, whylen, _("give one currency: \"%s\" or "
		    "\"%s\"?"), one, two, NULL);
	}
	if (cur2 != NULL) {
		cur = cur2;
		ncur = ncur2;
	}
	if (cur != NULL && currency(cur, ncur, code, why, whylen) != 0)
		return -1;
	if (amount(num, nnum, code, m, &ambiguous, why, whylen) != 0) {
		memset(m, 0, sizeof *m);
		return -1;
	}
	if (cur == NULL) {
		shown(one, sizeof one, num, nnum);
		memset(m, 0, sizeof *m);
		return fail(why, whylen, _("add its currency, e.g. %s EUR"),
		    one, NULL, NULL);
	}
	memcpy(m->currency, code, sizeof code);
	return 0;
}

/* Appends s to out (of cap bytes, *at used), or as much as fits. */
static void
put(char *out, size_t cap, size_t *at, const char *s, size_t n)
{
	if (*at + n >= cap)
		n = *at + 1 < cap ? cap - *at - 1 : 0;
	memcpy(out + *at, s, n);
	*at += n;
	out[*at] = '\0';
}

char *
money_format(int64_t minor, const char *currency, char *buf, size_t len)
{
	/* TRANSLATORS: between groups of three digits in an amount
	 * ("12,500,000.00"); French takes a no-break space, Spanish a
	 * point. */
	const char *group = C_("thousands separator", ",");
	/* TRANSLATORS: before the cents of an amount ("12,500,000.00");
	 * French and Spanish take a comma. */
	const char *mark = C_("decimal mark", ".");
	char digits[24], cents[3];
	size_t n, i, at = 0;
	int k;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (minor < 0)
		return buf;
	k = snprintf(digits, sizeof digits, "%lld", (long long)(minor / 100));
	n = k > 0 ? (size_t)k : 0;
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			put(buf, len, &at, group, strlen(group));
		put(buf, len, &at, digits + i, 1);
	}
	if (minor % 100 != 0 || currency == NULL || !without_cents(currency)) {
		snprintf(cents, sizeof cents, "%02d", (int)(minor % 100));
		put(buf, len, &at, mark, strlen(mark));
		put(buf, len, &at, cents, 2);
	}
	return buf;
}

char *
money_format_plain(const char *plain, const char *currency, char *buf,
    size_t len)
{
	int64_t	minor = 0;
	size_t	i, digits = 0, cents = 0;
	bool	point = false;

	for (i = 0; plain[i] != '\0'; i++) {
		if (plain[i] == '.' && !point && digits > 0) {
			point = true;
			continue;
		}
		if (plain[i] < '0' || plain[i] > '9' ||
		    (!point && digits >= DIGITS_MAX) || (point && ++cents > 2))
			return NULL;
		minor = minor * 10 + (plain[i] - '0');
		digits += !point;
	}
	if (digits == 0)
		return NULL;
	for (; cents < 2; cents++)
		minor *= 10;
	return money_format(minor, currency, buf, len);
}
