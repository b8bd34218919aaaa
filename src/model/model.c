/*
 * model.c - the workshop state and the reducer.
 *
 * model_check() decides, model_commit() changes; nothing else changes a
 * workshop (but model_set_present, which is connection state and not part
 * of the record).  Invariants kept by model_commit:
 *  - groups[i].id == i + 1, people[i].id == i + 1, items[i].id == i + 1;
 *  - seq grows by one per event (by more on clients, whose view is
 *    filtered);
 *  - participant 1 is the facilitator, made with the room.
 * The check and commit sides validate independently: a journal written by
 * a buggy or older server, or a damaged one, must fail to replay with a
 * message instead of building a state no intent could have made.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model-internal.h"
#include "roundtable/text.h"

/* TRANSLATORS: the kinds of phase, as headers and in sentences such as
 * "ground rules are decided in the %s phase". */
static const char *const phase_names[PHASE_COUNT] = {
	N_("Welcome"),
	N_("Expectations"),
	N_("Ground rules"),
	N_("Dialogue"),
	N_("Caucus"),
	N_("Charter"),
	N_("Framing and vision"),
	N_("Action plans"),
	N_("Follow-up and exit"),
	[PHASE_MATRIX] = N_("Matrix"),
	[PHASE_INDICATORS] = N_("Indicators"),
};

/* What a participant adds in each phase (DESIGN.md §2); the noun names
 * the field in a refusal ("the %s is too long"), where it is translated
 * (model_words).
 * TRANSLATORS: what a participant writes, as the name of a field. */
static const struct {
	int		 kind;
	const char	*noun;
} contributions[PHASE_COUNT] = {
	{ ITEM_HIDDEN, NULL },
	{ ITEM_EXPECTATION, N_("expectation") },
	{ ITEM_RULE, N_("ground rule") },
	{ ITEM_ANSWER, N_("answer") },
	{ ITEM_CAUCUS_NOTE, N_("caucus note") },
	{ ITEM_SECTION_TEXT, N_("charter text") },
	{ ITEM_VISION, N_("vision statement") },
	{ ITEM_ACTION, N_("action") },
	{ ITEM_LESSON, N_("lesson") },
	/* ref row, value2 column */
	[PHASE_MATRIX] = { ITEM_CELL, N_("entry") },
	[PHASE_INDICATORS] = { ITEM_INDICATOR, N_("indicator") },
};

/*
 * The refusals with arguments (model-internal.h), for the screens.
 * i18n_from_wire takes the first that matches, and a word argument
 * matches anything: a sentence that another one's would swallow
 * ("this section is %s" swallows "this section is %s; reopen it first")
 * comes after it.
 */
#define WORD	(1u << 0)	/* the first argument is a marked word */
static const struct i18n_format said[] = {
	{ SAY_OWN_PHASE, 0 },	/* a phase's title: the room's words */
	{ SAY_TIMEBOX, 0 },
	{ SAY_MAX_PHASES, 0 },
	{ SAY_BAD_AGENDA, 0 },
	{ SAY_BAD_STEP, 0 },
	{ SAY_BAD_CLOCK, 0 },
	{ SAY_TIMER_HOURS, 0 },
	{ SAY_INDICATOR_IS, 1u << 0 },	/* a status */
	{ SAY_BAD_TARGET, 0 },
	{ SAY_SCALE_POINTS, 0 },
	{ SAY_SCALE_LABEL, 0 },
	{ SAY_SCALE_MEANING, 0 },
	{ SAY_BAD_SCALE, 0 },
	{ SAY_ONLY_FACILITATOR, WORD },	/* what was tried */
	{ SAY_OBSERVERS_NOT, WORD },
	{ SAY_FACILITATORS_NOT, WORD },
	{ SAY_NOTHING_TO_WRITE, WORD },	/* a kind of phase */
	{ SAY_NOT_WRITTEN_DURING, WORD },
	{ SAY_DECIDED_CHARTER, WORD },
	{ SAY_DECIDED_INDICATORS, WORD },
	{ SAY_DECIDED_QUESTIONS, WORD },
	{ SAY_DECIDED_RULES, WORD },
	{ SAY_DECIDED_IN, WORD },
	{ SAY_NOT_AMENDABLE, WORD },	/* a status */
	{ SAY_QUESTION_NOT_PUT, WORD },
	{ SAY_PROPOSAL_ALREADY, WORD },
	{ SAY_SECTION_REOPEN, WORD },	/* before SAY_SECTION_IS */
	{ SAY_SECTION_IS, WORD },
	{ SAY_TEXT_ALREADY, WORD },
	{ SAY_ALREADY, WORD },
	{ SAY_QUESTION_CHECK_FIRST, WORD },
	{ SAY_QUESTION_NOT_OWN, WORD },
	{ SAY_REPORT_ALREADY, WORD },
	{ SAY_THIS_ALREADY, WORD },
	{ SAY_SCORE_UNAGREED, WORD },
	{ SAY_DOTS_CHOICES, WORD },	/* what a dot vote chooses among */
	{ SAY_FIELD_MISSING, WORD },	/* a field's name */
	{ SAY_FIELD_EMPTY, WORD },
	{ SAY_FIELD_TOO_LONG, WORD },
	{ SAY_FIELD_NOT_UTF8, WORD },
	{ SAY_FIELD_CONTROL, WORD },
	{ SAY_SECRET_CHARS, WORD },
	{ SAY_TAKES_NO_TEXT, WORD },	/* what refused it */
	{ SAY_TAKES_NO_TEXT2, WORD },
	{ SAY_TAKES_NO_SECRET, WORD },
	{ SAY_TAKES_NO_LANG, WORD },
	{ SAY_SECTION_NOT_WRITTEN, 0 },	/* a section's number */
	{ SAY_SECTION_FROM_ROOM, 0 },
	{ SAY_ITEMS_LIMIT, 0 },
	{ SAY_GROUP_EXISTS, 0 },	/* names: the room's words */
	{ SAY_MAX_GROUPS, 0 },
	{ SAY_NAME_TAKEN, 0 },
	{ SAY_NO_PHASE, 0 },
	{ SAY_ALREADY_IN, 0 },		/* a phase's title */
	{ SAY_UNKNOWN_REQUEST, 0 },
	{ SAY_DOTS_EACH, 0 },
	{ SAY_DOTS_SPENT, 0 },
	{ SAY_SCALE, 0 },
	{ SAY_REASON_LATE, 0 },
	{ VERDICT_GROUP_BLOCKED, 0 },
	{ VERDICT_GROUP_APPROVED, 0 },
	{ VERDICT_MAJORITY, 0 },
	{ VERDICT_NO_MAJORITY, 0 },
	{ VERDICT_TWO_THIRDS, 0 },
	{ VERDICT_NO_TWO_THIRDS, 0 },
	{ VERDICT_CONSENSUS_BOTH, 0 },
	{ VERDICT_CONSENSUS_RES, 0 },
	{ VERDICT_CONSENSUS_ASIDE, 0 },
	{ VERDICT_FB_MAJ_1, 0 },
	{ VERDICT_FB_NOMAJ_1, 0 },
	{ VERDICT_FB_23_1, 0 },
	{ VERDICT_FB_NO23_1, 0 },
	{ VERDICT_FB_MAJ, 0 },
	{ VERDICT_FB_NOMAJ, 0 },
	{ VERDICT_FB_23, 0 },
	{ VERDICT_FB_NO23, 0 },
	{ VERDICT_BLOCKED, 0 },
	{ VERDICT_BLOCKED_ROUND, 0 },
	/* action.c: refusals (a longer format before a shorter one it
	 * begins like). */
	{ SAY_NOT_A_DATE, 0 },
	{ SAY_DATE_YEAR, 0 },
	{ SAY_DATE_MONTH, 0 },
	{ SAY_DATE_DAYS, 1u << 1 },	/* a month */
	{ SAY_NOT_AN_AMOUNT, 0 },
	/* An action's statuses, "done" as an action is. */
	{ SAY_ACTION_WAS, I18N_ACTION_STATUS(0) },
	{ SAY_ACTION_PHASES, 1u << 0 | 1u << 1 },
	{ SAY_ACTION_NOW, I18N_ACTION_STATUS(0) },
	{ SAY_ACTION_ALREADY, I18N_ACTION_STATUS(0) },
	{ SAY_ACTION_IS_ALREADY, I18N_ACTION_STATUS(0) },
	{ SAY_STATUS_MOVE_OWNERS, I18N_ACTION_STATUS(0) |
	    I18N_ACTION_STATUS(1) },
	{ SAY_STATUS_MOVE, I18N_ACTION_STATUS(0) | I18N_ACTION_STATUS(1) },
	{ SAY_LINK_ADOPTED, 1u << 0 },
	{ SAY_MAX_OWNERS, 0 },
	{ SAY_MAX_MILESTONES, 0 },
	{ SAY_NO_MILESTONE, 0 },
	{ SAY_MAX_MEETINGS, 0 },
	{ SAY_MEETING_BEFORE, 0 },
	{ SAY_REVIEW_AFTER, 0 },
	{ SAY_NO_EDIT, 1u << 0 },
	{ SAY_EDITED_IN, 1u << 0 },
	{ SAY_MERGED_IN, 1u << 0 },
	{ SAY_NO_MERGE, 1u << 1 },
	{ SAY_MERGE_INTO, 1u << 1 },
	{ SAY_MAX_ITEMS, 0 },
	{ SAY_BAD_ACTION_SET, 0 },
	{ SAY_BAD_OWNER, 0 },
	{ SAY_NO_SUCH_OWNER, 0 },
	{ SAY_OWNER_TWICE, 0 },
	{ SAY_BAD_COMMITMENT, 0 },
	{ SAY_BAD_MEETING, 0 },
	{ SAY_BAD_ATTENDANCE, 0 },
	{ SAY_BAD_REVIEW, 0 },
	{ SAY_BAD_MERGE, 0 },
	{ SAY_BAD_EDIT, 0 },
	{ SAY_NOT_AN_ACTION, 0 },
	{ SAY_BAD_MILESTONE, 0 },
	{ SAY_UNKNOWN_EVENT, 0 },
	/* Last: they begin with a name or a point of the scale (any
	 * words), and would take any sentence that ends like them. */
	{ SAY_SCORE_OTHERS, WORD },	/* a point of the scale */
	{ SAY_SCORE, WORD },
	{ SAY_WAS_REMOVED, 0 },		/* a person's name */
	{ SAY_IN_GROUP_ALREADY, 0 },
	{ SAY_CANNOT_OWN, 0 },
	{ NULL, 0 }
};

/*
 * An action's records of changes (action.c, ITEM_F_LOG), a table of their
 * own: the people's words in them ("how: train staff (1 of 3)") must
 * never be taken for a refusal's format and half translated.
 */
static const struct i18n_format logged[] = {
	/* Those that begin with a field's name first; those that begin
	 * with who (any words) last. */
	{ LOG_HOW, 0 },			/* people's words */
	{ LOG_RESOURCES, 0 },
	{ LOG_PROVIDER, 0 },
	{ LOG_DUE, 0 },
	{ LOG_COST, I18N_AMOUNT(0) },
	{ LOG_STATUS, I18N_ACTION_STATUS(0) },
	{ LOG_INDICATOR, 0 },
	{ LOG_OWNER_ADDED, 1u << 0 },	/* a name, or "a participant" */
	{ LOG_OWNER_REMOVED, 1u << 0 },
	{ LOG_WHAT, 0 },
	{ LOG_MILESTONE, 0 },
	{ LOG_MILESTONE_DONE, 0 },
	{ LOG_MILESTONE_UNDONE, 0 },
	/* Last: they begin with who (any words) and would take any
	 * sentence ending like them. */
	{ LOG_AGREED_FAC_ALL, 1u << 0 },
	{ LOG_AGREED_ALL, 1u << 0 },
	{ LOG_AGREED_FAC, 1u << 0 },
	{ LOG_AGREED, 1u << 0 },
	{ LOG_TOOK_BACK_FAC, 1u << 0 },
	{ LOG_TOOK_BACK, 1u << 0 },
	{ NULL, 0 }
};

const struct i18n_format *const model_words[] = { said, NULL };
const struct i18n_format *const model_log_words[] = { logged, NULL };

int
model_fail(struct model_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL) {
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

struct workshop *
model_new(void)
{
	struct workshop *ws = xcalloc(1, sizeof *ws);

	ws->phase = PHASE_WELCOME;
	return ws;
}

void
model_free(struct workshop *ws)
{
	size_t i;

	if (ws == NULL)
		return;
	for (i = 0; i < ws->ngroups; i++)
		free(ws->groups[i].name);
	for (i = 0; i < ws->npeople; i++) {
		free(ws->people[i].name);
		free(ws->people[i].token);
	}
	for (i = 0; i < ws->nitems; i++) {
		free(ws->items[i].text);
		free(ws->items[i].text2);
		free(ws->items[i].body);
		action_free(ws->items[i].action);
		indicator_free(ws->items[i].ind);
	}
	meetings_free(ws);
	for (i = 0; i < ws->npolls; i++)
		poll_free(&ws->polls[i]);
	free(ws->polls);
	free(ws->groups);
	free(ws->people);
	free(ws->items);
	for (i = 0; i < ITEM_KIND_COUNT; i++)
		free(ws->by_kind[i].ids);
	free(ws->merged.ids);
	free(ws->pinned.ids);
	for (i = 0; i < ws->nby_ref; i++)
		free(ws->by_ref[i].ids.ids);
	free(ws->by_ref);
	steps_free(ws);
	free(ws->visits);
	free(ws->title);
	free(ws->code);
	free(ws->fac_code);
	free(ws->lang);
	free(ws);
}

/* Grows an array to hold one more element. */
void *
model_grow(void *base, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return base;
	*cap = *cap == 0 ? 16 : *cap * 2;
	return xrealloc(base, *cap * size);
}

char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

/* --- lookups ------------------------------------------------------------ */

struct group *
model_group(const struct workshop *ws, uint32_t id)
{
	if (id == 0 || id > ws->ngroups)
		return NULL;
	return &ws->groups[id - 1];
}

struct group *
model_group_by_name(const struct workshop *ws, const char *name)
{
	size_t i;

	for (i = 0; i < ws->ngroups; i++)
		if (strcasecmp(ws->groups[i].name, name) == 0)
			return &ws->groups[i];
	return NULL;
}

struct participant *
model_person(const struct workshop *ws, uint32_t id)
{
	if (id == 0 || id > ws->npeople)
		return NULL;
	return &ws->people[id - 1];
}

struct participant *
model_person_by_name(const struct workshop *ws, const char *name)
{
	size_t i;

	for (i = 0; i < ws->npeople; i++)
		if (ws->people[i].name != NULL &&
		    text_name_same(ws->people[i].name, name))
			return &ws->people[i];
	return NULL;
}

struct item *
model_item(const struct workshop *ws, uint32_t id)
{
	if (id == 0 || id > ws->nitems)
		return NULL;
	return &ws->items[id - 1];
}

static bool
is_statement(int kind)
{
	return kind == ITEM_PROBLEM || kind == ITEM_VISION;
}

void
model_number_statements(struct workshop *ws)
{
	size_t i;

	ws->statements = 0;
	for (i = 0; i < ws->nitems; i++)
		ws->items[i].ordinal = is_statement(ws->items[i].kind) ?
		    ++ws->statements : 0;
}

/* Puts id in its place in x (almost always last: ids grow). */
static void
index_insert(struct item_index *x, uint32_t id)
{
	size_t	at = x->n;

	x->ids = model_grow(x->ids, x->n, &x->cap, sizeof *x->ids);
	while (at > 0 && x->ids[at - 1] > id)
		at--;
	if (at > 0 && x->ids[at - 1] == id)
		return;
	memmove(x->ids + at + 1, x->ids + at, (x->n - at) * sizeof *x->ids);
	x->ids[at] = id;
	x->n++;
}

static void
index_remove(struct item_index *x, uint32_t id)
{
	size_t	lo = 0, hi = x->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->n || x->ids[lo] != id)
		return;
	memmove(x->ids + lo, x->ids + lo + 1,
	    (x->n - lo - 1) * sizeof *x->ids);
	x->n--;
}

bool
model_indexes_ref(int kind)
{
	return kind == ITEM_ANSWER || kind == ITEM_CAUCUS_NOTE ||
	    kind == ITEM_PROGRESS || kind == ITEM_CELL;
}

/* Where (kind, ref) is, or would be inserted, in ws->by_ref. */
static size_t
ref_slot(const struct workshop *ws, int kind, uint32_t ref)
{
	size_t	lo = 0, hi = ws->nby_ref, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ws->by_ref[mid].kind < kind ||
		    (ws->by_ref[mid].kind == kind && ws->by_ref[mid].ref < ref))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
index_ref(struct workshop *ws, const struct item *it)
{
	size_t	at;

	if (!model_indexes_ref(it->kind) || it->ref == 0)
		return;
	at = ref_slot(ws, it->kind, it->ref);
	if (at == ws->nby_ref || ws->by_ref[at].kind != it->kind ||
	    ws->by_ref[at].ref != it->ref) {
		ws->by_ref = model_grow(ws->by_ref, ws->nby_ref,
		    &ws->by_ref_cap, sizeof *ws->by_ref);
		memmove(ws->by_ref + at + 1, ws->by_ref + at,
		    (ws->nby_ref - at) * sizeof *ws->by_ref);
		ws->by_ref[at] = (struct ref_index){ .kind = it->kind,
		    .ref = it->ref };
		ws->nby_ref++;
	}
	index_insert(&ws->by_ref[at].ids, it->id);
}

void
index_item(struct workshop *ws, const struct item *it)
{
	if (it->kind >= ITEM_HIDDEN && it->kind < ITEM_KIND_COUNT)
		index_insert(&ws->by_kind[it->kind], it->id);
}

void
index_kind_changed(struct workshop *ws, const struct item *it, int old)
{
	if (old == it->kind)
		return;
	if (old >= ITEM_HIDDEN && old < ITEM_KIND_COUNT)
		index_remove(&ws->by_kind[old], it->id);
	index_item(ws, it);
}

void
index_merged(struct workshop *ws, const struct item *it)
{
	index_insert(&ws->merged, it->id);
}

void
index_pinned(struct workshop *ws, const struct item *it)
{
	if (it->kind == ITEM_ANSWER && (it->flags & ITEM_F_PINNED))
		index_insert(&ws->pinned, it->id);
	else
		index_remove(&ws->pinned, it->id);
}

void
model_index_items(struct workshop *ws)
{
	size_t	i;

	for (i = 0; i < ITEM_KIND_COUNT; i++)
		ws->by_kind[i].n = 0;
	ws->merged.n = 0;
	ws->pinned.n = 0;
	for (i = 0; i < ws->nby_ref; i++)
		free(ws->by_ref[i].ids.ids);
	ws->nby_ref = 0;
	for (i = 0; i < ws->nitems; i++) {
		index_item(ws, &ws->items[i]);
		index_ref(ws, &ws->items[i]);
		if (ws->items[i].status == STATUS_MERGED &&
		    ws->items[i].kind != ITEM_SECTION_TEXT)
			index_merged(ws, &ws->items[i]);
		if (ws->items[i].kind == ITEM_ANSWER &&
		    (ws->items[i].flags & ITEM_F_PINNED))
			index_pinned(ws, &ws->items[i]);
	}
}

const uint32_t *
model_items_of_ref(const struct workshop *ws, int kind, uint32_t ref,
    size_t *n)
{
	size_t	at = ref_slot(ws, kind, ref);

	if (at == ws->nby_ref || ws->by_ref[at].kind != kind ||
	    ws->by_ref[at].ref != ref) {
		*n = 0;
		return NULL;
	}
	*n = ws->by_ref[at].ids.n;
	return ws->by_ref[at].ids.ids;
}

const uint32_t *
model_pinned_answers(const struct workshop *ws, size_t *n)
{
	*n = ws->pinned.n;
	return ws->pinned.ids;
}

const uint32_t *
model_merged_items(const struct workshop *ws, size_t *n)
{
	*n = ws->merged.n;
	return ws->merged.ids;
}

const uint32_t *
model_items_of_kind(const struct workshop *ws, int kind, size_t *n)
{
	if (kind < ITEM_HIDDEN || kind >= ITEM_KIND_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = ws->by_kind[kind].n;
	return ws->by_kind[kind].ids;
}

struct item *
model_section(const struct workshop *ws, uint32_t code)
{
	size_t i;

	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == ITEM_SECTION &&
		    ws->items[i].number == code)
			return &ws->items[i];
	return NULL;
}

bool
model_is_facilitator(const struct workshop *ws, uint32_t who)
{
	struct participant *p = model_person(ws, who);

	return p != NULL && (p->role == ROLE_FACILITATOR ||
	    p->role == ROLE_COFACILITATOR);
}

const char *
model_phase_name(int phase)
{
	if (phase < 0 || phase >= PHASE_COUNT)
		return "?";
	return phase_names[phase];
}

const char *
model_role_name(int role)
{
	switch (role) {
	case ROLE_FACILITATOR:
		return N_("facilitator");
	case ROLE_COFACILITATOR:
		return N_("co-facilitator");
	case ROLE_PARTICIPANT:
		return N_("participant");
	case ROLE_OBSERVER:
		return N_("observer");
	}
	return "?";
}

const char *
model_status_name(int status)
{
	switch (status) {
	case STATUS_OPEN:
		/* TRANSLATORS: an item's status: open to the room's
		 * discussion (the rule of confidentiality "open" has the
		 * context "confidentiality"). */
		return N_("open");
	case STATUS_DRAFT:
		return N_("draft");
	case STATUS_PROPOSED:
		return N_("proposed");
	case STATUS_ADOPTED:
		return N_("adopted");
	case STATUS_REJECTED:
		return N_("not adopted");
	case STATUS_WITHDRAWN:
		return N_("withdrawn");
	case STATUS_NOT_APPLICABLE:
		return N_("not applicable");
	case STATUS_MERGED:
		return N_("merged");
	case STATUS_ANSWERED:
		return N_("answered");
	}
	return "?";
}

const char *
model_contribution_noun(int phase)
{
	if (phase < 0 || phase >= PHASE_COUNT)
		return NULL;
	return contributions[phase].noun;
}

int
model_contribution_kind(int phase)
{
	if (phase < 0 || phase >= PHASE_COUNT)
		return ITEM_HIDDEN;
	return contributions[phase].kind;
}

/* --- visibility --------------------------------------------------------- */

/*
 * The one rule of who may see an item at all, used for items and for
 * events: caucus notes, unrevealed report-backs and the entries of a
 * private matrix stay in their group (and with the facilitators); points
 * of order go to the facilitators.  The author always sees their own.
 */
static bool
visible(const struct workshop *ws, const struct item *it, uint32_t viewer)
{
	struct participant *p;

	if (viewer != MODEL_SYSTEM && viewer == it->author)
		return true;
	switch (it->kind) {
	case ITEM_CAUCUS_NOTE:
		break;
	case ITEM_CAUCUS_REPORT:
		if (it->flags & ITEM_F_REVEALED)
			return true;
		break;
	case ITEM_CELL:
		if (!model_cell_private(ws, it))
			return true;
		break;
	case ITEM_GRIEVANCE:
		return model_is_facilitator(ws, viewer);
	default:
		return true;
	}
	/* A group's own space. */
	if (model_is_facilitator(ws, viewer))
		return true;
	/* Members are participants: an observer has no caucus. */
	p = model_person(ws, viewer);
	return p != NULL && p->role == ROLE_PARTICIPANT && p->group != 0 &&
	    p->group == it->group;
}

/* May this viewer know who wrote it?  Under the Chatham House Rule, set
 * then or since, only its author; an anonymous point of order tells
 * nobody. */
bool
model_author_shown(const struct workshop *ws, const struct item *it,
    uint32_t viewer)
{
	if (viewer != MODEL_SYSTEM && viewer == it->author)
		return true;
	if (it->kind == ITEM_GRIEVANCE && (it->flags & ITEM_F_ANONYMOUS))
		return false;
	/* A point of order goes to the facilitators, not to the room: one
	 * its author signed names them on a co-facilitator's screen under
	 * any rule (the facilitators must know whom to protect; under the
	 * Chatham House Rule it said "name withheld").  The serving screen,
	 * which the room reads, keeps the rule. */
	if (it->kind == ITEM_GRIEVANCE && viewer != MODEL_FACILITATOR)
		return true;
	/* Questions are the facilitators' own, not contributions. */
	if (it->kind == ITEM_QUESTION || it->kind == ITEM_CAUCUS_QUESTION)
		return true;
	return !model_author_hidden(ws, it->phase, it->conf);
}

/* A caucus's notes and reports, and a private matrix's entries, belong
 * to their group's space: those who may see them know whose space it is,
 * so the group stays when the name goes. */
static bool
keeps_group(const struct workshop *ws, const struct item *it)
{
	return it->kind == ITEM_CAUCUS_NOTE || it->kind == ITEM_CAUCUS_REPORT ||
	    model_cell_private(ws, it);
}

bool
model_item_visible(const struct workshop *ws, const struct item *it,
    uint32_t viewer)
{
	return visible(ws, it, viewer);
}

void
model_item_view(const struct workshop *ws, const struct item *it,
    uint32_t viewer, struct item *out)
{
	if (!model_item_visible(ws, it, viewer)) {
		*out = (struct item){ 0 };
		out->id = it->id;
		out->kind = ITEM_HIDDEN;
		return;
	}
	*out = *it;
	if (!model_author_shown(ws, it, viewer)) {
		out->author = 0;
		if (!keeps_group(ws, it))
			out->group = 0;
	}
}

/* A reason that follows its answer goes where the answer went: to a
 * facilitator following a named check, and to everyone once the check
 * is revealed, without its author's name in an anonymous one.  Before the
 * reveal nobody else hears of it (not even that there is one). */
static int
reason_audience(const struct workshop *ws, const struct poll *p, bool fac)
{
	bool anon = model_poll_nameless(ws, p);

	if (p->state == POLL_REVEALED)
		return anon ? AUDIENCE_NAMELESS : AUDIENCE_WHOLE;
	return fac && !anon ? AUDIENCE_WHOLE : AUDIENCE_NONE;
}

int
model_event_audience(const struct workshop *ws, const struct event *ev,
    uint32_t viewer)
{
	const struct poll *p = NULL;
	const struct item *it;
	bool fac = model_is_facilitator(ws, viewer), member;

	if (viewer == ev->actor && viewer != MODEL_SYSTEM)
		return AUDIENCE_AUTHOR;
	switch (ev->type) {
	case EVENT_STATUS:
		/* Adopted, withdrawn ...: not a word about an item the
		 * viewer cannot see, nor who withdrew what they may not
		 * know the author of. */
		it = model_item(ws, ev->ref);
		if (it == NULL || !model_item_visible(ws, it, viewer))
			return AUDIENCE_NONE;
		return model_author_shown(ws, it, viewer) ? AUDIENCE_WHOLE :
		    AUDIENCE_NAMELESS;
	case EVENT_ITEM:
		it = model_item(ws, ev->id);
		if (it == NULL)
			return AUDIENCE_REDACTED;
		if (!model_item_visible(ws, it, viewer))
			return AUDIENCE_REDACTED;
		return model_author_shown(ws, it, viewer) ? AUDIENCE_WHOLE :
		    AUDIENCE_NAMELESS;
	case EVENT_ANSWERED:
		it = model_item(ws, ev->ref);
		return it != NULL && model_item_visible(ws, it, viewer) ?
		    AUDIENCE_WHOLE : AUDIENCE_NONE;
	case EVENT_ACTION_SET:
	case EVENT_ACTION_OWNER:
	case EVENT_ACTION_COMMIT:
	case EVENT_MILESTONE:
	case EVENT_MILESTONE_TICK:
		/* Who changed an action is said as its record says it. */
		it = model_item(ws, ev->id);
		return it == NULL || model_author_shown(ws, it, viewer) ? AUDIENCE_WHOLE :
		    AUDIENCE_NAMELESS;
	case EVENT_ITEM_EDIT:
	case EVENT_MERGE:
		/* An author editing their own words under the Chatham House
		 * Rule must not be told apart from a facilitator doing it;
		 * an edit to an action is said as its record says it.  Who
		 * may not see the item (a private matrix's entry) hears
		 * nothing of it. */
		it = model_item(ws, ev->ref);
		if (it != NULL && !model_item_visible(ws, it, viewer))
			return AUDIENCE_NONE;
		it = model_item(ws, ev->id != 0 ? ev->id : ev->ref);
		return it == NULL || model_author_shown(ws, it, viewer) ? AUDIENCE_WHOLE :
		    AUDIENCE_NAMELESS;
	case EVENT_REMOVE:
		/* The reason is for the facilitators and the one removed. */
		return fac || viewer == ev->ref ? AUDIENCE_WHOLE :
		    AUDIENCE_REDACTED;
	case EVENT_POLL_OPEN:
	case EVENT_VOTE:
	case EVENT_REASON:
	case EVENT_DOT:
	case EVENT_POLL_CLOSE:
	case EVENT_POLL_REVEAL:
		p = model_poll(ws, ev->type == EVENT_POLL_OPEN ? ev->id :
		    ev->ref);
		break;
	default:
		return AUDIENCE_WHOLE;
	}
	if (p == NULL)
		return AUDIENCE_REDACTED;
	member = model_person(ws, viewer) != NULL &&
	    model_person(ws, viewer)->role == ROLE_PARTICIPANT &&
	    model_person(ws, viewer)->group == p->group;
	if (p->flags & POLL_F_GROUP) {
		/* A caucus approving its own report: nobody else hears of it
		 * but that there is such a check. */
		if (!member && !fac)
			return ev->type == EVENT_POLL_OPEN ? AUDIENCE_REDACTED :
			    AUDIENCE_NONE;
		if (ev->type == EVENT_VOTE)
			return fac && !model_poll_nameless(ws, p) ?
			    AUDIENCE_WHOLE : AUDIENCE_REDACTED;
		if (ev->type == EVENT_REASON)
			return reason_audience(ws, p, fac);
		return AUDIENCE_WHOLE;
	}
	switch (ev->type) {
	case EVENT_REASON:
		return reason_audience(ws, p, fac);
	case EVENT_VOTE:
	case EVENT_DOT:
		/* Answers stay with their author until the reveal, which
		 * sends them all at once; a facilitator follows a named
		 * poll as it goes. */
		return fac && !model_poll_nameless(ws, p) ?
		    AUDIENCE_WHOLE : AUDIENCE_REDACTED;
	case EVENT_POLL_CLOSE:
		return fac ? AUDIENCE_WHOLE : AUDIENCE_REDACTED;
	}
	return AUDIENCE_WHOLE;
}

/* Adds id to the persons in out[*n] unless it is nobody or there already. */
static void
add_person(uint32_t *out, size_t *n, uint32_t id)
{
	size_t i;

	if (id == 0 || id == MODEL_SYSTEM)
		return;
	for (i = 0; i < *n; i++)
		if (out[i] == id)
			return;
	out[(*n)++] = id;
}

size_t
model_event_persons(const struct workshop *ws, const struct event *ev,
    uint32_t out[MODEL_EVENT_PERSONS])
{
	const struct item *it;
	size_t n = 0;

	/* More than model_event_audience looks at, never less: a ref that
	 * is an item or a poll may also be a person's id, which only means
	 * working that person's audience out on its own. */
	add_person(out, &n, ev->actor);
	add_person(out, &n, ev->ref);
	if ((it = model_item(ws, ev->id)) != NULL)
		add_person(out, &n, it->author);
	if ((it = model_item(ws, ev->ref)) != NULL)
		add_person(out, &n, it->author);
	return n;
}

int
model_audience_class(const struct workshop *ws, uint32_t viewer)
{
	const struct participant *p = model_person(ws, viewer);

	if (p == NULL || p->role < 0 || p->role > ROLE_OBSERVER ||
	    p->group > MODEL_GROUPS_MAX)
		return -1;
	return p->role * (MODEL_GROUPS_MAX + 1) + (int)p->group;
}

bool
model_event_sees(const struct workshop *ws, const struct event *ev,
    uint32_t viewer)
{
	int a = model_event_audience(ws, ev, viewer);

	return a == AUDIENCE_WHOLE || a == AUDIENCE_AUTHOR;
}

void
model_event_view(const struct workshop *ws, const struct event *ev,
    uint32_t viewer, struct event *out)
{
	int audience = model_event_audience(ws, ev, viewer);
	const struct poll *p;
	const struct item *it;
	struct poll view;

	if (audience != AUDIENCE_REDACTED && audience != AUDIENCE_NONE) {
		*out = *ev;
		out->secret = NULL;
		out->lang = NULL;	/* the snapshot has it */
		out->votes = NULL;
		out->nvotes = 0;
		out->req = 0;	/* the author's ack carries it */
		if (audience == AUDIENCE_NAMELESS) {
			out->actor = 0;
			it = model_item(ws, ev->type == EVENT_STATUS ?
			    ev->ref : ev->id);
			if (it == NULL || !keeps_group(ws, it))
				out->group = 0;
			return;
		}
		p = model_poll(ws, ev->ref);
		if ((ev->type == EVENT_POLL_CLOSE ||
		    ev->type == EVENT_POLL_REVEAL) && p != NULL) {
			out->value = p->verdict;
			out->value2 = (int32_t)p->members;
			out->text = p->verdict_text;
		}
		/* A reveal, or a caucus's own check closing (which reveals
		 * it to the caucus), carries every answer. */
		if (p != NULL && (ev->type == EVENT_POLL_REVEAL ||
		    (ev->type == EVENT_POLL_CLOSE &&
		    (p->flags & POLL_F_GROUP)))) {
			model_poll_view(ws, p, MODEL_SYSTEM, &view);
			out->votes = view.votes;
			out->nvotes = view.nvotes;
		}
		if (ev->type == EVENT_REPORT_REVEAL &&
		    (it = model_item(ws, ev->ref)) != NULL) {
			/* For those who never saw it. */
			out->text = it->text;
			out->group = it->group;
			out->value = (int32_t)it->number;
			out->value2 = (int32_t)it->ref;
		}
		return;
	}
	*out = (struct event){ 0 };
	out->seq = ev->seq;
	out->time = ev->time;
	out->type = ev->type;
	switch (ev->type) {
	case EVENT_ITEM:
		out->id = ev->id;
		out->value = ITEM_HIDDEN;
		break;
	case EVENT_VOTE:
	case EVENT_DOT:
		out->ref = ev->ref;
		out->id = ev->id;	/* how many have answered */
		break;
	case EVENT_POLL_CLOSE:
		out->actor = ev->actor;
		out->ref = ev->ref;
		break;
	case EVENT_POLL_OPEN:
		/* Another caucus's check: there is one, nothing more. */
		out->id = ev->id;
		out->value = POLL_HIDDEN;
		out->flags = POLL_F_GROUP;
		out->group = ev->group;
		break;
	case EVENT_REMOVE:
		out->actor = ev->actor;
		out->ref = ev->ref;
		break;
	}
}

void
model_set_present(struct workshop *ws, uint32_t who, bool present)
{
	struct participant *p = model_person(ws, who);

	if (p != NULL)
		p->present = present;
}

/* --- checking ----------------------------------------------------------- */

/* Facilitator-only intents say which action was refused. */
static int
need_facilitator(const struct workshop *ws, uint32_t actor, const char *what,
    struct model_error *err)
{
	if (actor == MODEL_SYSTEM || model_is_facilitator(ws, actor))
		return 0;
	return model_fail(err, MODEL_ERR_ROLE, SAY_ONLY_FACILITATOR, what);
}

static bool
amendable(const struct item *rule)
{
	return rule->status == STATUS_DRAFT || rule->status == STATUS_PROPOSED ||
	    rule->status == STATUS_ADOPTED;
}

int
model_contribution_of(const struct workshop *ws, int32_t value,
    const char **noun)
{
	int kind = model_contribution_kind(ws->phase);

	*noun = model_contribution_noun(ws->phase);
	if (kind == ITEM_HIDDEN || value == 0 || value == kind)
		return kind;
	/* Phases where the room writes more than one kind of thing. */
	if (value == ITEM_PROBLEM && ws->phase == PHASE_VISION)
		*noun = N_("problem statement");
	else if (value == ITEM_PROGRESS && (ws->phase == PHASE_ACTIONS ||
	    ws->phase == PHASE_FOLLOWUP))
		*noun = N_("progress report");
	else if (value == ITEM_EXIT && ws->phase == PHASE_FOLLOWUP)
		*noun = N_("exit strategy");
	else if (value == ITEM_ACTION && ws->phase == PHASE_FOLLOWUP)
		*noun = N_("action");	/* a new action at a review */
	else if (value == ITEM_QUESTION && ws->phase == PHASE_DIALOGUE &&
	    model_step_proposes(ws))
		*noun = N_("question");	/* proposed, for the room to check */
	else {
		*noun = NULL;
		return ITEM_HIDDEN;
	}
	return value;
}

size_t
model_contribution_max(int kind)
{
	switch (kind) {
	case ITEM_ACTION:
		return MODEL_WHAT_MAX;
	case ITEM_PROGRESS:
		return MODEL_LINE_MAX;
	}
	return MODEL_TEXT_MAX;
}

static int
check_contribute(const struct workshop *ws, const struct participant *p,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct item *ref = NULL;
	const char *noun;
	int kind = model_contribution_of(ws, in->value, &noun);

	if (p->role == ROLE_OBSERVER)
		return model_fail(err, MODEL_ERR_ROLE,
		    N_("observers can read the room but not write in it"));
	if (model_contribution_kind(ws->phase) == ITEM_HIDDEN)
		return model_fail(err, MODEL_ERR_PHASE,
		    SAY_NOTHING_TO_WRITE, model_phase_name(ws->phase));
	if (kind == ITEM_HIDDEN && in->value == ITEM_CELL)
		return model_fail(err, MODEL_ERR_PHASE, N_("a matrix's cells "
		    "are written in its own phase"));
	/* Questions and indicators are proposed where the template lets
	 * the room propose them; elsewhere they are the facilitators'. */
	if (in->value == ITEM_QUESTION && ws->phase == PHASE_DIALOGUE &&
	    kind == ITEM_HIDDEN)
		return model_fail(err, MODEL_ERR_PHASE, N_("this phase takes "
		    "no proposed questions: the facilitators add its "
		    "questions"));
	if (kind == ITEM_HIDDEN)
		return model_fail(err, MODEL_ERR_PHASE, SAY_NOT_WRITTEN_DURING,
		    model_phase_name(ws->phase));
	if (kind == ITEM_INDICATOR && p->role == ROLE_PARTICIPANT &&
	    !model_step_proposes(ws))
		return model_fail(err, MODEL_ERR_PHASE, N_("this phase takes "
		    "no proposed indicators: the facilitators add its "
		    "indicators"));
	if (model_check_text(in->text, model_contribution_max(kind),
	    kind == ITEM_SECTION_TEXT, noun, err) != 0)
		return -1;
	if (ws->nitems >= MODEL_ITEMS_MAX)
		return model_fail(err, MODEL_ERR_LIMIT,
		    SAY_ITEMS_LIMIT, MODEL_ITEMS_MAX);

	if (kind == ITEM_RULE && in->ref != 0) {
		/* An amendment: new text for a rule put to the room. */
		ref = model_item(ws, in->ref);
		if (ref == NULL || ref->kind != ITEM_RULE)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("choose a ground rule to amend"));
		if (!amendable(ref))
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_NOT_AMENDABLE, model_status_name(ref->status));
		kind = ITEM_AMENDMENT;
	}
	switch (kind) {
	case ITEM_ANSWER:
		ref = model_item(ws, in->ref != 0 ? in->ref : ws->question);
		if (in->ref == 0 && ws->question == 0)
			return model_fail(err, MODEL_ERR_STATE,
			    N_("the facilitator has not put a question to "
			    "the room yet"));
		if (ref == NULL || ref->kind != ITEM_QUESTION)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("there is no such dialogue question"));
		if (!model_in_step(ws, ref))
			return model_fail(err, MODEL_ERR_PHASE,
			    N_("that question belongs to another phase"));
		if (!model_question_askable(ref))
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_QUESTION_NOT_PUT,
			    model_status_name(ref->status));
		break;
	case ITEM_CAUCUS_NOTE:
		ref = model_item(ws, in->ref != 0 ? in->ref :
		    model_first_question(ws, ITEM_CAUCUS_QUESTION));
		if (ref == NULL || ref->kind != ITEM_CAUCUS_QUESTION)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("there is no such caucus question"));
		if (!model_in_step(ws, ref))
			return model_fail(err, MODEL_ERR_PHASE, N_("that "
			    "caucus question belongs to another phase"));
		break;
	case ITEM_PROGRESS:
		ref = model_item(ws, in->ref);
		if (ref == NULL || ref->kind != ITEM_ACTION ||
		    ref->action == NULL)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("choose the action the report is about"));
		break;
	case ITEM_EXIT:
		if (in->value2 < EXIT_WIND_DOWN ||
		    in->value2 > EXIT_INSTITUTIONALISE)
			return model_fail(err, MODEL_ERR_INVALID, N_("choose "
			    "an exit strategy: wind down, hand over or "
			    "institutionalise"));
		ev->ref = (uint32_t)in->value2;
		break;
	case ITEM_SECTION_TEXT:
		ref = model_item(ws, in->ref);
		if (ref == NULL || ref->kind != ITEM_SECTION)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("choose a charter section to write for"));
		if (ref->number == 20 || ref->number == 41)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_SECTION_NOT_WRITTEN,
			    ref->number == 20 ? "2" : "4.1");
		break;
	case ITEM_CELL:
		if (matrix_cell_check(ws, in, &ref, err) != 0)
			return -1;
		break;
	default:
		break;
	}

	ev->type = EVENT_ITEM;
	ev->id = (uint32_t)ws->nitems + 1;
	ev->value = kind;
	ev->value2 = (kind == ITEM_RULE || kind == ITEM_SECTION_TEXT ||
	    kind == ITEM_AMENDMENT || kind == ITEM_INDICATOR ||
	    kind == ITEM_QUESTION) ? STATUS_PROPOSED : STATUS_OPEN;
	if (kind != ITEM_EXIT)
		ev->ref = ref != NULL ? ref->id : 0;
	if (kind == ITEM_CELL)
		ev->value2 = in->value2;	/* its column */
	ev->group = p->group;
	ev->text = in->text;
	return 0;
}

static int
check_decide(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	bool adopt = in->type == INTENT_ADOPT;
	const struct item *it;
	int phase;

	if (need_facilitator(ws, actor, adopt ? N_("adopt a proposal") :
	    N_("reject a proposal"), err) != 0)
		return -1;
	it = model_item(ws, in->ref);
	/* A question the room has already (the template's, a
	 * facilitator's) is not a proposal. */
	if (it == NULL || (it->kind != ITEM_RULE &&
	    it->kind != ITEM_SECTION_TEXT && it->kind != ITEM_AMENDMENT &&
	    it->kind != ITEM_INDICATOR && it->kind != ITEM_QUESTION) ||
	    (it->kind == ITEM_QUESTION && it->status == STATUS_OPEN))
		return model_fail(err, MODEL_ERR_INVALID,
		    N_("only ground rules, amendments and charter text are "
		    "adopted or rejected, and indicators and proposed "
		    "questions in their phases"));
	phase = model_decided_in(it->kind);
	if (ws->phase != phase)
		return model_fail(err, MODEL_ERR_PHASE,
		    it->kind == ITEM_SECTION_TEXT ? SAY_DECIDED_CHARTER :
		    it->kind == ITEM_INDICATOR ? SAY_DECIDED_INDICATORS :
		    it->kind == ITEM_QUESTION ? SAY_DECIDED_QUESTIONS :
		    SAY_DECIDED_RULES, model_phase_name(phase));
	if (it->status != STATUS_DRAFT && it->status != STATUS_PROPOSED)
		return model_fail(err, MODEL_ERR_STATE, SAY_PROPOSAL_ALREADY,
		    model_status_name(it->status));
	if (adopt && it->kind == ITEM_SECTION_TEXT &&
	    model_item(ws, it->ref)->status != STATUS_OPEN)
		return model_fail(err, MODEL_ERR_STATE, N_("its section is "
		    "already decided; reopen it first"));
	if (adopt && it->kind == ITEM_AMENDMENT &&
	    !amendable(model_item(ws, it->ref)))
		return model_fail(err, MODEL_ERR_STATE, N_("the rule it "
		    "amends is no longer before the room"));
	if (model_open_poll(ws) != NULL &&
	    model_open_poll(ws)->target == it->id)
		return model_fail(err, MODEL_ERR_STATE, N_("a check on it is "
		    "open; close it first"));
	ev->type = EVENT_STATUS;
	ev->ref = it->id;
	ev->value = adopt ? STATUS_ADOPTED : STATUS_REJECTED;
	return 0;
}

bool
model_section_derived(const struct item *section)
{
	return section->kind == ITEM_SECTION && (section->number == 20 ||
	    section->number == 41);
}

bool
model_charter_ready(const struct workshop *ws)
{
	size_t i;

	for (i = 0; i < ws->nitems; i++) {
		const struct item *it = &ws->items[i];

		if (it->kind == ITEM_SECTION && !model_section_derived(it) &&
		    it->status != STATUS_ADOPTED &&
		    it->status != STATUS_NOT_APPLICABLE)
			return false;
	}
	return true;
}

/* The facilitator shapes a section: writes it, merges proposals into it,
 * marks it not applicable, reopens it.  An adopted section is locked. */
static int
check_section(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct item *it = model_item(ws, in->ref), *sec;
	const struct poll *open = model_open_poll(ws);
	size_t len;

	if (need_facilitator(ws, actor, N_("shape the charter's sections"),
	    err) != 0)
		return -1;
	if (ws->phase != PHASE_CHARTER)
		return model_fail(err, MODEL_ERR_PHASE, N_("the charter is "
		    "shaped in the Charter phase"));
	sec = in->type == INTENT_SECTION_MERGE && it != NULL &&
	    it->kind == ITEM_SECTION_TEXT ? model_item(ws, it->ref) : it;
	if (sec == NULL || sec->kind != ITEM_SECTION)
		return model_fail(err, MODEL_ERR_NOT_FOUND, "%s",
		    in->type == INTENT_SECTION_MERGE ?
		    N_("choose a charter section text to merge") :
		    N_("choose a charter section"));
	if (model_section_derived(sec))
		return model_fail(err, MODEL_ERR_INVALID, SAY_SECTION_FROM_ROOM,
		    sec->number == 20 ? "2" : "4.1");
	if (open != NULL && (open->target == sec->id ||
	    (open->flags & POLL_F_CHARTER)))
		return model_fail(err, MODEL_ERR_STATE, N_("the room is "
		    "deciding on it right now"));
	ev->ref = in->ref;
	switch (in->type) {
	case INTENT_SECTION_EDIT:
		if (sec->status != STATUS_OPEN)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_SECTION_REOPEN, model_status_name(sec->status));
		if (model_check_text(in->text, MODEL_BODY_MAX, true,
		    N_("section text"), err) != 0)
			return -1;
		ev->type = EVENT_SECTION_EDIT;
		ev->text = in->text;
		return 0;
	case INTENT_SECTION_MERGE:
		if (it->status != STATUS_PROPOSED)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_TEXT_ALREADY, model_status_name(it->status));
		if (sec->status != STATUS_OPEN)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_SECTION_REOPEN, model_status_name(sec->status));
		len = (sec->body != NULL ? strlen(sec->body) + 2 : 0) +
		    strlen(it->text);
		if (len > MODEL_BODY_MAX)
			return model_fail(err, MODEL_ERR_LIMIT,
			    N_("the section would be too long; edit it first"));
		ev->type = EVENT_SECTION_MERGE;
		return 0;
	default:
		if (in->value == STATUS_NOT_APPLICABLE ?
		    sec->status != STATUS_OPEN :
		    in->value != STATUS_OPEN || sec->status == STATUS_OPEN)
			return model_fail(err, MODEL_ERR_STATE, SAY_SECTION_IS,
			    model_status_name(sec->status));
		ev->type = EVENT_SECTION_STATE;
		ev->value = in->value;
		return 0;
	}
}

int
model_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, int64_t now, struct event *ev,
    struct model_error *err)
{
	const struct participant *p = model_person(ws, actor);
	const struct item *it;

	*ev = (struct event){ 0 };
	ev->seq = ws->seq + 1;
	ev->time = now;
	ev->actor = actor;
	ev->req = in->req;
	if (err != NULL)
		*err = (struct model_error){ 0 };

	if (actor != MODEL_SYSTEM && p == NULL)
		return model_fail(err, MODEL_ERR_ROLE,
		    N_("unknown participant"));
	if (p != NULL && p->removed)
		return model_fail(err, MODEL_ERR_ROLE, N_("you were removed "
		    "from the room"));
	if (ws->title == NULL && in->type != INTENT_CREATE)
		return model_fail(err, MODEL_ERR_STATE,
		    N_("the room is not open yet"));
	/* Every string, before any check of the type can forget one. */
	if (fields_check(ws, in, err) != 0)
		return -1;

	switch (in->type) {
	case INTENT_CREATE:
		if (actor != MODEL_SYSTEM)
			return model_fail(err, MODEL_ERR_ROLE,
			    N_("only the server opens a room"));
		if (ws->title != NULL)
			return model_fail(err, MODEL_ERR_STATE,
			    N_("the room is already open"));
		if (model_check_text(in->text, MODEL_TITLE_MAX, false,
		    N_("title"), err) != 0 ||
		    model_check_secret(in->secret, MODEL_CODE_MAX,
		    N_("join code"), err) != 0)
			return -1;
		if (in->value != 0 && !model_date_valid(in->value))
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("the first meeting's date is not a real "
			    "date"));
		if (in->text2 != NULL && !model_template_name_ok(in->text2))
			return model_fail(err, MODEL_ERR_INVALID, N_("a "
			    "template's name is made of a-z, 0-9 and '-'"));
		if (in->lang != NULL && !model_lang_ok(in->lang))
			return model_fail(err, MODEL_ERR_INVALID, N_("a language "
			    "is two or three small letters, as fr or pt_BR"));
		ev->type = EVENT_CREATE;
		ev->text = in->text;
		ev->text2 = in->text2;
		ev->secret = in->secret;
		ev->lang = in->lang;
		ev->value = in->value;	/* meeting 1's date, local */
		return 0;

	case INTENT_GROUP_ADD:
		if (need_facilitator(ws, actor, N_("add a stakeholder group"),
		    err) != 0)
			return -1;
		if (actor != MODEL_SYSTEM && ws->phase != PHASE_WELCOME)
			return model_fail(err, MODEL_ERR_PHASE,
			    N_("stakeholder groups are added during Welcome"));
		if (model_check_text(in->text, MODEL_NAME_MAX, false,
		    N_("group name"), err) != 0)
			return -1;
		if (model_group_by_name(ws, in->text) != NULL)
			return model_fail(err, MODEL_ERR_DUPLICATE,
			    SAY_GROUP_EXISTS, in->text);
		if (ws->ngroups >= MODEL_GROUPS_MAX)
			return model_fail(err, MODEL_ERR_LIMIT, SAY_MAX_GROUPS,
			    MODEL_GROUPS_MAX);
		ev->type = EVENT_GROUP_ADD;
		ev->id = (uint32_t)ws->ngroups + 1;
		ev->text = in->text;
		return 0;

	case INTENT_JOIN:
		if (actor != MODEL_SYSTEM)
			return model_fail(err, MODEL_ERR_ROLE,
			    N_("only the server admits people"));
		if (model_check_name(in->text, err) != 0 ||
		    model_check_secret(in->secret, MODEL_TOKEN_MAX,
		    N_("resume token"), err) != 0)
			return -1;
		if (model_person_by_name(ws, in->text) != NULL)
			return model_fail(err, MODEL_ERR_DUPLICATE,
			    SAY_NAME_TAKEN, in->text);
		if (in->value != ROLE_COFACILITATOR &&
		    in->value != ROLE_PARTICIPANT &&
		    in->value != ROLE_OBSERVER)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("unknown role"));
		if (in->value == ROLE_PARTICIPANT &&
		    model_group(ws, in->ref) == NULL)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("choose one of the room's stakeholder "
			    "groups"));
		if (in->value != ROLE_PARTICIPANT && in->ref != 0)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("observers and co-facilitators belong to no "
			    "stakeholder group"));
		if (ws->npeople >= MODEL_PEOPLE_MAX)
			return model_fail(err, MODEL_ERR_LIMIT,
			    N_("the room is full"));
		ev->type = EVENT_JOIN;
		ev->id = (uint32_t)ws->npeople + 1;
		ev->text = in->text;
		ev->ref = in->ref;
		ev->value = in->value;
		ev->secret = in->secret;
		return 0;

	case INTENT_PHASE:
		if (need_facilitator(ws, actor,
		    N_("move the room to another phase"), err) != 0)
			return -1;
		if (in->value < 0 || (size_t)in->value >= model_steps(ws))
			return model_fail(err, MODEL_ERR_INVALID, SAY_NO_PHASE,
			    (int)in->value);
		if ((size_t)in->value == model_step_now(ws))
			return model_fail(err, MODEL_ERR_STATE, SAY_ALREADY_IN,
			    model_step_title(ws, model_step_now(ws)));
		ev->type = EVENT_PHASE;
		ev->value = in->value;
		return 0;

	case INTENT_CONTRIBUTE:
		if (p == NULL)
			return model_fail(err, MODEL_ERR_ROLE,
			    N_("only people in the room contribute"));
		return check_contribute(ws, p, in, ev, err);

	case INTENT_SEED:
		if (actor != MODEL_SYSTEM)
			return model_fail(err, MODEL_ERR_ROLE,
			    N_("only the server writes seed content"));
		/* Not a cell entry: people write those (its value2 is a
		 * column, not a status). */
		if (in->value <= ITEM_HIDDEN || in->value >= ITEM_KIND_COUNT ||
		    in->value == ITEM_CELL ||
		    in->value2 < STATUS_OPEN || in->value2 > STATUS_WITHDRAWN)
			return model_fail(err, MODEL_ERR_INVALID, N_("bad seed "
			    "item"));
		if (model_check_text(in->text, MODEL_TEXT_MAX, true,
		    N_("text"), err) != 0 || (in->text2 != NULL &&
		    model_check_text(in->text2, MODEL_TEXT_MAX, true,
		    N_("text"), err) != 0))
			return -1;
		if (in->value == ITEM_SECTION &&
		    (in->ref == 0 || model_section(ws, in->ref) != NULL))
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("bad charter section"));
		ev->type = EVENT_ITEM;
		ev->id = (uint32_t)ws->nitems + 1;
		ev->value = in->value;
		ev->value2 = in->value2;
		ev->ref = in->ref;
		ev->text = in->text;
		ev->text2 = in->text2;
		return 0;

	case INTENT_QUESTION:
		if (need_facilitator(ws, actor,
		    N_("put a question to the room"), err) != 0)
			return -1;
		it = model_item(ws, in->ref);
		if (it == NULL || it->kind != ITEM_QUESTION ||
		    !model_in_step(ws, it))
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("choose one of this phase's dialogue "
			    "questions"));
		if (ws->phase != PHASE_DIALOGUE)
			return model_fail(err, MODEL_ERR_PHASE, N_("questions "
			    "are put to the room in the Dialogue phase"));
		if (!model_question_askable(it))
			return model_fail(err, MODEL_ERR_STATE,
			    it->status == STATUS_PROPOSED ?
			    SAY_QUESTION_CHECK_FIRST : SAY_QUESTION_NOT_OWN,
			    model_status_name(it->status));
		ev->type = EVENT_QUESTION;
		ev->ref = it->id;
		return 0;

	case INTENT_TITLE:
		if (need_facilitator(ws, actor, N_("change the title"),
		    err) != 0 ||
		    model_check_text(in->text, MODEL_TITLE_MAX, false,
		    N_("title"), err) != 0)
			return -1;
		ev->type = EVENT_TITLE;
		ev->text = in->text;
		return 0;

	case INTENT_CODE:
		if (actor != MODEL_SYSTEM)
			return model_fail(err, MODEL_ERR_ROLE,
			    N_("the join code is set when the room is served"));
		if (model_check_secret(in->secret, MODEL_CODE_MAX,
		    N_("join code"), err) != 0)
			return -1;
		ev->type = EVENT_CODE;
		ev->secret = in->secret;
		return 0;

	case INTENT_ADOPT:
	case INTENT_REJECT:
		return check_decide(ws, actor, in, ev, err);

	case INTENT_WITHDRAW:
		it = model_item(ws, in->ref);
		if (it == NULL || it->kind == ITEM_HIDDEN)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("there is no such item"));
		if (it->author != actor || actor == MODEL_SYSTEM)
			return model_fail(err, MODEL_ERR_ROLE,
			    N_("only its author can withdraw a "
			    "contribution"));
		if (it->status != STATUS_OPEN && it->status != STATUS_PROPOSED)
			return model_fail(err, MODEL_ERR_STATE, SAY_ALREADY,
			    model_status_name(it->status));
		if (model_open_poll(ws) != NULL &&
		    model_open_poll(ws)->target == it->id)
			return model_fail(err, MODEL_ERR_STATE, N_("the room "
			    "is deciding on it right now"));
		ev->type = EVENT_STATUS;
		ev->ref = it->id;
		ev->value = STATUS_WITHDRAWN;
		return 0;

	case INTENT_POLL_OPEN:
	case INTENT_VOTE:
	case INTENT_REASON:
	case INTENT_DOT:
	case INTENT_POLL_CLOSE:
	case INTENT_POLL_REVEAL:
	case INTENT_DECISION_RULE:
		return poll_check(ws, actor, in, ev, err);

	case INTENT_SECTION_EDIT:
	case INTENT_SECTION_MERGE:
	case INTENT_SECTION_STATE:
		return check_section(ws, actor, in, ev, err);

	case INTENT_QUESTION_NEW:
	case INTENT_PIN:
	case INTENT_REPORT:
	case INTENT_REPORT_REVEAL:
	case INTENT_CONFIDENTIALITY:
	case INTENT_FAC_CODE:
	case INTENT_FAC_CODE_SHOWN:
	case INTENT_LANGUAGE:
	case INTENT_RENAME:
	case INTENT_MOVE:
	case INTENT_REMOVE:
	case INTENT_HAND:
	case INTENT_SPEAKER:
	case INTENT_FLOOR_END:
	case INTENT_GRIEVANCE:
	case INTENT_ANSWERED:
		return room_check(ws, actor, in, ev, err);
	case INTENT_MEETING:
	case INTENT_ATTEND:
	case INTENT_ACTION_SET:
	case INTENT_ACTION_OWNER:
	case INTENT_ACTION_COMMIT:
	case INTENT_MILESTONE:
	case INTENT_MILESTONE_TICK:
	case INTENT_NEXT_REVIEW:
	case INTENT_ITEM_EDIT:
	case INTENT_MERGE:
		return action_check(ws, actor, in, ev, err);
	case INTENT_STEP:
		return step_check(ws, actor, in, ev, err);
	case INTENT_AGENDA:
		return agenda_check(ws, actor, in, ev, err);
	case INTENT_TIMER:
	case INTENT_TURN_LIMIT:
		return clock_check(ws, actor, in, ev, err);
	case INTENT_INDICATOR_SET:
		return indicator_check(ws, actor, in, ev, err);
	case INTENT_SCALE:
		return scale_check(ws, actor, in, ev, err);
	}
	return model_fail(err, MODEL_ERR_INVALID, SAY_UNKNOWN_REQUEST,
	    in->type);
}

/* --- committing --------------------------------------------------------- */

int
commit_item(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct item *it;
	bool cell = ev->value == ITEM_CELL;

	if (ev->value < ITEM_HIDDEN || ev->value >= ITEM_KIND_COUNT ||
	    (cell ? matrix_cell_fits(ws, ev) != 0 :
	    ev->value2 < STATUS_OPEN || ev->value2 > STATUS_WITHDRAWN))
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad item",
		    (unsigned long long)ev->seq);
	if (ev->value != ITEM_HIDDEN && ev->text == NULL)
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: item without "
		    "text", (unsigned long long)ev->seq);
	ws->items = model_grow(ws->items, ws->nitems, &ws->items_cap,
	    sizeof *ws->items);
	it = &ws->items[ws->nitems++];
	*it = (struct item){ 0 };
	it->id = ev->id;
	it->kind = ev->value;
	index_item(ws, it);
	if (it->kind == ITEM_HIDDEN)
		return 0;
	it->status = cell ? STATUS_OPEN : ev->value2;
	it->author = ev->actor;
	it->group = ev->group;
	if (it->kind == ITEM_SECTION || it->kind == ITEM_EXIT)
		it->number = ev->ref;	/* a section's code; a strategy */
	else
		it->ref = ev->ref;
	if (cell)
		it->number = (uint32_t)ev->value2;	/* its column */
	index_ref(ws, it);
	if (it->kind == ITEM_ACTION)
		it->action = action_new();
	if (it->kind == ITEM_INDICATOR)
		it->ind = indicator_new();
	it->phase = ws->phase;
	/* Seed content belongs to the template phase written just before
	 * it; what people write, to the phase they wrote it in.  Seed
	 * content is the server's, written before anyone joins: after that
	 * an item without an author is one whose author a replica may not
	 * know (the Chatham House Rule), not a seed. */
	if (ws->nsteps > 0)
		it->step = ev->actor == MODEL_SYSTEM && ws->npeople <= 1 ?
		    (uint32_t)ws->nsteps : (uint32_t)ws->step + 1;
	/* A cell entry is its row's, whether or not the replica was told
	 * who wrote it. */
	if (cell)
		it->step = model_item(ws, it->ref)->step;
	it->time = ev->time;
	it->text = xstrdup(ev->text);
	it->text2 = dup_or_null(ev->text2);
	it->flags = ev->flags & ITEM_F_ANONYMOUS;
	/* The same test as the step's above: the template's words, which
	 * a screen may show translated; nobody's own. */
	if (ev->actor == MODEL_SYSTEM && ws->npeople <= 1 && !cell)
		it->flags |= ITEM_F_SEED;
	it->conf = model_conf(ws, ws->phase);
	it->meeting = ws->meeting;
	if (is_statement(it->kind))
		it->ordinal = ++ws->statements;
	/* A question the facilitator types is put to the room at once (a
	 * proposed one waits for the room's check). */
	if (it->kind == ITEM_QUESTION && ev->actor != MODEL_SYSTEM &&
	    it->status == STATUS_OPEN)
		ws->question = it->id;
	return 0;
}

/* The moves model_check allows; hidden items (clients) take any. */
static bool
status_change_ok(const struct item *it, int to)
{
	if (it->kind == ITEM_HIDDEN)
		return to >= STATUS_OPEN && to <= STATUS_WITHDRAWN;
	switch (to) {
	case STATUS_ADOPTED:
	case STATUS_REJECTED:
		return (it->kind == ITEM_RULE ||
		    it->kind == ITEM_SECTION_TEXT ||
		    it->kind == ITEM_AMENDMENT ||
		    it->kind == ITEM_INDICATOR ||
		    it->kind == ITEM_QUESTION) &&
		    (it->status == STATUS_DRAFT ||
		    it->status == STATUS_PROPOSED);
	case STATUS_WITHDRAWN:
		return it->status == STATUS_OPEN ||
		    it->status == STATUS_PROPOSED;
	}
	return false;
}

void
model_adopt(struct workshop *ws, struct item *it)
{
	struct item *rule, *sec;

	it->status = STATUS_ADOPTED;
	switch (it->kind) {
	case ITEM_RULE:
		if (it->number == 0)
			it->number = ++ws->rules_adopted;
		break;
	case ITEM_AMENDMENT:
		/* The rule takes the amended text, and is adopted with it;
		 * its first wording stays in text2 for the record. */
		rule = model_item(ws, it->ref);
		if (rule == NULL || rule->kind != ITEM_RULE)
			break;
		if (rule->text2 == NULL)
			rule->text2 = rule->text;
		else
			free(rule->text);
		rule->text = xstrdup(it->text);
		model_adopt(ws, rule);
		break;
	case ITEM_SECTION_TEXT:
		sec = model_item(ws, it->ref);
		if (sec == NULL || sec->kind != ITEM_SECTION)
			break;
		free(sec->body);
		sec->body = xstrdup(it->text);
		sec->status = STATUS_ADOPTED;
		break;
	}
}

static int
commit_section(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct item *it = model_item(ws, ev->ref), *sec;
	char *body;

	sec = it != NULL && it->kind == ITEM_SECTION_TEXT ?
	    model_item(ws, it->ref) : it;
	if (sec == NULL || sec->kind != ITEM_SECTION ||
	    model_section_derived(sec))
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: not a "
		    "section", (unsigned long long)ev->seq);
	switch (ev->type) {
	case EVENT_SECTION_EDIT:
		if (ev->text == NULL || sec->status != STATUS_OPEN)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "bad edit", (unsigned long long)ev->seq);
		free(sec->body);
		sec->body = xstrdup(ev->text);
		break;
	case EVENT_SECTION_MERGE:
		if (it == sec || it->status != STATUS_PROPOSED ||
		    sec->status != STATUS_OPEN)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "bad merge", (unsigned long long)ev->seq);
		body = sec->body == NULL ? xstrdup(it->text) :
		    xasprintf("%s\n\n%s", sec->body, it->text);
		free(sec->body);
		sec->body = body;
		it->status = STATUS_MERGED;
		break;
	default:
		if (ev->value != STATUS_OPEN &&
		    ev->value != STATUS_NOT_APPLICABLE)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "bad section state", (unsigned long long)ev->seq);
		sec->status = ev->value;
		/* A charter changed after its adoption must be adopted
		 * again. */
		if (ev->value == STATUS_OPEN)
			ws->charter_poll = 0;
		break;
	}
	return 0;
}

int
model_commit(struct workshop *ws, const struct event *ev, bool allow_gap,
    struct model_error *err)
{
	struct participant *p;
	struct item *it;
	unsigned long long seq = (unsigned long long)ev->seq;

	if (err != NULL)
		*err = (struct model_error){ 0 };
	if (allow_gap ? ev->seq <= ws->seq : ev->seq != ws->seq + 1)
		return model_fail(err, MODEL_ERR_INVALID, "event %llu arrived after "
		    "event %llu", seq, (unsigned long long)ws->seq);
	if (ev->type != EVENT_CREATE && ws->title == NULL)
		return model_fail(err, MODEL_ERR_INVALID, "event %llu comes before "
		    "the room was opened", seq);

	switch (ev->type) {
	case EVENT_CREATE:
		if (ws->title != NULL || ev->text == NULL)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "room opening", seq);
		ws->title = xstrdup(ev->text);
		ws->code = dup_or_null(ev->secret);
		ws->template = dup_or_null(ev->text2);
		/* A record from before languages has none: "en". */
		if (ev->lang != NULL && !model_lang_ok(ev->lang))
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: "
			    "bad language", seq);
		ws->lang = dup_or_null(ev->lang);
		ws->created = ev->time;
		ws->people = model_grow(ws->people, ws->npeople, &ws->people_cap,
		    sizeof *ws->people);
		p = &ws->people[ws->npeople++];
		*p = (struct participant){ 0 };
		p->id = MODEL_FACILITATOR;
		/* A word, not someone's name: the record keeps it in
		 * English, and whoever shows it may show _(name).
		 * TRANSLATORS: the name of participant 1, who opened the
		 * room. */
		p->name = xstrdup(N_("Facilitator"));
		p->role = ROLE_FACILITATOR;
		p->joined = ev->time;
		/* Meeting 1 opens with the room; records from before there
		 * were meetings carry no date, so their first day is the
		 * opening's (UTC). */
		meeting_add(ws, model_date_valid(ev->value) ? ev->value :
		    model_date_of(ev->time), ev->time);
		break;
	case EVENT_GROUP_ADD:
		if (ev->id != ws->ngroups + 1 || ev->text == NULL)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "group", seq);
		ws->groups = model_grow(ws->groups, ws->ngroups, &ws->groups_cap,
		    sizeof *ws->groups);
		ws->groups[ws->ngroups].id = ev->id;
		ws->groups[ws->ngroups].name = xstrdup(ev->text);
		ws->ngroups++;
		break;
	case EVENT_JOIN:
		if (ev->id != ws->npeople + 1 || ev->text == NULL ||
		    (ev->ref != 0 && model_group(ws, ev->ref) == NULL) ||
		    ev->value < ROLE_FACILITATOR || ev->value > ROLE_OBSERVER)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "participant", seq);
		ws->people = model_grow(ws->people, ws->npeople, &ws->people_cap,
		    sizeof *ws->people);
		p = &ws->people[ws->npeople++];
		*p = (struct participant){ 0 };
		p->id = ev->id;
		p->name = xstrdup(ev->text);
		p->group = ev->ref;
		p->role = ev->value;
		p->token = dup_or_null(ev->secret);
		p->joined = ev->time;
		/* Joining is coming: so records from before meetings were
		 * kept say who came to the first. */
		if (ws->nmeetings > 0)
			attend(&ws->meetings[ws->nmeetings - 1], p->id, true);
		break;
	case EVENT_PHASE:
		if (ev->value < 0 || (size_t)ev->value >= model_steps(ws))
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "phase", seq);
		ws->step = (size_t)ev->value;
		ws->phase = ws->nsteps > 0 ? ws->steps[ws->step].kind :
		    ev->value;
		visit_begin(ws, ev->time);
		/* Another phase's question is not this one's. */
		if (ws->question != 0 && (model_item(ws, ws->question) ==
		    NULL || !model_in_step(ws, model_item(ws, ws->question))))
			ws->question = 0;
		/* Whoever spoke did so on the last phase's business, and its
		 * timebox was the last phase's too; so were the hands raised
		 * to speak (they stayed up through the rest of the process,
		 * and only the floor took one down). */
		ws->speaker = 0;
		hands_down(ws);
		clock_phase_ended(ws);
		break;
	case EVENT_ITEM:
		if (ev->id != ws->nitems + 1)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "item number", seq);
		if (commit_item(ws, ev, err) != 0)
			return -1;
		break;
	case EVENT_QUESTION:
		it = model_item(ws, ev->ref);
		if (it == NULL || it->kind != ITEM_QUESTION ||
		    !model_question_askable(it))
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "question", seq);
		ws->question = ev->ref;
		break;
	case EVENT_TITLE:
		if (ev->text == NULL)
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "title", seq);
		free(ws->title);
		ws->title = xstrdup(ev->text);
		break;
	case EVENT_CODE:
		if (ev->secret != NULL) {
			free(ws->code);
			ws->code = xstrdup(ev->secret);
		}
		break;
	case EVENT_STATUS:
		it = model_item(ws, ev->ref);
		if (it == NULL || !status_change_ok(it, ev->value))
			return model_fail(err, MODEL_ERR_INVALID, "event %llu: bad "
			    "status change", seq);
		if (ev->value == STATUS_ADOPTED)
			model_adopt(ws, it);
		else
			it->status = ev->value;
		break;
	case EVENT_SECTION_EDIT:
	case EVENT_SECTION_MERGE:
	case EVENT_SECTION_STATE:
		if (commit_section(ws, ev, err) != 0)
			return -1;
		break;
	case EVENT_POLL_OPEN:
	case EVENT_VOTE:
	case EVENT_REASON:
	case EVENT_DOT:
	case EVENT_POLL_CLOSE:
	case EVENT_POLL_REVEAL:
	case EVENT_DECISION_RULE:
		if (poll_commit(ws, ev, allow_gap, err) != 0)
			return -1;
		break;
	case EVENT_PIN:
	case EVENT_REPORT_REVEAL:
	case EVENT_CONFIDENTIALITY:
	case EVENT_FAC_CODE:
	case EVENT_FAC_CODE_SHOWN:
	case EVENT_LANGUAGE:
	case EVENT_RENAME:
	case EVENT_MOVE:
	case EVENT_REMOVE:
	case EVENT_HAND:
	case EVENT_SPEAKER:
	case EVENT_FLOOR_END:
	case EVENT_ANSWERED:
		if (room_commit(ws, ev, allow_gap, err) != 0)
			return -1;
		break;
	case EVENT_STEP:
		if (step_commit(ws, ev, err) != 0)
			return -1;
		break;
	case EVENT_AGENDA:
		if (agenda_commit(ws, ev, err) != 0)
			return -1;
		break;
	case EVENT_INDICATOR_SET:
		if (indicator_commit(ws, ev, err) != 0)
			return -1;
		break;
	case EVENT_SCALE:
		if (scale_commit(ws, ev, err) != 0)
			return -1;
		break;
	case EVENT_MEETING:
	case EVENT_ATTEND:
	case EVENT_ACTION_SET:
	case EVENT_ACTION_OWNER:
	case EVENT_ACTION_COMMIT:
	case EVENT_MILESTONE:
	case EVENT_MILESTONE_TICK:
	case EVENT_NEXT_REVIEW:
	case EVENT_ITEM_EDIT:
	case EVENT_MERGE:
		if (action_commit(ws, ev, allow_gap, err) != 0)
			return -1;
		break;
	case EVENT_TIMER:
	case EVENT_TURN_LIMIT:
		if (clock_commit(ws, ev, err) != 0)
			return -1;
		break;
	default:
		return model_fail(err, MODEL_ERR_INVALID, "event %llu: unknown "
		    "type %d", seq, ev->type);
	}

	ws->seq = ev->seq;
	ws->updated = ev->time;
	p = model_person(ws, ev->actor);
	if (p != NULL && ev->req > p->last_req)
		p->last_req = ev->req;
	return 0;
}

int
model_apply(struct workshop *ws, uint32_t actor, const struct intent *in,
    int64_t now, struct event *ev, struct model_error *err)
{
	if (model_check(ws, actor, in, now, ev, err) != 0)
		return -1;
	return model_commit(ws, ev, false, err);
}
