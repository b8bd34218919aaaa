/*
 * content.c - the template's own words in the reader's language (issue
 * 17).  The record keeps them in English, as the template wrote them
 * (seed content, ITEM_F_SEED; the phases' titles and prompts, EVENT_STEP;
 * the scale's points); a screen shows them through the catalogue, whose
 * entries for them scripts/template-pot extracts from the templates
 * (src/templates).  What people write is shown as they typed it: only
 * the template's items, and only their first text, pass here, and the
 * room's own title never does.  A template of the facilitator's own
 * passes too: its words are found in the catalogue only where they are
 * the method's (a phase called "Caucus"), and are shown as written
 * otherwise.
 */
#include <string.h>

#include "roundtable/i18n.h"
#include "tui-internal.h"

/* The catalogue's words for s; "" and NULL as they are (gettext("")
 * would be the catalogue's header).  Through the memo of _(): the
 * phase's prompt and title are asked for on every frame. */
static const char *
words(const char *s)
{
	return s == NULL || s[0] == '\0' ? s : i18n_gettext(s);
}

const char *
tui_seed_text(const struct tui *t, const struct item *it)
{
	(void)t;	/* the screen's language is the process's */
	if (it->text == NULL || !(it->flags & ITEM_F_SEED))
		return it->text;
	return words(it->text);
}

const char *
tui_step_title(const struct tui *t, size_t i)
{
	return words(model_step_title(t->ws, i));
}

const char *
tui_step_prompt(const struct tui *t, size_t i)
{
	return words(model_step_prompt(t->ws, i));
}

/* A scale's point: the built-in scale's and a template's in the
 * catalogue's words, a room's own as it wrote it. */
const char *
tui_point_label(const struct tui *t, const struct poll *p, int point)
{
	const char *label = model_point_label(t->ws, p, point);

	return model_point_builtin(t->ws, p, point) ? words(label) : label;
}

const char *
tui_point_meaning(const struct tui *t, const struct poll *p, int point)
{
	const char *meaning = model_point_meaning(t->ws, p, point);

	return model_point_builtin(t->ws, p, point) ? words(meaning) : meaning;
}

const char *
tui_poll_text(const struct tui *t, const struct poll *p)
{
	const struct item *it = model_item(t->ws, p->target);

	/* The version decided is the template's only while it is the
	 * seed item's own text: an amended one is the room's. */
	if (it == NULL || p->text == NULL || it->text == NULL ||
	    !(it->flags & ITEM_F_SEED) || strcmp(it->text, p->text) != 0)
		return p->text;
	return words(p->text);
}
