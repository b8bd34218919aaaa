/*
 * content.c - the template's own words in the reader's language (issue
 * 17).  The record keeps them in English, as the template wrote them
 * (seed content, ITEM_F_SEED); a screen shows them through the
 * catalogue, whose entries for them scripts/template-pot extracts from
 * the templates (src/templates).  What people write is shown as they typed it:
 * only the template's items, and only their first text, pass here.
 */
#include "roundtable/i18n.h"
#include "tui-internal.h"

const char *
tui_seed_text(const struct tui *t, const struct item *it)
{
	(void)t;	/* the screen's language is the process's */
	if (it->text == NULL || it->text[0] == '\0' ||
	    !(it->flags & ITEM_F_SEED))
		return it->text;
	return gettext(it->text);
}
