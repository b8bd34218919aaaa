/*
 * test_room.c - privacy the model enforces and the roles it checks: every
 * intent each role must not have; the Chatham House Rule and off the
 * record; caucus report-backs approved by their caucus and revealed one
 * at a time; the speaking queue; renaming, moving and removing people;
 * private points of order; new questions and pinned themes.
 *
 * Replicas are fed as the server feeds them: each event through
 * model_event_audience/model_event_view for that viewer (AUDIENCE_NONE is
 * not sent at all), then model_commit as a client.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roundtable/model.h"

#include "fixture.h"
#include "room.h"

#define T0 1763800000

/* Two groups of two, an observer, a co-facilitator. */
enum { FAC = MODEL_FACILITATOR, ANA = 2, BEA = 3, RUIZ = 4, SOL = 5,
    OLGA = 6, COF = 7 };
enum { COMMUNITY = 1, POLICE = 2 };
#define NVIEWERS 6
static const uint32_t viewers[NVIEWERS] = { FAC, ANA, BEA, RUIZ, SOL, COF };

static const char *const room_groups[] = { "Community", "Police",
    NULL };

static int
setup(void **state)
{
	struct room *r = calloc(1, sizeof *r);
	static const char *const names[] = { "Ana Pérez", "Bea", "Sgt. Ruiz",
	    "Sol" };
	static const uint32_t groups[] = { COMMUNITY, COMMUNITY, POLICE,
	    POLICE };

	room_init(r, viewers, NVIEWERS, T0, 1);
	room_open(r, "Mesa", "ABC-234", "FAC-CODE-123", room_groups);
	join_all(r, names, groups, 4);
	join(r, "Olga", 0, ROLE_OBSERVER, "tok-o");
	join(r, "Co", 0, ROLE_COFACILITATOR, "tok-c");
	*state = r;
	return 0;
}

/* --- every intent a role must not have ---------------------------------- */

/* An intent of each type, well formed, so that a refusal is about who
 * asks.  The room is in Ground rules; ANA has a proposal (item mine). */
static size_t
all_intents(struct room *r, uint32_t mine, struct intent *out)
{
	uint32_t rule = fixture_first_of(r->ws, ITEM_RULE);
	size_t n = 0;

	out[n++] = (struct intent){ .type = INTENT_CREATE, .text = "X",
	    .secret = "ABC" };
	out[n++] = I(INTENT_GROUP_ADD, 0, 0, "Business");
	out[n++] = (struct intent){ .type = INTENT_JOIN, .text = "Z",
	    .ref = COMMUNITY, .value = ROLE_PARTICIPANT, .secret = "t" };
	out[n++] = I(INTENT_PHASE, 0, PHASE_DIALOGUE, NULL);
	out[n++] = I(INTENT_CONTRIBUTE, 0, 0, "Una regla");
	out[n++] = (struct intent){ .type = INTENT_SEED, .value = ITEM_RULE,
	    .text = "x" };
	out[n++] = I(INTENT_QUESTION, fixture_first_of(r->ws, ITEM_QUESTION), 0, NULL);
	out[n++] = I(INTENT_TITLE, 0, 0, "Otro título");
	out[n++] = I(INTENT_LANGUAGE, 0, 0, "fr");
	out[n++] = (struct intent){ .type = INTENT_CODE, .secret = "NEW" };
	out[n++] = I(INTENT_ADOPT, rule, 0, NULL);
	out[n++] = I(INTENT_REJECT, rule, 0, NULL);
	out[n++] = I(INTENT_WITHDRAW, mine, 0, NULL);
	out[n++] = I(INTENT_POLL_OPEN, rule, POLL_CONSENSUS, NULL);
	out[n++] = I(INTENT_VOTE, 1, ANSWER_AGREE, NULL);
	out[n++] = (struct intent){ .type = INTENT_DOT, .ref = 1,
	    .value = (int32_t)rule, .value2 = 1 };
	out[n++] = I(INTENT_POLL_CLOSE, 1, 0, NULL);
	out[n++] = I(INTENT_POLL_REVEAL, 1, 0, NULL);
	out[n++] = I(INTENT_DECISION_RULE, 0, DECIDE_MAJORITY, NULL);
	out[n++] = I(INTENT_SECTION_EDIT, model_section(r->ws, 10)->id, 0,
	    "Texto");
	out[n++] = I(INTENT_SECTION_MERGE, mine, 0, NULL);
	out[n++] = I(INTENT_SECTION_STATE, model_section(r->ws, 10)->id,
	    STATUS_NOT_APPLICABLE, NULL);
	out[n++] = I(INTENT_QUESTION_NEW, 0, ITEM_CAUCUS_QUESTION, "¿Qué?");
	out[n++] = I(INTENT_PIN, mine, 1, NULL);
	out[n++] = I(INTENT_REPORT, 0, 0, "Informe");
	out[n++] = I(INTENT_REPORT_REVEAL, mine, 0, NULL);
	out[n++] = (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 };
	out[n++] = (struct intent){ .type = INTENT_FAC_CODE,
	    .secret = "NEWCODE-1" };
	out[n++] = I(INTENT_RENAME, BEA, 0, "Beatriz");
	out[n++] = I(INTENT_MOVE, BEA, POLICE, NULL);
	out[n++] = I(INTENT_REMOVE, BEA, 0, "Insultos");
	out[n++] = I(INTENT_HAND, 0, 1, NULL);
	out[n++] = I(INTENT_SPEAKER, ANA, 0, NULL);
	out[n++] = I(INTENT_GRIEVANCE, 0, 0, "Queja");
	out[n++] = I(INTENT_ANSWERED, mine, 0, NULL);
	out[n++] = I(INTENT_MEETING, 0, 20991231, NULL);
	out[n++] = I(INTENT_ATTEND, BEA, 0, NULL);
	out[n++] = (struct intent){ .type = INTENT_ACTION_SET, .ref = mine,
	    .value = ACTION_HOW, .text = "Así" };
	out[n++] = (struct intent){ .type = INTENT_ACTION_OWNER, .ref = mine,
	    .value2 = POLICE };
	out[n++] = I(INTENT_ACTION_COMMIT, mine, 1, NULL);
	out[n++] = I(INTENT_MILESTONE, mine, 20991231, "Hito");
	out[n++] = I(INTENT_MILESTONE_TICK, mine, 0, NULL);
	out[n++] = I(INTENT_NEXT_REVIEW, 0, 20991231, NULL);
	out[n++] = I(INTENT_ITEM_EDIT, mine, 0, "Otra");
	out[n++] = I(INTENT_MERGE, mine, (int)rule, NULL);
	out[n++] = I(INTENT_FAC_CODE_SHOWN, 0, 1, NULL);
	out[n++] = I(INTENT_REASON, 1, 0, "Porque sí");
	out[n++] = I(INTENT_FLOOR_END, 0, 0, NULL);
	out[n++] = I(INTENT_STEP, PHASE_DIALOGUE, 0, "Otra fase");
	out[n++] = I(INTENT_AGENDA, 0, AGENDA_START, NULL);
	out[n++] = (struct intent){ .type = INTENT_TIMER,
	    .value = TIMER_START, .value2 = 600 };
	out[n++] = I(INTENT_TURN_LIMIT, 0, 120, NULL);
	out[n++] = I(INTENT_INDICATOR_SET, fixture_first_of(r->ws,
	    ITEM_RULE), INDICATOR_BASELINE, "2 of 10 districts");
	out[n++] = (struct intent){ .type = INTENT_SCALE, .text = "sí\nno",
	    .text2 = "de acuerdo" };
	return n;
}

/* Which intent types each role may ask for at all. */
static bool
allowed(int role, int type)
{
	switch (type) {
	case INTENT_CREATE:
	case INTENT_JOIN:
	case INTENT_SEED:
	case INTENT_CODE:
	case INTENT_FAC_CODE:
	case INTENT_FAC_CODE_SHOWN:	/* the serving terminal's */
	case INTENT_STEP:		/* the template's */
		return false;		/* the server's own */
	case INTENT_CONTRIBUTE:
	case INTENT_WITHDRAW:
	/* What a participant may do to an action depends on whether it is
	 * theirs (test_action.c), not on the role alone. */
	case INTENT_ACTION_SET:
	case INTENT_ACTION_OWNER:
	case INTENT_ACTION_COMMIT:
	case INTENT_MILESTONE:
	case INTENT_MILESTONE_TICK:
	case INTENT_ITEM_EDIT:
		return role == ROLE_PARTICIPANT || role == ROLE_COFACILITATOR;
	case INTENT_VOTE:
	case INTENT_REASON:
	case INTENT_DOT:
	case INTENT_HAND:
	case INTENT_GRIEVANCE:
	case INTENT_REPORT:
		return role == ROLE_PARTICIPANT;
	}
	return role == ROLE_COFACILITATOR;
}

/* Every type the model knows is listed once (numbers held for work on
 * another branch are unknown here: the model says so). */
static void
every_type_once(struct room *r, const struct intent *in, size_t n)
{
	struct model_error err;
	struct event ev;
	struct intent probe;
	size_t i, listed;
	int type;

	for (type = 1; type <= INTENT_TYPE_MAX; type++) {
		for (i = 0, listed = 0; i < n; i++)
			listed += in[i].type == type;
		if (listed == 1)
			continue;
		probe = (struct intent){ .type = type };
		if (listed == 0 && model_check(r->ws, FAC, &probe, T0, &ev,
		    &err) != 0 && strstr(err.msg, "unknown request") != NULL)
			continue;
		fail_msg("intent type %d is listed %zu times", type, listed);
	}
}

/* Issue 15: the co-facilitators' code is hidden on the serving screen
 * unless its facilitator shows it, and the choice is in the record, so a
 * restart does not put it back on the projector. */
static void
test_fac_code_shown(void **state)
{
	struct room *r = *state;
	int i;

	assert_false(r->ws->fac_code_shown);
	refused(r, COF, I(INTENT_FAC_CODE_SHOWN, 0, 1, NULL), MODEL_ERR_ROLE,
	    "only the serving screen");
	refused(r, FAC, I(INTENT_FAC_CODE_SHOWN, 0, 2, NULL),
	    MODEL_ERR_INVALID, NULL);
	must(r, FAC, I(INTENT_FAC_CODE_SHOWN, 0, 1, NULL));
	assert_true(r->ws->fac_code_shown);
	for (i = 0; i < NVIEWERS; i++)
		assert_true(r->replica[i]->fac_code_shown);
	must(r, FAC, I(INTENT_FAC_CODE_SHOWN, 0, 0, NULL));
	assert_false(r->ws->fac_code_shown);
}

static void
forbidden_for(struct room *r, uint32_t who, int role)
{
	struct intent in[64];
	uint32_t mine;
	size_t i, n, tried = 0;

	phase(r, PHASE_GROUND_RULES);
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Hablar por turnos"));
	mine = (uint32_t)r->ws->nitems;
	n = all_intents(r, mine, in);
	every_type_once(r, in, n);
	for (i = 0; i < n; i++) {
		if (allowed(role, in[i].type))
			continue;
		refused(r, who, in[i], MODEL_ERR_ROLE, NULL);
		tried++;
	}
	assert_true(tried > 0);
}

static void
test_participant_cannot(void **state)
{
	forbidden_for(*state, BEA, ROLE_PARTICIPANT);
}

static void
test_observer_cannot(void **state)
{
	forbidden_for(*state, OLGA, ROLE_OBSERVER);
}

static void
test_cofacilitator_cannot(void **state)
{
	forbidden_for(*state, COF, ROLE_COFACILITATOR);
}

static void
test_removed_cannot_anything(void **state)
{
	struct room *r = *state;
	struct intent in[64];
	size_t i, n;

	phase(r, PHASE_GROUND_RULES);
	refused(r, ANA, I(INTENT_REMOVE, BEA, 0, "x"), MODEL_ERR_ROLE,
	    "only a facilitator can remove");
	refused(r, FAC, I(INTENT_REMOVE, BEA, 0, NULL), MODEL_ERR_TEXT,
	    "reason");
	refused(r, FAC, I(INTENT_REMOVE, FAC, 0, "x"), MODEL_ERR_NOT_FOUND,
	    NULL);
	must(r, COF, I(INTENT_REMOVE, BEA, 0, "Insultó a otros"));
	assert_true(model_person(r->ws, BEA)->removed);
	assert_true(model_person(of(r, ANA), BEA)->removed);
	/* Only facilitators and the one removed hear the reason. */
	n = all_intents(r, fixture_first_of(r->ws, ITEM_RULE), in);
	for (i = 0; i < n; i++)
		refused(r, BEA, in[i], MODEL_ERR_ROLE, NULL);
	refused(r, BEA, I(INTENT_HAND, 0, 1, NULL), MODEL_ERR_ROLE,
	    "you were removed from the room");
	/* Their name stays theirs. */
	refused(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_JOIN,
	    .text = "Bea", .ref = COMMUNITY, .value = ROLE_PARTICIPANT,
	    .secret = "t2" }, MODEL_ERR_DUPLICATE, NULL);
	refused(r, FAC, I(INTENT_REMOVE, BEA, 0, "again"), MODEL_ERR_STATE,
	    "was removed");
}

/* --- confidentiality ---------------------------------------------------- */

static void
test_chatham_house(void **state)
{
	struct room *r = *state;
	struct intent rule = { .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 };
	const struct item *it;
	struct item view;
	uint32_t id;
	int i;

	must(r, FAC, rule);
	phase(r, PHASE_EXPECTATIONS);
	must(r, RUIZ, I(INTENT_CONTRIBUTE, 0, 0, "Nos falta confianza"));
	id = (uint32_t)r->ws->nitems;
	it = model_item(r->ws, id);
	assert_int_equal(it->conf, CONF_CHATHAM);
	assert_int_equal(it->author, RUIZ);	/* the server keeps it */
	/* Nobody else is sent who said it: not the facilitators either. */
	for (i = 0; i < NVIEWERS; i++) {
		const struct item *v = model_item(r->replica[i], id);

		assert_string_equal(v->text, "Nos falta confianza");
		if (viewers[i] == RUIZ) {
			assert_int_equal(v->author, RUIZ);
			assert_int_equal(v->group, POLICE);
		} else {
			assert_int_equal(v->author, 0);
			assert_int_equal(v->group, 0);
		}
	}
	model_item_view(r->ws, it, FAC, &view);
	assert_int_equal(view.author, 0);
	model_item_view(r->ws, it, RUIZ, &view);
	assert_int_equal(view.author, RUIZ);
	/* The author may still withdraw it. */
	must(r, RUIZ, I(INTENT_WITHDRAW, id, 0, NULL));
	/* Polls in such a phase never tie answers to names. */
	phase(r, PHASE_GROUND_RULES);
	must(r, FAC, I(INTENT_POLL_OPEN, fixture_first_of(r->ws, ITEM_RULE),
	    POLL_CONSENSUS, NULL));
	assert_true(model_poll(r->ws, r->ws->npolls)->flags &
	    POLL_F_ANONYMOUS);
	must(r, FAC, I(INTENT_POLL_CLOSE, r->ws->npolls, 0, NULL));

	/* One phase off the record, the room under Chatham House. */
	rule.value = CONF_OFF_RECORD;
	rule.value2 = PHASE_DIALOGUE;
	must(r, FAC, rule);
	assert_int_equal(model_conf(of(r, ANA), PHASE_DIALOGUE),
	    CONF_OFF_RECORD);
	assert_int_equal(model_conf(of(r, ANA), PHASE_CAUCUS), CONF_CHATHAM);
	phase(r, PHASE_DIALOGUE);
	must(r, FAC, I(INTENT_QUESTION, fixture_first_of(r->ws, ITEM_QUESTION), 0,
	    NULL));
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Solo aquí"));
	assert_int_equal(model_item(r->ws, r->ws->nitems)->conf,
	    CONF_OFF_RECORD);
	refused(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_DEFAULT, .value2 = -1 }, MODEL_ERR_INVALID, NULL);
}

/* --- caucus report-backs ------------------------------------------------ */

static void
test_caucus_report_back(void **state)
{
	struct room *r = *state;
	struct intent check = I(INTENT_POLL_OPEN, 0, POLL_CONSENSUS, NULL);
	static const char text[] = "La comunidad pide patrullas a pie";
	uint32_t report, poll;
	const struct item *seen;

	phase(r, PHASE_CAUCUS);
	refused(r, OLGA, I(INTENT_REPORT, 0, 0, "x"), MODEL_ERR_ROLE, NULL);
	must(r, ANA, I(INTENT_REPORT, 0, 0, text));
	report = (uint32_t)r->ws->nitems;
	/* The same words again (the box sent unchanged) are not a second
	 * draft beside the first; another group may say the same. */
	refused(r, BEA, I(INTENT_REPORT, 0, 0, text), MODEL_ERR_STATE,
	    "already says this");
	assert_int_equal(r->ws->nitems, report);
	assert_int_equal(model_item(of(r, RUIZ), report)->kind, ITEM_HIDDEN);
	assert_null(model_item(of(r, RUIZ), report)->text);
	assert_string_equal(model_item(of(r, BEA), report)->text, text);
	assert_string_equal(model_item(of(r, COF), report)->text, text);

	/* The caucus checks its own report; outsiders cannot. */
	check.ref = report;
	check.flags = POLL_F_GROUP;
	refused(r, RUIZ, check, MODEL_ERR_ROLE, "only the caucus");
	must(r, BEA, check);
	poll = (uint32_t)r->ws->npolls;
	assert_int_equal(model_poll(of(r, RUIZ), poll)->kind, POLL_HIDDEN);
	assert_null(model_poll(of(r, RUIZ), poll)->text);
	assert_string_equal(model_poll(of(r, ANA), poll)->text, text);
	/* The rule waits for the check: answers given under the Chatham
	 * House Rule got their names back when it was lifted before the
	 * check closed. */
	refused(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 }, MODEL_ERR_STATE,
	    "a caucus is checking its report-back");
	/* A plenary poll may run beside it. */
	must(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .value = POLL_STRAW, .text = "¿Pausa?" });
	refused(r, RUIZ, I(INTENT_VOTE, poll, ANSWER_AGREE, NULL),
	    MODEL_ERR_ROLE, "only the members");
	refused(r, FAC, I(INTENT_REPORT_REVEAL, report, 0, NULL),
	    MODEL_ERR_STATE, "not approved");
	must(r, ANA, I(INTENT_VOTE, poll, ANSWER_AGREE, NULL));
	must(r, BEA, I(INTENT_VOTE, poll, ANSWER_RESERVATIONS, "Con matices"));
	refused(r, RUIZ, I(INTENT_POLL_CLOSE, poll, 0, NULL), MODEL_ERR_ROLE,
	    NULL);
	must(r, ANA, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	assert_int_equal(model_poll(r->ws, poll)->state, POLL_REVEALED);
	assert_string_equal(model_poll(of(r, BEA), poll)->verdict_text,
	    "approved 2 of 2");
	assert_int_equal(model_poll(of(r, BEA), poll)->nvotes, 2);
	assert_int_equal(model_poll(of(r, RUIZ), poll)->nvotes, 0);
	assert_null(model_poll(of(r, RUIZ), poll)->verdict_text);
	assert_int_equal(model_item(r->ws, report)->status, STATUS_ADOPTED);
	assert_int_equal(model_item(of(r, RUIZ), report)->kind, ITEM_HIDDEN);

	/* Revealed to the plenary, with where it came from. */
	refused(r, ANA, I(INTENT_REPORT_REVEAL, report, 0, NULL),
	    MODEL_ERR_ROLE, NULL);
	must(r, FAC, I(INTENT_REPORT_REVEAL, report, 0, NULL));
	seen = model_item(of(r, RUIZ), report);
	assert_int_equal(seen->kind, ITEM_CAUCUS_REPORT);
	assert_string_equal(seen->text, text);
	assert_int_equal(seen->group, COMMUNITY);
	assert_int_equal(seen->number, 2);	/* approved 2 ... */
	assert_int_equal(seen->ref, 2);		/* ... of 2 */
	assert_true(seen->flags & ITEM_F_REVEALED);
	assert_true(model_item_visible(r->ws, model_item(r->ws, report),
	    OLGA));
	refused(r, FAC, I(INTENT_REPORT_REVEAL, report, 0, NULL),
	    MODEL_ERR_STATE, "already shown");
	/* Another group may say the same words. */
	must(r, RUIZ, I(INTENT_REPORT, 0, 0, text));
	refused(r, RUIZ, I(INTENT_REPORT, 0, 0, text), MODEL_ERR_STATE,
	    "already says this");
}

/* --- the speaking queue ------------------------------------------------- */

static void
test_speaking_queue(void **state)
{
	struct room *r = *state;
	uint32_t q[8];

	phase(r, PHASE_DIALOGUE);
	refused(r, OLGA, I(INTENT_HAND, 0, 1, NULL), MODEL_ERR_ROLE, NULL);
	refused(r, FAC, I(INTENT_SPEAKER, 0, 0, NULL), MODEL_ERR_STATE,
	    "nobody has raised a hand");
	must(r, RUIZ, I(INTENT_HAND, 0, 1, NULL));
	must(r, ANA, I(INTENT_HAND, 0, 1, NULL));
	must(r, SOL, I(INTENT_HAND, 0, 1, NULL));
	refused(r, ANA, I(INTENT_HAND, 0, 1, NULL), MODEL_ERR_STATE,
	    "already up");
	must(r, SOL, I(INTENT_HAND, 0, 0, NULL));
	assert_int_equal(model_queue(of(r, BEA), q, 8), 2);
	assert_int_equal(q[0], RUIZ);
	assert_int_equal(q[1], ANA);
	refused(r, ANA, I(INTENT_SPEAKER, 0, 0, NULL), MODEL_ERR_ROLE, NULL);
	must(r, FAC, I(INTENT_SPEAKER, 0, 0, NULL));
	assert_int_equal(of(r, BEA)->speaker, RUIZ);
	assert_int_equal(model_queue(of(r, BEA), q, 8), 1);
	must(r, COF, I(INTENT_SPEAKER, 0, 0, NULL));
	must(r, RUIZ, I(INTENT_HAND, 0, 1, NULL));
	must(r, FAC, I(INTENT_SPEAKER, 0, 0, NULL));
	assert_int_equal(of(r, ANA)->spoken[PHASE_DIALOGUE][POLICE], 2);
	assert_int_equal(of(r, ANA)->spoken[PHASE_DIALOGUE][COMMUNITY], 1);
	assert_int_equal(of(r, ANA)->spoken[PHASE_CAUCUS][POLICE], 0);

	/* Issue 15: the floor ends, in the record, when a facilitator says
	 * so; the turn still counts. */
	assert_int_equal(of(r, BEA)->speaker, RUIZ);
	refused(r, RUIZ, I(INTENT_FLOOR_END, 0, 0, NULL), MODEL_ERR_ROLE,
	    "only a facilitator");
	refused(r, FAC, I(INTENT_FLOOR_END, 0, 0, "x"), MODEL_ERR_INVALID,
	    "takes no");
	must(r, COF, I(INTENT_FLOOR_END, 0, 0, NULL));
	assert_int_equal(r->ws->speaker, 0);
	assert_int_equal(of(r, BEA)->speaker, 0);
	assert_int_equal(of(r, ANA)->spoken[PHASE_DIALOGUE][POLICE], 2);
	refused(r, FAC, I(INTENT_FLOOR_END, 0, 0, NULL), MODEL_ERR_STATE,
	    "nobody has the floor");
	/* And with the phase: the next one starts with nobody speaking. */
	must(r, ANA, I(INTENT_HAND, 0, 1, NULL));
	must(r, FAC, I(INTENT_SPEAKER, 0, 0, NULL));
	assert_int_equal(of(r, BEA)->speaker, ANA);
	/* So do the hands still up: raised to speak on that phase's
	 * business (they stayed up to the end of the process). */
	must(r, SOL, I(INTENT_HAND, 0, 1, NULL));
	assert_int_equal(model_queue(of(r, BEA), q, 8), 1);
	phase(r, PHASE_CAUCUS);
	assert_int_equal(r->ws->speaker, 0);
	assert_int_equal(of(r, BEA)->speaker, 0);
	assert_int_equal(model_queue(r->ws, q, 8), 0);
	assert_int_equal(model_queue(of(r, BEA), q, 8), 0);
	assert_int_equal(of(r, ANA)->spoken[PHASE_DIALOGUE][COMMUNITY], 2);
}

/* --- people ------------------------------------------------------------- */

static void
test_rename_and_move(void **state)
{
	struct room *r = *state;

	refused(r, FAC, I(INTENT_RENAME, BEA, 0, "ana pérez"),
	    MODEL_ERR_DUPLICATE, NULL);
	refused(r, FAC, I(INTENT_RENAME, BEA, 0, "Bea (Police)"),
	    MODEL_ERR_TEXT, "brackets");
	must(r, FAC, I(INTENT_RENAME, BEA, 0, "Beatriz Núñez"));
	assert_string_equal(model_person(of(r, RUIZ), BEA)->name,
	    "Beatriz Núñez");
	refused(r, FAC, I(INTENT_MOVE, BEA, COMMUNITY, NULL), MODEL_ERR_STATE,
	    "already");
	refused(r, FAC, I(INTENT_MOVE, OLGA, POLICE, NULL), MODEL_ERR_INVALID,
	    NULL);
	refused(r, FAC, I(INTENT_MOVE, BEA, 9, NULL), MODEL_ERR_NOT_FOUND,
	    NULL);
	must(r, COF, I(INTENT_MOVE, BEA, POLICE, NULL));
	assert_int_equal(model_person(of(r, ANA), BEA)->group, POLICE);
	/* Her caucus is now the police's. */
	phase(r, PHASE_CAUCUS);
	must(r, RUIZ, I(INTENT_CONTRIBUTE, 0, 0, "Nota policial"));
	assert_string_equal(model_item(of(r, BEA), r->ws->nitems)->text,
	    "Nota policial");
	assert_int_equal(model_item(of(r, ANA), r->ws->nitems)->kind,
	    ITEM_HIDDEN);
}

/* --- points of order ---------------------------------------------------- */

static void
test_points_of_order(void **state)
{
	struct room *r = *state;
	struct intent g = I(INTENT_GRIEVANCE, 0, 0, "Me interrumpen siempre");
	uint32_t named, anon;

	refused(r, OLGA, g, MODEL_ERR_ROLE, NULL);
	refused(r, FAC, g, MODEL_ERR_ROLE, NULL);
	must(r, ANA, g);
	named = (uint32_t)r->ws->nitems;
	g.flags = ITEM_F_ANONYMOUS;
	g.text = "Hay una amenaza";
	must(r, RUIZ, g);
	anon = (uint32_t)r->ws->nitems;
	/* Only the facilitators see them (and authors their own). */
	assert_int_equal(model_item(of(r, BEA), named)->kind, ITEM_HIDDEN);
	assert_int_equal(model_item(of(r, SOL), anon)->kind, ITEM_HIDDEN);
	assert_string_equal(model_item(of(r, COF), named)->text,
	    "Me interrumpen siempre");
	assert_int_equal(model_item(of(r, COF), named)->author, ANA);
	assert_string_equal(model_item(of(r, COF), anon)->text,
	    "Hay una amenaza");
	assert_int_equal(model_item(of(r, COF), anon)->author, 0);
	assert_int_equal(model_item(of(r, FAC), anon)->author, 0);
	assert_int_equal(model_item(of(r, RUIZ), anon)->author, RUIZ);
	refused(r, ANA, I(INTENT_ANSWERED, named, 0, NULL), MODEL_ERR_ROLE,
	    NULL);
	must(r, FAC, I(INTENT_ANSWERED, anon, 0, NULL));
	assert_int_equal(model_item(of(r, COF), anon)->status,
	    STATUS_ANSWERED);
	assert_int_equal(model_item(of(r, RUIZ), anon)->status,
	    STATUS_ANSWERED);
	refused(r, FAC, I(INTENT_ANSWERED, anon, 0, NULL), MODEL_ERR_STATE,
	    NULL);
	/* Under the Chatham House Rule a signed point still names its
	 * author to a co-facilitator (whom to protect), not on the serving
	 * screen, which the room reads. */
	must(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 });
	g.flags = 0;
	g.text = "No me presionen con nombres";
	must(r, SOL, g);
	named = (uint32_t)r->ws->nitems;
	assert_int_equal(model_item(of(r, COF), named)->author, SOL);
	assert_int_equal(model_item(of(r, FAC), named)->author, 0);
	assert_int_equal(model_item(of(r, SOL), named)->author, SOL);
}

/* --- dialogue: new questions and themes --------------------------------- */

static void
test_questions_and_themes(void **state)
{
	struct room *r = *state;
	uint32_t q, a;

	refused(r, FAC, I(INTENT_QUESTION_NEW, 0, ITEM_QUESTION, "¿Y?"),
	    MODEL_ERR_PHASE, NULL);
	phase(r, PHASE_DIALOGUE);
	must(r, FAC, I(INTENT_QUESTION_NEW, 0, ITEM_QUESTION,
	    "¿Qué cambió desde la última reunión?"));
	q = (uint32_t)r->ws->nitems;
	assert_int_equal(of(r, ANA)->question, q);
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Más luz en las calles"));
	a = (uint32_t)r->ws->nitems;
	assert_int_equal(model_item(r->ws, a)->ref, q);
	refused(r, ANA, I(INTENT_PIN, a, 1, NULL), MODEL_ERR_ROLE, NULL);
	refused(r, FAC, I(INTENT_PIN, q, 1, NULL), MODEL_ERR_INVALID,
	    "only answers");
	must(r, FAC, I(INTENT_PIN, a, 1, NULL));
	assert_true(model_item(of(r, SOL), a)->flags & ITEM_F_PINNED);
	must(r, FAC, I(INTENT_PIN, a, 0, NULL));
	assert_false(model_item(of(r, SOL), a)->flags & ITEM_F_PINNED);
	must(r, COF, I(INTENT_QUESTION_NEW, 0, ITEM_CAUCUS_QUESTION,
	    "¿Qué podemos ofrecer?"));
	assert_int_equal(model_item(of(r, ANA), r->ws->nitems)->kind,
	    ITEM_CAUCUS_QUESTION);
	assert_int_equal(of(r, ANA)->question, q);
}

/* The answers of each question and the notes of each caucus question
 * are indexed by the item they belong to, on the server and on every
 * replica: a replica indexes only the notes it may see (teardown checks
 * every index against a walk over the items). */
static void
test_items_by_ref(void **state)
{
	struct room *r = *state;
	uint32_t q1, q2, a1, a2, a3, cq1, cq2, n1, n2, n3;
	const uint32_t *ids;
	size_t n;

	phase(r, PHASE_DIALOGUE);
	must(r, FAC, I(INTENT_QUESTION_NEW, 0, ITEM_QUESTION, "¿Uno?"));
	q1 = (uint32_t)r->ws->nitems;
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "a1"));
	a1 = (uint32_t)r->ws->nitems;
	must(r, FAC, I(INTENT_QUESTION_NEW, 0, ITEM_QUESTION, "¿Dos?"));
	q2 = (uint32_t)r->ws->nitems;
	must(r, RUIZ, I(INTENT_CONTRIBUTE, 0, 0, "a2"));
	a2 = (uint32_t)r->ws->nitems;
	must(r, BEA, I(INTENT_CONTRIBUTE, q1, 0, "a3"));
	a3 = (uint32_t)r->ws->nitems;
	ids = model_items_of_ref(of(r, SOL), ITEM_ANSWER, q1, &n);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], a1);
	assert_int_equal(ids[1], a3);
	ids = model_items_of_ref(r->ws, ITEM_ANSWER, q2, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], a2);
	assert_null(model_items_of_ref(r->ws, ITEM_ANSWER, a1, &n));
	assert_int_equal(n, 0);
	assert_null(model_items_of_ref(r->ws, ITEM_RULE, q1, &n));
	must(r, FAC, I(INTENT_PIN, a3, 1, NULL));
	must(r, FAC, I(INTENT_PIN, a2, 1, NULL));
	ids = model_pinned_answers(of(r, ANA), &n);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], a2);
	assert_int_equal(ids[1], a3);
	must(r, FAC, I(INTENT_PIN, a2, 0, NULL));
	ids = model_pinned_answers(r->ws, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], a3);

	phase(r, PHASE_CAUCUS);
	cq1 = fixture_first_of(r->ws, ITEM_CAUCUS_QUESTION);
	must(r, FAC, I(INTENT_QUESTION_NEW, 0, ITEM_CAUCUS_QUESTION,
	    "¿Otra?"));
	cq2 = (uint32_t)r->ws->nitems;
	must(r, ANA, I(INTENT_CONTRIBUTE, cq1, 0, "n1"));
	n1 = (uint32_t)r->ws->nitems;
	must(r, RUIZ, I(INTENT_CONTRIBUTE, cq1, 0, "n2"));
	n2 = (uint32_t)r->ws->nitems;
	must(r, BEA, I(INTENT_CONTRIBUTE, cq2, 0, "n3"));
	n3 = (uint32_t)r->ws->nitems;
	ids = model_items_of_ref(r->ws, ITEM_CAUCUS_NOTE, cq1, &n);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], n1);
	assert_int_equal(ids[1], n2);
	ids = model_items_of_ref(of(r, COF), ITEM_CAUCUS_NOTE, cq1, &n);
	assert_int_equal(n, 2);
	/* Another caucus's note is a placeholder: in no list. */
	ids = model_items_of_ref(of(r, ANA), ITEM_CAUCUS_NOTE, cq1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], n1);
	ids = model_items_of_ref(of(r, SOL), ITEM_CAUCUS_NOTE, cq1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], n2);
	model_items_of_ref(of(r, SOL), ITEM_CAUCUS_NOTE, cq2, &n);
	assert_int_equal(n, 0);
	ids = model_items_of_ref(of(r, BEA), ITEM_CAUCUS_NOTE, cq2, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], n3);
}

/* Found in review: what once told who did what. */
static void
test_no_trace_of_who(void **state)
{
	struct room *r = *state;
	struct intent v = I(INTENT_VOTE, 0, ANSWER_AGREE, NULL);
	struct event ev, view;
	struct model_error err;
	uint32_t poll, mine, note;

	/* Request ids reach only their author, in the ack: counting them
	 * would say who answered. */
	phase(r, PHASE_GROUND_RULES);
	must(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = fixture_first_of(r->ws, ITEM_RULE), .value = POLL_CONSENSUS,
	    .flags = POLL_F_ANONYMOUS });
	poll = (uint32_t)r->ws->npolls;
	v.ref = poll;
	v.req = 41;
	assert_int_equal(model_apply(r->ws, ANA, &v, T0, &ev, &err), 0);
	assert_int_equal(model_event_audience(r->ws, &ev, ANA),
	    AUDIENCE_AUTHOR);
	model_event_view(r->ws, &ev, ANA, &view);
	assert_int_equal(view.req, 0);
	assert_int_equal(view.actor, ANA);
	model_event_view(r->ws, &ev, BEA, &view);
	assert_int_equal(view.req, 0);
	assert_int_equal(view.actor, 0);
	model_event_view(r->ws, &ev, FAC, &view);
	assert_int_equal(view.req, 0);
	assert_int_equal(view.actor, 0);	/* anonymous: not even here */
	/* The rule does not change under a poll's feet. */
	refused(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 }, MODEL_ERR_STATE,
	    "close the open poll");
	assert_int_equal(model_apply(r->ws, FAC, &(struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = poll }, T0, &ev, &err), 0);

	/* Withdrawing under Chatham House does not name the author. */
	must(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 });
	assert_int_equal(model_apply(r->ws, RUIZ, &(struct intent){
	    .type = INTENT_CONTRIBUTE, .text = "Sin nombre" }, T0, &ev, &err),
	    0);
	mine = ev.id;
	assert_int_equal(model_apply(r->ws, RUIZ, &(struct intent){
	    .type = INTENT_WITHDRAW, .ref = mine }, T0, &ev, &err), 0);
	assert_int_equal(model_event_audience(r->ws, &ev, FAC),
	    AUDIENCE_NAMELESS);
	model_event_view(r->ws, &ev, ANA, &view);
	assert_int_equal(view.actor, 0);
	assert_int_equal(view.value, STATUS_WITHDRAWN);

	/* Nor a caucus note's, to anyone outside the caucus. */
	assert_int_equal(model_apply(r->ws, FAC, &(struct intent){
	    .type = INTENT_PHASE, .value = PHASE_CAUCUS }, T0, &ev, &err), 0);
	assert_int_equal(model_apply(r->ws, ANA, &(struct intent){
	    .type = INTENT_CONTRIBUTE, .text = "Nota" }, T0, &ev, &err), 0);
	note = ev.id;
	assert_int_equal(model_apply(r->ws, ANA, &(struct intent){
	    .type = INTENT_WITHDRAW, .ref = note }, T0, &ev, &err), 0);
	assert_int_equal(model_event_audience(r->ws, &ev, RUIZ),
	    AUDIENCE_NONE);
	assert_int_equal(model_event_audience(r->ws, &ev, OLGA),
	    AUDIENCE_NONE);
}

static void
test_observers_have_no_caucus(void **state)
{
	struct room *r = *state;
	struct model_error err;
	struct event ev;
	struct intent j = { .type = INTENT_JOIN, .text = "Spy",
	    .ref = POLICE, .value = ROLE_OBSERVER, .secret = "tok-s" };

	refused(r, MODEL_SYSTEM, j, MODEL_ERR_INVALID, "no stakeholder group");
	j.value = ROLE_COFACILITATOR;
	refused(r, MODEL_SYSTEM, j, MODEL_ERR_INVALID, NULL);
	/* And the visibility rule asks for a participant, not a group. */
	phase(r, PHASE_CAUCUS);
	assert_int_equal(model_apply(r->ws, RUIZ, &(struct intent){
	    .type = INTENT_CONTRIBUTE, .text = "Nota" }, T0, &ev, &err), 0);
	r->ws->people[OLGA - 1].group = POLICE;	/* as a bad record might */
	assert_false(model_item_visible(r->ws, model_item(r->ws, ev.id),
	    OLGA));
	r->ws->people[OLGA - 1].group = 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fac_code_shown, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_participant_cannot, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_observer_cannot, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_cofacilitator_cannot,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_removed_cannot_anything,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_chatham_house, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_caucus_report_back, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_speaking_queue, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_rename_and_move, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_points_of_order, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_questions_and_themes,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_items_by_ref, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_no_trace_of_who, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_observers_have_no_caucus,
		    setup, room_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
