/*
 * test_indicator.c - indicators (issue 16, srm-review): proposed by
 * participants where the phase takes proposals and agreed by the room,
 * their baseline and target, the scoring poll on the room's own scale
 * (its median, how ties go, who sees what before the reveal), scores
 * across meetings, actions linked to an indicator, questions the room
 * proposes in a dialogue phase, and all of it in a snapshot.
 *
 * The room is made from a small template (below) as serve makes one: its
 * creation, its groups, then template_intents().  Replicas are fed as
 * the server feeds them (fixture_feed), which also checks that viewers
 * of one class get one audience.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roundtable/export.h"
#include "roundtable/model.h"
#include "roundtable/template.h"
#include "roundtable/wire.h"

#include "fixture.h"
/* The template's indicators, kept with the room. */
#define ROOM_OWN	uint32_t ind1, ind2;
#include "room.h"

#define T0 1763800000

/* Five participants in two groups, an observer, a co-facilitator. */
enum { FAC = MODEL_FACILITATOR, ANA = 2, BEA = 3, CRUZ = 4, DIEGO = 5,
    EVA = 6, OLGA = 7, COF = 8 };
enum { LOCAL = 1, INTL = 2 };
#define NVIEWERS 4
static const uint32_t viewers[NVIEWERS] = { FAC, ANA, CRUZ, COF };

/* The phases of the template, by index. */
enum { S_WELCOME = 0, S_QUESTIONS = 1, S_DISCUSS = 2, S_INDICATORS = 3,
    S_SCORE = 4, S_PLAN = 5 };

static const char tpl_text[] =
    "Template: test-review\n"
    "Title: A joint review\n"
    "Groups: Local partner | International partner\n"
    "\n"
    "Phase: welcome\n"
    "Title: Welcome\n"
    "\n"
    "Phase: dialogue\n"
    "Title: Agree questions\n"
    "Propose: yes\n"
    "Question: What is in place?\n"
    "\n"
    "Phase: dialogue\n"
    "Title: Discuss\n"
    "Question: What is missing?\n"
    "\n"
    "Phase: indicators\n"
    "Title: Agree indicators\n"
    "Propose: yes\n"
    "Indicator: Budget lines for security are in the budget.\n"
    "Indicator: Duty of care is understood by both partners.\n"
    "Scale: present = in place\n"
    "Scale: partially present = in place in part only\n"
    "Scale: not present = not in place\n"
    "\n"
    "Phase: indicators\n"
    "Title: Assess indicators\n"
    "\n"
    "Phase: actions\n"
    "Title: Plan\n";

static int
setup(void **state)
{
	struct room *r = calloc(1, sizeof *r);
	static const char *const names[] = { "Ana Pérez", "Bea", "Cruz",
	    "Diego", "Eva" };
	static const uint32_t groups[] = { LOCAL, LOCAL, INTL, INTL, INTL };

	room_init(r, viewers, NVIEWERS, T0, 60);
	room_open_template(r, tpl_text, "test.rtt");
	join_all(r, names, groups, 5);
	join(r, "Olga", 0, ROLE_OBSERVER, "tok-o");
	join(r, "Co", 0, ROLE_COFACILITATOR, "tok-c");
	r->ind1 = nth_of(r->ws, ITEM_INDICATOR, 0);
	r->ind2 = nth_of(r->ws, ITEM_INDICATOR, 1);
	*state = r;
	return 0;
}

/* Opens a scoring poll on ind, has each of who[] answer points[], closes
 * it; returns its id (revealed when reveal). */
static uint32_t
score(struct room *r, uint32_t ind, uint32_t flags, const uint32_t *who,
    const int *points, size_t n, bool reveal)
{
	uint32_t poll;
	size_t i;

	must(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN, .ref = ind,
	    .value = POLL_SCORE, .flags = flags });
	poll = (uint32_t)r->ws->npolls;
	for (i = 0; i < n; i++)
		must(r, who[i], I(INTENT_VOTE, poll, points[i], NULL));
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	if (reveal)
		must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	return poll;
}

/* The room agrees indicator ind by a consensus check everyone agrees to. */
static void
agree(struct room *r, uint32_t ind)
{
	static const uint32_t all[] = { ANA, BEA, CRUZ, DIEGO, EVA };
	uint32_t poll;
	size_t i;

	must(r, FAC, I(INTENT_POLL_OPEN, ind, POLL_CONSENSUS, NULL));
	poll = (uint32_t)r->ws->npolls;
	for (i = 0; i < 5; i++)
		must(r, all[i], I(INTENT_VOTE, poll, ANSWER_AGREE, NULL));
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
}

/* --- proposing and agreeing indicators ---------------------------------- */

static void
test_propose_indicators(void **state)
{
	struct room *r = *state;
	const struct item *it;
	uint32_t mine;
	int i;

	assert_string_equal(model_phase_name(PHASE_INDICATORS), "Indicators");
	assert_int_equal(model_item(r->ws, r->ind1)->status, STATUS_DRAFT);
	assert_non_null(model_item(r->ws, r->ind1)->ind);
	step(r, S_INDICATORS);
	assert_true(model_step_proposes(r->ws));
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Incidents are shared "
	    "within a day."));
	mine = (uint32_t)r->ws->nitems;
	it = model_item(r->ws, mine);
	assert_int_equal(it->kind, ITEM_INDICATOR);
	assert_int_equal(it->status, STATUS_PROPOSED);
	assert_int_equal(it->step, S_INDICATORS + 1);
	assert_non_null(it->ind);
	assert_int_equal(model_indicator_number(r->ws, mine), 3);
	for (i = 0; i < NVIEWERS; i++) {
		assert_int_equal(model_item(r->replica[i], mine)->kind,
		    ITEM_INDICATOR);
		assert_non_null(model_item(r->replica[i], mine)->ind);
	}
	refused(r, OLGA, I(INTENT_CONTRIBUTE, 0, 0, "x"), MODEL_ERR_ROLE,
	    "observers");
	/* Checked like a ground rule, adopted when the room agrees. */
	agree(r, mine);
	assert_int_equal(model_item(r->ws, mine)->status, STATUS_ADOPTED);
	assert_int_equal(model_item(of(r, ANA), mine)->status,
	    STATUS_ADOPTED);
	refused(r, FAC, I(INTENT_POLL_OPEN, mine, POLL_CONSENSUS, NULL),
	    MODEL_ERR_STATE, "already adopted");
	/* Or decided by a facilitator directly. */
	must(r, FAC, I(INTENT_REJECT, r->ind2, 0, NULL));
	assert_int_equal(model_item(r->ws, r->ind2)->status,
	    STATUS_REJECTED);
	refused(r, ANA, I(INTENT_ADOPT, r->ind1, 0, NULL), MODEL_ERR_ROLE,
	    "only a facilitator");

	/* A phase that takes no proposals: facilitators add them. */
	step(r, S_SCORE);
	assert_false(model_step_proposes(r->ws));
	refused(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Another one"),
	    MODEL_ERR_PHASE, "this phase takes no proposed indicators");
	must(r, COF, I(INTENT_CONTRIBUTE, 0, 0, "Travel is planned "
	    "together."));
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->status,
	    STATUS_PROPOSED);
	/* Decided in an indicators phase only. */
	step(r, S_PLAN);
	refused(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL), MODEL_ERR_PHASE,
	    "indicators are decided in the Indicators phase");
}

/* --- baseline and target ------------------------------------------------- */

static void
test_baseline_and_target(void **state)
{
	struct room *r = *state;
	char long_line[MODEL_LINE_MAX + 2];
	int i;

	refused(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_BASELINE,
	    "none"), MODEL_ERR_PHASE, "set in an indicators phase");
	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_BASELINE,
	    "2 of 10 districts"));
	must(r, COF, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_TARGET,
	    "present"));
	for (i = 0; i < NVIEWERS; i++) {
		const struct item *it = model_item(r->replica[i], r->ind1);

		assert_string_equal(it->ind->baseline, "2 of 10 districts");
		assert_string_equal(it->ind->target, "present");
	}
	refused(r, ANA, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_TARGET,
	    "all"), MODEL_ERR_ROLE, "only a facilitator can set an "
	    "indicator's baseline or target");
	refused(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, 3, NULL),
	    MODEL_ERR_INVALID, "a baseline and a target");
	refused(r, FAC, I(INTENT_INDICATOR_SET, fixture_first_of(r->ws,
	    ITEM_QUESTION), INDICATOR_TARGET, "x"), MODEL_ERR_NOT_FOUND,
	    "choose an indicator");
	memset(long_line, 'x', sizeof long_line - 1);
	long_line[sizeof long_line - 1] = '\0';
	refused(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_TARGET,
	    long_line), MODEL_ERR_TEXT, "the target is too long");
	refused(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_TARGET,
	    "a\x1b[2Jb"), MODEL_ERR_TEXT, "control characters");
	/* Empty clears it. */
	must(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_TARGET, ""));
	assert_null(model_item(r->ws, r->ind1)->ind->target);
	assert_null(model_item(of(r, CRUZ), r->ind1)->ind->target);
	/* Not on one the room turned down. */
	must(r, FAC, I(INTENT_REJECT, r->ind2, 0, NULL));
	refused(r, FAC, I(INTENT_INDICATOR_SET, r->ind2, INDICATOR_TARGET,
	    "x"), MODEL_ERR_STATE, "that indicator is not adopted");
}

/* --- the scoring poll ---------------------------------------------------- */

static void
test_score_median(void **state)
{
	struct room *r = *state;
	static const uint32_t who[] = { ANA, BEA, CRUZ, DIEGO, EVA };
	static const int points[] = { 2, 1, 2, 3, 2 };
	const struct poll *p;
	char *said;
	uint32_t poll;
	int i;

	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	poll = score(r, r->ind1, 0, who, points, 5, false);
	p = model_poll(r->ws, poll);
	/* The room's own scale, in the template's order. */
	assert_int_equal(model_poll_points(p), 3);
	assert_string_equal(model_point_label(r->ws, p, 1), "present");
	assert_string_equal(model_point_meaning(r->ws, p, 3), "not in place");
	assert_int_equal(p->verdict, 2);
	assert_string_equal(p->verdict_text, "partially present (3 of 5; 1 "
	    "present, 1 not present)");
	/* Heard at the reveal, not before. */
	assert_null(model_score(model_item(r->ws, r->ind1), 1));
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	assert_int_equal(model_score(model_item(r->ws, r->ind1), 1)->point,
	    2);
	for (i = 0; i < NVIEWERS; i++) {
		const struct score *sc = model_score(model_item(r->replica[i],
		    r->ind1), 1);

		assert_non_null(sc);
		assert_int_equal(sc->point, 2);
		assert_int_equal(sc->poll, poll);
		assert_string_equal(model_poll(r->replica[i],
		    poll)->verdict_text, p->verdict_text);
		/* Each screen works the sentence out again, in its own
		 * words: English here, the record's. */
		said = model_score_said(r->replica[i], model_poll(r->replica[i],
		    poll));
		assert_string_equal(said, p->verdict_text);
		free(said);
	}
}

static void
test_score_ties(void **state)
{
	struct room *r = *state;
	static const uint32_t two[] = { ANA, CRUZ };
	static const int split[] = { 1, 3 };
	static const uint32_t four[] = { ANA, BEA, CRUZ, DIEGO };
	static const int even[] = { 1, 1, 2, 2 };
	static const int one[] = { 3 };
	uint32_t poll;

	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	/* Two middle answers that differ: the later point of the scale. */
	poll = score(r, r->ind1, 0, two, split, 2, true);
	assert_string_equal(model_poll(r->ws, poll)->verdict_text,
	    "not present (1 of 2; 1 present)");
	poll = score(r, r->ind1, 0, four, even, 4, true);
	assert_int_equal(model_poll(r->ws, poll)->verdict, 2);
	assert_string_equal(model_poll(r->ws, poll)->verdict_text,
	    "partially present (2 of 4; 2 present)");
	poll = score(r, r->ind1, 0, two, one, 1, true);
	assert_string_equal(model_poll(r->ws, poll)->verdict_text,
	    "not present (1 of 1)");
	/* Nobody answered: no score, and the last one stands. */
	poll = score(r, r->ind1, 0, NULL, NULL, 0, true);
	assert_int_equal(model_poll(r->ws, poll)->verdict, 0);
	assert_string_equal(model_poll(r->ws, poll)->verdict_text,
	    "no score: nobody answered");
	assert_int_equal(model_score(model_item(r->ws, r->ind1), 1)->point,
	    3);
}

/* Before the reveal nobody sees another's answer; a facilitator follows
 * a named score, never an anonymous one; after it, an anonymous score's
 * answers are nobody's. */
static void
test_score_privacy(void **state)
{
	struct room *r = *state;
	static const uint32_t who[] = { ANA, CRUZ };
	static const int points[] = { 1, 2 };
	const struct poll *p;
	struct poll view;
	uint32_t poll;
	size_t i;

	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	must(r, FAC, I(INTENT_ADOPT, r->ind2, 0, NULL));
	poll = score(r, r->ind1, 0, who, points, 2, false);
	/* Ana's replica: her own answer, no verdict. */
	p = model_poll(of(r, ANA), poll);
	assert_int_equal(p->nvotes, 1);
	assert_int_equal(p->votes[0].voter, ANA);
	assert_null(p->verdict_text);
	assert_int_equal(p->answered, 2);
	model_poll_view(r->ws, model_poll(r->ws, poll), CRUZ, &view);
	assert_int_equal(view.nvotes, 1);
	assert_int_equal(view.verdict, 0);
	model_votes_free(view.votes, view.nvotes);
	/* The facilitators follow a named one. */
	assert_int_equal(model_poll(of(r, FAC), poll)->nvotes, 2);
	assert_non_null(model_poll(of(r, COF), poll)->verdict_text);
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	assert_int_equal(model_poll(of(r, CRUZ), poll)->nvotes, 2);

	/* Anonymous: nobody but the answerer knows, ever. */
	poll = score(r, r->ind2, POLL_F_ANONYMOUS, who, points, 2, false);
	p = model_poll(of(r, FAC), poll);
	for (i = 0; i < p->nvotes; i++)
		assert_int_equal(p->votes[i].voter, 0);
	assert_int_equal(model_poll(of(r, ANA), poll)->nvotes, 1);
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	p = model_poll(of(r, ANA), poll);
	assert_int_equal(p->nvotes, 2);
	for (i = 0; i < p->nvotes; i++)
		assert_int_equal(p->votes[i].voter, 0);
	assert_int_equal(model_score(model_item(of(r, ANA), r->ind2),
	    1)->point, 2);
}

static void
test_score_refusals(void **state)
{
	struct room *r = *state;
	uint32_t poll;

	step(r, S_DISCUSS);
	refused(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = r->ind1, .value = POLL_SCORE }, MODEL_ERR_PHASE,
	    "scored in an indicators phase");
	step(r, S_SCORE);
	refused(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = r->ind1, .value = POLL_SCORE }, MODEL_ERR_STATE,
	    "the room agrees an indicator before scoring it");
	refused(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = fixture_first_of(r->ws, ITEM_QUESTION),
	    .value = POLL_SCORE }, MODEL_ERR_NOT_FOUND,
	    "choose an indicator to score");
	refused(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = r->ind1, .value = POLL_SCORE, .text = "Is it?" },
	    MODEL_ERR_INVALID, "takes no text");
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	refused(r, ANA, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = r->ind1, .value = POLL_SCORE }, MODEL_ERR_ROLE,
	    "only a facilitator can open a poll");
	must(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = r->ind1, .value = POLL_SCORE });
	poll = (uint32_t)r->ws->npolls;
	/* The scoring phase has no scale of its own: the one before. */
	assert_int_equal(model_poll(r->ws, poll)->noptions, 3);
	refused(r, ANA, I(INTENT_VOTE, poll, 4, NULL), MODEL_ERR_INVALID,
	    "answer with a point of the scale, 1 to 3");
	refused(r, ANA, I(INTENT_VOTE, poll, 0, NULL), MODEL_ERR_INVALID,
	    "1 to 3");
	refused(r, ANA, I(INTENT_VOTE, poll, 1, "because"),
	    MODEL_ERR_INVALID, "a score takes no reason");
	refused(r, FAC, I(INTENT_VOTE, poll, 1, NULL), MODEL_ERR_ROLE,
	    "facilitators do not vote");
	refused(r, OLGA, I(INTENT_VOTE, poll, 1, NULL), MODEL_ERR_ROLE,
	    "observers do not vote");
	refused(r, ANA, I(INTENT_REASON, poll, 0, "why"), MODEL_ERR_STATE,
	    NULL);
	must(r, ANA, I(INTENT_VOTE, poll, 1, NULL));
	must(r, ANA, I(INTENT_VOTE, poll, 3, NULL));	/* changed */
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	refused(r, BEA, I(INTENT_VOTE, poll, 1, NULL), MODEL_ERR_STATE,
	    "closed");
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	assert_string_equal(model_poll(r->ws, poll)->verdict_text,
	    "not present (1 of 1)");
}

/* A room whose template gives no scale scores on the default one. */
static void
test_default_scale(void **state)
{
	static const char text[] =
	    "Template: plain\n"
	    "Title: Plain\n"
	    "\n"
	    "Phase: welcome\n"
	    "Title: Welcome\n"
	    "\n"
	    "Phase: indicators\n"
	    "Title: Indicators\n"
	    "Indicator: One\n";
	struct workshop *ws = model_new();
	struct template tpl;
	struct intent *seed, in;
	struct model_error err;
	struct event ev;
	const struct poll *p;
	char msg[200];
	size_t i, n;

	(void)state;
	assert_int_equal(template_parse(&tpl, text, strlen(text), "plain.rtt",
	    msg, sizeof msg), 0);
	in = (struct intent){ .type = INTENT_CREATE, .text = "Plain",
	    .text2 = "plain", .secret = "C" };
	assert_int_equal(model_apply(ws, MODEL_SYSTEM, &in, T0, &ev, &err), 0);
	n = template_intents(&tpl, NULL, 0);
	seed = calloc(n, sizeof *seed);
	template_intents(&tpl, seed, n);
	for (i = 0; i < n; i++)
		assert_int_equal(model_apply(ws, MODEL_SYSTEM, &seed[i], T0,
		    &ev, &err), 0);
	free(seed);
	template_free(&tpl);
	in = (struct intent){ .type = INTENT_PHASE, .value = 1 };
	assert_int_equal(model_apply(ws, FAC, &in, T0, &ev, &err), 0);
	in = (struct intent){ .type = INTENT_ADOPT,
	    .ref = fixture_first_of(ws, ITEM_INDICATOR) };
	assert_int_equal(model_apply(ws, FAC, &in, T0, &ev, &err), 0);
	assert_int_equal(model_scale(ws, NULL, 0), 0);
	in = (struct intent){ .type = INTENT_POLL_OPEN, .value = POLL_SCORE,
	    .ref = fixture_first_of(ws, ITEM_INDICATOR) };
	assert_int_equal(model_apply(ws, FAC, &in, T0, &ev, &err), 0);
	p = model_poll(ws, 1);
	assert_int_equal(p->noptions, 0);
	assert_int_equal(model_poll_points(p), MODEL_SCALE_DEFAULT);
	assert_string_equal(model_point_label(ws, p, 1), "present");
	assert_string_equal(model_point_label(ws, p, 2), "partially present");
	assert_string_equal(model_point_label(ws, p, 3), "not present");
	assert_string_equal(model_point_label(ws, p, 4), "?");
	model_free(ws);
}

/* --- the facilitator's scale (INTENT_SCALE) ------------------------------ */

static struct intent
S(const char *labels, const char *meanings)
{
	return (struct intent){ .type = INTENT_SCALE, .text = (char *)labels,
	    .text2 = (char *)meanings };
}

/* A facilitator gives the room its own scale, a 1-5 rating: every
 * replica scores on it from then on, the template's points are
 * withdrawn, and a score taken before keeps the points it was answered
 * on. */
static void
test_facilitator_scale(void **state)
{
	struct room *r = *state;
	static const uint32_t who[] = { ANA, CRUZ, EVA };
	static const int twos[] = { 2, 2, 2 };
	static const int fives[] = { 5, 4, 5 };
	uint32_t before, after, ids[MODEL_SCALE_MAX];
	const struct poll *p;
	int i;

	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	before = score(r, r->ind1, 0, who, twos, 3, true);
	must(r, FAC, S("excellent\ngood\nfair\nweak\npoor",
	    "fully in place\n\n\n\nnothing in place"));
	for (i = -1; i < NVIEWERS; i++) {
		const struct workshop *ws = i < 0 ? r->ws : r->replica[i];

		assert_int_equal(model_scale(ws, ids, MODEL_SCALE_MAX), 5);
		assert_string_equal(model_item(ws, ids[0])->text,
		    "excellent");
		assert_string_equal(model_item(ws, ids[0])->text2,
		    "fully in place");
		assert_null(model_item(ws, ids[1])->text2);
		assert_string_equal(model_item(ws, ids[4])->text2,
		    "nothing in place");
		assert_int_equal(fixture_first_of(ws, ITEM_SCALE) != ids[0],
		    1);
		assert_int_equal(model_item(ws, fixture_first_of(ws,
		    ITEM_SCALE))->status, STATUS_WITHDRAWN);
	}
	/* The later scoring phase has none of its own: this one's. */
	step(r, S_SCORE);
	assert_int_equal(model_scale(r->ws, NULL, 0), 5);
	after = score(r, r->ind1, 0, who, fives, 3, true);
	p = model_poll(r->ws, after);
	assert_int_equal(model_poll_points(p), 5);
	assert_string_equal(p->verdict_text, "poor (2 of 3; 1 weak)");
	assert_string_equal(model_point_label(r->ws, p, 4), "weak");
	/* The first score still reads on the template's scale. */
	p = model_poll(r->ws, before);
	assert_int_equal(model_poll_points(p), 3);
	assert_string_equal(model_point_label(r->ws, p, 2),
	    "partially present");
	/* Set again, in its phase: the 5 points go, two come. */
	step(r, S_INDICATORS);
	must(r, COF, S("yes\nno", NULL));
	assert_int_equal(model_scale(r->ws, ids, MODEL_SCALE_MAX), 2);
	assert_string_equal(model_item(r->ws, ids[1])->text, "no");
	assert_null(model_item(r->ws, ids[1])->text2);
	assert_int_equal(model_scale(of(r, ANA), NULL, 0), 2);
}

static void
test_scale_refusals(void **state)
{
	struct room *r = *state;
	char label[TEMPLATE_LABEL_MAX + 2], meaning[TEMPLATE_MEANING_MAX + 2];
	char *text;

	step(r, S_DISCUSS);
	refused(r, FAC, S("a\nb", NULL), MODEL_ERR_PHASE,
	    "the scale is set in an indicators phase");
	step(r, S_INDICATORS);
	refused(r, ANA, S("a\nb", NULL), MODEL_ERR_ROLE,
	    "only a facilitator can set the room's scale");
	refused(r, OLGA, S("a\nb", NULL), MODEL_ERR_ROLE, NULL);
	refused(r, FAC, S("only one", NULL), MODEL_ERR_INVALID,
	    "a scale has 2 to 7 points");
	refused(r, FAC, S(NULL, NULL), MODEL_ERR_INVALID, "2 to 7 points");
	refused(r, FAC, S("1\n2\n3\n4\n5\n6\n7\n8", NULL), MODEL_ERR_INVALID,
	    "2 to 7 points");
	refused(r, FAC, S("a\n\nc", NULL), MODEL_ERR_INVALID,
	    "a scale's label is 1 to 40 bytes");
	refused(r, FAC, S("a\n   ", NULL), MODEL_ERR_INVALID, "label");
	refused(r, FAC, S("a\nb\n", NULL), MODEL_ERR_INVALID, "label");
	memset(label, 'x', sizeof label - 1);
	label[sizeof label - 1] = '\0';
	text = malloc(strlen(label) + 3);
	sprintf(text, "a\n%s", label);
	refused(r, FAC, S(text, NULL), MODEL_ERR_INVALID, "label");
	free(text);
	refused(r, FAC, S("a\nb", "x\ny\nz"), MODEL_ERR_INVALID,
	    "more meanings than points");
	memset(meaning, 'm', sizeof meaning - 1);
	meaning[sizeof meaning - 1] = '\0';
	refused(r, FAC, S("a\nb", meaning), MODEL_ERR_INVALID,
	    "what a point of the scale means is 1 to 200 bytes");
	/* The text rules hold on every line. */
	refused(r, FAC, S("a\n\x1b[2Jb", NULL), 0, "control characters");
	refused(r, FAC, S("a\nb", "ok\n\xe2\x80\xae" "evil"), 0, NULL);
	/* Not while a score is answered on the scale there is. */
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	must(r, FAC, (struct intent){ .type = INTENT_POLL_OPEN,
	    .ref = r->ind1, .value = POLL_SCORE });
	refused(r, FAC, S("a\nb", NULL), MODEL_ERR_STATE,
	    "close it before changing the scale");
	assert_int_equal(model_scale(r->ws, NULL, 0), 3);
}

/* A scale's points count against the room's items: the points it
 * replaces stay in the record. */
static void
test_scale_item_limit(void **state)
{
	struct workshop *ws = fixture_template_room("srm-review", NULL, 0,
	    T0);
	struct intent	 in = { .type = INTENT_PHASE, .value = 5 };
	struct event	 ev;
	struct model_error err;

	(void)state;
	assert_non_null(ws);
	assert_int_equal(model_apply(ws, FAC, &in, T0, &ev, &err), 0);
	in = (struct intent){ .type = INTENT_CONTRIBUTE, .text = "x" };
	while (ws->nitems < MODEL_ITEMS_MAX - 3)
		assert_int_equal(model_apply(ws, FAC, &in, T0, &ev, &err), 0);
	in = (struct intent){ .type = INTENT_SCALE,
	    .text = (char *)"a\nb\nc\nd" };
	assert_int_not_equal(model_apply(ws, FAC, &in, T0, &ev, &err), 0);
	assert_int_equal(err.code, MODEL_ERR_LIMIT);
	in.text = (char *)"a\nb\nc";
	assert_int_equal(model_apply(ws, FAC, &in, T0, &ev, &err), 0);
	assert_int_equal(ws->nitems, MODEL_ITEMS_MAX);
	assert_int_equal(model_scale(ws, NULL, 0), 3);
	model_free(ws);
}

/* --- scores across meetings --------------------------------------------- */

static void
test_rescore_across_meetings(void **state)
{
	struct room *r = *state;
	static const uint32_t who[] = { ANA, CRUZ, EVA };
	static const int absent[] = { 3, 3, 2 };
	static const int partly[] = { 2, 2, 1 };
	static const int present[] = { 1, 1, 1 };
	const struct indicator *ind;
	uint32_t p1;
	int i;

	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	score(r, r->ind1, 0, who, partly, 3, true);
	/* The same meeting again: its last word replaces the first. */
	p1 = score(r, r->ind1, 0, who, absent, 3, true);
	ind = model_item(r->ws, r->ind1)->ind;
	assert_int_equal(ind->nscores, 1);
	assert_int_equal(ind->scores[0].point, 3);
	assert_int_equal(ind->scores[0].poll, p1);
	/* A later meeting adds its own: the trend. */
	must(r, FAC, I(INTENT_MEETING, 0, 20990301, NULL));
	score(r, r->ind1, 0, who, partly, 3, true);
	must(r, FAC, I(INTENT_MEETING, 0, 20990601, NULL));
	score(r, r->ind1, 0, who, present, 3, true);
	for (i = -1; i < NVIEWERS; i++) {
		ind = model_item(i < 0 ? r->ws : r->replica[i],
		    r->ind1)->ind;
		assert_int_equal(ind->nscores, 3);
		assert_int_equal(ind->scores[0].meeting, 1);
		assert_int_equal(ind->scores[0].point, 3);
		assert_int_equal(ind->scores[1].meeting, 2);
		assert_int_equal(ind->scores[1].point, 2);
		assert_int_equal(ind->scores[2].meeting, 3);
		assert_int_equal(ind->scores[2].point, 1);
	}
	assert_null(model_score(model_item(r->ws, r->ind2), 2));
}

/* --- actions linked to indicators ----------------------------------------- */

static void
test_action_link(void **state)
{
	struct room *r = *state;
	const struct item *log;
	uint32_t act;
	int i;

	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	step(r, S_PLAN);
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Add a security budget "
	    "line"));
	act = (uint32_t)r->ws->nitems;
	/* Only one the room adopted. */
	refused(r, ANA, (struct intent){ .type = INTENT_ACTION_SET,
	    .ref = act, .value = ACTION_INDICATOR, .value2 = (int)r->ind2 },
	    MODEL_ERR_STATE, "link an action to an indicator the room "
	    "adopted");
	refused(r, ANA, (struct intent){ .type = INTENT_ACTION_SET,
	    .ref = act, .value = ACTION_INDICATOR,
	    .value2 = (int)fixture_first_of(r->ws, ITEM_QUESTION) },
	    MODEL_ERR_NOT_FOUND, "there is no such indicator");
	refused(r, ANA, (struct intent){ .type = INTENT_ACTION_SET,
	    .ref = act, .value = ACTION_INDICATOR }, MODEL_ERR_STATE,
	    "linked to no indicator");
	refused(r, ANA, (struct intent){ .type = INTENT_ACTION_SET,
	    .ref = act, .value = ACTION_INDICATOR, .value2 = (int)r->ind1,
	    .text = "x" }, MODEL_ERR_INVALID, "takes no text");
	/* Someone else's proposal is theirs to change. */
	refused(r, CRUZ, (struct intent){ .type = INTENT_ACTION_SET,
	    .ref = act, .value = ACTION_INDICATOR, .value2 = (int)r->ind1 },
	    MODEL_ERR_ROLE, "only its author or a facilitator");
	must(r, ANA, (struct intent){ .type = INTENT_ACTION_SET, .ref = act,
	    .value = ACTION_INDICATOR, .value2 = (int)r->ind1 });
	log = model_item(r->ws, (uint32_t)r->ws->nitems);
	assert_int_equal(log->kind, ITEM_PROGRESS);
	assert_string_equal(log->text, "works on indicator 1: Budget lines "
	    "for security are in the budget.");
	for (i = 0; i < NVIEWERS; i++)
		assert_int_equal(model_item(r->replica[i], act)->action->
		    indicator, r->ind1);
	refused(r, FAC, (struct intent){ .type = INTENT_ACTION_SET,
	    .ref = act, .value = ACTION_INDICATOR, .value2 = (int)r->ind1 },
	    MODEL_ERR_DUPLICATE, "already");
	must(r, FAC, (struct intent){ .type = INTENT_ACTION_SET, .ref = act,
	    .value = ACTION_INDICATOR, .value2 = 0 });
	assert_int_equal(model_item(r->ws, act)->action->indicator, 0);
	assert_string_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->text,
	    "no longer linked to an indicator");
}

/* --- questions the room proposes ----------------------------------------- */

static void
test_proposed_questions(void **state)
{
	struct room *r = *state;
	uint32_t tq = fixture_first_of(r->ws, ITEM_QUESTION), q, poll;
	const struct item *it;

	step(r, S_QUESTIONS);
	must(r, BEA, I(INTENT_CONTRIBUTE, 0, ITEM_QUESTION, "Who pays for "
	    "the guards?"));
	q = (uint32_t)r->ws->nitems;
	it = model_item(r->ws, q);
	assert_int_equal(it->kind, ITEM_QUESTION);
	assert_int_equal(it->status, STATUS_PROPOSED);
	assert_int_equal(it->step, S_QUESTIONS + 1);
	/* Not put to the room, nor answered, until the room agrees. */
	assert_int_not_equal(r->ws->question, q);
	refused(r, FAC, I(INTENT_QUESTION, q, 0, NULL), MODEL_ERR_STATE,
	    "check it with the room first");
	refused(r, ANA, I(INTENT_CONTRIBUTE, q, 0, "The donor"),
	    MODEL_ERR_STATE, "not put to the room");
	/* The template's questions are the room's already. */
	refused(r, FAC, I(INTENT_POLL_OPEN, tq, POLL_CONSENSUS, NULL),
	    MODEL_ERR_INVALID, "choose a proposal");
	refused(r, FAC, I(INTENT_ADOPT, tq, 0, NULL), MODEL_ERR_INVALID,
	    "proposed questions");
	/* The room's check adopts it. */
	must(r, FAC, I(INTENT_POLL_OPEN, q, POLL_CONSENSUS, NULL));
	poll = (uint32_t)r->ws->npolls;
	must(r, ANA, I(INTENT_VOTE, poll, ANSWER_AGREE, NULL));
	must(r, CRUZ, I(INTENT_VOTE, poll, ANSWER_RESERVATIONS, NULL));
	must(r, FAC, I(INTENT_POLL_CLOSE, poll, 0, NULL));
	must(r, FAC, I(INTENT_POLL_REVEAL, poll, 0, NULL));
	assert_int_equal(model_item(r->ws, q)->status, STATUS_ADOPTED);
	assert_int_equal(model_item(of(r, ANA), q)->status, STATUS_ADOPTED);
	/* Then put to the room and answered like any other. */
	must(r, FAC, I(INTENT_QUESTION, q, 0, NULL));
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "The donor"));
	assert_int_equal(model_item(r->ws, (uint32_t)r->ws->nitems)->ref, q);
	must(r, FAC, I(INTENT_QUESTION, tq, 0, NULL));
	must(r, CRUZ, I(INTENT_CONTRIBUTE, 0, 0, "A policy, unsigned"));
	/* A proposal turned down is never asked. */
	must(r, DIEGO, I(INTENT_CONTRIBUTE, 0, ITEM_QUESTION, "Why?"));
	must(r, FAC, I(INTENT_REJECT, (uint32_t)r->ws->nitems, 0, NULL));
	refused(r, FAC, I(INTENT_QUESTION, (uint32_t)r->ws->nitems, 0, NULL),
	    MODEL_ERR_STATE, "not adopted");
	/* A dialogue phase without proposals takes none. */
	step(r, S_DISCUSS);
	refused(r, ANA, I(INTENT_CONTRIBUTE, 0, ITEM_QUESTION, "And?"),
	    MODEL_ERR_PHASE, "this phase takes no proposed questions");
	/* A new phase starts with no question put to it; the question the
	 * room agreed is the room's in every phase, another phase's own
	 * question is not. */
	refused(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Still the guards"),
	    MODEL_ERR_STATE, "not put a question");
	refused(r, FAC, I(INTENT_QUESTION, tq, 0, NULL), MODEL_ERR_NOT_FOUND,
	    "this phase's");
	must(r, FAC, I(INTENT_QUESTION, q, 0, NULL));
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Still the guards"));
}

/* --- a snapshot ------------------------------------------------------------ */

static void
test_codec_round_trip(void **state)
{
	struct room *r = *state;
	static const uint32_t who[] = { ANA, CRUZ };
	static const int points[] = { 3, 3 };
	struct msg m = { .type = MSG_WELCOME }, out;
	struct wire_buf b;
	const struct workshop *got;
	const struct item *it;
	uint32_t act, poll;
	uint32_t len;
	char err[200];

	step(r, S_INDICATORS);
	must(r, FAC, I(INTENT_ADOPT, r->ind1, 0, NULL));
	must(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_BASELINE,
	    "2 of 10 districts"));
	must(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_TARGET,
	    "10 of 10"));
	poll = score(r, r->ind1, 0, who, points, 2, true);
	must(r, FAC, I(INTENT_MEETING, 0, 20990301, NULL));
	score(r, r->ind1, 0, who, points + 1, 1, true);
	step(r, S_PLAN);
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "A budget line"));
	act = (uint32_t)r->ws->nitems;
	must(r, ANA, (struct intent){ .type = INTENT_ACTION_SET, .ref = act,
	    .value = ACTION_INDICATOR, .value2 = (int)r->ind1 });

	m.welcome.self = ANA;
	m.welcome.snapshot_src = r->ws;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_frame_length(b.data, WIRE_SERVER_FRAME_MAX,
	    &len), 0);
	if (wire_decode(b.data + WIRE_HEADER_SIZE, len, &out, err,
	    sizeof err) != 0)
		fail_msg("decode failed: %s", err);
	got = out.welcome.room;
	it = model_item(got, r->ind1);
	assert_non_null(it->ind);
	assert_string_equal(it->ind->baseline, "2 of 10 districts");
	assert_string_equal(it->ind->target, "10 of 10");
	assert_int_equal(it->ind->nscores, 2);
	assert_int_equal(it->ind->scores[0].meeting, 1);
	assert_int_equal(it->ind->scores[0].point, 3);
	assert_int_equal(it->ind->scores[0].poll, poll);
	assert_int_equal(it->ind->scores[1].meeting, 2);
	/* Every indicator has its own, scored or not. */
	assert_non_null(model_item(got, r->ind2)->ind);
	assert_int_equal(model_item(got, act)->action->indicator, r->ind1);
	assert_int_equal(model_poll(got, poll)->kind, POLL_SCORE);
	assert_int_equal(model_poll(got, poll)->noptions, 3);
	assert_int_equal(model_poll(got, poll)->verdict, 3);
	assert_string_equal(model_point_label(got, model_poll(got, poll), 2),
	    "partially present");
	wire_msg_free(&out);
	wire_buf_destroy(&b);
}

/* --- the report and the CSV ------------------------------------------------ */

static char *
exported(const struct workshop *ws, bool csv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(csv ? export_actions_csv(ws, f) :
	    export_report(ws, f), 0);
	fclose(f);
	return buf;
}

static void
has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL) {
		fputs(text, stderr);
		fail_msg("the export above lacks \"%s\"", want);
	}
}

static void
test_export_indicators(void **state)
{
	struct room *r = *state;
	static const uint32_t who[] = { ANA, CRUZ };
	static const int absent[] = { 3, 3 };
	static const int partly[] = { 2, 2 };
	uint32_t act;
	char *text;

	step(r, S_INDICATORS);
	agree(r, r->ind1);
	must(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_BASELINE,
	    "no budget line"));
	must(r, FAC, I(INTENT_INDICATOR_SET, r->ind1, INDICATOR_TARGET,
	    "present"));
	score(r, r->ind1, 0, who, absent, 2, true);
	step(r, S_PLAN);
	must(r, ANA, I(INTENT_CONTRIBUTE, 0, 0, "Add a security budget "
	    "line"));
	act = (uint32_t)r->ws->nitems;
	must(r, ANA, (struct intent){ .type = INTENT_ACTION_SET, .ref = act,
	    .value = ACTION_INDICATOR, .value2 = (int)r->ind1 });
	must(r, FAC, I(INTENT_MEETING, 0, 20990301, NULL));
	step(r, S_SCORE);
	score(r, r->ind1, POLL_F_ANONYMOUS, who, partly, 2, true);

	text = exported(r->ws, false);
	has(text, "\n\nIndicators\n----------\n");
	has(text, "1 present — in place\n");
	has(text, "3 not present — not in place\n");
	has(text, "    1. Budget lines for security are in the budget.\n"
	    "        Status: adopted\n"
	    "        Baseline: no budget line\n"
	    "        Target: present\n"
	    "        Scores: meeting 1: not present (2 of 2); meeting 2: "
	    "partially\n"
	    "                present (2 of 2)\n");
	has(text, "        Actions: #1 Add a security budget line\n");
	has(text, "    2. Duty of care is understood by both partners.\n"
	    "        Status: draft\n"
	    "        Scores: not scored\n");
	/* Under the action, and in its record. */
	has(text, "        Indicator: 1. Budget lines for security are in "
	    "the budget.\n");
	free(text);
	text = exported(r->ws, true);
	has(text, ",meeting,indicator\r\n");
	has(text, ",1,1. Budget lines for security are in the budget.\r\n");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_propose_indicators, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_baseline_and_target, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_score_median, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_score_ties, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_score_privacy, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_score_refusals, setup,
		    room_teardown),
		cmocka_unit_test(test_default_scale),
		cmocka_unit_test_setup_teardown(test_facilitator_scale, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_scale_refusals, setup,
		    room_teardown),
		cmocka_unit_test(test_scale_item_limit),
		cmocka_unit_test_setup_teardown(test_rescore_across_meetings,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_action_link, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_proposed_questions, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_codec_round_trip, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_export_indicators, setup,
		    room_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
