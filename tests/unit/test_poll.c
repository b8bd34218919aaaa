/*
 * test_poll.c - the decision tools: tallies, verdicts under each decision
 * rule, changing an answer, closing and revealing, what each replica may
 * know before the reveal, amendments and the charter clause by clause.
 *
 * Replicas are fed exactly as the server feeds them: every event goes
 * through model_event_view() for that viewer, then model_commit() as a
 * client does.
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

enum { FAC = MODEL_FACILITATOR, ANA = 2, BEA = 3, CRUZ = 4, OLGA = 5 };
enum { COMMUNITY = 1, POLICE = 2 };
#define NVIEWERS 4
static const uint32_t viewers[NVIEWERS] = { FAC, ANA, BEA, CRUZ };

static struct intent
vote(uint32_t poll, int answer, const char *reason)
{
	return (struct intent){ .type = INTENT_VOTE, .ref = poll,
	    .value = answer, .text = (char *)reason };
}

static const char *const room_groups[] = { "Community", "Police",
    NULL };

static int
setup(void **state)
{
	struct room *r = calloc(1, sizeof *r);
	static const char *const names[] = { "Ana Pérez", "Bea", "Cruz" };
	static const uint32_t groups[] = { COMMUNITY, COMMUNITY, POLICE };

	room_init(r, viewers, NVIEWERS, T0, 60);
	room_open(r, "Mesa", "ABC-234", NULL, room_groups);
	join_all(r, names, groups, 3);
	join(r, "Olga", 0, ROLE_OBSERVER, "tok-o");
	*state = r;
	return 0;
}

/* Opens a consensus check on item; returns the poll id. */
static uint32_t
check_on(struct room *r, uint32_t item, uint32_t flags)
{
	struct intent in = I(INTENT_POLL_OPEN, item, POLL_CONSENSUS, NULL);

	in.flags = flags;
	must(r, FAC, in);
	return (uint32_t)r->ws->npolls;
}

static void
close_and_reveal(struct room *r, uint32_t poll)
{
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
}

/* --- the hidden-until-reveal rule --------------------------------------- */

static void
test_answers_hidden_until_reveal(void **state)
{
	struct room *r = *state;
	uint32_t rule, poll;
	struct poll *ana_view, *bea_view, *fac_view, *srv;
	int i;

	phase(r, PHASE_GROUND_RULES);
	rule = fixture_first_of(r->ws, ITEM_RULE);
	poll = check_on(r, rule, 0);
	must(r, ANA, vote(poll, ANSWER_BLOCK, "Hace falta más tiempo"));
	must(r, CRUZ, vote(poll, ANSWER_AGREE, NULL));

	srv = model_poll(r->ws, poll);
	ana_view = model_poll(r->replica[1], poll);
	bea_view = model_poll(r->replica[2], poll);
	fac_view = model_poll(r->replica[0], poll);
	assert_int_equal(srv->nvotes, 2);
	/* Everyone knows how many; only Ana knows Ana's answer. */
	for (i = 0; i < NVIEWERS; i++)
		assert_int_equal(model_poll(r->replica[i], poll)->answered, 2);
	assert_int_equal(bea_view->nvotes, 0);
	assert_int_equal(ana_view->nvotes, 1);
	assert_int_equal(ana_view->votes[0].answer, ANSWER_BLOCK);
	assert_string_equal(ana_view->votes[0].reason,
	    "Hace falta más tiempo");
	assert_int_equal(model_poll(r->replica[3], poll)->nvotes, 1);
	/* A named poll: a facilitator follows it as it goes. */
	assert_int_equal(fac_view->nvotes, 2);

	/* Closing tells the facilitators the verdict, nobody else. */
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	assert_string_equal(srv->verdict_text, "blocked by 1 — not adopted");
	assert_string_equal(fac_view->verdict_text,
	    "blocked by 1 — not adopted");
	assert_null(bea_view->verdict_text);
	assert_int_equal(bea_view->nvotes, 0);

	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	for (i = 0; i < NVIEWERS; i++) {
		struct poll *v = model_poll(r->replica[i], poll);
		int t[ANSWER_ABSTAIN + 1];

		assert_int_equal(v->state, POLL_REVEALED);
		assert_int_equal(v->nvotes, 2);
		assert_string_equal(v->verdict_text,
		    "blocked by 1 — not adopted");
		model_tally(v, t, ANSWER_ABSTAIN + 1);
		assert_int_equal(t[ANSWER_BLOCK], 1);
		assert_int_equal(t[ANSWER_AGREE], 1);
	}
	/* Named: the reveal says who. */
	assert_int_equal(model_my_vote(bea_view, ANA)->answer, ANSWER_BLOCK);
	assert_int_equal(model_item(r->replica[2], rule)->status,
	    STATUS_DRAFT);
}

static void
test_anonymous_never_says_who(void **state)
{
	struct room *r = *state;
	uint32_t poll;
	size_t k;
	int i;

	phase(r, PHASE_GROUND_RULES);
	poll = check_on(r, fixture_first_of(r->ws, ITEM_RULE), POLL_F_ANONYMOUS);
	must(r, ANA, vote(poll, ANSWER_RESERVATIONS, "Con matices"));
	must(r, BEA, vote(poll, ANSWER_AGREE, NULL));
	/* Not even a facilitator follows an anonymous poll by name. */
	assert_int_equal(model_poll(r->replica[0], poll)->nvotes, 0);
	close_and_reveal(r, poll);
	for (i = 0; i < NVIEWERS; i++) {
		struct poll *v = model_poll(r->replica[i], poll);

		assert_int_equal(v->nvotes, 2);
		for (k = 0; k < v->nvotes; k++) {
			assert_int_equal(v->votes[k].voter, 0);
			assert_int_equal(v->votes[k].group, 0);
		}
	}
	/* The reason is heard; its author is not; and the order of the
	 * answers is theirs (by answer), not the order they came in. */
	{
		const struct poll *v = model_poll(r->replica[2], poll);

		assert_int_equal(v->votes[0].answer, ANSWER_AGREE);
		assert_null(v->votes[0].reason);
		assert_int_equal(v->votes[1].answer, ANSWER_RESERVATIONS);
		assert_string_equal(v->votes[1].reason, "Con matices");
	}
	assert_string_equal(model_poll(r->replica[2], poll)->verdict_text,
	    "consensus (1 with reservations) — adopted");
}

static void
test_change_answer_until_closed(void **state)
{
	struct room *r = *state;
	uint32_t poll;
	int t[ANSWER_ABSTAIN + 1];

	phase(r, PHASE_GROUND_RULES);
	poll = check_on(r, fixture_first_of(r->ws, ITEM_RULE), 0);
	must(r, ANA, vote(poll, ANSWER_BLOCK, "No"));
	must(r, ANA, vote(poll, ANSWER_AGREE, NULL));
	assert_int_equal(model_poll(r->ws, poll)->answered, 1);
	assert_int_equal(model_poll(r->replica[2], poll)->answered, 1);
	assert_null(model_my_vote(model_poll(r->replica[1], poll),
	    ANA)->reason);
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	refused(r, ANA, vote(poll, ANSWER_BLOCK, "Otra vez"), 0, "closed");
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	model_tally(model_poll(r->ws, poll), t, ANSWER_ABSTAIN + 1);
	assert_int_equal(t[ANSWER_AGREE], 1);
	assert_int_equal(t[ANSWER_BLOCK], 0);
	/* Passed: the rule is adopted, for everyone, at the reveal. */
	assert_int_equal(model_item(r->ws, fixture_first_of(r->ws, ITEM_RULE))->status,
	    STATUS_ADOPTED);
	assert_int_equal(model_item(r->replica[2],
	    fixture_first_of(r->ws, ITEM_RULE))->number, 1);
}

static void
test_poll_rules(void **state)
{
	struct room *r = *state;
	uint32_t rule = fixture_first_of(r->ws, ITEM_RULE), poll;

	refused(r, FAC, I(INTENT_POLL_OPEN, rule, POLL_CONSENSUS, NULL),
	    0, "Ground rules phase");
	phase(r, PHASE_GROUND_RULES);
	refused(r, ANA, I(INTENT_POLL_OPEN, rule, POLL_CONSENSUS, NULL),
	    0, "only a facilitator can open a poll");
	refused(r, FAC, I(INTENT_POLL_OPEN, fixture_first_of(r->ws, ITEM_QUESTION),
	    POLL_CONSENSUS, NULL), 0, "choose a proposal");
	refused(r, FAC, I(INTENT_POLL_OPEN, 0, 9, NULL), 0, "unknown kind");
	poll = check_on(r, rule, 0);
	refused(r, FAC, I(INTENT_POLL_OPEN, rule + 1, POLL_CONSENSUS, NULL),
	    0, "close the open poll first");
	refused(r, OLGA, vote(poll, ANSWER_AGREE, NULL), 0, "observers");
	refused(r, FAC, vote(poll, ANSWER_AGREE, NULL), 0,
	    "facilitators do not");
	/* A block counts at once; its reason may follow (INTENT_REASON). */
	refused(r, ANA, vote(poll, ANSWER_BLOCK, "línea\nnueva"), 0, "control");
	refused(r, ANA, vote(poll, ANSWER_YES, NULL), 0, "not an answer");
	refused(r, ANA, vote(poll, ANSWER_AGREE, "línea\nnueva"), 0, "control");
	refused(r, ANA, vote(poll + 1, ANSWER_AGREE, NULL), 0, "no such poll");
	refused(r, ANA, I(INTENT_POLL_CLOSE, poll, 0, NULL), 0,
	    "only a facilitator can close");
	refused(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL), 0,
	    "close the poll before revealing");
	refused(r, FAC, I(INTENT_ADOPT, rule, 0, NULL), 0,
	    "a check on it is open");
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	refused(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL), 0,
	    "already closed");
	refused(r, ANA, I(INTENT_POLL_REVEAL, poll, 0, NULL), 0,
	    "only a facilitator");
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	refused(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL), 0,
	    "already revealed");
	assert_string_equal(model_poll(r->ws, poll)->verdict_text,
	    "nobody agreed or blocked — not adopted");
}

static void
test_straw_poll(void **state)
{
	struct room *r = *state;
	struct intent open = I(INTENT_POLL_OPEN, 0, POLL_STRAW, NULL);
	uint32_t poll;
	int t[ANSWER_ABSTAIN + 1];

	refused(r, FAC, open, 0, "question");
	open.text = "¿Nos reunimos el jueves?";
	must(r, FAC, open);
	poll = (uint32_t)r->ws->npolls;
	must(r, ANA, vote(poll, ANSWER_YES, NULL));
	must(r, BEA, vote(poll, ANSWER_NO, NULL));
	must(r, CRUZ, vote(poll, ANSWER_ABSTAIN, NULL));
	refused(r, CRUZ, vote(poll, ANSWER_AGREE, NULL), 0, "not an answer");
	close_and_reveal(r, poll);
	model_tally(model_poll(r->replica[3], poll), t, ANSWER_ABSTAIN + 1);
	assert_int_equal(t[ANSWER_YES], 1);
	assert_int_equal(t[ANSWER_NO], 1);
	assert_int_equal(t[ANSWER_ABSTAIN], 1);
	assert_int_equal(model_poll(r->ws, poll)->verdict, VERDICT_NONE);
	assert_string_equal(model_poll(r->replica[1], poll)->text,
	    "¿Nos reunimos el jueves?");
}

static void
test_dot_vote(void **state)
{
	struct room *r = *state;
	struct intent dot = { .type = INTENT_DOT, .value2 = 1 };
	struct intent open = I(INTENT_POLL_OPEN, 0, POLL_DOTS, NULL);
	uint32_t poll, a, b;
	const struct poll *p;
	int t[8];

	phase(r, PHASE_ACTIONS);
	refused(r, FAC, open, 0, "at least two");
	must(r, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = "Patrullas a pie" });
	a = (uint32_t)r->ws->nitems;
	must(r, CRUZ, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = "Alumbrado en el mercado" });
	b = (uint32_t)r->ws->nitems;
	open.value2 = 2;
	must(r, FAC, open);
	poll = (uint32_t)r->ws->npolls;
	p = model_poll(r->ws, poll);
	assert_int_equal(p->noptions, 2);
	assert_int_equal(p->dots, 2);
	assert_int_equal(model_poll(r->replica[2], poll)->noptions, 2);

	dot.ref = poll;
	dot.value = (int32_t)b;
	must(r, ANA, dot);
	must(r, ANA, dot);		/* both on one item */
	refused(r, ANA, dot, 0, "spent all 2 dots");
	dot.value2 = -1;
	must(r, ANA, dot);		/* take one back ... */
	dot.value2 = 1;
	dot.value = (int32_t)a;
	must(r, ANA, dot);		/* ... and place it elsewhere */
	dot.value = (int32_t)fixture_first_of(r->ws, ITEM_RULE);
	refused(r, BEA, dot, 0, "not part of this dot vote");
	dot.value = (int32_t)b;
	must(r, BEA, dot);
	dot.value2 = -1;
	dot.value = (int32_t)a;
	refused(r, CRUZ, dot, 0, "no dot of yours");
	dot.value2 = 0;
	refused(r, CRUZ, dot, 0, "one at a time");
	assert_int_equal(p->answered, 2);
	assert_int_equal(model_poll(r->replica[3], poll)->answered, 2);
	assert_int_equal(model_my_dots(model_poll(r->replica[1], poll), ANA),
	    2);
	assert_int_equal(model_poll(r->replica[2], poll)->nvotes, 1);
	close_and_reveal(r, poll);
	model_tally(model_poll(r->replica[3], poll), t, 8);
	assert_int_equal(t[0], 1);	/* a */
	assert_int_equal(t[1], 2);	/* b */
}

/* --- the decision rule -------------------------------------------------- */

/* Runs a check on a fresh rule proposal with the given answers (by ANA,
 * BEA, CRUZ; 0 = no answer) and returns the server's verdict text. */
static const char *
run_check(struct room *r, uint32_t item, int a, int b, int c)
{
	uint32_t poll = check_on(r, item, 0);
	const int answers[3] = { a, b, c };
	const uint32_t who[3] = { ANA, BEA, CRUZ };
	int i;

	for (i = 0; i < 3; i++)
		if (answers[i] != 0)
			must(r, who[i], vote(poll, answers[i],
			    answers[i] == ANSWER_BLOCK ? "No así" : NULL));
	close_and_reveal(r, poll);
	return model_poll(r->ws, poll)->verdict_text;
}

static uint32_t
proposal(struct room *r, const char *text)
{
	must(r, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = (char *)text });
	return (uint32_t)r->ws->nitems;
}

static void
test_decision_rules(void **state)
{
	struct room *r = *state;
	struct intent rule = I(INTENT_DECISION_RULE, 0, DECIDE_MAJORITY, NULL);
	uint32_t item;

	phase(r, PHASE_GROUND_RULES);
	refused(r, ANA, rule, 0, "only a facilitator can record");
	refused(r, FAC, I(INTENT_DECISION_RULE, 0, 9, NULL), 0,
	    "unknown decision");
	refused(r, FAC, I(INTENT_DECISION_RULE, 0, DECIDE_CONSENSUS_FALLBACK,
	    NULL), 0, "a fallback needs");

	/* Before any rule is recorded, consensus applies. */
	assert_string_equal(run_check(r, proposal(r, "R1"), ANSWER_AGREE,
	    ANSWER_STAND_ASIDE, ANSWER_BLOCK), "blocked by 1 — not adopted");
	assert_string_equal(run_check(r, proposal(r, "R2"), ANSWER_AGREE,
	    ANSWER_RESERVATIONS, ANSWER_STAND_ASIDE),
	    "consensus (1 with reservations, 1 standing aside) — adopted");

	must(r, FAC, rule);
	assert_int_equal(r->replica[2]->decision_rule, DECIDE_MAJORITY);
	assert_string_equal(run_check(r, proposal(r, "R3"), ANSWER_AGREE,
	    ANSWER_AGREE, ANSWER_BLOCK), "majority (2 to 1) — adopted");
	assert_string_equal(run_check(r, proposal(r, "R4"), ANSWER_AGREE,
	    ANSWER_BLOCK, ANSWER_BLOCK), "no majority (1 to 2) — not adopted");

	must(r, FAC, I(INTENT_DECISION_RULE, 0, DECIDE_TWO_THIRDS, NULL));
	assert_string_equal(run_check(r, proposal(r, "R5"), ANSWER_AGREE,
	    ANSWER_RESERVATIONS, ANSWER_BLOCK),
	    "2/3 reached (2 to 1) — adopted");
	assert_string_equal(run_check(r, proposal(r, "R6"), ANSWER_AGREE,
	    ANSWER_BLOCK, ANSWER_BLOCK), "2/3 not reached (1 to 2) — not "
	    "adopted");

	rule = I(INTENT_DECISION_RULE, 0, DECIDE_CONSENSUS_FALLBACK, NULL);
	rule.value2 = 2;
	rule.flags = DECIDE_TWO_THIRDS;
	must(r, FAC, rule);
	item = proposal(r, "R7");
	assert_string_equal(run_check(r, item, ANSWER_AGREE, ANSWER_AGREE,
	    ANSWER_BLOCK), "blocked by 1 — not adopted (round 1 of 2 before "
	    "a vote)");
	assert_int_equal(model_item(r->ws, item)->status, STATUS_PROPOSED);
	assert_string_equal(run_check(r, item, ANSWER_AGREE, ANSWER_AGREE,
	    ANSWER_BLOCK), "2/3 reached after 2 rounds (2 to 1) — adopted");
	assert_int_equal(model_item(r->ws, item)->status, STATUS_ADOPTED);
	assert_int_equal(model_poll(r->ws, r->ws->npolls)->round, 2);
}

/*
 * Issue 15: a section adopted in round 1, reopened and checked again was
 * called "round 2", so one block let the fallback adopt it.  Rounds
 * without consensus count from the last adoption: a reopened section is
 * a new version put to the room.
 */
static void
test_rounds_per_version(void **state)
{
	struct room *r = *state;
	struct intent rule = I(INTENT_DECISION_RULE, 0,
	    DECIDE_CONSENSUS_FALLBACK, NULL),
	    edit = { .type = INTENT_SECTION_EDIT };
	struct item *goal;
	uint32_t poll;
	int i;

	rule.value2 = 2;
	rule.flags = DECIDE_TWO_THIRDS;
	must(r, FAC, rule);
	phase(r, PHASE_CHARTER);
	goal = model_section(r->ws, 10);
	edit.ref = goal->id;
	edit.text = "Un mercado seguro.";
	must(r, FAC, edit);
	assert_string_equal(run_check(r, goal->id, ANSWER_AGREE, ANSWER_AGREE,
	    ANSWER_AGREE), "consensus — adopted");

	must(r, FAC, I(INTENT_SECTION_STATE, goal->id, STATUS_OPEN, NULL));
	poll = check_on(r, goal->id, 0);
	assert_int_equal(model_poll(r->ws, poll)->round, 1);
	for (i = 0; i < NVIEWERS; i++)
		assert_int_equal(model_poll(r->replica[i], poll)->round, 1);
	must(r, ANA, vote(poll, ANSWER_AGREE, NULL));
	must(r, BEA, vote(poll, ANSWER_AGREE, NULL));
	must(r, CRUZ, vote(poll, ANSWER_BLOCK, "Falta la policía"));
	close_and_reveal(r, poll);
	assert_string_equal(model_poll(r->replica[1], poll)->verdict_text,
	    "blocked by 1 — not adopted (round 1 of 2 before a vote)");
	assert_int_equal(goal->status, STATUS_OPEN);

	/* Rewritten to meet the block, it is still this version's second
	 * round: the fallback is reached. */
	edit.text = "Un mercado seguro para todos, con la policía.";
	must(r, FAC, edit);
	assert_string_equal(run_check(r, goal->id, ANSWER_AGREE, ANSWER_AGREE,
	    ANSWER_BLOCK), "2/3 reached after 2 rounds (2 to 1) — adopted");
	assert_int_equal(goal->status, STATUS_ADOPTED);
}

/* A record made before the round was written into the check replays as
 * it did: its round is counted the old way. */
static void
test_rounds_old_record(void **state)
{
	struct room *r = *state;
	struct item *goal;
	struct model_error err;
	struct event ev = { .type = EVENT_POLL_OPEN, .value = POLL_CONSENSUS,
	    .time = T0 };
	uint32_t poll;

	phase(r, PHASE_CHARTER);
	goal = model_section(r->ws, 10);
	must(r, FAC, (struct intent){ .type = INTENT_SECTION_EDIT,
	    .ref = goal->id, .text = "Un mercado seguro." });
	poll = check_on(r, goal->id, 0);
	assert_int_equal(r->ws->npolls, poll);
	must(r, ANA, vote(poll, ANSWER_AGREE, NULL));
	close_and_reveal(r, poll);
	must(r, FAC, I(INTENT_SECTION_STATE, goal->id, STATUS_OPEN, NULL));
	ev.seq = r->ws->seq + 1;
	ev.id = poll + 1;
	ev.ref = goal->id;
	ev.text = goal->body;
	assert_int_equal(model_commit(r->ws, &ev, false, &err), 0);
	assert_int_equal(model_poll(r->ws, poll + 1)->round, 2);
	ev.seq++;
	ev.id++;
	ev.value2 = -1;
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
}

/* --- ground rules by amendment ------------------------------------------ */

static void
test_amendment(void **state)
{
	struct room *r = *state;
	uint32_t rule = fixture_first_of(r->ws, ITEM_RULE), first, second;
	struct item *am;

	phase(r, PHASE_GROUND_RULES);
	must(r, BEA, (struct intent){ .type = INTENT_CONTRIBUTE, .ref = rule,
	    .text = "Escucharnos sin interrumpir" });
	first = (uint32_t)r->ws->nitems;
	am = model_item(r->replica[3], first);
	assert_int_equal(am->kind, ITEM_AMENDMENT);
	assert_int_equal(am->ref, rule);
	assert_int_equal(am->author, BEA);
	assert_int_equal(am->status, STATUS_PROPOSED);
	refused(r, BEA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .ref = fixture_first_of(r->ws, ITEM_QUESTION), .text = "x" },
	    0, "choose a ground rule to amend");
	assert_string_equal(run_check(r, first, ANSWER_AGREE, ANSWER_AGREE,
	    ANSWER_BLOCK), "blocked by 1 — not adopted");
	/* The block is answered by a second amendment. */
	must(r, CRUZ, (struct intent){ .type = INTENT_CONTRIBUTE, .ref = rule,
	    .text = "Escucharnos sin interrumpir, por turnos" });
	second = (uint32_t)r->ws->nitems;
	assert_string_equal(run_check(r, second, ANSWER_AGREE,
	    ANSWER_AGREE, ANSWER_RESERVATIONS),
	    "consensus (1 with reservations) — adopted");
	/* Everyone's view: the rule now says what the amendment said. */
	assert_string_equal(model_item(r->replica[1], rule)->text,
	    "Escucharnos sin interrumpir, por turnos");
	assert_string_equal(model_item(r->replica[1], rule)->text2,
	    "Listen to each other");
	assert_int_equal(model_item(r->replica[1], rule)->status,
	    STATUS_ADOPTED);
	assert_int_equal(model_item(r->replica[1], rule)->number, 1);
	assert_int_equal(model_item(r->ws, second)->status, STATUS_ADOPTED);
	assert_int_equal(model_item(r->ws, first)->status, STATUS_PROPOSED);
	must(r, FAC, I(INTENT_REJECT, first, 0, NULL));
	assert_int_equal(model_item(r->replica[2], first)->status,
	    STATUS_REJECTED);
}

/* --- the charter, clause by clause -------------------------------------- */

static void
test_charter_clause_by_clause(void **state)
{
	struct room *r = *state;
	struct item *goal;
	uint32_t text, poll;
	size_t i;

	phase(r, PHASE_CHARTER);
	goal = model_section(r->ws, 10);
	refused(r, FAC, I(INTENT_POLL_OPEN, goal->id, POLL_CONSENSUS, NULL),
	    0, "no text yet");
	must(r, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .ref = goal->id, .text = "Mejorar la seguridad\ndel mercado" });
	text = (uint32_t)r->ws->nitems;
	refused(r, ANA, I(INTENT_SECTION_MERGE, text, 0, NULL), 0,
	    "only a facilitator");
	must(r, FAC, I(INTENT_SECTION_MERGE, text, 0, NULL));
	assert_string_equal(goal->body, "Mejorar la seguridad\ndel mercado");
	assert_int_equal(model_item(r->ws, text)->status, STATUS_MERGED);
	must(r, FAC, (struct intent){ .type = INTENT_SECTION_EDIT,
	    .ref = goal->id, .text = "Mejorar juntos la seguridad del "
	    "mercado." });
	assert_string_equal(model_section(r->replica[2], 10)->body,
	    "Mejorar juntos la seguridad del mercado.");
	poll = check_on(r, goal->id, 0);
	refused(r, FAC, (struct intent){ .type = INTENT_SECTION_EDIT,
	    .ref = goal->id, .text = "x" }, 0, "deciding on it");
	must(r, ANA, vote(poll, ANSWER_AGREE, NULL));
	close_and_reveal(r, poll);
	assert_int_equal(goal->status, STATUS_ADOPTED);
	assert_int_equal(model_section(r->replica[3], 10)->status,
	    STATUS_ADOPTED);
	refused(r, FAC, (struct intent){ .type = INTENT_SECTION_EDIT,
	    .ref = goal->id, .text = "x" }, 0, "reopen it first");
	refused(r, FAC, I(INTENT_SECTION_STATE, model_section(r->ws, 20)->id,
	    STATUS_NOT_APPLICABLE, NULL), 0, "filled from the room");

	/* Not ready until every written section is decided. */
	refused(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .value = POLL_CONSENSUS, .flags = POLL_F_CHARTER },
	    0, "every section");
	for (i = 0; i < r->ws->nitems; i++) {
		struct item *s = &r->ws->items[i];

		if (s->kind == ITEM_SECTION && s->status == STATUS_OPEN &&
		    !model_section_derived(s))
			must(r, FAC, I(INTENT_SECTION_STATE, s->id,
			    STATUS_NOT_APPLICABLE, NULL));
	}
	assert_true(model_charter_ready(r->ws));
	poll = check_on(r, 0, POLL_F_CHARTER);
	must(r, ANA, vote(poll, ANSWER_AGREE, NULL));
	must(r, CRUZ, vote(poll, ANSWER_RESERVATIONS, "Revisar en 6 meses"));
	close_and_reveal(r, poll);
	assert_int_equal(r->ws->charter_poll, poll);
	assert_int_equal(r->replica[2]->charter_poll, poll);
	refused(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .value = POLL_CONSENSUS, .flags = POLL_F_CHARTER },
	    0, "already adopted");
	/* Reopening a section undoes the charter's adoption. */
	must(r, FAC, I(INTENT_SECTION_STATE, goal->id, STATUS_OPEN, NULL));
	assert_int_equal(r->ws->charter_poll, 0);
	assert_int_equal(r->replica[1]->charter_poll, 0);
}

static struct intent
reason(uint32_t poll, const char *text)
{
	return (struct intent){ .type = INTENT_REASON, .ref = poll,
	    .text = (char *)text };
}

/*
 * Issue 15, item 2: a block counts from the key press, and the reason
 * typed after it joins it even when the facilitator closed the check
 * meanwhile ("4 of 5", then C R).
 */
static void
test_block_counts_before_its_reason(void **state)
{
	struct room *r = *state;
	uint32_t poll;
	struct poll *srv, *fac_view, *bea_view;
	int i;

	phase(r, PHASE_GROUND_RULES);
	poll = check_on(r, fixture_first_of(r->ws, ITEM_RULE), 0);
	/* The key press: the answer, its reason still being typed. */
	must(r, ANA, vote(poll, ANSWER_BLOCK, NULL));
	must(r, CRUZ, vote(poll, ANSWER_AGREE, NULL));
	refused(r, ANA, reason(poll, "   "), 0, "empty");
	refused(r, ANA, reason(poll, "dos\nlíneas"), 0, "control");
	refused(r, CRUZ, reason(poll, "Sí"), 0, "reservation or block");
	refused(r, BEA, reason(poll, "Sin respuesta"), 0,
	    "reservation or block");
	refused(r, OLGA, reason(poll, "Miro"), 0, "observers");
	refused(r, ANA, reason(poll + 1, "Otra"), 0, "no such poll");
	/* The facilitator closes before the reason comes: the block
	 * counts. */
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	srv = model_poll(r->ws, poll);
	assert_string_equal(srv->verdict_text, "blocked by 1 — not adopted");
	/* The reason joins it, though the check is closed. */
	must(r, ANA, reason(poll, "Falta consultar al barrio"));
	assert_string_equal(model_my_vote(srv, ANA)->reason,
	    "Falta consultar al barrio");
	assert_int_equal(model_my_vote(srv, ANA)->answer, ANSWER_BLOCK);
	/* Its author and a facilitator following the named check see it;
	 * nobody else hears of it before the reveal. */
	assert_string_equal(model_my_vote(model_poll(r->replica[1], poll),
	    ANA)->reason, "Falta consultar al barrio");
	fac_view = model_poll(r->replica[0], poll);
	assert_string_equal(model_my_vote(fac_view, ANA)->reason,
	    "Falta consultar al barrio");
	bea_view = model_poll(r->replica[2], poll);
	assert_int_equal(bea_view->nvotes, 0);
	/* Once: a closed check's reasons are not rewritten. */
	refused(r, ANA, reason(poll, "Otra cosa"), 0, "already recorded");
	refused(r, ANA, vote(poll, ANSWER_AGREE, NULL), 0, "closed");
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	for (i = 0; i < NVIEWERS; i++)
		assert_string_equal(model_my_vote(model_poll(r->replica[i],
		    poll), ANA)->reason, "Falta consultar al barrio");

	/* A reservation whose reason comes after the reveal (C R pressed
	 * at once) is heard by everyone when it comes. */
	poll = check_on(r, fixture_first_of(r->ws, ITEM_RULE), 0);
	must(r, BEA, vote(poll, ANSWER_RESERVATIONS, NULL));
	close_and_reveal(r, poll);
	assert_string_equal(model_poll(r->ws, poll)->verdict_text,
	    "consensus (1 with reservations) — adopted");
	must(r, BEA, reason(poll, "Revisarlo en seis meses"));
	for (i = 0; i < NVIEWERS; i++)
		assert_string_equal(model_my_vote(model_poll(r->replica[i],
		    poll), BEA)->reason, "Revisarlo en seis meses");
}

/* The same in an anonymous check: the reason is heard, never whose. */
static void
test_anonymous_reason_after_close(void **state)
{
	struct room *r = *state;
	uint32_t poll;
	struct event ev, view;
	struct model_error err;
	struct intent in = reason(0, "Nadie habló con las mujeres");
	int i;

	phase(r, PHASE_GROUND_RULES);
	poll = check_on(r, fixture_first_of(r->ws, ITEM_RULE),
	    POLL_F_ANONYMOUS);
	must(r, ANA, vote(poll, ANSWER_BLOCK, NULL));
	must(r, BEA, vote(poll, ANSWER_AGREE, NULL));
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	/* Before the reveal not even a facilitator hears of it. */
	in.ref = poll;
	assert_int_equal(model_check(r->ws, ANA, &in, T0 + (int64_t)r->ws->seq * 60, &ev,
	    &err), 0);
	assert_int_equal(ev.type, EVENT_REASON);
	ev.actor = ANA;
	for (i = 0; i < NVIEWERS; i++)
		if (viewers[i] != ANA)
			assert_int_equal(model_event_audience(r->ws, &ev,
			    viewers[i]), AUDIENCE_NONE);
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	/* After it, everyone, without a name or a group. */
	assert_int_equal(model_check(r->ws, ANA, &in, T0 + (int64_t)r->ws->seq * 60,
	    &ev, &err), 0);
	ev.actor = ANA;
	model_event_view(r->ws, &ev, BEA, &view);
	assert_int_equal(view.actor, 0);
	assert_int_equal(view.group, 0);
	assert_string_equal(view.text, "Nadie habló con las mujeres");
	must(r, ANA, in);
	for (i = 0; i < NVIEWERS; i++) {
		const struct poll *v = model_poll(r->replica[i], poll);
		size_t k, found = 0;

		for (k = 0; k < v->nvotes; k++) {
			assert_int_equal(v->votes[k].voter, 0);
			if (v->votes[k].answer == ANSWER_BLOCK &&
			    v->votes[k].reason != NULL &&
			    strcmp(v->votes[k].reason,
			    "Nadie habló con las mujeres") == 0)
				found++;
		}
		assert_int_equal(found, 1);
	}
}

/* A reason comes with its answer, not long after the result. */
static void
test_reason_too_late(void **state)
{
	struct room *r = *state;
	uint32_t poll;
	int i;

	phase(r, PHASE_GROUND_RULES);
	poll = check_on(r, fixture_first_of(r->ws, ITEM_RULE), 0);
	must(r, ANA, vote(poll, ANSWER_RESERVATIONS, NULL));
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	/* Each change here is a minute later than the one before. */
	for (i = 0; i < MODEL_REASON_GRACE / 60 + 1; i++)
		must(r, ANA, I(INTENT_HAND, 0, i % 2 == 0, NULL));
	refused(r, ANA, reason(poll, "Tarde"), 0, "more than 10 minutes");
	assert_null(model_my_vote(model_poll(r->ws, poll), ANA)->reason);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_answers_hidden_until_reveal, setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_anonymous_never_says_who,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_change_answer_until_closed,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_poll_rules, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_straw_poll, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_dot_vote, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_decision_rules, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_rounds_per_version, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_rounds_old_record, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_amendment, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_charter_clause_by_clause,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(
		    test_block_counts_before_its_reason, setup, room_teardown),
		cmocka_unit_test_setup_teardown(
		    test_anonymous_reason_after_close, setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_reason_too_late, setup,
		    room_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
