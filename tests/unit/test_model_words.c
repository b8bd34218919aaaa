/*
 * test_model_words.c - the model's refusals in each person's language
 * (issue 17): the model makes them in English, the msgid, wherever the
 * intent is checked; a screen translates one with i18n_from_wire(msg,
 * model_words).  Real refusals, from model_check with bad intents, read
 * through the real catalogues (build/locale, as make check points
 * ROUNDTABLE_LOCALEDIR at; else the one beside this binary's directory).
 */
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

#include "roundtable/i18n.h"
#include "roundtable/model.h"
#include "fixture.h"

#define T0	1700000000

/* What model_check says to actor's intent (it must refuse it). */
static void
refusal(const struct workshop *ws, uint32_t actor, const struct intent *in,
    char *out, size_t len)
{
	struct event		ev;
	struct model_error	err;

	assert_int_not_equal(model_check(ws, actor, in, T0, &ev, &err), 0);
	snprintf(out, len, "%s", err.msg);
}

static void
shown(const char *english, const char *lang, const char *want)
{
	char *s;

	i18n_set_language(lang);
	s = i18n_from_wire(english, model_words);
	assert_string_equal(s, want);
	free(s);
}

static void
test_refusals(void **state)
{
	struct workshop *ws = fixture_template_room("msp", NULL, 0, T0);
	struct intent step = { .type = INTENT_STEP, .value = PHASE_WELCOME,
	    .text = (char *)"Welcome" };
	char no_args[200], with_arg[200];

	(void)state;
	assert_non_null(ws);
	/* Without arguments: the sentence is its own msgid. */
	step.value = PHASE_COUNT;
	refusal(ws, MODEL_SYSTEM, &step, no_args, sizeof no_args);
	assert_string_equal(no_args, "no such kind of phase");
	/* With one: matched against model_words. */
	step.value = PHASE_WELCOME;
	step.value2 = 100000;
	refusal(ws, MODEL_SYSTEM, &step, with_arg, sizeof with_arg);
	assert_non_null(strstr(with_arg, "a timebox is 0 to "));

	shown(no_args, "fr", "ce type de phase n'existe pas");
	shown(no_args, "es", "no existe ese tipo de fase");
	shown(with_arg, "fr", "une durée impartie va de 0 à 600 minutes");
	shown(with_arg, "es", "un tiempo asignado va de 0 a 600 minutos");
	/* English is the refusal itself. */
	shown(with_arg, "en", with_arg);
	model_free(ws);
}

/* A consensus check's verdict as the reveal records it (test_poll makes
 * these from real votes), in each language. */
static void
test_verdicts(void **state)
{
	(void)state;
	shown("blocked by 1 — not adopted", "fr", "bloqué par 1 — non adopté");
	shown("blocked by 1 — not adopted", "es",
	    "bloqueado por 1 — no adoptado");
	shown("consensus (2 with reservations) — adopted", "fr",
	    "consensus (avec réserves : 2) — adopté");
	shown("majority not reached after 3 rounds (4 to 5) — not adopted",
	    "es", "mayoría no alcanzada tras 3 rondas (4 contra 5) — no "
	    "adoptado");
	shown("consensus — adopted", "es", "consenso — adoptado");
	/* A name the model gives is shown as _(name). */
	i18n_set_language("fr");
	assert_string_equal(_(model_status_name(STATUS_ADOPTED)), "adopté");
	assert_string_equal(_(model_phase_name(PHASE_GROUND_RULES)),
	    "Règles de base");
	i18n_set_language("es");
	assert_string_equal(_(model_answer_name(ANSWER_STAND_ASIDE)),
	    "me aparto");
}

/* Action plans: refusals made by the parsers the screens call, and the
 * records of changes as action_commit writes them (test_action makes
 * these from real events), in each language. */
static void
test_actions(void **state)
{
	struct workshop *ws = fixture_template_room("msp", NULL, 0, T0);
	struct model_error err;
	int32_t date;
	int64_t cost;
	char buf[64];

	(void)state;
	assert_int_equal(model_date_parse("2027-02-29", &date, &err), -1);
	/* A month is a word of its own. */
	shown(err.msg, "fr", "ce n'est pas une date : 2027-02-29 (février "
	    "2027 compte 28 jours)");
	shown(err.msg, "es", "no es una fecha: 2027-02-29 (febrero de 2027 "
	    "tiene 28 días)");
	assert_int_equal(model_cost_parse("-5", &cost, &err), -1);
	shown(err.msg, "fr", "un coût ne peut pas être négatif");
	/* Statuses inside a refusal are words too; the longer format is
	 * taken before the one it begins like. */
	shown("an action that is proposed cannot become done before its "
	    "owners agree to it", "fr", "une action au statut « proposé » "
	    "ne peut pas passer à « réalisé » avant l'accord de ses "
	    "responsables");
	shown("an action that is agreed cannot become proposed", "es",
	    "una acción en estado «acordado» no puede pasar a "
	    "«propuesto»");
	shown("actions are worked on in the Action plans and Follow-up and "
	    "exit phases", "fr", "les actions se travaillent dans les phases "
	    "« Plans d'action » et « Suivi et sortie »");
	/* Records: people's words stay as written, names too. */
	shown("Police agreed; the action is agreed", "fr", "accord donné par "
	    "Police ; l'action est convenue");
	shown("Bea and the facilitator agreed", "es", "acuerdo dado por Bea "
	    "y la persona facilitadora");
	shown("Bea agreed", "es", "acuerdo dado por Bea");
	shown("owner added: a participant", "es", "responsable añadido: una "
	    "persona participante");
	shown("status: in progress", "fr", "statut : en cours");
	shown("resources: Hi-vis vests", "es", "recursos: Hi-vis vests");
	shown("how cleared", "fr", "comment : effacé");
	shown("milestone done: Route agreed", "fr", "jalon atteint : Route "
	    "agreed");
	/* English is the record itself. */
	shown("Police agreed; the action is agreed", "en",
	    "Police agreed; the action is agreed");
	/* When, in the language of whoever shows it. */
	i18n_set_language("fr");
	assert_string_equal(model_when(ws, 0, T0, MODEL_WHEN_AT, buf,
	    sizeof buf), "le 2023-11-14");
	i18n_set_language("es");
	assert_string_equal(_(model_action_status_name(ACTION_DROPPED)),
	    "abandonado");
	model_free(ws);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_actions),
	};
	char exe[4096], *slash;
	ssize_t n;

	if (getenv("ROUNDTABLE_LOCALEDIR") == NULL) {
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n <= 0)
			return 1;
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		strncat(exe, "/../locale", sizeof exe - strlen(exe) - 1);
		setenv("ROUNDTABLE_LOCALEDIR", exe, 1);
	}
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
