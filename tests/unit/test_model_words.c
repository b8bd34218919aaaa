/*
 * test_model_words.c - the model's refusals in each person's language
 * (issue 17): the model makes them in English, the msgid, wherever the
 * intent is checked; a screen translates one with i18n_from_wire(msg,
 * model_words).  Real refusals, from model_check with bad intents, read
 * through the real catalogues (build/locale, as make check points
 * ROUNDTABLE_LOCALEDIR at; else the one beside this binary's directory).
 * Every format of model_words has a French and a Spanish translation
 * that takes the same arguments, and each one is the format a sentence
 * made from it is matched against (none before it takes it).
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

#include <ctype.h>
#include <cmocka.h>

#include "catalogues.h"

#include "roundtable/i18n.h"
#include "roundtable/model.h"
#include "roundtable/net.h"
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

/* english, made by the model, as a screen in lang shows it through
 * tables. */
static void
shown_by(const struct i18n_format *const *tables, const char *english,
    const char *lang, const char *want)
{
	char *s;

	i18n_set_language(lang);
	s = i18n_from_wire(english, tables);
	assert_string_equal(s, want);
	free(s);
}

/* A refusal or a verdict. */
static void
shown(const char *english, const char *lang, const char *want)
{
	shown_by(model_words, english, lang, want);
}

/* An action's record of a change, as its history shows it. */
static void
logged_as(const char *english, const char *lang, const char *want)
{
	shown_by(model_log_words, english, lang, want);
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

/* People in the room test_room_refusals opens. */
enum { FAC = MODEL_FACILITATOR, ANA = 2, OLGA = 3 };

/* What model_check says to actor's intent, shown in French and in
 * Spanish. */
static void
refused_as(const struct workshop *ws, uint32_t actor, struct intent in,
    const char *fr, const char *es)
{
	char english[sizeof ((struct model_error *)0)->msg];

	refusal(ws, actor, &in, english, sizeof english);
	shown(english, "fr", fr);
	shown(english, "es", es);
	shown(english, "en", english);
}

static void
must(struct workshop *ws, uint32_t actor, struct intent in)
{
	struct event		ev;
	struct model_error	err;

	if (model_apply(ws, actor, &in, T0, &ev, &err) != 0)
		fail_msg("intent %d refused: %s", in.type, err.msg);
}

/* Moves the room to its first phase of this kind. */
static void
to_kind(struct workshop *ws, int kind)
{
	size_t i;

	for (i = 0; i < model_steps(ws); i++)
		if (model_step_kind(ws, i) == kind) {
			must(ws, FAC, (struct intent){ .type = INTENT_PHASE,
			    .value = (int32_t)i });
			return;
		}
	fail_msg("no phase of kind %d", kind);
}

/*
 * Refusals of room.c, model.c, poll.c and fields.c, with the words they
 * put into a sentence (a kind of phase, a status, what was tried, a
 * field's name) translated with it.
 */
static void
test_room_refusals(void **state)
{
	struct workshop *ws = fixture_template_room("msp", NULL, 0, T0);
	char big[MODEL_TEXT_MAX + 2], fr[200], es[200];
	uint32_t rule;

	(void)state;
	assert_non_null(ws);
	must(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_GROUP_ADD,
	    .text = (char *)"Community" });
	must(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_JOIN,
	    .text = (char *)"Ana", .ref = 1, .value = ROLE_PARTICIPANT,
	    .secret = (char *)"tok-ana" });
	must(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_JOIN,
	    .text = (char *)"Olga", .value = ROLE_OBSERVER,
	    .secret = (char *)"tok-olga" });

	refused_as(ws, OLGA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = (char *)"Hola" },
	    "les observateurs peuvent suivre la salle, mais pas y écrire",
	    "las personas observadoras pueden seguir la sala, pero no "
	    "escribir en ella");
	refused_as(ws, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = (char *)"Hola" },
	    "il n'y a rien à écrire pendant la phase « Accueil » ; "
	    "attendez la suivante",
	    "no hay nada que escribir durante la fase «Bienvenida»; espere "
	    "la siguiente");
	refused_as(ws, ANA, (struct intent){ .type = INTENT_ADOPT, .ref = 1 },
	    "seul un facilitateur peut adopter une proposition",
	    "solo una persona facilitadora puede adoptar una propuesta");
	refused_as(ws, FAC, (struct intent){ .type = INTENT_HAND, .value = 1 },
	    "les facilitateurs ne peuvent pas lever la main",
	    "las personas facilitadoras no pueden levantar la mano");
	must(ws, ANA, (struct intent){ .type = INTENT_HAND, .value = 1 });
	refused_as(ws, ANA, (struct intent){ .type = INTENT_HAND, .value = 1 },
	    "votre main est déjà levée", "su mano ya está levantada");
	/* fields.c: a string the request does not take. */
	refused_as(ws, ANA, (struct intent){ .type = INTENT_HAND, .value = 0,
	    .text = (char *)"x" },
	    "cette demande ne prend pas de texte",
	    "esta solicitud no admite texto");

	/* A field named by what the phase writes. */
	to_kind(ws, PHASE_GROUND_RULES);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	snprintf(fr, sizeof fr, "le champ « règle de base » est trop long "
	    "(%d octets ; au plus %d)", MODEL_TEXT_MAX + 1, MODEL_TEXT_MAX);
	snprintf(es, sizeof es, "el campo «regla básica» es demasiado largo "
	    "(%d bytes; máximo %d)", MODEL_TEXT_MAX + 1, MODEL_TEXT_MAX);
	refused_as(ws, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = big }, fr, es);
	refused_as(ws, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = (char *)"  " },
	    "le champ « règle de base » est vide",
	    "el campo «regla básica» está vacío");
	/* A status. */
	must(ws, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = (char *)"Nadie interrumpe" });
	rule = (uint32_t)ws->nitems;
	must(ws, FAC, (struct intent){ .type = INTENT_ADOPT, .ref = rule });
	refused_as(ws, FAC, (struct intent){ .type = INTENT_ADOPT,
	    .ref = rule },
	    "cette proposition a déjà le statut « adopté »",
	    "el estado de esta propuesta ya es «adoptado»");
	/* A dot vote's choices, in the plural. */
	to_kind(ws, PHASE_CAUCUS);
	refused_as(ws, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .value = POLL_DOTS },
	    "un vote par points demande au moins deux éléments au choix",
	    "una votación por puntos necesita al menos dos elementos para "
	    "elegir");
	model_free(ws);
}

/* The conversions of a printf format, by the argument each takes (a
 * translation may reorder them with "%2$s"): "s", "d", "zu", "llu".
 * Returns how many arguments. */
static int
conversions(const char *f, char conv[][8], int max)
{
	int n = 0, next = 0, i, pos;
	size_t len;

	for (; *f != '\0'; f++) {
		if (*f != '%')
			continue;
		if (f[1] == '%') {
			f++;
			continue;
		}
		f++;
		pos = 0;
		if (isdigit((unsigned char)*f) && strchr(f, '$') != NULL &&
		    (size_t)(strchr(f, '$') - f) == strspn(f, "0123456789")) {
			pos = atoi(f);
			f = strchr(f, '$') + 1;
		}
		f += strspn(f, "#0- +'0123456789.*");
		len = strspn(f, "hlLqjzt") + 1;
		i = pos > 0 ? pos - 1 : next++;
		assert_true(i < max && len < 8);
		memcpy(conv[i], f, len);
		conv[i][len] = '\0';
		if (i + 1 > n)
			n = i + 1;
		f += len - 1;
	}
	return n;
}

/* fmt with its conversions filled from args (as i18n_from_wire fills a
 * translation: a word argument translated). */
static void
filled(const char *f, const char *const *args, unsigned words, char *out,
    size_t outlen)
{
	size_t o = 0;
	int next = 0, i;
	const char *a;

	while (*f != '\0' && o + 1 < outlen) {
		if (f[0] == '%' && f[1] == '%') {
			out[o++] = '%';
			f += 2;
			continue;
		}
		if (*f != '%') {
			out[o++] = *f++;
			continue;
		}
		f++;
		if (isdigit((unsigned char)*f) && f[strspn(f,
		    "0123456789")] == '$') {
			i = atoi(f) - 1;
			f += strspn(f, "0123456789") + 1;
		} else
			i = next++;
		f += strspn(f, "#0- +'0123456789.*");
		f += strspn(f, "hlLqjzt") + 1;
		a = (words & I18N_ACTION_STATUS(i)) ? C_("action status",
		    args[i]) : (words & (1u << i)) ? _(args[i]) : args[i];
		o += (size_t)snprintf(out + o, outlen - o, "%s", a);
	}
	out[o < outlen ? o : outlen - 1] = '\0';
}

/*
 * Every format in model_words: translated in French and in Spanish, with
 * the same arguments; and a sentence made from it comes out as its own
 * translation (no format listed before it matches it first).
 */
static void
check_formats(const struct i18n_format *const *tables, int *nformats)
{
	/* Each argument its own value, so a translation that swaps two is
	 * caught; a word argument a real word, so it must come out
	 * translated. */
	static const char *const langs[] = { "fr", "es" };
	static const char *const text[8] = { "ARGA", "ARGB", "ARGC", "ARGD",
	    "ARGE", "ARGF", "ARGG", "ARGH" };
	static const char *const num[8] = { "71", "72", "73", "74", "75", "76",
	    "77", "78" };
	const struct i18n_format *const *table;
	const struct i18n_format *t;
	char en[8][8], tr[8][8], english[400], want[400];
	const char *args[8], *translated;
	int n, i;
	size_t l;
	char *got;

	for (table = tables; *table != NULL; table++)
		for (t = *table; t->fmt != NULL; t++) {
			(*nformats)++;
			n = conversions(t->fmt, en, 8);
			assert_true((t->words & 0xffffu) >> n == 0);
			assert_true((t->words >> 16 & 0xffu) >> n == 0);
			assert_true(t->words >> 24 >> n == 0);
			for (i = 0; i < n; i++)
				args[i] = strcmp(en[i], "s") != 0 ? num[i] :
				    (t->words & (1u << i |
				    I18N_ACTION_STATUS(i))) ? "withdrawn" :
				    text[i];
			filled(t->fmt, args, 0, english, sizeof english);
			for (l = 0; l < sizeof langs / sizeof *langs; l++) {
				i18n_set_language(langs[l]);
				translated = _(t->fmt);
				if (translated == t->fmt)
					fail_msg("%s: no translation of \"%s\"",
					    langs[l], t->fmt);
				assert_int_equal(conversions(translated, tr, 8),
				    n);
				for (i = 0; i < n; i++)
					if (strcmp(en[i], tr[i]) != 0)
						fail_msg("%s: \"%s\": argument %d "
						    "is %%%s, not %%%s", langs[l],
						    translated, i + 1, tr[i],
						    en[i]);
				filled(translated, args, t->words, want,
				    sizeof want);
				got = i18n_from_wire(english, tables);
				if (strcmp(got, want) != 0)
					fail_msg("%s: \"%s\" came out as \"%s\", "
					    "not \"%s\"", langs[l], english, got,
					    want);
				free(got);
			}
		}
}

/* An action's cost in its history is written as the reader's language
 * writes amounts (it read "costo 12500000.00 COP" beside a card's
 * "12.500.000,00 COP"); a currency without cents has none. */
static void
test_log_amounts(void **state)
{
	static const struct {
		const char	*lang, *wire, *shown;
	} cases[] = {
		{ "en", "cost 12500000.00 COP", "cost 12,500,000.00 COP" },
		{ "es", "cost 12500000.00 COP", "costo 12.500.000,00 COP" },
		{ "fr", "cost 4500.50 EUR", "coût 4\xc2\xa0" "500,50 EUR" },
		{ "en", "cost 1200000.00 XOF", "cost 1,200,000 XOF" },
		{ "en", "cost 999999999999.99 EUR",
		    "cost 999,999,999,999.99 EUR" },
		{ "en", "cost ARGA ARGB", "cost ARGA ARGB" },
	};
	size_t	i;
	char	*got;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		i18n_set_language(cases[i].lang);
		got = i18n_from_wire(cases[i].wire, model_log_words);
		if (strcmp(got, cases[i].shown) != 0)
			fail_msg("%s: \"%s\" came out as \"%s\", not \"%s\"",
			    cases[i].lang, cases[i].wire, got, cases[i].shown);
		free(got);
	}
	i18n_set_language("en");
}

static void
test_formats(void **state)
{
	int	n = 0;

	(void)state;
	check_formats(model_words, &n);
	assert_true(n > 50);
	n = 0;
	check_formats(model_log_words, &n);
	assert_true(n > 15);
	i18n_set_language("en");
}

/* A consensus check's verdict as the reveal records it (test_poll makes
 * these from real votes), in each language. */
/* The room answers with people the test joins; returns the poll. */
static uint32_t
scored(struct workshop *ws, const int *points, size_t n)
{
	struct intent	 in;
	struct event	 ev;
	struct model_error err;
	uint32_t	 ind = fixture_first_of(ws, ITEM_INDICATOR), poll;
	char		 name[16], tok[16];
	size_t		 i;

	in = (struct intent){ .type = INTENT_PHASE, .value = 5 };
	if (model_step_now(ws) != 5)
		assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &in, T0,
		    &ev, &err), 0);
	assert_int_equal(ws->phase, PHASE_INDICATORS);
	if (ws->ngroups == 0) {
		in = (struct intent){ .type = INTENT_GROUP_ADD,
		    .text = (char *)"Partners" };
		assert_int_equal(model_apply(ws, MODEL_SYSTEM, &in, T0, &ev,
		    &err), 0);
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "P%zu", ws->npeople);
		snprintf(tok, sizeof tok, "tok%zu", ws->npeople);
		in = (struct intent){ .type = INTENT_JOIN, .text = name,
		    .ref = 1, .value = ROLE_PARTICIPANT, .secret = tok };
		assert_int_equal(model_apply(ws, MODEL_SYSTEM, &in, T0, &ev,
		    &err), 0);
	}
	in = (struct intent){ .type = INTENT_ADOPT, .ref = ind };
	if (model_item(ws, ind)->status != STATUS_ADOPTED)
		assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &in, T0,
		    &ev, &err), 0);
	in = (struct intent){ .type = INTENT_POLL_OPEN, .ref = ind,
	    .value = POLL_SCORE };
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &in, T0, &ev,
	    &err), 0);
	poll = (uint32_t)ws->npolls;
	for (i = 0; i < n; i++) {
		in = (struct intent){ .type = INTENT_VOTE, .ref = poll,
		    .value = points[i] };
		assert_int_equal(model_apply(ws, (uint32_t)(ws->npeople - n +
		    i + 1), &in, T0, &ev, &err), 0);
	}
	in = (struct intent){ .type = INTENT_POLL_CLOSE, .ref = poll };
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &in, T0, &ev,
	    &err), 0);
	return poll;
}

static void
said_as(const struct workshop *ws, uint32_t poll, const char *lang,
    const char *want)
{
	char *s;

	i18n_set_language(lang);
	s = model_score_said(ws, model_poll(ws, poll));
	assert_string_equal(s, want);
	free(s);
}

/* A score's sentence in the reader's words, the template's points
 * included; a room's own scale as it wrote it. */
static void
test_scores(void **state)
{
	struct workshop *ws = fixture_template_room("srm-review", NULL, 0,
	    T0);
	static const int points[] = { 2, 2, 2, 1, 3 }, two[] = { 1, 2 };
	struct intent	 in = { .type = INTENT_SCALE,
			    .text = (char *)"good\nbad" };
	struct event	 ev;
	struct model_error err;
	uint32_t	 poll;

	(void)state;
	assert_non_null(ws);
	poll = scored(ws, points, 5);
	assert_string_equal(model_poll(ws, poll)->verdict_text,
	    "partially present (3 of 5; 1 present, 1 not present)");
	said_as(ws, poll, "en", model_poll(ws, poll)->verdict_text);
	said_as(ws, poll, "fr", "partiellement présent (3 sur 5 ; 1 présent, "
	    "1 absent)");
	said_as(ws, poll, "es", "parcialmente presente (3 de 5; 1 presente, 1 no "
	    "presente)");
	/* The room's own words stay as typed. */
	i18n_set_language("en");
	in.ref = 0;
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &in, T0, &ev,
	    &err), 0);
	in = (struct intent){ .type = INTENT_POLL_REVEAL, .ref = poll };
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &in, T0, &ev,
	    &err), 0);
	poll = scored(ws, two, 2);
	said_as(ws, poll, "fr", "bad (1 sur 2 ; 1 good)");
	i18n_set_language("en");
	model_free(ws);
}

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
	 * taken before the one it begins like.  An action's are said as
	 * its card says them, agreeing with "action" (before, the refusal
	 * said "proposé" of an action its card called "proposée"). */
	shown("an action that is proposed cannot become done before its "
	    "owners agree to it", "fr", "une action au statut « proposée » "
	    "ne peut pas passer à « réalisée » avant l'accord de ses "
	    "responsables");
	shown("an action that is agreed cannot become proposed", "es",
	    "una acción en estado «acordada» no puede pasar a "
	    "«propuesta»");
	shown("that action was withdrawn", "fr", "cette action a le statut "
	    "« retirée »");
	shown("actions are worked on in the Action plans and Follow-up and "
	    "exit phases", "fr", "les actions se travaillent dans les phases "
	    "« Plans d'action » et « Suivi et sortie »");
	/* Records: people's words stay as written, names too. */
	logged_as("Police agreed; the action is agreed", "fr", "accord donné par "
	    "Police ; l'action est convenue");
	logged_as("Bea and the facilitator agreed", "es", "acuerdo dado por Bea "
	    "y la persona facilitadora");
	logged_as("Bea agreed", "es", "acuerdo dado por Bea");
	logged_as("owner added: a participant", "es", "responsable añadido: una "
	    "persona participante");
	logged_as("status: in progress", "fr", "statut : en cours");
	logged_as("status: done", "fr", "statut : réalisée");
	logged_as("status: dropped", "es", "estado: abandonada");
	logged_as("resources: Hi-vis vests", "es", "recursos: Hi-vis vests");
	logged_as("how cleared", "fr", "comment : effacé");
	logged_as("milestone done: Route agreed", "fr", "jalon atteint : Route "
	    "agreed");
	/* An empty word is empty, not gettext("") (the catalogue's
	 * header). */
	i18n_set_language("fr");
	{
		char *said = i18n_from_wire("owner added: ",
		    model_log_words);

		assert_null(strstr(said, "Project-Id-Version"));
		free(said);
	}
	/* People's words shaped like a refusal's format stay theirs. */
	logged_as("how: train staff (1 of 3)", "fr", "comment : train staff "
	    "(1 of 3)");
	logged_as("resources: two rooms (2 of 5; shared)", "es", "recursos: two "
	    "rooms (2 of 5; shared)");
	/* English is the record itself. */
	logged_as("Police agreed; the action is agreed", "en",
	    "Police agreed; the action is agreed");
	/* When, in the language of whoever shows it. */
	i18n_set_language("fr");
	assert_string_equal(model_when(ws, 0, T0, MODEL_WHEN_AT, buf,
	    sizeof buf), "le 2023-11-14");
	i18n_set_language("es");
	assert_string_equal(C_("action status",
	    model_action_status_name(ACTION_DROPPED)), "abandonada");
	model_free(ws);
}

/* The door's refusal of a taken name, as this room says it and as rooms
 * said it until December 2026 (same protocol): both are read in the
 * person's language. */
static void
test_door_taken(void **state)
{
	static const char *const fr = "quelqu'un qui s'appelle Ana a déjà "
	    "rejoint cette salle ; choisissez un autre nom";
	static const char *const es = "alguien llamado Ana ya se ha unido a "
	    "esta sala; elija otro nombre";

	(void)state;
	shown_by(net_words, "someone called Ana has already joined this "
	    "room; choose another name", "fr", fr);
	shown_by(net_words, "someone called Ana is already in the room; "
	    "choose another name", "fr", fr);
	shown_by(net_words, "someone called Ana is already in the room; "
	    "choose another name", "es", es);
	i18n_set_language("en");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_room_refusals),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_log_amounts),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_door_taken),
	};

	if (catalogues_beside("/../locale", true) != 0)
		return 1;
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
