/*
 * test_action.c - action plans, meetings and follow-up in the model:
 * dates, costs and over-long text refused with nothing stored; who may
 * change an action; owners and a facilitator agreeing; milestones and
 * status across two meetings, each change recorded with its meeting;
 * the plan sorted by a dot vote; framing and vision (problem statements,
 * merging, editing); lessons, exit strategies, the next review date.
 *
 * Replicas are fed as the server feeds them (fixture_feed); at the end of
 * each test every replica must hold the same plan as the server, and a
 * replay of the server's events must rebuild it byte for byte.
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
#include "roundtable/wire.h"

#include "fixture.h"
#include "room.h"

#define T0	1795089600	/* 2026-11-19 12:00 UTC */
#define DAY	86400

enum { FAC = MODEL_FACILITATOR, ANA = 2, BEA = 3, RUIZ = 4, OLGA = 5 };
enum { COMMUNITY = 1, POLICE = 2 };
#define NVIEWERS 4
static const uint32_t viewers[NVIEWERS] = { FAC, ANA, BEA, RUIZ };

static struct intent
SET(uint32_t action, int field, int value2, const char *text,
    const char *text2)
{
	return (struct intent){ .type = INTENT_ACTION_SET, .ref = action,
	    .value = field, .value2 = value2, .text = (char *)text,
	    .text2 = (char *)text2 };
}

static const char *const room_groups[] = { "Community", "Police",
    "Business", NULL };

static int
setup(void **state)
{
	struct room *r = calloc(1, sizeof *r);
	struct intent open[FIXTURE_OPENING_MAX];
	size_t i, n;
	static const char *const names[] = { "Ana", "Bea", "Sgt. Ruiz" };
	static const uint32_t groups[] = { COMMUNITY, COMMUNITY, POLICE };
	char tok[16];

	/* The tests move the clock themselves (r->now). */
	room_init(r, viewers, NVIEWERS, T0, 0);
	r->replay = model_new();
	r->refused_keeps_items = true;	/* bad input stores nothing */
	n = fixture_opening(open, "Mesa", "ABC-234", NULL, room_groups);
	open[0].value = 20261119;	/* the server's local date */
	for (i = 0; i < n; i++)
		must(r, MODEL_SYSTEM, open[i]);
	for (i = 0; i < 3; i++) {
		snprintf(tok, sizeof tok, "tok%zu", i);
		join(r, names[i], groups[i], ROLE_PARTICIPANT, tok);
		/* Joining is coming to the meeting. */
		assert_true(model_attended(r->ws, 1, (uint32_t)i + 2));
	}
	join(r, "Olga", 0, ROLE_OBSERVER, "tok-o");
	*state = r;
	return 0;
}

static uint32_t
propose(struct room *r, uint32_t who, const char *what)
{
	must(r, who, I(INTENT_CONTRIBUTE, 0, 0, what));
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->kind,
	    ITEM_ACTION);
	return (uint32_t)r->ws->nitems;
}

/* The newest record of a change to an action, or NULL. */
static const struct item *
last_log(const struct workshop *ws, uint32_t action)
{
	size_t i = ws->nitems;

	while (i-- > 0)
		if (ws->items[i].kind == ITEM_PROGRESS &&
		    ws->items[i].ref == action)
			return &ws->items[i];
	return NULL;
}

/* Two plans are the same: every field of every action. */
static void
same_plan(const struct workshop *a, const struct workshop *b)
{
	size_t i, k;

	assert_int_equal(a->nitems, b->nitems);
	assert_int_equal(a->nmeetings, b->nmeetings);
	assert_int_equal(a->meeting, b->meeting);
	assert_int_equal(a->next_review, b->next_review);
	for (i = 0; i < a->nitems; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];
		const struct action *p = x->action, *q = y->action;

		if (x->kind == ITEM_HIDDEN || y->kind == ITEM_HIDDEN)
			continue;
		assert_int_equal(x->meeting, y->meeting);
		assert_int_equal(x->status, y->status);
		assert_string_equal(x->text, y->text);
		if (p == NULL) {
			assert_null(q);
			continue;
		}
		assert_non_null(q);
		assert_int_equal(p->status, q->status);
		assert_int_equal(p->due, q->due);
		assert_int_equal(p->cost, q->cost);
		assert_string_equal(p->currency, q->currency);
		assert_int_equal(p->term, q->term);
		assert_int_equal(p->quick_win, q->quick_win);
		assert_int_equal(p->fac_agreed, q->fac_agreed);
		assert_int_equal(p->nowners, q->nowners);
		for (k = 0; k < p->nowners; k++) {
			assert_int_equal(p->owners[k].person,
			    q->owners[k].person);
			assert_int_equal(p->owners[k].group,
			    q->owners[k].group);
			assert_int_equal(p->owners[k].committed,
			    q->owners[k].committed);
		}
		assert_int_equal(p->nmilestones, q->nmilestones);
		for (k = 0; k < p->nmilestones; k++) {
			assert_int_equal(p->milestones[k].done,
			    q->milestones[k].done);
			assert_int_equal(p->milestones[k].meeting,
			    q->milestones[k].meeting);
			assert_string_equal(p->milestones[k].text,
			    q->milestones[k].text);
		}
	}
}

static void
replicas_agree(struct room *r)
{
	int i;

	same_plan(r->ws, r->replay);
	for (i = 0; i < NVIEWERS; i++)
		same_plan(r->ws, r->replica[i]);
}

/* --- dates and money ---------------------------------------------------- */

static void
test_dates(void **state)
{
	struct model_error err;
	int32_t d = 0;
	char buf[16];

	(void)state;
	assert_int_equal(model_date_parse("2027-01-15", &d, &err), 0);
	assert_int_equal(d, 20270115);
	assert_string_equal(model_date_format(d, buf, sizeof buf),
	    "2027-01-15");
	assert_int_equal(model_date_parse(" 2028-2-29 ", &d, &err), 0);
	assert_int_equal(d, 20280229);
	assert_int_equal(model_date_parse("2027-02-29", &d, &err), -1);
	assert_string_equal(err.msg, "not a date: 2027-02-29 (February 2027 "
	    "has 28 days)");
	assert_int_equal(model_date_parse("2027-13-01", &d, &err), -1);
	assert_non_null(strstr(err.msg, "no month 13"));
	assert_int_equal(model_date_parse("next week", &d, &err), -1);
	assert_string_equal(err.msg, "not a date: next week (use "
	    "YYYY-MM-DD)");
	assert_int_equal(model_date_parse("15/01/2027", &d, &err), -1);
	assert_int_equal(model_date_parse("1999-12-31", &d, &err), -1);
	assert_int_equal(model_date_parse("2027-01-15x", &d, &err), -1);
	assert_int_equal(d, 20280229);	/* untouched by failures */
	assert_false(model_date_valid(20270230));
	assert_false(model_date_valid(0));
	assert_true(model_date_valid(21991231));
	assert_int_equal(model_date_of(T0), 20261119);
	assert_string_equal(model_date_format(0, buf, sizeof buf), "");
}

static void
test_costs(void **state)
{
	struct model_error err;
	int64_t c = 7;
	char buf[32];

	(void)state;
	assert_int_equal(model_cost_parse("1500", &c, &err), 0);
	assert_int_equal(c, 150000);
	assert_int_equal(model_cost_parse("1500.5", &c, &err), 0);
	assert_int_equal(c, 150050);
	assert_int_equal(model_cost_parse("0.07", &c, &err), 0);
	assert_int_equal(c, 7);
	assert_string_equal(model_cost_format(150050, buf, sizeof buf),
	    "1500.50");
	assert_int_equal(model_cost_parse("-5", &c, &err), -1);
	assert_string_equal(err.msg, "a cost cannot be negative");
	assert_int_equal(model_cost_parse("1.234", &c, &err), -1);
	assert_int_equal(model_cost_parse("12a", &c, &err), -1);
	assert_non_null(strstr(err.msg, "not an amount"));
	assert_int_equal(model_cost_parse("", &c, &err), -1);
	assert_int_equal(model_cost_parse(".5", &c, &err), -1);
	assert_int_equal(model_cost_parse("99999999999999999999", &c, &err),
	    -1);
	assert_string_equal(err.msg, "that amount is too large");
	assert_int_equal(model_cost_parse("0000000000000000000000000000000001",
	    &c, &err), -1);
	assert_string_equal(err.msg, "that amount is too long");
	assert_int_equal(c, 7);
	assert_true(model_currency_valid("USD"));
	assert_false(model_currency_valid("usd"));
	assert_false(model_currency_valid("US"));
	assert_false(model_currency_valid("USDX"));
	assert_false(model_currency_valid(NULL));
}

/* --- proposing and editing ---------------------------------------------- */

static void
test_bad_input_stores_nothing(void **state)
{
	struct room *r = *state;
	char longer[MODEL_WHAT_MAX + 2];
	uint32_t a;

	phase(r, PHASE_ACTIONS);
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	refused(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, longer), MODEL_ERR_TEXT,
	    NULL);
	a = propose(r, ANA, "Monthly joint patrol walk");
	refused(r, ANA, I(INTENT_ITEM_EDIT, a, 0, longer), MODEL_ERR_TEXT,
	    NULL);
	{
		struct intent in = I(INTENT_ITEM_EDIT, a, 0, longer);
		struct model_error err;
		struct event ev;

		assert_int_equal(model_check(r->ws, ANA, &in, r->now, &ev,
		    &err), -1);
		assert_string_equal(err.msg, "the text is too long (301 "
		    "bytes; at most 300)");
	}
	refused(r, ANA, SET(a, ACTION_DUE, 20270230, NULL, NULL),
	    MODEL_ERR_INVALID, "not a real date");
	refused(r, ANA, SET(a, ACTION_COST, 0, "-300", "USD"),
	    MODEL_ERR_INVALID, "a cost cannot be negative");
	refused(r, ANA, SET(a, ACTION_COST, 0, "300", "dollars"),
	    MODEL_ERR_INVALID, "three capital letters");
	longer[MODEL_LINE_MAX + 1] = '\0';
	refused(r, ANA, SET(a, ACTION_HOW, 0, longer, NULL), MODEL_ERR_TEXT,
	    NULL);
	refused(r, ANA, SET(a, ACTION_RESOURCES, 0, "two\nlines", NULL),
	    MODEL_ERR_TEXT, NULL);
	refused(r, ANA, I(INTENT_MILESTONE, a, 20270231, "First walk"),
	    MODEL_ERR_INVALID, "not a real date");
	refused(r, ANA, SET(a, 99, 0, NULL, NULL), MODEL_ERR_INVALID,
	    "no such field");
	assert_int_equal(model_item(r->ws, a)->action->due, 0);
	assert_int_equal(model_item(r->ws, a)->action->cost, -1);
	assert_null(model_item(r->ws, a)->action->how);
	assert_int_equal(model_item(r->ws, a)->action->nmilestones, 0);
	assert_null(last_log(r->ws, a));
	replicas_agree(r);
}

/*
 * A change to an action keeps only the strings its field takes, and they
 * pass the rules every text passes: escape sequences, invalid UTF-8 or
 * ~31 KB in text or text2 of any field, by the action's own author, are
 * refused with nothing stored, where the same change without them is
 * taken (issue 15: these reached every screen and the record).
 */
static void
test_set_takes_only_clean_text(void **state)
{
	struct room *r = *state;
	/* In the order they can be applied by the author of a proposal:
	 * its status last, which takes the author's edits away. */
	static const struct { int field; int32_t value2; const char *text,
	    *text2; } ok[] = {
		{ ACTION_HOW, 0, "Two officers, two residents", NULL },
		{ ACTION_DUE, 20270115, NULL, NULL },
		{ ACTION_RESOURCES, 0, "Hi-vis vests", NULL },
		{ ACTION_COST, 0, "300", "USD" },
		{ ACTION_PROVIDER, 0, "The council", NULL },
		{ ACTION_TERM, TERM_SHORT, NULL, NULL },
		{ ACTION_QUICK_WIN, 1, NULL, NULL },
		{ ACTION_STATUS, ACTION_DROPPED, NULL, NULL },
	};
	static const char *const bad[] = { "\x1b[2J", "\xff\xfe",
	    "\x1b]52;c;cm0gLXJmIH4K\x07", "\xc2\x9b" "2J", NULL };
	char *big = malloc(31 * 1024 + 1);
	struct intent in;
	const struct action *plan;
	size_t i, b, k;
	uint32_t a;

	assert_non_null(big);
	for (k = 0; k + 4 <= 31 * 1024; k += 4)
		memcpy(big + k, "\x1b[2J", 4);
	big[k] = '\0';
	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Monthly joint patrol walk");
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
			const char *s = bad[b] != NULL ? bad[b] : big;

			in = SET(a, ok[i].field, ok[i].value2, s, ok[i].text2);
			refused(r, ANA, in, 0, NULL);
			in = SET(a, ok[i].field, ok[i].value2, ok[i].text, s);
			refused(r, ANA, in, 0, NULL);
		}
		/* A field that takes no text takes none, harmless or not. */
		if (ok[i].text == NULL)
			refused(r, ANA, SET(a, ok[i].field, ok[i].value2, "x",
			    NULL), MODEL_ERR_INVALID, "takes no text");
		if (ok[i].text2 == NULL)
			refused(r, ANA, SET(a, ok[i].field, ok[i].value2,
			    ok[i].text, "x"), MODEL_ERR_INVALID,
			    "takes no second text");
		must(r, ANA, SET(a, ok[i].field, ok[i].value2, ok[i].text,
		    ok[i].text2));
	}
	/* Clearing the cost: a currency without an amount is not taken. */
	must(r, FAC, SET(a, ACTION_COST, 0, NULL, NULL));
	refused(r, FAC, SET(a, ACTION_COST, 0, NULL, big), 0, NULL);
	refused(r, FAC, SET(a, ACTION_COST, 0, "", "USD"),
	    MODEL_ERR_INVALID, "a currency goes with an amount");
	plan = model_item(r->ws, a)->action;
	assert_string_equal(plan->how, "Two officers, two residents");
	assert_string_equal(plan->resources, "Hi-vis vests");
	assert_string_equal(plan->provider, "The council");
	assert_int_equal(plan->due, 20270115);
	assert_int_equal(plan->cost, -1);
	assert_int_equal(plan->status, ACTION_DROPPED);
	/* Nothing of it anywhere in the record. */
	for (k = 0; k < r->ws->nitems; k++) {
		const struct item *it = &r->ws->items[k];

		assert_null(strchr(it->text != NULL ? it->text : "", '\x1b'));
		assert_null(strchr(it->text2 != NULL ? it->text2 : "",
		    '\x1b'));
	}
	replicas_agree(r);
	free(big);
}

static void
test_who_edits(void **state)
{
	struct room *r = *state;
	uint32_t a;

	phase(r, PHASE_DIALOGUE);
	refused(r, ANA, SET(1, ACTION_HOW, 0, "x", NULL), MODEL_ERR_PHASE,
	    NULL);
	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Joint patrol walk");
	must(r, ANA, SET(a, ACTION_HOW, 0, "Two officers, two residents",
	    NULL));
	must(r, ANA, I(INTENT_ITEM_EDIT, a, 0, "Monthly joint patrol walk"));
	refused(r, BEA, SET(a, ACTION_HOW, 0, "Mine now", NULL),
	    MODEL_ERR_ROLE, "only its author or a facilitator");
	refused(r, OLGA, SET(a, ACTION_HOW, 0, "x", NULL), MODEL_ERR_ROLE,
	    "observers");
	must(r, FAC, SET(a, ACTION_RESOURCES, 0, "Hi-vis vests", NULL));
	assert_string_equal(model_item(r->ws, a)->text,
	    "Monthly joint patrol walk");
	assert_string_equal(model_item(of(r, BEA), a)->action->how,
	    "Two officers, two residents");
	assert_string_equal(last_log(r->ws, a)->text,
	    "resources: Hi-vis vests");
	assert_int_equal(last_log(r->ws, a)->author, FAC);
	assert_true(last_log(r->ws, a)->flags & ITEM_F_LOG);
	/* Clearing a field. */
	must(r, ANA, SET(a, ACTION_HOW, 0, NULL, NULL));
	assert_null(model_item(r->ws, a)->action->how);
	assert_string_equal(last_log(r->ws, a)->text, "how cleared");
	replicas_agree(r);
}

/* --- agreeing ----------------------------------------------------------- */

static void
test_owners_agree(void **state)
{
	struct room *r = *state;
	struct intent police = { .type = INTENT_ACTION_OWNER,
	    .value2 = POLICE };
	struct intent bea = { .type = INTENT_ACTION_OWNER, .value = BEA };
	struct workshop *ws = r->ws;
	const struct action *act;
	uint32_t a;

	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Monthly joint patrol walk");
	act = model_item(ws, a)->action;
	police.ref = bea.ref = a;
	refused(r, FAC, I(INTENT_ACTION_COMMIT, a, 1, NULL), MODEL_ERR_STATE,
	    "say who will do it");
	must(r, ANA, police);
	refused(r, ANA, police, MODEL_ERR_DUPLICATE, NULL);
	must(r, FAC, bea);
	refused(r, FAC, I(INTENT_ACTION_COMMIT, a, 1, NULL), MODEL_ERR_STATE,
	    "say when it is due");
	must(r, ANA, SET(a, ACTION_DUE, 20270115, NULL, NULL));
	/* Ana is neither an owner nor a facilitator. */
	refused(r, ANA, I(INTENT_ACTION_COMMIT, a, 1, NULL), MODEL_ERR_ROLE,
	    "only the action's owners");
	refused(r, ANA, SET(a, ACTION_STATUS, ACTION_AGREED, NULL, NULL),
	    MODEL_ERR_STATE, "owners and a facilitator agree");
	must(r, BEA, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	assert_string_equal(last_log(ws, a)->text, "Bea agreed");
	must(r, FAC, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	assert_int_equal(act->status, ACTION_PROPOSED);
	/* A police officer agrees for the police. */
	must(r, RUIZ, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	assert_string_equal(last_log(ws, a)->text,
	    "Police agreed; the action is agreed");
	assert_int_equal(act->status, ACTION_AGREED);
	assert_int_equal(model_item(of(r, ANA), a)->action->status,
	    ACTION_AGREED);
	/* Now only a facilitator changes it; its owners report on it. */
	refused(r, ANA, SET(a, ACTION_HOW, 0, "x", NULL), MODEL_ERR_ROLE,
	    "only a facilitator can change it now");
	/* Not even a facilitator changes what was agreed (a cost, its
	 * words): the owners' "agreed" would stand for what they never
	 * saw.  Reopened, it is changed and agreed again. */
	refused(r, FAC, SET(a, ACTION_COST, 0, "99000000", "COP"),
	    MODEL_ERR_STATE, "reopen it first");
	refused(r, FAC, I(INTENT_ITEM_EDIT, a, 0, "Weekly joint patrol walk"),
	    MODEL_ERR_STATE, "reopen it first");
	/* Nor who does it: a new owner never agreed (the card kept
	 * "agreed", and the CSV said so). */
	refused(r, FAC, (struct intent){ .type = INTENT_ACTION_OWNER,
	    .ref = a, .value = ANA }, MODEL_ERR_STATE, "reopen it first");
	assert_int_equal(act->cost, -1);
	/* What it is not: a quick win, its indicator, the same text. */
	must(r, FAC, SET(a, ACTION_QUICK_WIN, 1, NULL, NULL));
	must(r, FAC, SET(a, ACTION_DUE, 20270115, NULL, NULL));
	refused(r, BEA, I(INTENT_ACTION_COMMIT, a, 0, NULL), MODEL_ERR_STATE,
	    "agreed already");
	refused(r, ANA, SET(a, ACTION_STATUS, ACTION_IN_PROGRESS, NULL,
	    NULL), MODEL_ERR_ROLE, "only the action's owners");
	must(r, RUIZ, SET(a, ACTION_STATUS, ACTION_IN_PROGRESS, NULL, NULL));
	/* Under way it is still what they agreed to (a helper changed an
	 * action in progress, and its owners "committed" to it). */
	refused(r, FAC, SET(a, ACTION_COST, 0, "99000000", "COP"),
	    MODEL_ERR_STATE, "reopen it first");
	refused(r, FAC, I(INTENT_ITEM_EDIT, a, 0, "Weekly joint patrol walk"),
	    MODEL_ERR_STATE, "reopen it first");
	refused(r, RUIZ, SET(a, ACTION_STATUS, ACTION_PROPOSED, NULL, NULL),
	    MODEL_ERR_ROLE, "only a facilitator reopens");
	must(r, RUIZ, SET(a, ACTION_STATUS, ACTION_DONE, NULL, NULL));
	refused(r, FAC, SET(a, ACTION_RESOURCES, 0, "More vests", NULL),
	    MODEL_ERR_STATE, "reopen it first");
	/* Reopened (even when done: a facilitator may), it must be agreed
	 * afresh; then it may change. */
	must(r, FAC, SET(a, ACTION_STATUS, ACTION_PROPOSED, NULL, NULL));
	assert_false(act->fac_agreed);
	assert_false(act->owners[0].committed);
	must(r, FAC, SET(a, ACTION_COST, 0, "99000000", "COP"));
	/* Dropped once someone agreed, it is what they agreed to (the CSV
	 * keeps who committed); dropped before, it may change. */
	must(r, FAC, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	must(r, FAC, SET(a, ACTION_STATUS, ACTION_DROPPED, NULL, NULL));
	refused(r, FAC, SET(a, ACTION_COST, 0, "999", "USD"),
	    MODEL_ERR_STATE, "reopen it first");
	replicas_agree(r);
}

static void
test_proposed_cannot_start(void **state)
{
	struct room *r = *state;
	uint32_t a;

	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Youth football league");
	refused(r, FAC, SET(a, ACTION_STATUS, ACTION_DONE, NULL, NULL),
	    MODEL_ERR_STATE, "before its owners agree");
	must(r, ANA, SET(a, ACTION_STATUS, ACTION_DROPPED, NULL, NULL));
	assert_int_equal(model_item(r->ws, a)->action->status,
	    ACTION_DROPPED);
}

/* Under the Chatham House Rule, others never learn who agreed for a
 * group, yet every replica marks the same owner committed. */
static void
test_chatham_commitments(void **state)
{
	struct room *r = *state;
	struct intent police = { .type = INTENT_ACTION_OWNER,
	    .value2 = POLICE };
	const struct item *log;
	uint32_t a;
	int i;

	must(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = PHASE_ACTIONS });
	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Shared hotline");
	police.ref = a;
	must(r, FAC, police);
	must(r, FAC, SET(a, ACTION_DUE, 20270301, NULL, NULL));
	must(r, RUIZ, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	log = last_log(r->ws, a);
	assert_int_equal(log->author, RUIZ);
	for (i = 0; i < NVIEWERS; i++) {
		const struct item *l = last_log(r->replica[i], a);

		assert_string_equal(l->text, "Police agreed");
		assert_int_equal(l->author, viewers[i] == RUIZ ? RUIZ : 0);
		assert_int_equal(l->group, viewers[i] == RUIZ ? POLICE : 0);
		assert_true(model_item(r->replica[i], a)->action->
		    owners[0].committed);
		/* The proposal's author is hidden too. */
		assert_int_equal(model_item(r->replica[i], a)->author,
		    viewers[i] == ANA ? ANA : 0);
	}
	replicas_agree(r);
}

/* An action proposed in the open and changed where the Chatham House
 * Rule is in force: the changes are said as the rule says. */
static void
test_chatham_later(void **state)
{
	struct room *r = *state;
	const struct item *log;
	uint32_t a;

	must(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = PHASE_FOLLOWUP });
	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Shared hotline");
	must(r, FAC, (struct intent){ .type = INTENT_ACTION_OWNER, .ref = a,
	    .value = RUIZ });
	assert_string_equal(last_log(of(r, BEA), a)->text,
	    "owner added: Sgt. Ruiz");
	phase(r, PHASE_FOLLOWUP);
	/* The record of a change is read by all and exported: it names no
	 * person under the rule. */
	must(r, FAC, (struct intent){ .type = INTENT_ACTION_OWNER, .ref = a,
	    .value = BEA });
	assert_string_equal(last_log(of(r, RUIZ), a)->text,
	    "owner added: a participant");
	/* The author editing their action is not told apart from a
	 * facilitator doing it. */
	must(r, ANA, I(INTENT_ITEM_EDIT, a, 0, "Shared hotline, 24 hours"));
	log = last_log(r->ws, a);
	{
		struct event ev = { .seq = r->ws->seq, .type = EVENT_ITEM_EDIT,
		    .actor = ANA, .id = log->id, .ref = a,
		    .text = "Shared hotline, 24 hours" };

		assert_int_equal(model_event_audience(r->ws, &ev, BEA),
		    AUDIENCE_NAMELESS);
		assert_int_equal(model_event_audience(r->ws, &ev, FAC),
		    AUDIENCE_NAMELESS);
		assert_int_equal(model_event_audience(r->ws, &ev, ANA),
		    AUDIENCE_AUTHOR);
	}
	assert_int_equal(last_log(of(r, BEA), a)->author, 0);
	assert_int_equal(last_log(of(r, FAC), a)->author, 0);
	assert_int_equal(last_log(of(r, ANA), a)->author, ANA);
	/* Nor a facilitator's edit from the author's: and the author's own
	 * group learns no more than anyone (the server works audiences out
	 * per role and group, and for the persons of each event on their
	 * own: fixture_check_classes, on every event here). */
	must(r, FAC, I(INTENT_ITEM_EDIT, a, 0, "Shared hotline, all week"));
	assert_int_equal(last_log(of(r, BEA), a)->author, 0);
	assert_int_equal(last_log(of(r, ANA), a)->author, 0);
	assert_string_equal(model_item(of(r, BEA), a)->text,
	    "Shared hotline, all week");
	replicas_agree(r);
}

/*
 * Bea agrees to an action at a cost of 4500; the proposer then doubles
 * the cost and rewords it.  Bea agreed to another action: each change
 * takes her agreement (and the facilitator's) back, on every replica,
 * and the facilitator alone no longer makes it agreed (before, her
 * "agreed" stayed and the facilitator's agreement carried it).  A record
 * made before this rule (flags 0) replays as it was made.
 */
static void
test_change_takes_back_agreements(void **state)
{
	struct room *r = *state;
	struct workshop *ws = r->ws;
	const struct action *act;
	struct model_error err;
	struct event ev;
	uint32_t a;

	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Street lights on Calle 5");
	act = model_item(ws, a)->action;
	must(r, FAC, (struct intent){ .type = INTENT_ACTION_OWNER, .ref = a,
	    .value = BEA });
	must(r, ANA, SET(a, ACTION_DUE, 20270115, NULL, NULL));
	must(r, ANA, SET(a, ACTION_COST, 0, "4500.50", "EUR"));
	must(r, BEA, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	assert_true(act->owners[0].committed);
	/* The same values again (Enter on a field as it was offered)
	 * change nothing, and take nothing back. */
	must(r, ANA, SET(a, ACTION_DUE, 20270115, NULL, NULL));
	must(r, ANA, SET(a, ACTION_COST, 0, "4500.50", "EUR"));
	must(r, ANA, I(INTENT_ITEM_EDIT, a, 0, "Street lights on Calle 5"));
	assert_true(act->owners[0].committed);
	must(r, ANA, SET(a, ACTION_COST, 0, "9000", "EUR"));
	assert_false(act->owners[0].committed);
	assert_false(model_item(of(r, BEA), a)->action->owners[0].committed);
	must(r, FAC, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	assert_int_equal(act->status, ACTION_PROPOSED);
	/* Reworded: the facilitator's agreement goes too. */
	must(r, ANA, I(INTENT_ITEM_EDIT, a, 0, "Street lights and cameras"));
	assert_false(act->fac_agreed);
	/* Marking it a quick win changes nobody's agreement. */
	must(r, BEA, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	must(r, ANA, SET(a, ACTION_QUICK_WIN, 1, NULL, NULL));
	assert_true(act->owners[0].committed);
	must(r, FAC, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	assert_int_equal(act->status, ACTION_AGREED);
	replicas_agree(r);

	/* An earlier record's change, without the flag: as it was. */
	a = propose(r, ANA, "Night buses");
	act = model_item(ws, a)->action;
	must(r, FAC, (struct intent){ .type = INTENT_ACTION_OWNER, .ref = a,
	    .value = BEA });
	must(r, ANA, SET(a, ACTION_DUE, 20270115, NULL, NULL));
	must(r, BEA, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	ev = (struct event){ .seq = ws->seq + 1, .time = 1800000000,
	    .type = EVENT_ACTION_SET, .actor = ANA,
	    .id = (uint32_t)ws->nitems + 1, .ref = a, .value = ACTION_DUE,
	    .value2 = 20270201 };
	assert_int_equal(model_commit(ws, &ev, false, &err), 0);
	assert_true(act->owners[0].committed);
}

/* --- the plan's order --------------------------------------------------- */

static void
test_dot_vote_sorts_plan(void **state)
{
	struct room *r = *state;
	uint32_t a, b, c, order[8];
	uint32_t poll;
	struct workshop *w;
	int i;

	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Patrol walk");
	b = propose(r, BEA, "Hotline");
	c = propose(r, RUIZ, "Football league");
	assert_int_equal(model_action_order(r->ws, order, 8), 3);
	assert_int_equal(order[0], a);
	must(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .value = POLL_DOTS, .value2 = 3 });
	poll = (uint32_t)r->ws->npolls;
	must(r, ANA, (struct intent){ .type = INTENT_DOT, .ref = poll,
	    .value = (int32_t)c, .value2 = 1 });
	must(r, ANA, (struct intent){ .type = INTENT_DOT, .ref = poll,
	    .value = (int32_t)c, .value2 = 1 });
	must(r, BEA, (struct intent){ .type = INTENT_DOT, .ref = poll,
	    .value = (int32_t)b, .value2 = 1 });
	must(r, RUIZ, (struct intent){ .type = INTENT_DOT, .ref = poll,
	    .value = (int32_t)c, .value2 = 1 });
	/* Until the reveal, nothing moves. */
	assert_int_equal(model_action_dots(r->ws, c), -1);
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	for (i = -1; i < NVIEWERS; i++) {
		w = i < 0 ? r->ws : r->replica[i];
		assert_int_equal(model_action_dots(w, c), 3);
		assert_int_equal(model_action_dots(w, b), 1);
		assert_int_equal(model_action_dots(w, a), 0);
		assert_int_equal(model_action_order(w, order, 8), 3);
		assert_int_equal(order[0], c);
		assert_int_equal(order[1], b);
		assert_int_equal(order[2], a);
	}
	/* Dropped actions go last, whatever their dots. */
	must(r, RUIZ, SET(c, ACTION_STATUS, ACTION_DROPPED, NULL, NULL));
	model_action_order(r->ws, order, 8);
	assert_int_equal(order[0], b);
	assert_int_equal(order[2], c);
	/* Merged ones leave the plan. */
	must(r, FAC, I(INTENT_MERGE, a, (int)b, NULL));
	assert_int_equal(model_action_order(r->ws, order, 8), 2);
	assert_int_equal(model_item(r->ws, a)->status, STATUS_MERGED);
	assert_int_equal(model_item(r->ws, a)->number, b);
	replicas_agree(r);
}

/* --- two meetings ------------------------------------------------------- */

static void
test_second_meeting(void **state)
{
	struct room *r = *state;
	struct intent police = { .type = INTENT_ACTION_OWNER,
	    .value2 = POLICE };
	const struct meeting *m;
	const struct action *act;
	uint32_t a;

	m = model_meeting(r->ws, 1);
	assert_non_null(m);
	assert_int_equal(m->date, 20261119);
	/* The facilitator, three participants and the observer. */
	assert_int_equal(m->ncame, 5);
	assert_true(model_attended(r->ws, 1, RUIZ));
	refused(r, MODEL_SYSTEM, I(INTENT_ATTEND, RUIZ, 1, NULL),
	    MODEL_ERR_DUPLICATE, NULL);
	phase(r, PHASE_ACTIONS);
	a = propose(r, ANA, "Monthly joint patrol walk");
	act = model_item(r->ws, a)->action;
	police.ref = a;
	must(r, FAC, police);
	must(r, FAC, SET(a, ACTION_DUE, 20270115, NULL, NULL));
	must(r, FAC, SET(a, ACTION_COST, 0, "1500.5", "USD"));
	must(r, FAC, SET(a, ACTION_PROVIDER, 0, "Municipality", NULL));
	must(r, FAC, SET(a, ACTION_TERM, TERM_SHORT, NULL, NULL));
	must(r, FAC, SET(a, ACTION_QUICK_WIN, 1, NULL, NULL));
	must(r, FAC, I(INTENT_MILESTONE, a, 20261215, "Route agreed"));
	must(r, FAC, I(INTENT_MILESTONE, a, 20270115, "First walk"));
	must(r, FAC, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	must(r, RUIZ, I(INTENT_ACTION_COMMIT, a, 1, NULL));
	assert_int_equal(act->status, ACTION_AGREED);
	assert_int_equal(act->cost, 150050);
	assert_string_equal(act->currency, "USD");
	assert_int_equal(last_log(r->ws, a)->meeting, 1);

	/* A later day. */
	r->now = T0 + 30 * DAY;
	refused(r, ANA, I(INTENT_MEETING, 0, 20261219, NULL), MODEL_ERR_ROLE,
	    NULL);
	refused(r, FAC, I(INTENT_MEETING, 0, 20261118, NULL),
	    MODEL_ERR_INVALID, "cannot come before it");
	refused(r, FAC, I(INTENT_MEETING, 0, 20261232, NULL),
	    MODEL_ERR_INVALID, "not a real date");
	must(r, FAC, I(INTENT_MEETING, 0, 20261219, NULL));
	assert_int_equal(r->ws->meeting, 2);
	m = model_meeting(r->ws, 2);
	assert_int_equal(m->date, 20261219);
	assert_int_equal(m->ncame, 1);	/* the facilitator, so far */
	assert_false(model_attended(r->ws, 2, ANA));
	must(r, MODEL_SYSTEM, I(INTENT_ATTEND, RUIZ, 1, NULL));
	assert_true(model_attended(r->ws, 2, RUIZ));
	assert_true(model_attended(of(r, ANA), 2, RUIZ));
	assert_false(model_attended(r->ws, 2, ANA));
	assert_true(model_attended(r->ws, 1, ANA));

	phase(r, PHASE_FOLLOWUP);
	refused(r, RUIZ, I(INTENT_MILESTONE_TICK, a, 0, NULL),
	    MODEL_ERR_STATE, "not done already");
	refused(r, RUIZ, (struct intent){ .type = INTENT_MILESTONE_TICK,
	    .ref = a, .value = 5, .value2 = 1 }, MODEL_ERR_NOT_FOUND,
	    "no milestone 6");
	must(r, RUIZ, (struct intent){ .type = INTENT_MILESTONE_TICK,
	    .ref = a, .value = 0, .value2 = 1 });
	assert_true(act->milestones[0].done);
	assert_int_equal(act->milestones[0].meeting, 2);
	refused(r, RUIZ, (struct intent){ .type = INTENT_MILESTONE_TICK,
	    .ref = a, .value = 0, .value2 = 1 }, MODEL_ERR_STATE,
	    "done already");
	assert_string_equal(last_log(r->ws, a)->text,
	    "milestone done: Route agreed");
	must(r, RUIZ, SET(a, ACTION_STATUS, ACTION_IN_PROGRESS, NULL, NULL));
	must(r, RUIZ, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = ITEM_PROGRESS, .ref = a,
	    .text = "Two walks done, residents came" });
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->meeting,
	    2);
	assert_false(model_item(r->ws, (uint32_t)r->ws->nitems)->flags &
	    ITEM_F_LOG);
	refused(r, RUIZ, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = ITEM_PROGRESS, .ref = 1, .text = "x" },
	    MODEL_ERR_NOT_FOUND, "choose the action");
	/* New actions come up at a review. */
	must(r, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = ITEM_ACTION, .text = "Street party in June" });
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->kind,
	    ITEM_ACTION);
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->meeting,
	    2);
	assert_int_equal(model_action_number(r->ws,
	    (uint32_t)r->ws->nitems), 2);
	assert_int_equal(model_action_number(r->ws, a), 1);
	assert_int_equal(model_action_number(r->ws, 1), 0);
	/* The first meeting's records stay in the first meeting. */
	assert_int_equal(model_item(r->ws, a)->meeting, 1);
	assert_int_equal(last_log(r->ws, a)->meeting, 2);

	/* Lessons and the exit strategy; the next review. */
	must(r, BEA, I(INTENT_CONTRIBUTE, 0, 0, "Start with small walks"));
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->kind,
	    ITEM_LESSON);
	refused(r, BEA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = ITEM_EXIT, .value2 = 7, .text = "x" }, MODEL_ERR_INVALID,
	    "wind down, hand over or institutionalise");
	must(r, BEA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = ITEM_EXIT, .value2 = EXIT_HAND_OVER,
	    .text = "The district council runs the walks" });
	must(r, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = ITEM_EXIT, .value2 = EXIT_WIND_DOWN,
	    .text = "Stop when the lights work" });
	/* Each exit proposal names its own strategy: not merged. */
	refused(r, FAC, I(INTENT_MERGE, (uint32_t)r->ws->nitems,
	    (int)r->ws->nitems - 1, NULL), MODEL_ERR_INVALID, "same kind");
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems - 1)->number,
	    EXIT_HAND_OVER);
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems - 1)->ref,
	    0);
	refused(r, FAC, I(INTENT_NEXT_REVIEW, 0, 20261219, NULL),
	    MODEL_ERR_INVALID, "after this meeting (2026-12-19)");
	refused(r, FAC, I(INTENT_NEXT_REVIEW, 0, 20270229, NULL),
	    MODEL_ERR_INVALID, "not a real date");
	refused(r, ANA, I(INTENT_NEXT_REVIEW, 0, 20270301, NULL),
	    MODEL_ERR_ROLE, NULL);
	must(r, FAC, I(INTENT_NEXT_REVIEW, 0, 20270301, NULL));
	assert_int_equal(of(r, BEA)->next_review, 20270301);
	replicas_agree(r);
}

/* --- framing and vision ------------------------------------------------- */

static void
test_framing_and_vision(void **state)
{
	struct room *r = *state;
	uint32_t p1, v1, v2, poll;
	const char *who[] = { NULL };

	(void)who;
	phase(r, PHASE_VISION);
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, ITEM_PROBLEM,
	    "Residents do not report crimes"));
	p1 = (uint32_t)r->ws->nitems;
	assert_int_equal(model_item(r->ws, p1)->kind, ITEM_PROBLEM);
	must(r, BEA, I(INTENT_CONTRIBUTE, 0, 0, "A safe market street"));
	v1 = (uint32_t)r->ws->nitems;
	must(r, RUIZ, I(INTENT_CONTRIBUTE, 0, 0, "Safe streets"));
	v2 = (uint32_t)r->ws->nitems;
	assert_int_equal(model_item(r->ws, v2)->kind, ITEM_VISION);
	/* Statements are numbered as written, problems and visions alike,
	 * and a replica made from a snapshot numbers them the same. */
	{
		struct msg m = { .type = MSG_WELCOME }, out;
		struct wire_buf b;
		char err[120];

		assert_int_equal(model_item(r->ws, p1)->ordinal, 1);
		assert_int_equal(model_item(r->ws, v1)->ordinal, 2);
		assert_int_equal(model_item(r->ws, v2)->ordinal, 3);
		m.welcome.self = ANA;
		m.welcome.snapshot_src = r->ws;
		wire_buf_init(&b);
		assert_int_equal(wire_encode(&m, &b), 0);
		assert_int_equal(wire_decode(b.data + WIRE_HEADER_SIZE,
		    b.len - WIRE_HEADER_SIZE, &out, err, sizeof err), 0);
		assert_int_equal(model_item(out.welcome.room, p1)->ordinal, 1);
		assert_int_equal(model_item(out.welcome.room, v2)->ordinal, 3);
		assert_int_equal(out.welcome.room->statements, 3);
		wire_msg_free(&out);
		wire_buf_destroy(&b);
	}
	refused(r, ANA, I(INTENT_CONTRIBUTE, 0, ITEM_EXIT, "x"),
	    MODEL_ERR_PHASE, NULL);
	refused(r, ANA, I(INTENT_MERGE, v2, (int)v1, NULL), MODEL_ERR_ROLE,
	    NULL);
	refused(r, FAC, I(INTENT_MERGE, v2, (int)p1, NULL), MODEL_ERR_INVALID,
	    "same kind");
	refused(r, ANA, I(INTENT_ITEM_EDIT, v1, 0, "Mine"), MODEL_ERR_ROLE,
	    NULL);
	must(r, FAC, I(INTENT_MERGE, v2, (int)v1, NULL));
	must(r, BEA, I(INTENT_ITEM_EDIT, v1, 0,
	    "Safe streets and a safe market"));
	assert_string_equal(model_item(of(r, RUIZ), v1)->text,
	    "Safe streets and a safe market");
	assert_int_equal(model_item(of(r, RUIZ), v2)->status, STATUS_MERGED);
	refused(r, FAC, I(INTENT_ITEM_EDIT, v2, 0, "x"), MODEL_ERR_STATE,
	    "merged");
	/* The room adopts the vision by consensus. */
	must(r, FAC, I(INTENT_POLL_OPEN, v1, POLL_CONSENSUS, NULL));
	poll = (uint32_t)r->ws->npolls;
	must(r, ANA, I(INTENT_VOTE, poll, ANSWER_AGREE, NULL));
	must(r, BEA, I(INTENT_VOTE, poll, ANSWER_AGREE, NULL));
	must(r, RUIZ, I(INTENT_VOTE, poll, ANSWER_STAND_ASIDE, NULL));
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	assert_int_equal(model_item(of(r, ANA), v1)->status, STATUS_ADOPTED);
	must(r, FAC, I(INTENT_POLL_OPEN, p1, POLL_CONSENSUS, NULL));
	replicas_agree(r);
}

/* A record of meetings and actions replays the same, and a replay of
 * events whose meeting dates go backwards is refused. */
static void
test_replay_refuses_damage(void **state)
{
	struct room *r = *state;
	struct model_error err;
	struct event ev = { .seq = r->ws->seq + 1, .type = EVENT_MEETING,
	    .id = 2, .value = 20200101 };

	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	ev.value = 20261231;
	ev.id = 3;
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	ev = (struct event){ .seq = r->ws->seq + 1, .type = EVENT_ACTION_SET,
	    .id = (uint32_t)r->ws->nitems + 1, .ref = 1, .value = ACTION_HOW,
	    .text = "x" };
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	assert_non_null(strstr(err.msg, "not an action"));
	assert_int_equal(r->ws->nmeetings, 1);
}

/* A record of a change made in the open, read as it would have been
 * written under the Chatham House Rule (for a room that set the rule
 * later): whoever is not a group is "a participant", whatever their name
 * was; groups, words and the "(+N)" of a long list stay. */
static void
test_log_nameless(void **state)
{
	static const struct {
		const char *made, *nameless;
	} cases[] = {
		{ "owner added: Sgt. Ruiz", "owner added: a participant" },
		{ "owner removed: Police", "owner removed: Police" },
		{ "Ana, Police and the facilitator agreed; the action is "
		    "agreed", "a participant, Police and the facilitator "
		    "agreed; the action is agreed" },
		{ "Bea, Sgt. Ruiz, Ana (+2) agreed", "a participant, a "
		    "participant, a participant (+2) agreed" },
		{ "Anabel took back their agreement", "a participant took "
		    "back their agreement" },
		/* A name nobody has now (renamed since): still a person. */
		{ "owner added: Ana Pérez", "owner added: a participant" },
		{ "Police, a participant, Old Name agreed", "Police, a "
		    "participant, a participant agreed" },
		{ "owner added: Smith, Jr.", "owner added: a participant" },
		{ "what: Ana visits the school", "what: Ana visits the "
		    "school" },
		{ "status: done", "status: done" },
	};
	struct room *r = *state;
	char *got;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = model_log_nameless(r->ws, cases[i].made);
		assert_string_equal(got, cases[i].nameless);
		free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_costs),
		cmocka_unit_test_setup_teardown(test_bad_input_stores_nothing,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_set_takes_only_clean_text,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_who_edits, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_owners_agree, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_proposed_cannot_start,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_chatham_commitments, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_chatham_later, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_dot_vote_sorts_plan, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_second_meeting, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_framing_and_vision, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_replay_refuses_damage,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_log_nameless, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(
		    test_change_takes_back_agreements, setup, room_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
