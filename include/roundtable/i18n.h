/*
 * i18n.h - the program's words in the reader's language (GNU gettext, in
 * glibc; the catalogues are src/po/LL.po, built into LL/LC_MESSAGES/
 * roundtable.mo under the catalogue directory).
 *
 * Mark every sentence a person reads: _("...") where it is used,
 * N_("...") in a static table or a #define (then _() where it is shown),
 * ngettext(one, many, n) where a count is shown.  Comments beginning
 * "TRANSLATORS:" just above a marked string reach the translators.
 * A word with more than one meaning ("open": a rule of confidentiality,
 * an item's status) gets a context, pgettext's: C_("confidentiality",
 * "open") where it is used, NC_(ctx, "...") in a table (then C_(ctx, s)
 * with the same ctx where it is shown); a translator sees it as msgctxt.
 *
 * Whose language:
 *   - each screen follows its own person: `roundtable join` its user's
 *     locale or --lang; an SSH participant's screen the LANG their ssh
 *     sends, else the room's language of record;
 *   - the serving screen, and every message on a terminal, the locale
 *     of whoever runs the command;
 *   - the charter and the report the room's language of record, or
 *     export --lang.
 * A sentence made in one process and shown in another (a refusal from
 * the room, a model error) travels in English, the msgid, and is
 * translated where it is shown: i18n_from_wire().
 */
#ifndef ROUNDTABLE_I18N_H
#define ROUNDTABLE_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define I18N_DOMAIN	"roundtable"

#define _(s)		i18n_gettext(s)
#define N_(s)		(s)
#define C_(ctx, s)	i18n_pgettext(ctx, s)
#define NC_(ctx, s)	(s)

/*
 * Sets the locale from the environment (with a UTF-8 character type even
 * where the environment's is not), binds our catalogues and chooses the
 * language of messages: lang, a catalogue's name as --lang takes it
 * ("fr", "es", "en") or a locale name ("fr_FR.UTF-8"), or NULL for the
 * environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), read now.  First
 * thing in main(), before any message.
 */
void		 i18n_init(const char *lang);
/* Messages from now on in lang (NULL: the environment's, as it was when
 * i18n_init ran).  Also sets LANGUAGE, which programs started from here
 * inherit. */
void		 i18n_set_language(const char *lang);
/* The language messages are in now, as a catalogue's name: "en" when
 * none of ours matches. */
const char	*i18n_language(void);
/* Is there a catalogue for lang (or is it "en", the source)?  Only plain
 * names ("fr", "pt_BR") count. */
bool		 i18n_known(const char *lang);
/* Is s a name a catalogue may have: "fr", "es", "pt_BR" (two or three
 * small letters, then maybe _ and two capitals)? */
bool		 i18n_name_ok(const char *s);
/* The languages there are catalogues for, with en: "en, es, fr".
 * Caller frees. */
char		*i18n_languages(void);
/* Where the catalogues are read from: $ROUNDTABLE_LOCALEDIR; else a
 * locale/ or build/locale/ beside the program (the source tree); else
 * the installed $(PREFIX)/share/locale. */
const char	*i18n_localedir(void);

/*
 * gettext(s), remembered: a screen asks for the same sentences on every
 * frame (its key bar, its prompts, "%s: " before every contribution), and
 * glibc's lookup takes a lock, reads the environment and searches a tree
 * each time.  What _() calls.
 */
const char	*i18n_gettext(const char *s);
/* After a setlocale() outside this file: what was remembered may no
 * longer be what gettext says. */
void		 i18n_locale_changed(void);

/* pgettext(ctx, s), for s known only when the program runs too: the
 * translation of s in the context ctx, else s. */
const char	*i18n_pgettext(const char *ctx, const char *s);

/*
 * A sentence made in English by another process, in this one's
 * language.  A sentence with no arguments is its own msgid; one with
 * arguments is matched against formats (tables ending in { NULL, 0 },
 * the list ending in NULL), its arguments taken out and put into the
 * translated format.  Bit i of .words: argument i is itself a marked
 * sentence (translated too), not a name or a number; I18N_ACTION_STATUS(i):
 * it is an action's status, translated in the context "action status"
 * (French agrees it with "une action": "proposée", where an item is
 * "proposé"); I18N_AMOUNT(i): an amount (money_format).  Returns a
 * malloc'd string: the translation, or a copy of text.
 */
#define I18N_ACTION_STATUS(i)	(1u << (16 + (i)))
/* Argument i is an amount in the record's form ("12500000.00"), the next
 * its currency: written as the reader's language writes amounts. */
#define I18N_AMOUNT(i)		(1u << (24 + (i)))
struct i18n_format {
	const char	*fmt;
	unsigned	 words;
};
char		*i18n_from_wire(const char *text,
		    const struct i18n_format *const *formats);

#endif
