/*
 * action.c - action plans, meetings and follow-up (DESIGN.md §2, phases
 * 6-8; Lesson 11, "Agreeing to go forward", "Implementing action plans",
 * "Exit strategies", in ../shared/seeds/002_6189f16a6caaf990.txt; the
 * action checklist of steps 5-6 in ../shared/seeds/000_81b94c20c49fc2a3.txt).
 *
 * An action is an ITEM_ACTION item with a struct action attached.  Every
 * change to an action is an event that also creates an ITEM_PROGRESS item
 * (ITEM_F_LOG) whose text the model writes from the event, so the record
 * says what changed, when, and in which meeting; replicas write the same
 * text from the same event.  Under the Chatham House Rule those who may
 * not know the actor get the event without it, so nothing here depends on
 * the actor at commit time: a commitment carries the owners it is for.
 *
 * Words (issue 17): the refusals and the records of changes are made in
 * English, the msgid, and translated where they are shown (model_words):
 * those without arguments are marked N_() here, those with arguments are
 * the SAY_ and LOG_ formats of model-internal.h.  The names of statuses,
 * terms and exit strategies are marked N_() and shown as _(name);
 * model_when() is made for the screen or the export that calls it, in
 * the language messages are in now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model-internal.h"
#include "roundtable/text.h"

/* --- dates and money ---------------------------------------------------- */

static int
days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

bool
model_date_valid(int32_t date)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;

	if (y < 2000 || y > 2199 || m < 1 || m > 12)
		return false;
	return d >= 1 && d <= days_in_month(y, m);
}

/* Reads 1 to max digits at *s; -1 when there are none. */
static int
digits(const char **s, int max)
{
	int v = 0, n = 0;

	while (n < max && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n == 0 ? -1 : v;
}

int
model_date_parse(const char *s, int32_t *date, struct model_error *err)
{
	/* TRANSLATORS: months, in "not a date: 2027-02-29 (February 2027
	 * has 28 days)". */
	static const char *const months[12] = { N_("January"),
	    N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	    N_("July"), N_("August"), N_("September"), N_("October"),
	    N_("November"), N_("December") };
	const char *p = s;
	int y, m = -1, d = -1;

	if (s == NULL)
		return model_fail(err, MODEL_ERR_INVALID, N_("no date given "
		    "(use YYYY-MM-DD)"));
	while (*p == ' ')
		p++;
	y = digits(&p, 4);
	if (y >= 0 && *p == '-') {
		p++;
		m = digits(&p, 2);
		if (m >= 0 && *p == '-') {
			p++;
			d = digits(&p, 2);
		}
	}
	while (*p == ' ')
		p++;
	if (y < 1000 || m < 0 || d < 0 || *p != '\0')
		return model_fail(err, MODEL_ERR_INVALID, SAY_NOT_A_DATE, s);
	if (y < 2000 || y > 2199)
		return model_fail(err, MODEL_ERR_INVALID, SAY_DATE_YEAR, s);
	if (m < 1 || m > 12)
		return model_fail(err, MODEL_ERR_INVALID, SAY_DATE_MONTH, s, m);
	if (d < 1 || d > days_in_month(y, m))
		return model_fail(err, MODEL_ERR_INVALID, SAY_DATE_DAYS, s,
		    months[m - 1], y, days_in_month(y, m));
	*date = y * 10000 + m * 100 + d;
	return 0;
}

char *
model_date_format(int32_t date, char *buf, size_t len)
{
	if (date == 0)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, "%04d-%02d-%02d", (int)(date / 10000),
		    (int)(date / 100 % 100), (int)(date % 100));
	return buf;
}

int32_t
model_date_of(int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

char *
model_when(const struct workshop *ws, uint32_t meeting, int64_t time,
    int how, char *buf, size_t len)
{
	const struct meeting *m;
	int32_t day = model_date_of(time);
	bool at = (how & MODEL_WHEN_AT) != 0;
	char stamp[16], date[16];

	model_date_format(day, stamp, sizeof stamp);
	m = ws->nmeetings > 1 ? model_meeting(ws, meeting != 0 ? meeting :
	    1) : NULL;
	if (m == NULL || m->date == 0) {
		/* TRANSLATORS: %s is a date, 2027-03-04: "adopted on
		 * 2027-03-04". */
		snprintf(buf, len, at ? _("on %s") : "%s", stamp);
		return buf;
	}
	model_date_format(m->date, date, sizeof date);
	/* TRANSLATORS: the meeting something happened in and its date
	 * (2027-03-04); "recorded" the day the server's clock said, when it
	 * is another. */
	if (!(how & MODEL_WHEN_DAY) && m->date == day)
		snprintf(buf, len, at ? _("at meeting %u, %s") :
		    _("meeting %u, %s"), m->id, date);
	else if (!(how & MODEL_WHEN_DAY))
		snprintf(buf, len, at ? _("at meeting %u, %s (recorded %s)") :
		    _("meeting %u, %s (recorded %s)"), m->id, date, stamp);
	else if (m->date == day)
		snprintf(buf, len, at ? _("on %s") : "%s", date);
	else
		snprintf(buf, len, at ? _("on %s; recorded %s") :
		    _("%s; recorded %s"), date, stamp);
	return buf;
}

int
model_cost_parse(const char *s, int64_t *minor, struct model_error *err)
{
	const char *p = s;
	int64_t v = 0;
	int n = 0, cents = 0, places = 0;

	if (s == NULL)
		return model_fail(err, MODEL_ERR_INVALID, N_("no amount "
		    "given"));
	if (strlen(s) > MODEL_AMOUNT_MAX)
		return model_fail(err, MODEL_ERR_INVALID, N_("that amount is "
		    "too long"));
	while (*p == ' ')
		p++;
	if (*p == '-')
		return model_fail(err, MODEL_ERR_INVALID, N_("a cost cannot be "
		    "negative"));
	while (*p >= '0' && *p <= '9') {
		if (v > MODEL_COST_MAX / 100)
			return model_fail(err, MODEL_ERR_INVALID, N_("that "
			    "amount is too large"));
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (*p == '.' && n > 0) {
		p++;
		while (*p >= '0' && *p <= '9' && places < 2) {
			cents = cents * 10 + (*p++ - '0');
			places++;
		}
		if (places == 0)
			n = 0;
	}
	while (*p == ' ')
		p++;
	if (n == 0 || *p != '\0')
		return model_fail(err, MODEL_ERR_INVALID, SAY_NOT_AN_AMOUNT, s);
	if (places == 1)
		cents *= 10;
	v = v * 100 + cents;
	if (v > MODEL_COST_MAX)
		return model_fail(err, MODEL_ERR_INVALID, N_("that amount is "
		    "too large"));
	*minor = v;
	return 0;
}

char *
model_cost_format(int64_t minor, char *buf, size_t len)
{
	if (minor < 0)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, "%lld.%02lld", (long long)(minor / 100),
		    (long long)(minor % 100));
	return buf;
}

bool
model_currency_valid(const char *s)
{
	int i;

	if (s == NULL)
		return false;
	for (i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return s[3] == '\0';
}

/* TRANSLATORS: an action's status, shown after "Status:" and in
 * sentences such as "the action is %s already". */
const char *
model_action_status_name(int status)
{
	switch (status) {
	case ACTION_PROPOSED:
		return NC_("action status", "proposed");
	case ACTION_AGREED:
		return NC_("action status", "agreed");
	case ACTION_IN_PROGRESS:
		return NC_("action status", "in progress");
	case ACTION_DONE:
		return NC_("action status", "done");
	case ACTION_DROPPED:
		return NC_("action status", "dropped");
	}
	return "?";
}

const char *
model_term_name(int term)
{
	switch (term) {
	/* TRANSLATORS: when an action is to bear fruit. */
	case TERM_SHORT:
		return N_("short term");
	case TERM_MEDIUM:
		return N_("medium term");
	case TERM_LONG:
		return N_("long term");
	}
	return N_("no term");
}

/* Lesson 11, "Exit strategies". */
const char *
model_exit_name(int strategy)
{
	switch (strategy) {
	/* TRANSLATORS: the exit strategies of a dialogue (Lesson 11):
	 * end its work, hand it over to others, make it an institution. */
	case EXIT_WIND_DOWN:
		return N_("wind down");
	case EXIT_HAND_OVER:
		return N_("hand over");
	case EXIT_INSTITUTIONALISE:
		return N_("institutionalise");
	}
	return "?";
}

/* --- lookups ------------------------------------------------------------ */

struct meeting *
model_meeting(const struct workshop *ws, uint32_t id)
{
	if (id == 0 || id > ws->nmeetings)
		return NULL;
	return &ws->meetings[id - 1];
}

bool
model_attended(const struct workshop *ws, uint32_t meeting, uint32_t person)
{
	const struct meeting *m = model_meeting(ws, meeting);
	size_t i;

	if (m == NULL)
		return false;
	for (i = 0; i < m->ncame; i++)
		if (m->came[i] == person)
			return true;
	return false;
}

/* Does this owner entry speak for viewer? */
static bool
owner_is(const struct workshop *ws, const struct owner *o, uint32_t viewer)
{
	const struct participant *p = model_person(ws, viewer);

	if (p == NULL || p->removed)
		return false;
	if (o->person != 0)
		return o->person == viewer;
	return p->role == ROLE_PARTICIPANT && p->group != 0 &&
	    p->group == o->group;
}

bool
model_action_owner(const struct workshop *ws, const struct item *it,
    uint32_t viewer)
{
	size_t i;

	if (it == NULL || it->action == NULL)
		return false;
	for (i = 0; i < it->action->nowners; i++)
		if (owner_is(ws, &it->action->owners[i], viewer))
			return true;
	return false;
}

int
model_action_dots(const struct workshop *ws, uint32_t action)
{
	size_t i = ws->npolls, k;
	int dots;

	while (i-- > 0) {
		const struct poll *p = &ws->polls[i];

		if (p->kind != POLL_DOTS || p->phase != PHASE_ACTIONS ||
		    p->state != POLL_REVEALED)
			continue;
		for (k = 0; k < p->noptions; k++)
			if (p->options[k] == action)
				break;
		if (k == p->noptions)
			continue;
		/* A dot vote's answer is the item, its weight the dots. */
		for (k = 0, dots = 0; k < p->nvotes; k++)
			if (p->votes[k].answer == (int32_t)action)
				dots += p->votes[k].weight;
		return dots;
	}
	return -1;
}

static bool
in_plan(const struct item *it)
{
	return it->kind == ITEM_ACTION && it->action != NULL &&
	    it->status != STATUS_WITHDRAWN && it->status != STATUS_MERGED;
}

/* Plan order: live actions before dropped ones, most dots first, then
 * by number. */
static bool
plan_before(const struct item *a, int adots, const struct item *b, int bdots)
{
	bool adrop = a->action->status == ACTION_DROPPED;
	bool bdrop = b->action->status == ACTION_DROPPED;

	if (adrop != bdrop)
		return bdrop;
	if (adots != bdots)
		return adots > bdots;
	return a->id < b->id;
}

size_t
model_action_order(const struct workshop *ws, uint32_t *out, size_t max)
{
	struct { const struct item *it; int dots; } *v, t;
	const uint32_t *ids;
	size_t i, j, n = 0, nids;

	/* The actions from the kind index: the plan costs its actions, not
	 * the record. */
	ids = model_items_of_kind(ws, ITEM_ACTION, &nids);
	for (i = 0; i < nids; i++)
		if (in_plan(model_item(ws, ids[i])))
			n++;
	if (out == NULL || max == 0 || n == 0)
		return n;
	v = xcalloc(n, sizeof *v);
	for (i = 0, j = 0; i < nids; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (in_plan(it)) {
			v[j].it = it;
			v[j++].dots = model_action_dots(ws, it->id);
		}
	}
	/* Insertion sort: a plan has tens of actions, and it is stable. */
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && plan_before(t.it, t.dots,
		    v[j - 1].it, v[j - 1].dots); j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	for (i = 0; i < n && i < max; i++)
		out[i] = v[i].it->id;
	free(v);
	return n;
}

uint32_t
model_action_number(const struct workshop *ws, uint32_t action)
{
	const struct item *it = model_item(ws, action);
	uint32_t n = 0;
	size_t i;

	if (it == NULL || it->kind != ITEM_ACTION)
		return 0;
	for (i = 0; i < action; i++)
		n += ws->items[i].kind == ITEM_ACTION;
	return n;
}

/* --- the struct --------------------------------------------------------- */

struct action *
action_new(void)
{
	struct action *a = xcalloc(1, sizeof *a);

	a->status = ACTION_PROPOSED;
	a->cost = -1;
	return a;
}

void
action_free(struct action *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->how);
	free(a->resources);
	free(a->provider);
	free(a->owners);
	for (i = 0; i < a->nmilestones; i++)
		free(a->milestones[i].text);
	free(a->milestones);
	free(a);
}

void
meetings_free(struct workshop *ws)
{
	size_t i;

	for (i = 0; i < ws->nmeetings; i++)
		free(ws->meetings[i].came);
	free(ws->meetings);
	ws->meetings = NULL;
	ws->nmeetings = ws->meetings_cap = 0;
}

/* --- checking ----------------------------------------------------------- */

static struct item *
find_action(const struct workshop *ws, uint32_t id, struct model_error *err)
{
	struct item *it = model_item(ws, id);

	if (it == NULL || it->kind != ITEM_ACTION || it->action == NULL) {
		model_fail(err, MODEL_ERR_NOT_FOUND, N_("there is no such "
		    "action"));
		return NULL;
	}
	if (it->status == STATUS_WITHDRAWN || it->status == STATUS_MERGED) {
		model_fail(err, MODEL_ERR_STATE, SAY_ACTION_WAS,
		    model_status_name(it->status));
		return NULL;
	}
	return it;
}

/* Actions are worked on while the room plans and when it follows up. */
static int
action_phase(const struct workshop *ws, struct model_error *err)
{
	if (ws->phase != PHASE_ACTIONS && ws->phase != PHASE_FOLLOWUP)
		return model_fail(err, MODEL_ERR_PHASE, SAY_ACTION_PHASES,
		    model_phase_name(PHASE_ACTIONS),
		    model_phase_name(PHASE_FOLLOWUP));
	return 0;
}

/* Participants edit their own proposals; facilitators edit any. */
static int
may_edit(const struct workshop *ws, uint32_t actor, const struct item *it,
    struct model_error *err)
{
	if (model_is_facilitator(ws, actor))
		return 0;
	if (it->author != actor)
		return model_fail(err, MODEL_ERR_ROLE, N_("only its author or "
		    "a facilitator can change this action"));
	if (it->action->status != ACTION_PROPOSED)
		return model_fail(err, MODEL_ERR_ROLE, SAY_ACTION_NOW,
		    model_action_status_name(it->action->status));
	return 0;
}

/* Owners report on their action; so do the facilitators.  refusal: the
 * sentence said to anyone else. */
static int
may_report(const struct workshop *ws, uint32_t actor, const struct item *it,
    const char *refusal, struct model_error *err)
{
	if (model_is_facilitator(ws, actor) || model_action_owner(ws, it, actor))
		return 0;
	if (it->author == actor && it->action->status == ACTION_PROPOSED)
		return 0;
	return model_fail(err, MODEL_ERR_ROLE, "%s", refusal);
}

static int
optional_line(const char *s, const char *what, struct model_error *err)
{
	if (s == NULL || *s == '\0')
		return 0;
	return model_check_text(s, MODEL_LINE_MAX, false, what, err);
}

static bool
status_move_ok(int from, int to)
{
	switch (to) {
	case ACTION_DROPPED:
		return from != ACTION_DROPPED;
	case ACTION_IN_PROGRESS:
		return from == ACTION_AGREED || from == ACTION_DONE;
	case ACTION_DONE:
		return from == ACTION_AGREED || from == ACTION_IN_PROGRESS;
	case ACTION_PROPOSED:
		/* Reopened, to be changed and agreed again: from any
		 * status (what it is changes only so, agreed or under way). */
		return from != ACTION_PROPOSED;
	}
	return false;
}

/* An action works on an indicator the room adopted (srm-review, step 5:
 * "address partial or absent indicators"); 0 unlinks it. */
static int
check_link(const struct workshop *ws, const struct action *a, int32_t id,
    struct model_error *err)
{
	const struct item *ind = id > 0 ? model_item(ws, (uint32_t)id) : NULL;

	if (id == 0)
		return a->indicator == 0 ? model_fail(err, MODEL_ERR_STATE,
		    N_("the action is linked to no indicator")) : 0;
	if (ind == NULL || ind->kind != ITEM_INDICATOR)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("there is no "
		    "such indicator"));
	if (ind->status != STATUS_ADOPTED)
		return model_fail(err, MODEL_ERR_STATE, SAY_LINK_ADOPTED,
		    model_status_name(ind->status));
	if (a->indicator == (uint32_t)id)
		return model_fail(err, MODEL_ERR_DUPLICATE, N_("the action is "
		    "linked to that indicator already"));
	return 0;
}

/* Whether anyone agreed to it: an owner or a facilitator. */
static bool
any_agreement(const struct action *a)
{
	size_t	i;

	if (a->fac_agreed)
		return true;
	for (i = 0; i < a->nowners; i++)
		if (a->owners[i].committed)
			return true;
	return false;
}

/* Whether what an action is stands as its owners agreed to it: agreed,
 * under way or done; dropped, once anyone agreed to it (its CSV still
 * says who committed). */
static bool
held_as_agreed(const struct action *a)
{
	if (a == NULL || a->status == ACTION_PROPOSED)
		return false;
	return a->status != ACTION_DROPPED || any_agreement(a);
}

/* Whether anyone has agreed to a proposed action as it stands: a change
 * to what it is then takes those agreements back (ACTION_F_UNAGREE), so
 * nobody is held to an action they did not see (a cost doubled after the
 * owners agreed kept their "agreed"). */
static bool
agreed_to(const struct item *it)
{
	const struct action	*a = it->action;

	return a != NULL && a->status == ACTION_PROPOSED && any_agreement(a);
}

static bool
same_text(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Whether setting field to value2 / s / s2 would change what the action
 * is: its how, when, term, resources, cost or provider.  The same value
 * sent again (Enter on a field as it was offered) changes nothing. */
static bool
set_changes(const struct action *a, int field, int32_t value2,
    const char *s, const char *s2)
{
	int64_t		 cost;

	if (s != NULL && *s == '\0')
		s = NULL;
	switch (field) {
	case ACTION_HOW:
		return !same_text(a->how, s);
	case ACTION_RESOURCES:
		return !same_text(a->resources, s);
	case ACTION_PROVIDER:
		return !same_text(a->provider, s);
	case ACTION_DUE:
		return a->due != value2;
	case ACTION_TERM:
		return a->term != value2;
	case ACTION_COST:
		if (s == NULL)
			return a->cost >= 0;
		return model_cost_parse(s, &cost, NULL) != 0 ||
		    cost != a->cost || s2 == NULL || strcmp(a->currency, s2) != 0;
	}
	return false;	/* status, quick win, indicator: not what it is */
}

/*
 * An action agreed, under way or done (or dropped once anyone agreed:
 * held_as_agreed) is what its owners and a facilitator agreed to: a change
 * to what it is (the same changes that take a proposed action's
 * agreements back) or to who owns it is refused until
 * a facilitator reopens it (status proposed, from any other, which clears
 * the agreements), and they agree again.  A cost changed after everyone
 * agreed kept "agreed ✓" beside each owner, and the CSV said they
 * committed to a figure they never saw; so did one changed while the
 * action was in progress.  Checked on intents only: a record that holds
 * such a change replays as it was.
 */
static int
agreed_as_is(const struct item *it, const struct intent *in,
    struct model_error *err)
{
	bool	changes;

	if (!held_as_agreed(it->action))
		return 0;
	if (in->type == INTENT_ITEM_EDIT)
		changes = in->text == NULL || !same_text(it->text, in->text);
	else if (in->type == INTENT_ACTION_OWNER)
		changes = true;	/* an owner who never agreed, or gone */
	else
		changes = set_changes(it->action, in->value, in->value2,
		    in->text, in->text2);
	if (!changes)
		return 0;
	/* TRANSLATORS: s and 4 are the card's keys for the status and for
	 * "proposed". */
	return model_fail(err, MODEL_ERR_STATE, N_("its owners agreed to it "
	    "as it stands: to change it, reopen it first (s, then 4 "
	    "proposed), and they agree again"));
}

bool
model_action_unagrees(const struct item *it, const struct intent *in)
{
	if (it == NULL || it->kind != ITEM_ACTION || !agreed_to(it))
		return false;
	if (in->type == INTENT_ITEM_EDIT)
		return in->text == NULL || !same_text(it->text, in->text);
	return in->type == INTENT_ACTION_SET && set_changes(it->action,
	    in->value, in->value2, in->text, in->text2);
}

static void
unagree(struct action *a)
{
	size_t	i;

	for (i = 0; i < a->nowners; i++)
		a->owners[i].committed = false;
	a->fac_agreed = false;
}

static int
check_set(const struct workshop *ws, uint32_t actor, const struct item *it,
    const struct intent *in, struct model_error *err)
{
	const struct action *a = it->action;
	int64_t cost;

	if (in->value == ACTION_STATUS) {
		if (may_report(ws, actor, it, N_("only the action's owners or "
		    "a facilitator can change its status"), err) != 0)
			return -1;
	} else if (may_edit(ws, actor, it, err) != 0 ||
	    agreed_as_is(it, in, err) != 0)
		return -1;
	/* TRANSLATORS: the fields of an action, in the model's sentences
	 * about a field ("the %s is too long"). */
	switch (in->value) {
	case ACTION_HOW:
		return optional_line(in->text, N_("how"), err);
	case ACTION_RESOURCES:
		return optional_line(in->text, N_("resources"), err);
	case ACTION_PROVIDER:
		return optional_line(in->text, N_("who provides"), err);
	case ACTION_DUE:
		if (in->value2 != 0 && !model_date_valid(in->value2))
			return model_fail(err, MODEL_ERR_INVALID, N_("the due "
			    "date is not a real date"));
		return 0;
	case ACTION_COST:
		if (in->text == NULL || *in->text == '\0') {
			if (in->text2 != NULL && *in->text2 != '\0')
				return model_fail(err, MODEL_ERR_INVALID,
				    N_("a currency goes with an amount: give "
				    "both, or neither to clear the cost"));
			return 0;
		}
		if (model_cost_parse(in->text, &cost, err) != 0)
			return -1;
		if (!model_currency_valid(in->text2))
			return model_fail(err, MODEL_ERR_INVALID, N_("give "
			    "the currency as three capital letters, like USD "
			    "or EUR"));
		return 0;
	case ACTION_STATUS:
		if (in->value2 == ACTION_AGREED)
			/* TRANSLATORS: a is the key that agrees. */
			return model_fail(err, MODEL_ERR_STATE, N_("an action "
			    "is agreed when its owners and a facilitator "
			    "agree to it (a)"));
		if (in->value2 < ACTION_PROPOSED || in->value2 > ACTION_DROPPED)
			return model_fail(err, MODEL_ERR_INVALID, N_("there is "
			    "no such status"));
		if (in->value2 == a->status)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_ACTION_ALREADY,
			    model_action_status_name(a->status));
		if (!status_move_ok(a->status, in->value2))
			return model_fail(err, MODEL_ERR_STATE,
			    a->status == ACTION_PROPOSED ?
			    SAY_STATUS_MOVE_OWNERS : SAY_STATUS_MOVE,
			    model_action_status_name(a->status),
			    model_action_status_name(in->value2));
		if (in->value2 == ACTION_PROPOSED &&
		    !model_is_facilitator(ws, actor))
			return model_fail(err, MODEL_ERR_ROLE, N_("only a "
			    "facilitator reopens an action"));
		return 0;
	case ACTION_TERM:
		if (in->value2 < TERM_NONE || in->value2 > TERM_LONG)
			return model_fail(err, MODEL_ERR_INVALID, N_("there is "
			    "no such term"));
		return 0;
	case ACTION_QUICK_WIN:
		if (in->value2 != 0 && in->value2 != 1)
			return model_fail(err, MODEL_ERR_INVALID, N_("a quick "
			    "win is marked or not"));
		return 0;
	case ACTION_INDICATOR:
		return check_link(ws, a, in->value2, err);
	}
	return model_fail(err, MODEL_ERR_INVALID, N_("there is no such field "
	    "of an action"));
}

static int
check_owner(const struct workshop *ws, uint32_t actor, const struct item *it,
    const struct intent *in, struct model_error *err)
{
	const struct action *a = it->action;
	const struct participant *p;
	bool remove = (in->flags & 1u) != 0;
	size_t i;

	if (may_edit(ws, actor, it, err) != 0 ||
	    agreed_as_is(it, in, err) != 0)
		return -1;
	if ((in->value != 0) == (in->value2 != 0))
		return model_fail(err, MODEL_ERR_INVALID, N_("an owner is a "
		    "person or a group"));
	if (in->value != 0) {
		p = model_person(ws, (uint32_t)in->value);
		if (p == NULL || in->value < 0)
			return model_fail(err, MODEL_ERR_NOT_FOUND, N_("there "
			    "is no such person"));
		if (!remove && (p->removed || p->role == ROLE_OBSERVER))
			return model_fail(err, MODEL_ERR_STATE, SAY_CANNOT_OWN,
			    p->name);
	} else if (in->value2 < 0 ||
	    model_group(ws, (uint32_t)in->value2) == NULL)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("there is no "
		    "such group"));
	for (i = 0; i < a->nowners; i++)
		if (a->owners[i].person == (uint32_t)in->value &&
		    a->owners[i].group == (uint32_t)in->value2)
			break;
	if (remove && i == a->nowners)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("they do not "
		    "own this action"));
	if (!remove && i < a->nowners)
		return model_fail(err, MODEL_ERR_DUPLICATE, N_("they own it "
		    "already"));
	if (!remove && a->nowners >= MODEL_OWNERS_MAX)
		return model_fail(err, MODEL_ERR_LIMIT, SAY_MAX_OWNERS,
		    MODEL_OWNERS_MAX);
	return 0;
}

/* Which owner entries the actor agrees for (a bit each). */
static uint32_t
owner_mask(const struct workshop *ws, const struct action *a, uint32_t actor)
{
	uint32_t mask = 0;
	size_t i;

	for (i = 0; i < a->nowners && i < 32; i++)
		if (owner_is(ws, &a->owners[i], actor))
			mask |= 1u << i;
	return mask;
}

static int
check_commit(const struct workshop *ws, uint32_t actor, const struct item *it,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct action *a = it->action;
	bool fac = model_is_facilitator(ws, actor);
	uint32_t mask = owner_mask(ws, a, actor);

	if (!fac && mask == 0)
		return model_fail(err, MODEL_ERR_ROLE, N_("only the action's "
		    "owners and the facilitators agree to an action"));
	if (a->status != ACTION_PROPOSED)
		return model_fail(err, MODEL_ERR_STATE, SAY_ACTION_IS_ALREADY,
		    model_action_status_name(a->status));
	if (in->value != 0 && in->value != 1)
		return model_fail(err, MODEL_ERR_INVALID, N_("agree or take it "
		    "back"));
	/* TRANSLATORS: o and d are keys. */
	if (in->value == 1 && a->nowners == 0)
		return model_fail(err, MODEL_ERR_STATE, N_("say who will do it "
		    "before agreeing (o adds an owner)"));
	if (in->value == 1 && a->due == 0)
		return model_fail(err, MODEL_ERR_STATE, N_("say when it is due "
		    "before agreeing (d sets the date)"));
	ev->flags = mask;
	ev->value2 = fac;
	return 0;
}

int
action_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct participant *p = model_person(ws, actor);
	const struct item *it = NULL, *into;
	const struct meeting *last;
	char buf[16];

	ev->type = in->type;	/* events are numbered like their intents */
	ev->ref = in->ref;
	ev->value = in->value;
	ev->value2 = in->value2;
	ev->flags = in->flags;
	ev->text = in->text;
	ev->text2 = in->text2;
	ev->group = p != NULL ? p->group : 0;
	if (p != NULL && p->role == ROLE_OBSERVER)
		return model_fail(err, MODEL_ERR_ROLE, N_("observers can read "
		    "the room but not write in it"));

	switch (in->type) {
	case INTENT_MEETING:
		if (actor != MODEL_SYSTEM && !model_is_facilitator(ws, actor))
			return model_fail(err, MODEL_ERR_ROLE, N_("only a "
			    "facilitator starts a meeting"));
		if (!model_date_valid(in->value))
			return model_fail(err, MODEL_ERR_INVALID, N_("the "
			    "meeting's date is not a real date"));
		if (ws->nmeetings >= MODEL_MEETINGS_MAX)
			return model_fail(err, MODEL_ERR_LIMIT,
			    SAY_MAX_MEETINGS, MODEL_MEETINGS_MAX);
		last = model_meeting(ws, (uint32_t)ws->nmeetings);
		if (last != NULL && in->value < last->date)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_MEETING_BEFORE, (unsigned)last->id,
			    model_date_format(last->date, buf, sizeof buf));
		ev->id = (uint32_t)ws->nmeetings + 1;
		ev->ref = 0;
		ev->text = ev->text2 = NULL;
		ev->flags = 0;
		return 0;

	case INTENT_ATTEND:
		if (actor != MODEL_SYSTEM && !model_is_facilitator(ws, actor))
			return model_fail(err, MODEL_ERR_ROLE, N_("only a "
			    "facilitator keeps the attendance"));
		if (model_person(ws, in->ref) == NULL)
			return model_fail(err, MODEL_ERR_NOT_FOUND, N_("there "
			    "is no such person"));
		if (in->value != 0 && in->value != 1)
			return model_fail(err, MODEL_ERR_INVALID, N_("came or "
			    "not"));
		if (model_attended(ws, ws->meeting, in->ref) == (in->value == 1))
			return model_fail(err, MODEL_ERR_DUPLICATE, N_("the "
			    "attendance says so already"));
		ev->id = ws->meeting;
		ev->text = ev->text2 = NULL;
		ev->value2 = 0;
		ev->flags = 0;
		return 0;

	case INTENT_NEXT_REVIEW:
		if (!model_is_facilitator(ws, actor))
			return model_fail(err, MODEL_ERR_ROLE, N_("only a "
			    "facilitator sets the next review date"));
		last = model_meeting(ws, ws->meeting);
		if (in->value != 0 && !model_date_valid(in->value))
			return model_fail(err, MODEL_ERR_INVALID, N_("the "
			    "review date is not a real date"));
		if (in->value != 0 && last != NULL && in->value <= last->date)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_REVIEW_AFTER, model_date_format(last->date,
			    buf, sizeof buf));
		ev->ref = 0;
		ev->text = ev->text2 = NULL;
		ev->value2 = 0;
		ev->flags = 0;
		return 0;

	case INTENT_ITEM_EDIT:
		it = model_item(ws, in->ref);
		if (it == NULL || (it->kind != ITEM_PROBLEM &&
		    it->kind != ITEM_VISION && it->kind != ITEM_ACTION &&
		    it->kind != ITEM_LESSON && it->kind != ITEM_EXIT &&
		    it->kind != ITEM_CELL))
			return model_fail(err, MODEL_ERR_NOT_FOUND, N_("only "
			    "problem and vision statements, actions, lessons, "
			    "exit strategies and matrix entries are edited "
			    "this way"));
		if (it->status != STATUS_OPEN && it->status != STATUS_PROPOSED)
			return model_fail(err, MODEL_ERR_STATE, SAY_NO_EDIT,
			    model_status_name(it->status));
		if (!model_is_facilitator(ws, actor) && it->author != actor)
			return model_fail(err, MODEL_ERR_ROLE, N_("only its "
			    "author or a facilitator can edit it"));
		if (it->kind == ITEM_ACTION) {
			if (action_phase(ws, err) != 0 ||
			    may_edit(ws, actor, it, err) != 0 ||
			    agreed_as_is(it, in, err) != 0)
				return -1;
		} else if (it->kind == ITEM_CELL) {
			if (matrix_edit_check(ws, it, err) != 0)
				return -1;
		} else if (model_decided_in(it->kind) != ws->phase)
			return model_fail(err, MODEL_ERR_PHASE, SAY_EDITED_IN,
			    model_phase_name(model_decided_in(it->kind)));
		if (model_open_poll(ws) != NULL &&
		    model_open_poll(ws)->target == it->id)
			return model_fail(err, MODEL_ERR_STATE, N_("a check on "
			    "it is open; close it first"));
		/* TRANSLATORS: a field, in "the %s is too long". */
		if (model_check_text(in->text, it->kind == ITEM_ACTION ?
		    MODEL_WHAT_MAX : MODEL_TEXT_MAX, false, N_("text"),
		    err) != 0)
			return -1;
		ev->id = it->kind == ITEM_ACTION ? (uint32_t)ws->nitems + 1 : 0;
		ev->text2 = NULL;
		ev->value = ev->value2 = 0;
		ev->flags = model_action_unagrees(it, in) ? ACTION_F_UNAGREE :
		    0;
		return 0;

	case INTENT_MERGE:
		if (!model_is_facilitator(ws, actor))
			return model_fail(err, MODEL_ERR_ROLE, N_("only a "
			    "facilitator merges contributions"));
		it = model_item(ws, in->ref);
		into = in->value > 0 ? model_item(ws, (uint32_t)in->value) :
		    NULL;
		/* Not exit strategies: each names its own strategy. */
		if (it == NULL || into == NULL || it == into ||
		    it->kind != into->kind || (it->kind != ITEM_PROBLEM &&
		    it->kind != ITEM_VISION && it->kind != ITEM_ACTION &&
		    it->kind != ITEM_LESSON))
			return model_fail(err, MODEL_ERR_INVALID, N_("merge a "
			    "statement into another of the same kind"));
		if (it->kind == ITEM_ACTION ? action_phase(ws, err) != 0 :
		    model_decided_in(it->kind) != ws->phase)
			return model_fail(err, MODEL_ERR_PHASE, SAY_MERGED_IN,
			    model_phase_name(model_decided_in(it->kind)));
		if (it->status != STATUS_OPEN && it->status != STATUS_PROPOSED)
			return model_fail(err, MODEL_ERR_STATE, SAY_NO_MERGE,
			    (unsigned)it->id, model_status_name(it->status));
		if (into->status == STATUS_MERGED ||
		    into->status == STATUS_WITHDRAWN ||
		    into->status == STATUS_REJECTED)
			return model_fail(err, MODEL_ERR_STATE, SAY_MERGE_INTO,
			    (unsigned)into->id,
			    model_status_name(into->status));
		if (model_open_poll(ws) != NULL &&
		    (model_open_poll(ws)->target == it->id ||
		    model_open_poll(ws)->kind == POLL_DOTS))
			return model_fail(err, MODEL_ERR_STATE, N_("a vote is "
			    "open; close it first"));
		ev->id = 0;
		ev->text = ev->text2 = NULL;
		ev->value2 = 0;
		ev->flags = 0;
		return 0;
	}

	/* The action intents. */
	if (action_phase(ws, err) != 0)
		return -1;
	if ((it = find_action(ws, in->ref, err)) == NULL)
		return -1;
	if (ws->nitems >= MODEL_ITEMS_MAX)
		return model_fail(err, MODEL_ERR_LIMIT, SAY_MAX_ITEMS,
		    MODEL_ITEMS_MAX);
	ev->id = (uint32_t)ws->nitems + 1;	/* the change's record */
	switch (in->type) {
	case INTENT_ACTION_SET:
		if (check_set(ws, actor, it, in, err) != 0)
			return -1;
		/* The record keeps what the field takes (fields.c saw the
		 * strings it does not take are empty), nothing more. */
		if (in->value == ACTION_HOW || in->value == ACTION_RESOURCES ||
		    in->value == ACTION_PROVIDER || in->value == ACTION_COST)
			ev->value2 = 0;
		else
			ev->text = NULL;
		if (in->value != ACTION_COST)
			ev->text2 = NULL;
		ev->flags = model_action_unagrees(it, in) ? ACTION_F_UNAGREE :
		    0;
		return 0;
	case INTENT_ACTION_OWNER:
		ev->text = ev->text2 = NULL;
		ev->flags &= 1u;
		return check_owner(ws, actor, it, in, err);
	case INTENT_ACTION_COMMIT:
		ev->text = ev->text2 = NULL;
		return check_commit(ws, actor, it, in, ev, err);
	case INTENT_MILESTONE:
		if (may_report(ws, actor, it, N_("only the action's owners or "
		    "a facilitator can add a milestone"), err) != 0)
			return -1;
		if (!model_date_valid(in->value))
			return model_fail(err, MODEL_ERR_INVALID, N_("the "
			    "milestone's date is not a real date"));
		if (it->action->nmilestones >= MODEL_MILESTONES_MAX)
			return model_fail(err, MODEL_ERR_LIMIT,
			    SAY_MAX_MILESTONES, MODEL_MILESTONES_MAX);
		ev->text2 = NULL;
		ev->value2 = 0;
		ev->flags = 0;
		/* TRANSLATORS: a field, in "the %s is too long". */
		return model_check_text(in->text, MODEL_LINE_MAX, false,
		    N_("milestone"), err);
	case INTENT_MILESTONE_TICK:
		if (may_report(ws, actor, it, N_("only the action's owners or "
		    "a facilitator can tick a milestone"), err) != 0)
			return -1;
		if (in->value < 0 ||
		    (size_t)in->value >= it->action->nmilestones)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    SAY_NO_MILESTONE, (int)in->value + 1);
		if (in->value2 != 0 && in->value2 != 1)
			return model_fail(err, MODEL_ERR_INVALID, N_("done or "
			    "not"));
		if (it->action->milestones[in->value].done == (in->value2 == 1))
			return model_fail(err, MODEL_ERR_STATE, in->value2 ?
			    N_("the milestone is done already") :
			    N_("the milestone is not done already"));
		ev->text = ev->text2 = NULL;
		ev->flags = 0;
		return 0;
	}
	return model_fail(err, MODEL_ERR_INVALID, SAY_UNKNOWN_REQUEST,
	    in->type);
}

/* --- committing --------------------------------------------------------- */

static void
set_string(char **p, const char *s)
{
	free(*p);
	*p = s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/*
 * A name for owner entry o in the record of a change: the group's, or
 * the person's, except where the Chatham House Rule is in force: the
 * record of a change is read by everyone and exported, so there a person
 * is "a participant".  (The room's screens still show who owns an action:
 * taking one on is done in the open.)
 */
static const char *
owner_name(const struct workshop *ws, const struct owner *o)
{
	const struct participant *p = model_person(ws, o->person);
	const struct group *g = model_group(ws, o->group);

	if (p != NULL)
		/* TRANSLATORS: who owns an action under the Chatham House
		 * Rule, in "owner added: %s". */
		return model_conf(ws, ws->phase) == CONF_CHATHAM ?
		    N_("a participant") : p->name;
	return g != NULL ? g->name : "?";
}

/* How long the longest group's name (or "a participant", already
 * nameless) that begins s and ends at a list's boundary (end, ", " or
 * " (+") is; 0 for none. */
static size_t
kept_name_at(const struct workshop *ws, const char *s, const char *end)
{
	const char *name, *after;
	size_t i, len, best = 0;

	for (i = 0; i <= ws->ngroups; i++) {
		name = i < ws->ngroups ? ws->groups[i].name :
		    N_("a participant");
		if (name == NULL)
			continue;
		len = strlen(name);
		if (len <= best || len > (size_t)(end - s) ||
		    memcmp(s, name, len) != 0)
			continue;
		after = s + len;
		if (after == end || strncmp(after, ", ", 2) == 0 ||
		    strncmp(after, " (+", 3) == 0)
			best = len;
	}
	return best;
}

static void
append(char **out, const char *s, size_t n)
{
	char *tmp = xasprintf("%s%.*s", *out, (int)n, s);

	free(*out);
	*out = tmp;
}

char *
model_log_nameless(const struct workshop *ws, const char *text)
{
	/* The records whose argument is who (owner_name); those that
	 * begin with who in the order of model_log_words.  The first two
	 * name one owner, the others a list. */
	static const char *const fmts[] = {
		LOG_OWNER_ADDED, LOG_OWNER_REMOVED, LOG_AGREED_FAC_ALL,
		LOG_AGREED_ALL, LOG_AGREED_FAC, LOG_AGREED,
		LOG_TOOK_BACK_FAC, LOG_TOOK_BACK,
	};
	/* The facilitator's own, without an owner's name: they read like
	 * "%s agreed; the action is agreed" with "the facilitator" as who,
	 * and came out as "a participant agreed" (a facilitator is not
	 * someone the rule protects). */
	static const char *const own[] = {
		N_("the facilitator took back their agreement"),
		N_("the facilitator agreed; the action is agreed"),
		N_("the facilitator agreed"),
	};
	const char *arg, *end, *hole = NULL, *next, *more;
	size_t i, tlen = strlen(text), pre = 0, post = 0, n;
	char *out;

	for (i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strcmp(text, own[i]) == 0)
			return xstrdup(text);
	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
		hole = strstr(fmts[i], "%s");
		pre = (size_t)(hole - fmts[i]);
		post = strlen(hole + 2);
		if (tlen > pre + post && strncmp(text, fmts[i], pre) == 0 &&
		    strcmp(text + tlen - post, hole + 2) == 0)
			break;
	}
	if (i == sizeof fmts / sizeof fmts[0])
		return xstrdup(text);
	/* Who: groups keep their names; anything else was a person's name
	 * when it was written (whatever it is now, or whether they have
	 * since been renamed): "a participant". */
	out = xstrndup(text, pre);
	arg = text + pre;
	end = text + tlen - post;
	while (arg < end) {
		if ((n = kept_name_at(ws, arg, end)) > 0)
			append(&out, arg, n);
		else {
			/* One owner: all of it.  A list: up to the next ", "
			 * or the " (+N)" at its end. */
			next = i < 2 ? NULL : strstr(arg, ", ");
			more = i < 2 ? NULL : strstr(arg, " (+");
			if (next == NULL || next > end)
				next = end;
			if (more != NULL && more < next && end[-1] == ')')
				next = more;
			n = (size_t)(next - arg);
			append(&out, N_("a participant"),
			    strlen(N_("a participant")));
		}
		arg += n;
		if (arg < end && strncmp(arg, ", ", 2) == 0) {
			append(&out, ", ", 2);
			arg += 2;
		} else if (arg < end) {
			append(&out, arg, (size_t)(end - arg));	/* (+N) */
			arg = end;
		}
	}
	append(&out, end, post);
	return out;
}

/* Adds the record of a change to action it, as event ev makes it. */
static void
add_log(struct workshop *ws, const struct event *ev, const struct item *it,
    const char *text)
{
	const struct participant *p = model_person(ws, ev->actor);
	struct item *log;
	uint32_t ref = it->id;

	ws->items = model_grow(ws->items, ws->nitems, &ws->items_cap,
	    sizeof *ws->items);
	log = &ws->items[ws->nitems++];
	*log = (struct item){ 0 };
	log->id = ev->id;
	log->kind = ITEM_PROGRESS;
	index_item(ws, log);
	log->status = STATUS_OPEN;
	log->author = ev->actor;
	log->group = p != NULL ? ev->group : 0;
	log->ref = ref;
	index_ref(ws, log);
	log->phase = ws->phase;
	log->time = ev->time;
	log->text = xstrdup(text);
	log->flags = ITEM_F_LOG;
	log->conf = model_conf(ws, ws->phase);
	log->meeting = ws->meeting;
}

static int
commit_set(const struct workshop *ws, const struct event *ev,
    struct action *a, char *msg, size_t len, struct model_error *err)
{
	const struct item *ind;
	char buf[32];
	int64_t cost;
	const char *s = ev->text != NULL && *ev->text != '\0' ? ev->text :
	    NULL;

	switch (ev->value) {
	case ACTION_HOW:
		set_string(&a->how, s);
		if (s != NULL)
			snprintf(msg, len, LOG_HOW, s);
		else
			snprintf(msg, len, "%s", N_("how cleared"));
		return 0;
	case ACTION_RESOURCES:
		set_string(&a->resources, s);
		if (s != NULL)
			snprintf(msg, len, LOG_RESOURCES, s);
		else
			snprintf(msg, len, "%s", N_("resources cleared"));
		return 0;
	case ACTION_PROVIDER:
		set_string(&a->provider, s);
		if (s != NULL)
			snprintf(msg, len, LOG_PROVIDER, s);
		else
			snprintf(msg, len, "%s", N_("provider cleared"));
		return 0;
	case ACTION_DUE:
		if (ev->value2 != 0 && !model_date_valid(ev->value2))
			break;
		a->due = ev->value2;
		if (a->due != 0)
			snprintf(msg, len, LOG_DUE, model_date_format(a->due,
			    buf, sizeof buf));
		else
			snprintf(msg, len, "%s", N_("due date cleared"));
		return 0;
	case ACTION_COST:
		if (s == NULL) {
			a->cost = -1;
			a->currency[0] = '\0';
			snprintf(msg, len, "%s", N_("cost cleared"));
			return 0;
		}
		if (model_cost_parse(s, &cost, NULL) != 0 ||
		    !model_currency_valid(ev->text2))
			break;
		a->cost = cost;
		memcpy(a->currency, ev->text2, 4);
		snprintf(msg, len, LOG_COST, model_cost_format(cost, buf,
		    sizeof buf), a->currency);
		return 0;
	case ACTION_STATUS:
		if (ev->value2 < ACTION_PROPOSED || ev->value2 > ACTION_DROPPED ||
		    ev->value2 == ACTION_AGREED)
			break;
		if (ev->value2 == ACTION_PROPOSED) {
			size_t i;

			/* Reopened: it is agreed afresh. */
			for (i = 0; i < a->nowners; i++)
				a->owners[i].committed = false;
			a->fac_agreed = false;
		}
		a->status = ev->value2;
		snprintf(msg, len, LOG_STATUS,
		    model_action_status_name(a->status));
		return 0;
	case ACTION_TERM:
		if (ev->value2 < TERM_NONE || ev->value2 > TERM_LONG)
			break;
		a->term = ev->value2;
		snprintf(msg, len, "%s", model_term_name(a->term));
		return 0;
	case ACTION_QUICK_WIN:
		a->quick_win = ev->value2 != 0;
		snprintf(msg, len, "%s", a->quick_win ?
		    N_("marked a quick win") : N_("no longer a quick win"));
		return 0;
	case ACTION_INDICATOR:
		ind = ev->value2 > 0 ? model_item(ws, (uint32_t)ev->value2) :
		    NULL;
		if (ev->value2 != 0 && (ind == NULL ||
		    ind->kind != ITEM_INDICATOR || ind->text == NULL))
			break;
		a->indicator = (uint32_t)ev->value2;
		/* "works on indicator 3: Legal duty of care obligat…",
		 * on one line. */
		if (ind != NULL) {
			size_t	 fit = text_fit(ind->text, 60), i;
			char	*head = xasprintf("%.*s%s", (int)fit, ind->text,
			    ind->text[fit] != '\0' ? "…" : "");

			for (i = 0; head[i] != '\0'; i++)
				if (head[i] == '\n')
					head[i] = ' ';
			snprintf(msg, len, LOG_INDICATOR,
			    model_indicator_number(ws, ind->id), head);
			free(head);
		} else
			snprintf(msg, len, "%s", N_("no longer linked to an "
			    "indicator"));
		return 0;
	}
	return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_ACTION_SET,
	    (unsigned long long)ev->seq);
}

static int
commit_owner(struct workshop *ws, const struct event *ev, struct action *a,
    char *msg, size_t len, struct model_error *err)
{
	struct owner o = { .person = (uint32_t)ev->value,
	    .group = (uint32_t)ev->value2 };
	size_t i;

	if ((o.person != 0) == (o.group != 0) ||
	    (o.person != 0 && model_person(ws, o.person) == NULL) ||
	    (o.group != 0 && model_group(ws, o.group) == NULL))
		return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_OWNER,
		    (unsigned long long)ev->seq);
	for (i = 0; i < a->nowners; i++)
		if (a->owners[i].person == o.person &&
		    a->owners[i].group == o.group)
			break;
	if (ev->flags & 1u) {
		if (i == a->nowners)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_NO_SUCH_OWNER, (unsigned long long)ev->seq);
		memmove(&a->owners[i], &a->owners[i + 1],
		    (a->nowners - i - 1) * sizeof *a->owners);
		a->nowners--;
		snprintf(msg, len, LOG_OWNER_REMOVED, owner_name(ws, &o));
		return 0;
	}
	if (i < a->nowners || a->nowners >= MODEL_OWNERS_MAX)
		return model_fail(err, MODEL_ERR_INVALID, SAY_OWNER_TWICE,
		    (unsigned long long)ev->seq);
	a->owners = xrealloc(a->owners, (a->nowners + 1) * sizeof *a->owners);
	a->owners[a->nowners++] = o;
	snprintf(msg, len, LOG_OWNER_ADDED, owner_name(ws, &o));
	return 0;
}

/*
 * "Police agreed", "Ana, Police and the facilitator agreed; the action is
 * agreed": one whole sentence (LOG_AGREED...) per case, the owners' names
 * its argument, joined by commas (the same in every language).
 */
static int
commit_commit(struct workshop *ws, const struct event *ev, struct action *a,
    char *msg, size_t len, struct model_error *err)
{
	bool agree = ev->value == 1, fac = ev->value2 != 0, all = true, done;
	char who[4 * MODEL_NAME_MAX + 32];
	size_t i, used = 0, named;
	const char *fmt;
	int n;

	if (a->status != ACTION_PROPOSED ||
	    (a->nowners < 32 && (ev->flags >> a->nowners) != 0) ||
	    (ev->flags == 0 && !fac))
		return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_COMMITMENT,
		    (unsigned long long)ev->seq);
	who[0] = '\0';
	for (i = 0, named = 0; i < a->nowners && i < 32; i++) {
		if (!(ev->flags & (1u << i)))
			continue;
		a->owners[i].committed = agree;
		/* Three names at most: the record line stays a line. */
		if (named++ >= 3)
			continue;
		n = snprintf(who + used, sizeof who - used, "%s%s",
		    used ? ", " : "", owner_name(ws, &a->owners[i]));
		if (n > 0 && (size_t)n < sizeof who - used)
			used += (size_t)n;
	}
	if (named > 3)
		snprintf(who + used, sizeof who - used, " (+%zu)", named - 3);
	if (fac)
		a->fac_agreed = agree;
	for (i = 0; i < a->nowners; i++)
		all = all && a->owners[i].committed;
	done = agree && all && a->nowners > 0 && a->fac_agreed && a->due != 0;
	if (done)
		a->status = ACTION_AGREED;
	if (named == 0) {
		snprintf(msg, len, "%s", !agree ? N_("the facilitator took "
		    "back their agreement") : done ? N_("the facilitator "
		    "agreed; the action is agreed") :
		    N_("the facilitator agreed"));
		return 0;
	}
	if (!agree)
		fmt = fac ? LOG_TOOK_BACK_FAC : LOG_TOOK_BACK;
	else if (done)
		fmt = fac ? LOG_AGREED_FAC_ALL : LOG_AGREED_ALL;
	else
		fmt = fac ? LOG_AGREED_FAC : LOG_AGREED;
	snprintf(msg, len, fmt, who);
	return 0;
}

static int
commit_meeting(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	if (ev->id != ws->nmeetings + 1 || !model_date_valid(ev->value) ||
	    (ws->nmeetings > 0 &&
	    ev->value < ws->meetings[ws->nmeetings - 1].date))
		return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_MEETING,
		    (unsigned long long)ev->seq);
	meeting_add(ws, ev->value, ev->time);
	/* A new day: hands from the last one are down. */
	hands_down(ws);
	ws->speaker = 0;
	clock_phase_ended(ws);
	return 0;
}

void
hands_down(struct workshop *ws)
{
	size_t	i;

	for (i = 0; i < ws->npeople; i++)
		ws->people[i].hand = 0;
}

void
meeting_add(struct workshop *ws, int32_t date, int64_t started)
{
	struct meeting *m;

	ws->meetings = model_grow(ws->meetings, ws->nmeetings,
	    &ws->meetings_cap, sizeof *ws->meetings);
	m = &ws->meetings[ws->nmeetings++];
	*m = (struct meeting){ 0 };
	m->id = (uint32_t)ws->nmeetings;
	m->date = date;
	m->started = started;
	ws->meeting = m->id;
	/* The facilitator at the serving terminal is there. */
	attend(m, MODEL_FACILITATOR, true);
	/* The new meeting's time starts in the phase the room is in. */
	visit_begin(ws, started);
}

void
attend(struct meeting *m, uint32_t who, bool came)
{
	size_t i;

	for (i = 0; i < m->ncame; i++)
		if (m->came[i] == who)
			break;
	if (came && i == m->ncame) {
		m->came = model_grow(m->came, m->ncame, &m->came_cap,
		    sizeof *m->came);
		m->came[m->ncame++] = who;
	} else if (!came && i < m->ncame) {
		memmove(&m->came[i], &m->came[i + 1],
		    (m->ncame - i - 1) * sizeof *m->came);
		m->ncame--;
	}
}

int
action_commit(struct workshop *ws, const struct event *ev, bool client,
    struct model_error *err)
{
	unsigned long long seq = (unsigned long long)ev->seq;
	struct item *it, *into;
	struct action *a;
	struct meeting *m;
	char msg[MODEL_WHAT_MAX + 4 * MODEL_NAME_MAX + 100], buf[16];
	int r = -1;

	(void)client;
	switch (ev->type) {
	case EVENT_MEETING:
		return commit_meeting(ws, ev, err);
	case EVENT_ATTEND:
		m = model_meeting(ws, ev->id);
		if (m == NULL || model_person(ws, ev->ref) == NULL)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_BAD_ATTENDANCE, seq);
		attend(m, ev->ref, ev->value == 1);
		return 0;
	case EVENT_NEXT_REVIEW:
		if (ev->value != 0 && !model_date_valid(ev->value))
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_BAD_REVIEW, seq);
		ws->next_review = ev->value;
		return 0;
	case EVENT_MERGE:
		it = model_item(ws, ev->ref);
		into = ev->value > 0 ? model_item(ws, (uint32_t)ev->value) :
		    NULL;
		if (it == NULL || into == NULL || it == into ||
		    it->kind != into->kind || it->kind == ITEM_EXIT)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_BAD_MERGE, seq);
		it->status = STATUS_MERGED;
		it->number = into->id;
		index_merged(ws, it);
		return 0;
	case EVENT_ITEM_EDIT:
		it = model_item(ws, ev->ref);
		if (it == NULL || it->kind == ITEM_HIDDEN || ev->text == NULL ||
		    (it->kind == ITEM_ACTION) != (ev->id != 0) ||
		    (ev->id != 0 && ev->id != ws->nitems + 1))
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_BAD_EDIT, seq);
		free(it->text);
		it->text = xstrdup(ev->text);
		/* A nameless edit (the Chatham House Rule) is nobody's: a
		 * screen that knew the author from before the rule was set
		 * cannot tell theirs from a facilitator's, as one that never
		 * knew cannot.  Nobody else edits with no actor. */
		if (ev->actor != MODEL_SYSTEM && ev->actor != it->author)
			it->flags |= ITEM_F_EDITED;
		if (it->kind == ITEM_ACTION) {
			if (ev->flags & ACTION_F_UNAGREE)
				unagree(it->action);
			snprintf(msg, sizeof msg, LOG_WHAT, ev->text);
			add_log(ws, ev, it, msg);
		}
		return 0;
	}

	it = model_item(ws, ev->ref);
	if (it == NULL || it->kind != ITEM_ACTION || it->action == NULL ||
	    ev->id != ws->nitems + 1)
		return model_fail(err, MODEL_ERR_INVALID, SAY_NOT_AN_ACTION,
		    seq);
	a = it->action;
	switch (ev->type) {
	case EVENT_ACTION_SET:
		r = commit_set(ws, ev, a, msg, sizeof msg, err);
		if (r == 0 && (ev->flags & ACTION_F_UNAGREE))
			unagree(a);
		break;
	case EVENT_ACTION_OWNER:
		r = commit_owner(ws, ev, a, msg, sizeof msg, err);
		break;
	case EVENT_ACTION_COMMIT:
		r = commit_commit(ws, ev, a, msg, sizeof msg, err);
		break;
	case EVENT_MILESTONE:
		if (!model_date_valid(ev->value) || ev->text == NULL ||
		    a->nmilestones >= MODEL_MILESTONES_MAX)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_BAD_MILESTONE, seq);
		a->milestones = xrealloc(a->milestones,
		    (a->nmilestones + 1) * sizeof *a->milestones);
		a->milestones[a->nmilestones++] = (struct milestone){
		    .date = ev->value, .text = xstrdup(ev->text) };
		snprintf(msg, sizeof msg, LOG_MILESTONE,
		    model_date_format(ev->value, buf, sizeof buf), ev->text);
		r = 0;
		break;
	case EVENT_MILESTONE_TICK:
		if (ev->value < 0 || (size_t)ev->value >= a->nmilestones)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_BAD_MILESTONE, seq);
		a->milestones[ev->value].done = ev->value2 != 0;
		a->milestones[ev->value].meeting = ev->value2 != 0 ?
		    ws->meeting : 0;
		snprintf(msg, sizeof msg, ev->value2 ? LOG_MILESTONE_DONE :
		    LOG_MILESTONE_UNDONE, a->milestones[ev->value].text);
		r = 0;
		break;
	default:
		return model_fail(err, MODEL_ERR_INVALID, SAY_UNKNOWN_EVENT,
		    seq, ev->type);
	}
	if (r == 0)
		add_log(ws, ev, it, msg);
	return r;
}
