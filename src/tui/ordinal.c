/*
 * ordinal.c - "2nd in the queue" in the reader's language (issue 17).
 *
 * English chooses a suffix by the number's last digits; French writes
 * "1er", then "2e", "3e", "21e"; Spanish "1.º", "2.º".  Each of English's
 * forms is a format of its own for the translators (with the context
 * "ordinal"), and 1 has its own ("ordinal: the first") as French needs:
 * the forms a language does not tell apart get the same translation.  The ordinals are the
 * generic masculine ones ("1er dans la file", "1.º en la cola").
 */
#include <stdint.h>
#include <stdio.h>

#include "roundtable/i18n.h"
#include "tui-internal.h"

const char *
tui_ordinal(uint64_t n, char *buf, size_t size)
{
	const char		*fmt;
	unsigned long long	 u = (unsigned long long)n;

	if (n == 1)
		/* TRANSLATORS: the first, as in "1st in the queue" (French
		 * "1er", Spanish "1.º"). */
		fmt = C_("ordinal: the first", "%llust");
	else if (n % 100 >= 11 && n % 100 <= 13)
		/* TRANSLATORS: 11th-13th, 111th... and every n ending in 0
		 * or 4-9 ("2e", "2.º"). */
		fmt = C_("ordinal", "%lluth");
	else if (n % 10 == 1)
		/* TRANSLATORS: 21st, 31st, 101st... (not 1st). */
		fmt = C_("ordinal", "%llust");
	else if (n % 10 == 2)
		/* TRANSLATORS: 2nd, 22nd, 102nd... */
		fmt = C_("ordinal", "%llund");
	else if (n % 10 == 3)
		/* TRANSLATORS: 3rd, 23rd, 103rd... */
		fmt = C_("ordinal", "%llurd");
	else
		fmt = C_("ordinal", "%lluth");
	snprintf(buf, size, fmt, u);
	return buf;
}
