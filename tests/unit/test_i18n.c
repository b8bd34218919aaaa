/*
 * test_i18n.c - choosing the language of messages (src/util/i18n.c):
 * --lang whatever the locale, the environment as glibc reads it (LANGUAGE
 * ignored under C, honoured under C.UTF-8, a language asked for by a
 * locale that is not installed), the catalogues there are, and sentences
 * that arrive in English from the room put into this screen's language.
 *
 * The language is a made-up one, "xx" (tests/unit/i18n-xx.po), built
 * beside this binary, so the test does not follow the real catalogues'
 * wording.  Each test sets the environment and the locale as a new
 * process would find them.
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
#include "roundtable/text.h"

static const struct i18n_format formats[] = {
	{ "someone called %.60s has already joined this room; choose "
	    "another name", 0 },
	{ "the room cannot save changes right now (%s); nothing was lost — "
	    "try again in a moment", 1u << 0 },
	{ "%s moved %d items to %s", 0 },
	{ NULL, 0 }
};
static const struct i18n_format *const tables[] = { formats, NULL };

/* A fresh process's environment: only what the test gives. */
static void
env(const char *lang, const char *language, const char *lc_all)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LC_CTYPE");
	unsetenv("LANGUAGE");
	unsetenv("LANG");
	if (lang != NULL)
		setenv("LANG", lang, 1);
	if (language != NULL)
		setenv("LANGUAGE", language, 1);
	if (lc_all != NULL)
		setenv("LC_ALL", lc_all, 1);
	setlocale(LC_ALL, "C");
}

static void
test_lang_option_under_c(void **state)
{
	(void)state;
	/* --lang works however bare the locale. */
	env("C", NULL, "C");
	i18n_init("xx");
	assert_string_equal(i18n_language(), "xx");
	assert_string_equal(_("wrong join code"), "code d'accès erroné (xx)");
	assert_string_equal(ngettext("%d record", "%d records", 2),
	    "%d enregistrements (xx)");
	/* A later setlocale(LC_ALL, "") (the screen does one) keeps it. */
	setlocale(LC_ALL, "");
	assert_string_equal(_("wrong join code"), "code d'accès erroné (xx)");
	/* And back. */
	i18n_set_language("en");
	assert_string_equal(i18n_language(), "en");
	assert_string_equal(_("wrong join code"), "wrong join code");
	i18n_set_language("xx");
	assert_string_equal(_("disk full"), "disque plein (xx)");
}

static void
test_environment(void **state)
{
	(void)state;
	/* A locale that is not installed still says the language. */
	env("xx_XX.UTF-8", NULL, NULL);
	i18n_init(NULL);
	assert_string_equal(i18n_language(), "xx");
	assert_string_equal(_("disk full"), "disque plein (xx)");

	/* LANGUAGE under C.UTF-8: honoured, as glibc does. */
	env("C.UTF-8", "xx", NULL);
	i18n_init(NULL);
	assert_string_equal(i18n_language(), "xx");
	assert_string_equal(_("disk full"), "disque plein (xx)");

	/* LANGUAGE under C: ignored, as glibc does. */
	env("C", "xx", NULL);
	i18n_init(NULL);
	assert_string_equal(i18n_language(), "en");
	assert_string_equal(_("disk full"), "disk full");

	/* Nothing set: English. */
	env(NULL, NULL, NULL);
	i18n_init(NULL);
	assert_string_equal(i18n_language(), "en");

	/* LC_ALL wins over LANG. */
	env("xx_XX.UTF-8", NULL, "C.UTF-8");
	i18n_init(NULL);
	assert_string_equal(i18n_language(), "en");

	/* A list: the first there is a catalogue for; en stops it. */
	env("C.UTF-8", "de:xx", NULL);
	i18n_init(NULL);
	assert_string_equal(i18n_language(), "xx");
	env("C.UTF-8", "en_GB:xx", NULL);
	i18n_init(NULL);
	assert_string_equal(i18n_language(), "en");
	assert_string_equal(_("disk full"), "disk full");

	/* NULL goes back to what the environment said at i18n_init. */
	env("xx_XX.UTF-8", NULL, NULL);
	i18n_init("en");
	assert_string_equal(i18n_language(), "en");
	i18n_set_language(NULL);
	assert_string_equal(i18n_language(), "xx");
}

static void
test_catalogues(void **state)
{
	char *all;

	(void)state;
	env("C.UTF-8", NULL, NULL);
	i18n_init(NULL);
	assert_true(i18n_known("en"));
	assert_true(i18n_known("xx"));
	assert_false(i18n_known("de"));
	assert_false(i18n_known("../xx"));
	assert_false(i18n_known("xx/"));
	assert_false(i18n_known(""));
	assert_false(i18n_known("XX"));
	all = i18n_languages();
	assert_string_equal(all, "en, xx");
	free(all);
}

static void
check_wire(const char *english, const char *want)
{
	char *got = i18n_from_wire(english, tables);

	assert_string_equal(got, want);
	free(got);
}

static void
test_from_wire(void **state)
{
	(void)state;
	env("C.UTF-8", NULL, NULL);
	i18n_init("xx");
	/* A sentence of its own. */
	check_wire("wrong join code", "code d'accès erroné (xx)");
	/* A name is said back as it is, even one that is a sentence. */
	check_wire("someone called Ana has already joined this room; "
	    "choose another name", "Ana est déjà là (xx)");
	check_wire("someone called disk full has already joined this room; "
	    "choose another name", "disk full est déjà là (xx)");
	/* An argument that is a sentence is translated too. */
	check_wire("the room cannot save changes right now (disk full); "
	    "nothing was lost — try again in a moment",
	    "rien n'est enregistré : disque plein (xx) (xx)");
	/* Arguments in another order; a number must be one. */
	check_wire("Li moved 3 items to Caucus B",
	    "Caucus B : 3 déplacés par Li (xx)");
	check_wire("Li moved three items to Caucus B",
	    "Li moved three items to Caucus B");
	/* Nothing known: as it came. */
	check_wire("a sentence from a newer room", "a sentence from a newer "
	    "room");
	check_wire("", "");
	/* In English, English. */
	i18n_set_language("en");
	check_wire("someone called Ana has already joined this room; "
	    "choose another name", "someone called Ana has already joined "
	    "this room; choose another name");
}

/* One word, two meanings: the context chooses the translation. */
static void
test_context(void **state)
{
	char	long_word[600], *word;

	(void)state;
	env("C.UTF-8", NULL, NULL);
	i18n_init("xx");
	assert_string_equal(_("open"), "ouvert (xx)");
	assert_string_equal(C_("confidentiality", "open"), "ouverte (xx)");
	/* Known only at run time, as a table's word is. */
	word = xstrdup("open");
	assert_string_equal(C_("confidentiality", word), "ouverte (xx)");
	free(word);
	/* A context with no translation: the word as it is, never the
	 * context-less translation. */
	assert_string_equal(C_("status", "open"), "open");
	assert_string_equal(C_("confidentiality", "closed"), "closed");
	memset(long_word, 'o', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	assert_ptr_equal(C_("confidentiality", long_word), long_word);
	i18n_set_language("en");
	assert_string_equal(C_("confidentiality", "open"), "open");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_option_under_c),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_catalogues),
		cmocka_unit_test(test_from_wire),
		cmocka_unit_test(test_context),
	};

	/* The test's own catalogue, beside it (not the one make check
	 * points ROUNDTABLE_LOCALEDIR at). */
	if (catalogues_beside("/locale", false) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
