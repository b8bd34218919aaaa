/*
 * poll.c - the room's decision tools: consensus checks, straw polls and
 * dot votes (DESIGN.md §2, "Decision tools"), and the decision rule the
 * room adopts for itself in its charter (Lesson 11's terms-of-reference
 * box: "Decision-making procedures ... (consensus, straw polls, voting,
 * etc.)").
 *
 * A poll is opened, answered, closed and revealed, in that order, one at a
 * time.  The server's model holds every answer; a replica holds what its
 * viewer may know (its own answers, and all of them once revealed), so
 * the verdict is computed by the server when the poll closes and reaches
 * participants with the reveal.  Passing decisions adopt their item at the
 * reveal, the moment the room hears the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-internal.h"
#include "roundtable/text.h"

struct poll *
model_poll(const struct workshop *ws, uint32_t id)
{
	if (id == 0 || id > ws->npolls)
		return NULL;
	return &ws->polls[id - 1];
}

/* The plenary's open poll: caucus checks run beside it. */
struct poll *
model_open_poll(const struct workshop *ws)
{
	size_t i;

	for (i = ws->npolls; i > 0; i--)
		if (ws->polls[i - 1].state == POLL_OPEN &&
		    !(ws->polls[i - 1].flags & POLL_F_GROUP))
			return &ws->polls[i - 1];
	return NULL;
}

struct poll *
model_group_poll(const struct workshop *ws, uint32_t group)
{
	size_t i;

	for (i = ws->npolls; i > 0; i--)
		if (ws->polls[i - 1].state == POLL_OPEN &&
		    (ws->polls[i - 1].flags & POLL_F_GROUP) &&
		    ws->polls[i - 1].group == group)
			return &ws->polls[i - 1];
	return NULL;
}

static bool
in_group(const struct workshop *ws, uint32_t who, uint32_t group)
{
	const struct participant *p = model_person(ws, who);

	return p != NULL && group != 0 && p->group == group &&
	    p->role == ROLE_PARTICIPANT;
}

const struct vote *
model_my_vote(const struct poll *p, uint32_t voter)
{
	size_t i;

	if (voter == 0)
		return NULL;
	for (i = 0; i < p->nvotes; i++)
		if (p->votes[i].voter == voter)
			return &p->votes[i];
	return NULL;
}

int
model_my_dots(const struct poll *p, uint32_t voter)
{
	size_t i;
	int n = 0;

	for (i = 0; i < p->nvotes && voter != 0; i++)
		if (p->votes[i].voter == voter)
			n += p->votes[i].weight;
	return n;
}

void
model_tally(const struct poll *p, int *out, size_t max)
{
	size_t i, k;

	memset(out, 0, max * sizeof *out);
	for (i = 0; i < p->nvotes; i++) {
		const struct vote *v = &p->votes[i];

		if (p->kind != POLL_DOTS) {
			if (v->answer > 0 && (size_t)v->answer < max)
				out[v->answer] += v->weight;
			continue;
		}
		for (k = 0; k < p->noptions && k < max; k++)
			if (p->options[k] == (uint32_t)v->answer)
				out[k] += v->weight;
	}
}

const char *
model_answer_name(int answer)
{
	switch (answer) {
	case ANSWER_AGREE:
		return N_("agree");
	case ANSWER_RESERVATIONS:
		return N_("agree with reservations");
	case ANSWER_STAND_ASIDE:
		return N_("stand aside");
	case ANSWER_BLOCK:
		return N_("block");
	case ANSWER_YES:
		return N_("yes");
	case ANSWER_NO:
		return N_("no");
	case ANSWER_ABSTAIN:
		return N_("abstain");
	}
	return "?";
}

const char *
model_rule_name(int rule)
{
	switch (rule) {
	case DECIDE_CONSENSUS:
		return N_("consensus");
	case DECIDE_CONSENSUS_FALLBACK:
		return N_("consensus, with a fallback vote");
	case DECIDE_MAJORITY:
		return N_("simple majority");
	case DECIDE_TWO_THIRDS:
		return N_("two-thirds majority");
	}
	return "?";
}

int
model_decided_in(int kind)
{
	switch (kind) {
	case ITEM_EXPECTATION:
		return PHASE_EXPECTATIONS;
	case ITEM_RULE:
	case ITEM_AMENDMENT:
		return PHASE_GROUND_RULES;
	case ITEM_SECTION:
	case ITEM_SECTION_TEXT:
		return PHASE_CHARTER;
	case ITEM_PROBLEM:
	case ITEM_VISION:
		return PHASE_VISION;
	case ITEM_ACTION:
		return PHASE_ACTIONS;
	case ITEM_LESSON:
	case ITEM_EXIT:
		return PHASE_FOLLOWUP;
	case ITEM_QUESTION:		/* proposed ones (STEP_F_PROPOSE) */
		return PHASE_DIALOGUE;
	case ITEM_INDICATOR:
		return PHASE_INDICATORS;
	}
	return -1;
}

void
poll_free(struct poll *p)
{
	model_votes_free(p->votes, p->nvotes);
	free(p->text);
	free(p->options);
	free(p->verdict_text);
}

void
model_votes_free(struct vote *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && v != NULL; i++)
		free(v[i].reason);
	free(v);
}

/* --- who may see which answers ------------------------------------------ */

static int
vote_order(const void *a, const void *b)
{
	const struct vote *x = a, *y = b;

	if (x->voter != y->voter)	/* the viewer's own first */
		return x->voter > y->voter ? -1 : 1;
	if (x->answer != y->answer)
		return x->answer < y->answer ? -1 : 1;
	if ((x->reason == NULL) != (y->reason == NULL))
		return x->reason == NULL ? -1 : 1;
	return x->reason == NULL ? 0 : strcmp(x->reason, y->reason);
}

bool
model_poll_nameless(const struct workshop *ws, const struct poll *p)
{
	return (p->flags & POLL_F_ANONYMOUS) != 0 ||
	    model_author_hidden(ws, p->phase, p->conf);
}

void
model_poll_view(const struct workshop *ws, const struct poll *p,
    uint32_t viewer, struct poll *out)
{
	bool fac = model_is_facilitator(ws, viewer);
	bool anon = model_poll_nameless(ws, p);
	size_t i, n = 0;

	if ((p->flags & POLL_F_GROUP) && !fac &&
	    !in_group(ws, viewer, p->group) && viewer != MODEL_SYSTEM) {
		/* Another caucus's check: that there is one, nothing more. */
		*out = (struct poll){ 0 };
		out->id = p->id;
		out->kind = POLL_HIDDEN;
		out->state = p->state;
		out->flags = POLL_F_GROUP;
		out->group = p->group;
		out->phase = p->phase;
		return;
	}
	*out = *p;
	out->votes = p->nvotes > 0 ? xcalloc(p->nvotes, sizeof *out->votes) :
	    NULL;
	for (i = 0; i < p->nvotes; i++) {
		const struct vote *v = &p->votes[i];
		bool mine = v->voter == viewer && viewer != 0;

		if (p->state != POLL_REVEALED && !mine && !(fac && !anon))
			continue;
		out->votes[n] = *v;
		out->votes[n].reason = v->reason != NULL ?
		    xstrdup(v->reason) : NULL;
		/* Once revealed, an anonymous poll's answers are nobody's,
		 * the viewer's own included: the same as the reveal says. */
		if (anon && (!mine || p->state == POLL_REVEALED))
			out->votes[n].voter = out->votes[n].group = 0;
		n++;
	}
	out->nvotes = out->votes_cap = n;
	/* Answers arrive in the order people gave them: in an anonymous
	 * poll that order would point at who gave which. */
	if (anon && n > 1)
		qsort(out->votes, n, sizeof *out->votes, vote_order);
	if (p->state != POLL_REVEALED && !fac) {
		out->verdict = VERDICT_NONE;
		out->verdict_text = NULL;
	}
}

/* --- the verdict -------------------------------------------------------- */

static int
majority(int rule, int yes, int no)
{
	if (rule == DECIDE_TWO_THIRDS)
		return yes > 0 && 3 * yes >= 2 * (yes + no);
	return yes > no;
}

/* A fallback vote's verdict: majority or 2/3, reached or not. */
static const char *const fb_one[] = {
	VERDICT_FB_MAJ_1, VERDICT_FB_NOMAJ_1, VERDICT_FB_23_1,
	VERDICT_FB_NO23_1,
};
static const char *const fb_many[] = {
	VERDICT_FB_MAJ, VERDICT_FB_NOMAJ, VERDICT_FB_23, VERDICT_FB_NO23,
};

/* Applies the room's decision rule to a closed consensus check. */
static void
verdict(const struct workshop *ws, struct poll *p)
{
	int t[ANSWER_ABSTAIN + 1], yes, no, rule = ws->decision_rule;
	char buf[200];

	if (p->kind == POLL_SCORE) {
		indicator_verdict(ws, p);
		return;
	}
	free(p->verdict_text);
	p->verdict_text = NULL;
	p->verdict = VERDICT_NONE;
	if (p->kind != POLL_CONSENSUS)
		return;
	model_tally(p, t, ANSWER_ABSTAIN + 1);
	yes = t[ANSWER_AGREE] + t[ANSWER_RESERVATIONS];
	no = t[ANSWER_BLOCK];
	if (rule == 0)
		rule = DECIDE_CONSENSUS;
	if (p->flags & POLL_F_GROUP) {
		/* A caucus speaks for itself only by consensus. */
		p->members = model_group_size(ws, p->group);
		p->verdict = no == 0 && yes > 0 ? VERDICT_ADOPTED :
		    VERDICT_NOT_ADOPTED;
		if (no > 0)
			snprintf(buf, sizeof buf, VERDICT_GROUP_BLOCKED, no);
		else if (yes == 0)
			snprintf(buf, sizeof buf, "%s", VERDICT_GROUP_NOBODY);
		else
			snprintf(buf, sizeof buf, VERDICT_GROUP_APPROVED, yes,
			    p->members);
		p->verdict_text = xstrdup(buf);
		return;
	}

	/* Whole sentences, one per outcome, so that each screen can put
	 * the recorded English into its language (model_words). */
	if (yes + no == 0) {
		p->verdict = VERDICT_NOT_ADOPTED;
		snprintf(buf, sizeof buf, "%s", VERDICT_NOBODY);
	} else if (rule == DECIDE_MAJORITY || rule == DECIDE_TWO_THIRDS) {
		bool ok = majority(rule, yes, no);

		p->verdict = ok ? VERDICT_ADOPTED : VERDICT_NOT_ADOPTED;
		if (rule == DECIDE_MAJORITY)
			snprintf(buf, sizeof buf, ok ? VERDICT_MAJORITY :
			    VERDICT_NO_MAJORITY, yes, no);
		else
			snprintf(buf, sizeof buf, ok ? VERDICT_TWO_THIRDS :
			    VERDICT_NO_TWO_THIRDS, yes, no);
	} else if (no == 0) {
		p->verdict = VERDICT_ADOPTED;
		/* Only what there is: "(1 with reservations)". */
		if (t[ANSWER_RESERVATIONS] > 0 && t[ANSWER_STAND_ASIDE] > 0)
			snprintf(buf, sizeof buf, VERDICT_CONSENSUS_BOTH,
			    t[ANSWER_RESERVATIONS], t[ANSWER_STAND_ASIDE]);
		else if (t[ANSWER_RESERVATIONS] > 0)
			snprintf(buf, sizeof buf, VERDICT_CONSENSUS_RES,
			    t[ANSWER_RESERVATIONS]);
		else if (t[ANSWER_STAND_ASIDE] > 0)
			snprintf(buf, sizeof buf, VERDICT_CONSENSUS_ASIDE,
			    t[ANSWER_STAND_ASIDE]);
		else
			snprintf(buf, sizeof buf, "%s", VERDICT_CONSENSUS);
	} else if (rule == DECIDE_CONSENSUS_FALLBACK &&
	    p->round >= ws->fallback_rounds) {
		int fb = ws->fallback_rule == DECIDE_MAJORITY ?
		    DECIDE_MAJORITY : DECIDE_TWO_THIRDS;
		bool ok = majority(fb, yes, no);
		int k = (fb == DECIDE_MAJORITY ? 0 : 2) + (ok ? 0 : 1);

		p->verdict = ok ? VERDICT_ADOPTED : VERDICT_NOT_ADOPTED;
		/* "after 1 round" a sentence of its own: no ngettext on
		 * the wire. */
		if (p->round == 1)
			snprintf(buf, sizeof buf, fb_one[k], yes, no);
		else
			snprintf(buf, sizeof buf, fb_many[k], p->round, yes,
			    no);
	} else {
		p->verdict = VERDICT_NOT_ADOPTED;
		if (rule == DECIDE_CONSENSUS_FALLBACK)
			snprintf(buf, sizeof buf, VERDICT_BLOCKED_ROUND, no,
			    p->round, ws->fallback_rounds);
		else
			snprintf(buf, sizeof buf, VERDICT_BLOCKED, no);
	}
	p->verdict_text = xstrdup(buf);
}

/* --- checking ----------------------------------------------------------- */

static bool
votes_here(const struct workshop *ws, uint32_t actor, struct model_error *err)
{
	const struct participant *p = model_person(ws, actor);

	if (p == NULL || p->role == ROLE_OBSERVER) {
		model_fail(err, MODEL_ERR_ROLE, N_("observers do not vote"));
		return false;
	}
	if (p->role != ROLE_PARTICIPANT) {
		model_fail(err, MODEL_ERR_ROLE, N_("facilitators do not vote"));
		return false;
	}
	return true;
}

/* The items a dot vote in this phase is over, in order; returns count. */
static size_t
dot_options(const struct workshop *ws, uint32_t *out, size_t max)
{
	int kind = model_contribution_kind(ws->phase);
	size_t i, n = 0;

	/* Not a caucus's notes, nor a matrix's entries: they may be a
	 * group's own, and belong to cells, not to one list. */
	if (kind == ITEM_HIDDEN || kind == ITEM_CAUCUS_NOTE ||
	    kind == ITEM_CELL)
		return 0;
	for (i = 0; i < ws->nitems; i++) {
		const struct item *it = &ws->items[i];

		if (it->kind != kind || it->status == STATUS_WITHDRAWN ||
		    it->status == STATUS_REJECTED ||
		    it->status == STATUS_MERGED ||
		    (it->action != NULL &&
		    it->action->status == ACTION_DROPPED))
			continue;
		if (out != NULL && n < max)
			out[n] = it->id;
		n++;
	}
	return n;
}

/*
 * Which round a new consensus check on target is: the checks on it since
 * it was last adopted.  A reopened section is a new version put to the
 * room and starts again at round 1; a text rewritten to meet a block
 * within one series does not (else any edit would put the fallback out
 * of reach).  Only what every replica knows decides it (an adoption is
 * known from its reveal), so all agree on the round.
 */
static int
consensus_round(const struct workshop *ws, uint32_t target, uint32_t flags)
{
	size_t i;
	int round = 1;

	for (i = ws->npolls; i > 0; i--) {
		const struct poll *q = &ws->polls[i - 1];

		if (q->kind != POLL_CONSENSUS || q->target != target ||
		    (q->flags & (POLL_F_CHARTER | POLL_F_GROUP)) !=
		    (flags & (POLL_F_CHARTER | POLL_F_GROUP)))
			continue;
		if (q->state == POLL_REVEALED && q->verdict == VERDICT_ADOPTED)
			break;
		round++;
	}
	return round;
}

/* What a dot vote in this phase chooses among, in the plural, for
 * SAY_DOTS_CHOICES: a word of its own, translated with the refusal.
 * TRANSLATORS: what a dot vote chooses among, in "a dot vote needs at
 * least two %s to choose from". */
static const char *
dot_choices(int phase)
{
	switch (phase) {
	case PHASE_EXPECTATIONS:
		return N_("expectations");
	case PHASE_GROUND_RULES:
		return N_("ground rules");
	case PHASE_DIALOGUE:
		return N_("answers");
	case PHASE_CHARTER:
		return N_("charter texts");
	case PHASE_VISION:
		return N_("vision statements");
	case PHASE_ACTIONS:
		return N_("actions");
	case PHASE_FOLLOWUP:
		return N_("lessons");
	case PHASE_MATRIX:
		return N_("entries");
	case PHASE_INDICATORS:
		return N_("indicators");
	}
	return N_("items");	/* a caucus's notes are private: items */
}

static int
check_open(const struct workshop *ws, const struct intent *in,
    struct event *ev, struct model_error *err)
{
	const struct item *it = NULL;
	bool charter = (in->flags & POLL_F_CHARTER) != 0;

	if (ws->npolls >= MODEL_POLLS_MAX)
		return model_fail(err, MODEL_ERR_LIMIT, N_("too many polls"));
	if (in->flags & ~(POLL_F_ANONYMOUS | POLL_F_CHARTER | POLL_F_GROUP))
		return model_fail(err, MODEL_ERR_INVALID, N_("unknown poll "
		    "option"));
	ev->type = EVENT_POLL_OPEN;
	ev->id = (uint32_t)ws->npolls + 1;
	ev->value = in->value;
	ev->flags = in->flags;
	/* Under the Chatham House Rule, or off the record, nobody's
	 * answers are tied to their name. */
	if (model_conf(ws, ws->phase) != CONF_OPEN)
		ev->flags |= POLL_F_ANONYMOUS;
	if (in->flags & POLL_F_GROUP) {
		it = model_item(ws, in->ref);
		if (in->value != POLL_CONSENSUS || it == NULL ||
		    it->kind != ITEM_CAUCUS_REPORT)
			return model_fail(err, MODEL_ERR_INVALID, N_("a caucus "
			    "checks its own report-back"));
		if (it->status != STATUS_PROPOSED)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_REPORT_ALREADY, model_status_name(it->status));
		if (model_group_poll(ws, it->group) != NULL)
			return model_fail(err, MODEL_ERR_STATE, N_("your "
			    "caucus is already checking a report-back"));
		ev->ref = it->id;
		ev->group = it->group;
		ev->text = it->text;
		ev->value2 = consensus_round(ws, ev->ref, ev->flags);
		return 0;
	}
	if (model_open_poll(ws) != NULL)
		return model_fail(err, MODEL_ERR_STATE, N_("close the open "
		    "poll first"));

	switch (in->value) {
	case POLL_CONSENSUS:
		if (charter) {
			if (ws->phase != PHASE_CHARTER)
				return model_fail(err, MODEL_ERR_PHASE,
				    N_("the charter is decided in the Charter "
				    "phase"));
			if (ws->charter_poll != 0)
				return model_fail(err, MODEL_ERR_STATE,
				    N_("the charter is already adopted"));
			if (!model_charter_ready(ws))
				return model_fail(err, MODEL_ERR_STATE,
				    N_("every section must be adopted or "
				    "marked not applicable first"));
			ev->value2 = consensus_round(ws, 0, ev->flags);
			return 0;
		}
		it = model_item(ws, in->ref);
		if (it == NULL || model_decided_in(it->kind) < 0 ||
		    (it->kind == ITEM_QUESTION &&
		    it->status != STATUS_PROPOSED))
			return model_fail(err, MODEL_ERR_INVALID, N_("choose a "
			    "proposal, an amendment or a charter section to "
			    "check"));
		if (model_decided_in(it->kind) != ws->phase)
			return model_fail(err, MODEL_ERR_PHASE, SAY_DECIDED_IN,
			    model_phase_name(model_decided_in(it->kind)));
		if (it->kind == ITEM_SECTION) {
			if (model_section_derived(it))
				return model_fail(err, MODEL_ERR_INVALID,
				    N_("this section is filled from the room"));
			if (it->status != STATUS_OPEN)
				return model_fail(err, MODEL_ERR_STATE,
				    SAY_SECTION_REOPEN,
				    model_status_name(it->status));
			if (it->body == NULL)
				return model_fail(err, MODEL_ERR_STATE,
				    N_("the section has no text yet: merge a "
				    "proposal or write it"));
		} else if (it->status == STATUS_ADOPTED ||
		    it->status == STATUS_REJECTED ||
		    it->status == STATUS_WITHDRAWN ||
		    it->status == STATUS_MERGED)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_THIS_ALREADY, model_status_name(it->status));
		ev->ref = it->id;
		ev->text = it->kind == ITEM_SECTION ? it->body : it->text;
		ev->value2 = consensus_round(ws, ev->ref, ev->flags);
		return 0;
	case POLL_STRAW:
		if (charter)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("bad poll"));
		if (model_check_text(in->text, MODEL_TEXT_MAX, false,
		    N_("question"), err) != 0)
			return -1;
		ev->text = in->text;
		return 0;
	case POLL_DOTS:
		if (charter)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("bad poll"));
		if (in->value2 < 0 || in->value2 > MODEL_DOTS_MAX)
			return model_fail(err, MODEL_ERR_INVALID, SAY_DOTS_EACH,
			    MODEL_DOTS_MAX);
		ev->value2 = in->value2 == 0 ? 3 : in->value2;
		if (dot_options(ws, NULL, 0) < 2)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_DOTS_CHOICES, dot_choices(ws->phase));
		if (in->text != NULL && model_check_text(in->text,
		    MODEL_TEXT_MAX, false, N_("question"), err) != 0)
			return -1;
		ev->text = in->text;
		return 0;
	case POLL_SCORE:
		if (charter)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("bad poll"));
		if (ws->phase != PHASE_INDICATORS)
			return model_fail(err, MODEL_ERR_PHASE, N_("indicators "
			    "are scored in an indicators phase"));
		it = model_item(ws, in->ref);
		if (it == NULL || it->kind != ITEM_INDICATOR)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("choose an indicator to score"));
		if (it->status != STATUS_ADOPTED)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_SCORE_UNAGREED, model_status_name(it->status));
		/* The version scored, as for a check. */
		ev->ref = it->id;
		ev->text = it->text;
		return 0;
	}
	return model_fail(err, MODEL_ERR_INVALID, N_("unknown kind of "
	    "poll"));
}

static int
check_answer(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct participant *me = model_person(ws, actor);
	const struct poll *p = model_poll(ws, in->ref);
	bool ok;

	if (!votes_here(ws, actor, err))
		return -1;
	if (p == NULL)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("there is no "
		    "such poll"));
	if (p->state != POLL_OPEN)
		return model_fail(err, MODEL_ERR_STATE, N_("this poll is "
		    "closed"));
	if (p->kind == POLL_DOTS)
		return model_fail(err, MODEL_ERR_INVALID, N_("place dots on "
		    "the items of a dot vote"));
	if ((p->flags & POLL_F_GROUP) && !in_group(ws, actor, p->group))
		return model_fail(err, MODEL_ERR_ROLE, N_("only the members "
		    "of that caucus answer its check"));
	if (p->kind == POLL_SCORE) {
		if (in->value < 1 || in->value > model_poll_points(p))
			return model_fail(err, MODEL_ERR_INVALID, SAY_SCALE,
			    model_poll_points(p));
		if (in->text != NULL && *in->text != '\0')
			return model_fail(err, MODEL_ERR_INVALID, N_("a score "
			    "takes no reason: say it in the room"));
	}
	ok = p->kind == POLL_CONSENSUS ?
	    in->value >= ANSWER_AGREE && in->value <= ANSWER_BLOCK :
	    p->kind == POLL_SCORE ? true :
	    in->value >= ANSWER_YES && in->value <= ANSWER_ABSTAIN;
	if (!ok)
		return model_fail(err, MODEL_ERR_INVALID, N_("that is not an "
		    "answer to this poll"));
	/* A blank reason is no reason.  A block is asked for one, but it
	 * counts from the key press: the reason may follow it
	 * (INTENT_REASON), even once the check has closed. */
	if (in->text != NULL && strspn(in->text, " ") != strlen(in->text)) {
		if (model_check_text(in->text, MODEL_REASON_MAX, false,
		    N_("reason"), err) != 0)
			return -1;
		ev->text = in->text;
	}
	ev->type = EVENT_VOTE;
	ev->ref = p->id;
	ev->value = in->value;
	ev->group = me->group;
	ev->id = p->answered + (model_my_vote(p, actor) == NULL ? 1 : 0);
	return 0;
}

/*
 * The reason typed after a reservation or a block, which counted when its
 * key was pressed.  A facilitator may close the check meanwhile: the
 * reason still joins its answer, once, for MODEL_REASON_GRACE seconds
 * (nothing typed is lost, and a result already heard is not rewritten
 * later).
 */
static int
check_reason(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct participant *me = model_person(ws, actor);
	const struct poll *p = model_poll(ws, in->ref);
	const struct vote *mine;

	if (!votes_here(ws, actor, err))
		return -1;
	if (p == NULL || p->kind == POLL_HIDDEN)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("there is no "
		    "such poll"));
	mine = model_my_vote(p, actor);
	if (p->kind != POLL_CONSENSUS || mine == NULL ||
	    (mine->answer != ANSWER_RESERVATIONS &&
	    mine->answer != ANSWER_BLOCK))
		return model_fail(err, MODEL_ERR_STATE, N_("a reason goes "
		    "with your reservation or block in a consensus check"));
	if (model_check_text(in->text, MODEL_REASON_MAX, false,
	    N_("reason"), err) != 0)
		return -1;
	if (p->state != POLL_OPEN && mine->reason != NULL)
		return model_fail(err, MODEL_ERR_STATE, N_("this check is "
		    "closed and your reason is already recorded"));
	if (p->state != POLL_OPEN && ev->time - p->closed > MODEL_REASON_GRACE)
		return model_fail(err, MODEL_ERR_STATE, SAY_REASON_LATE,
		    MODEL_REASON_GRACE / 60);
	ev->type = EVENT_REASON;
	ev->ref = p->id;
	ev->value = mine->answer;
	ev->text = in->text;
	ev->group = me->group;
	return 0;
}

static int
check_dot(const struct workshop *ws, uint32_t actor, const struct intent *in,
    struct event *ev, struct model_error *err)
{
	const struct participant *me = model_person(ws, actor);
	const struct poll *p = model_poll(ws, in->ref);
	int mine, on_item = 0;
	size_t i;
	bool listed = false;

	if (!votes_here(ws, actor, err))
		return -1;
	if (p == NULL || p->kind != POLL_DOTS)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("there is no "
		    "such dot vote"));
	if (p->state != POLL_OPEN)
		return model_fail(err, MODEL_ERR_STATE, N_("this dot vote "
		    "is closed"));
	for (i = 0; i < p->noptions; i++)
		listed |= p->options[i] == (uint32_t)in->value;
	if (!listed)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("that item is "
		    "not part of this dot vote"));
	mine = model_my_dots(p, actor);
	for (i = 0; i < p->nvotes; i++)
		if (p->votes[i].voter == actor &&
		    p->votes[i].answer == in->value)
			on_item = p->votes[i].weight;
	if (in->value2 == 1 && mine >= p->dots)
		return model_fail(err, MODEL_ERR_LIMIT, SAY_DOTS_SPENT,
		    p->dots);
	if (in->value2 == -1 && on_item == 0)
		return model_fail(err, MODEL_ERR_STATE, N_("there is no dot "
		    "of yours on that item"));
	if (in->value2 != 1 && in->value2 != -1)
		return model_fail(err, MODEL_ERR_INVALID, N_("a dot is placed "
		    "or taken back one at a time"));
	ev->type = EVENT_DOT;
	ev->ref = p->id;
	ev->value = in->value;
	ev->value2 = in->value2;
	ev->group = me->group;
	ev->id = p->answered;
	if (mine == 0 && in->value2 == 1)
		ev->id++;
	else if (mine == 1 && in->value2 == -1)
		ev->id--;
	return 0;
}

int
poll_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct poll *p;
	bool fac = actor == MODEL_SYSTEM || model_is_facilitator(ws, actor);

	switch (in->type) {
	case INTENT_POLL_OPEN:
		if (in->flags & POLL_F_GROUP) {
			const struct item *rep = model_item(ws, in->ref);

			if (!fac && (rep == NULL ||
			    !in_group(ws, actor, rep->group)))
				return model_fail(err, MODEL_ERR_ROLE,
				    N_("only the caucus itself checks its "
				    "report-back"));
		} else if (!fac)
			return model_fail(err, MODEL_ERR_ROLE, N_("only a "
			    "facilitator can open a poll"));
		return check_open(ws, in, ev, err);
	case INTENT_VOTE:
		return check_answer(ws, actor, in, ev, err);
	case INTENT_REASON:
		return check_reason(ws, actor, in, ev, err);
	case INTENT_DOT:
		return check_dot(ws, actor, in, ev, err);
	case INTENT_POLL_CLOSE:
	case INTENT_POLL_REVEAL:
		p = model_poll(ws, in->ref);
		if (!fac && !(p != NULL && (p->flags & POLL_F_GROUP) &&
		    in->type == INTENT_POLL_CLOSE &&
		    in_group(ws, actor, p->group)))
			return model_fail(err, MODEL_ERR_ROLE, "%s",
			    in->type == INTENT_POLL_CLOSE ?
			    N_("only a facilitator can close a poll") :
			    N_("only a facilitator can reveal a poll"));
		if (p == NULL)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("there is no such poll"));
		if (in->type == INTENT_POLL_REVEAL &&
		    (p->flags & POLL_F_GROUP))
			return model_fail(err, MODEL_ERR_STATE, N_("a caucus's "
			    "check is shown to it when it closes"));
		if (in->type == INTENT_POLL_CLOSE && p->state != POLL_OPEN)
			return model_fail(err, MODEL_ERR_STATE,
			    N_("this poll is already closed"));
		if (in->type == INTENT_POLL_REVEAL && p->state != POLL_CLOSED)
			return model_fail(err, MODEL_ERR_STATE, p->state ==
			    POLL_OPEN ?
			    N_("close the poll before revealing it") :
			    N_("this poll is already revealed"));
		ev->type = in->type == INTENT_POLL_CLOSE ? EVENT_POLL_CLOSE :
		    EVENT_POLL_REVEAL;
		ev->ref = p->id;
		return 0;
	case INTENT_DECISION_RULE:
		if (!fac)
			return model_fail(err, MODEL_ERR_ROLE, N_("only a "
			    "facilitator can record the decision rule"));
		if (in->value < DECIDE_CONSENSUS ||
		    in->value > DECIDE_TWO_THIRDS)
			return model_fail(err, MODEL_ERR_INVALID, N_("unknown "
			    "decision rule"));
		if (in->value == DECIDE_CONSENSUS_FALLBACK &&
		    (in->value2 < 1 || in->value2 > 10 ||
		    (in->flags != DECIDE_MAJORITY &&
		    in->flags != DECIDE_TWO_THIRDS)))
			return model_fail(err, MODEL_ERR_INVALID, N_("a "
			    "fallback needs 1 to 10 rounds and a majority or a "
			    "2/3 vote"));
		if (model_open_poll(ws) != NULL)
			return model_fail(err, MODEL_ERR_STATE, N_("close the "
			    "open poll first"));
		ev->type = EVENT_DECISION_RULE;
		ev->value = in->value;
		if (in->value == DECIDE_CONSENSUS_FALLBACK) {
			ev->value2 = in->value2;
			ev->flags = in->flags;
		}
		return 0;
	}
	return model_fail(err, MODEL_ERR_INVALID, N_("unknown request"));
}

/* --- committing --------------------------------------------------------- */

static struct vote *
vote_of(struct poll *p, uint32_t voter, int32_t answer, bool by_answer)
{
	size_t i;

	for (i = 0; i < p->nvotes; i++)
		if (p->votes[i].voter == voter &&
		    (!by_answer || p->votes[i].answer == answer))
			return &p->votes[i];
	return NULL;
}

static struct vote *
vote_add(struct poll *p)
{
	p->votes = model_grow(p->votes, p->nvotes, &p->votes_cap,
	    sizeof *p->votes);
	p->votes[p->nvotes] = (struct vote){ 0 };
	return &p->votes[p->nvotes++];
}

static void
vote_remove(struct poll *p, struct vote *v)
{
	size_t i = (size_t)(v - p->votes);

	free(v->reason);
	memmove(v, v + 1, (p->nvotes - i - 1) * sizeof *v);
	p->nvotes--;
}

static uint32_t
count_voters(const struct poll *p)
{
	uint32_t n = 0;
	size_t i, k;

	for (i = 0; i < p->nvotes; i++) {
		for (k = 0; k < i; k++)
			if (p->votes[k].voter == p->votes[i].voter)
				break;
		n += k == i;
	}
	return n;
}

/* A replica learns every answer from the event that reveals them. */
static void
take_votes(struct poll *p, const struct event *ev)
{
	size_t i;

	model_votes_free(p->votes, p->nvotes);
	p->votes = NULL;
	p->nvotes = p->votes_cap = 0;
	for (i = 0; i < ev->nvotes; i++) {
		struct vote *v = vote_add(p);

		*v = ev->votes[i];
		v->reason = ev->votes[i].reason != NULL ?
		    xstrdup(ev->votes[i].reason) : NULL;
	}
}

static int
commit_open(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct poll *p;
	size_t i, n;

	if (ev->id != ws->npolls + 1 || ev->value < POLL_HIDDEN ||
	    ev->value > POLL_SCORE ||
	    (ev->value == POLL_HIDDEN && !(ev->flags & POLL_F_GROUP)) ||
	    ev->value2 < 0 || ev->value2 > MODEL_POLLS_MAX)
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
		    "poll", (unsigned long long)ev->seq);
	ws->polls = model_grow(ws->polls, ws->npolls, &ws->polls_cap,
	    sizeof *ws->polls);
	p = &ws->polls[ws->npolls++];
	*p = (struct poll){ 0 };
	p->id = ev->id;
	p->kind = ev->value;
	p->state = POLL_OPEN;
	p->flags = ev->flags;
	p->target = ev->ref;
	p->group = ev->group;
	p->dots = p->kind == POLL_DOTS ? ev->value2 : 0;
	p->phase = ws->phase;
	p->meeting = ws->meeting;
	p->conf = model_conf(ws, ws->phase);
	p->opened = ev->time;
	p->text = ev->text != NULL ? xstrdup(ev->text) : NULL;
	if (p->kind == POLL_CONSENSUS && ev->value2 > 0)
		p->round = ev->value2;	/* the record says which round */
	else if (p->kind == POLL_CONSENSUS) {
		/* Records made before the round was written down: counted
		 * as they were then, so they replay to the same results. */
		p->round = 1;
		for (i = 0; i + 1 < ws->npolls; i++)
			if (ws->polls[i].kind == POLL_CONSENSUS &&
			    ws->polls[i].target == p->target &&
			    (ws->polls[i].flags & POLL_F_CHARTER) ==
			    (p->flags & POLL_F_CHARTER))
				p->round++;
	}
	if (p->kind == POLL_DOTS) {
		n = dot_options(ws, NULL, 0);
		p->options = xcalloc(n + 1, sizeof *p->options);
		p->noptions = dot_options(ws, p->options, n);
	}
	if (p->kind == POLL_SCORE) {
		/* The scale of the phase, as every replica has it (seed
		 * content); none: the default one. */
		p->options = xcalloc(MODEL_SCALE_MAX + 1, sizeof *p->options);
		p->noptions = model_scale(ws, p->options, MODEL_SCALE_MAX);
	}
	return 0;
}

static int
commit_answer(struct workshop *ws, const struct event *ev, bool client,
    struct model_error *err)
{
	struct poll *p = model_poll(ws, ev->ref);
	struct vote *v;

	if (p == NULL || p->state != POLL_OPEN ||
	    (ev->type == EVENT_DOT) != (p->kind == POLL_DOTS))
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: an "
		    "answer to no open poll", (unsigned long long)ev->seq);
	if (ev->actor != 0 && ev->type == EVENT_VOTE) {
		v = vote_of(p, ev->actor, 0, false);
		if (v == NULL)
			v = vote_add(p);
		free(v->reason);
		v->voter = ev->actor;
		v->group = ev->group;
		v->answer = ev->value;
		v->weight = 1;
		v->reason = ev->text != NULL ? xstrdup(ev->text) : NULL;
	} else if (ev->actor != 0) {
		v = vote_of(p, ev->actor, ev->value, true);
		if (v == NULL && ev->value2 == 1) {
			v = vote_add(p);
			v->voter = ev->actor;
			v->group = ev->group;
			v->answer = ev->value;
		}
		if (v == NULL)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "no dot to take back", (unsigned long long)ev->seq);
		v->weight += ev->value2;
		if (v->weight <= 0)
			vote_remove(p, v);
	}
	/* A replica may not see the answers; it is told how many there are. */
	p->answered = client ? ev->id : count_voters(p);
	return 0;
}

/*
 * A reason joins its answer.  A replica that may know the answers finds
 * it by its voter, or, in an anonymous check (where no answer is anyone's
 * once revealed), as the first like answer without a reason; one that
 * may not (before the reveal) has nothing to attach it to.
 */
static int
commit_reason(struct workshop *ws, const struct event *ev, bool client,
    struct model_error *err)
{
	struct poll *p = model_poll(ws, ev->ref);
	struct vote *v = NULL;
	size_t i;

	if (p == NULL || ev->text == NULL)
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: a "
		    "reason for no answer", (unsigned long long)ev->seq);
	if (ev->actor != 0)
		v = vote_of(p, ev->actor, 0, false);
	for (i = 0; v == NULL && client && i < p->nvotes; i++)
		if (p->votes[i].voter == 0 &&
		    p->votes[i].answer == ev->value &&
		    p->votes[i].reason == NULL)
			v = &p->votes[i];
	if (v == NULL && client)
		return 0;
	if (v == NULL || v->answer != ev->value)
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: a "
		    "reason for no answer", (unsigned long long)ev->seq);
	free(v->reason);
	v->reason = xstrdup(ev->text);
	return 0;
}

void
poll_outcome(struct workshop *ws, const struct poll *p)
{
	struct item *it;

	if (p->kind == POLL_SCORE) {
		indicator_scored(ws, p);
		return;
	}
	if (p->kind != POLL_CONSENSUS || p->verdict != VERDICT_ADOPTED)
		return;
	if (p->flags & POLL_F_CHARTER) {
		ws->charter_poll = p->id;
		ws->charter_rules.decision_rule = ws->decision_rule;
		ws->charter_rules.fallback_rule = ws->fallback_rule;
		ws->charter_rules.fallback_rounds = ws->fallback_rounds;
		ws->charter_rules.confidentiality = ws->confidentiality;
		memcpy(ws->charter_rules.phase_conf, ws->phase_conf,
		    sizeof ws->phase_conf);
		return;
	}
	it = model_item(ws, p->target);
	if (it == NULL)
		return;
	if (p->flags & POLL_F_GROUP) {
		int t[ANSWER_ABSTAIN + 1];

		/* "Police caucus, approved 3 of 3": kept with the report. */
		model_tally(p, t, ANSWER_ABSTAIN + 1);
		it->status = STATUS_ADOPTED;
		it->number = (uint32_t)(t[ANSWER_AGREE] +
		    t[ANSWER_RESERVATIONS]);
		it->ref = p->members;
		return;
	}
	if (it->kind == ITEM_SECTION) {
		/* The version put to the room is what is adopted. */
		free(it->body);
		it->body = p->text != NULL ? xstrdup(p->text) : NULL;
		it->status = STATUS_ADOPTED;
		return;
	}
	model_adopt(ws, it);
}

int
poll_commit(struct workshop *ws, const struct event *ev, bool client,
    struct model_error *err)
{
	struct poll *p;

	switch (ev->type) {
	case EVENT_POLL_OPEN:
		return commit_open(ws, ev, err);
	case EVENT_VOTE:
	case EVENT_DOT:
		return commit_answer(ws, ev, client, err);
	case EVENT_REASON:
		return commit_reason(ws, ev, client, err);
	case EVENT_POLL_CLOSE:
		p = model_poll(ws, ev->ref);
		if (p == NULL || p->state != POLL_OPEN)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "bad close", (unsigned long long)ev->seq);
		p->state = POLL_CLOSED;
		p->closed = ev->time;
		if (!client)
			verdict(ws, p);
		else if (ev->text != NULL) {
			/* A facilitator's replica is told the verdict. */
			p->verdict = ev->value;
			p->verdict_text = xstrdup(ev->text);
			p->members = (uint32_t)ev->value2;
		}
		if (p->flags & POLL_F_GROUP) {
			/* A caucus's check is revealed to it at once. */
			if (client)
				take_votes(p, ev);
			p->state = POLL_REVEALED;
			poll_outcome(ws, p);
		}
		return 0;
	case EVENT_POLL_REVEAL:
		p = model_poll(ws, ev->ref);
		if (p == NULL || p->state != POLL_CLOSED)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "bad reveal", (unsigned long long)ev->seq);
		p->state = POLL_REVEALED;
		if (client) {
			take_votes(p, ev);
			free(p->verdict_text);
			p->verdict = ev->value;
			p->verdict_text = ev->text != NULL ?
			    xstrdup(ev->text) : NULL;
		}
		poll_outcome(ws, p);
		return 0;
	case EVENT_DECISION_RULE:
		if (ev->value < DECIDE_CONSENSUS ||
		    ev->value > DECIDE_TWO_THIRDS)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "bad decision rule", (unsigned long long)ev->seq);
		ws->decision_rule = ev->value;
		ws->fallback_rounds = ev->value2;
		ws->fallback_rule = (int)ev->flags;
		return 0;
	}
	return model_fail(err, MODEL_ERR_INVALID, "event %llu: unknown type",
	    (unsigned long long)ev->seq);
}
