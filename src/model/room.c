/*
 * room.c - the room's own business: its confidentiality rule, its
 * language of record, who is in it and in which role, the speaking
 * queue, points of order, new questions and pinned themes, and caucus
 * report-backs.
 *
 * Lesson 11 of shared/seeds/002_6189f16a6caaf990.txt is the source of the
 * rules kept here: the Chatham House Rule and "entirely off the record";
 * a grievance resolution mechanism "clear to all participants"; "a
 * procedure for dealing with inactive participants or those whose
 * behaviour ... can undermine the process".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-internal.h"
#include "roundtable/text.h"

int
model_conf(const struct workshop *ws, int phase)
{
	int c = phase >= 0 && phase < PHASE_COUNT ? ws->phase_conf[phase] :
	    CONF_DEFAULT;

	if (c == CONF_DEFAULT)
		c = ws->confidentiality;
	return c == CONF_DEFAULT ? CONF_OPEN : c;
}

bool
model_author_hidden(const struct workshop *ws, int phase, int conf)
{
	int now;

	if (conf == CONF_CHATHAM)
		return true;
	if (phase < 0 || phase >= PHASE_COUNT)
		return false;
	now = model_conf(ws, phase);
	if (now == CONF_OFF_RECORD && ws->phase_conf[phase] == CONF_OFF_RECORD)
		now = ws->confidentiality;
	return now == CONF_CHATHAM;
}

const char *
model_conf_name(int conf)
{
	switch (conf) {
	case CONF_DEFAULT:
		return NC_("confidentiality", "as the room");
	case CONF_OPEN:
		/* TRANSLATORS: the rule under which contributions show
		 * who wrote them (not an item's status, "open"). */
		return NC_("confidentiality", "open");
	case CONF_CHATHAM:
		return NC_("confidentiality", "Chatham House Rule");
	case CONF_OFF_RECORD:
		return NC_("confidentiality", "off the record");
	}
	return "?";
}

bool
model_lang_ok(const char *s)
{
	return s != NULL && i18n_name_ok(s);
}

const char *
model_language(const struct workshop *ws)
{
	return ws->lang != NULL ? ws->lang : "en";
}

uint32_t
model_group_size(const struct workshop *ws, uint32_t group)
{
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < ws->npeople; i++)
		if (ws->people[i].group == group && group != 0 &&
		    ws->people[i].role == ROLE_PARTICIPANT &&
		    !ws->people[i].removed)
			n++;
	return n;
}

size_t
model_queue(const struct workshop *ws, uint32_t *out, size_t max)
{
	size_t i, k, n = 0;

	/* Insertion by place in the queue, keeping the first max; rooms are
	 * small. */
	for (i = 0; i < ws->npeople; i++) {
		const struct participant *p = &ws->people[i];
		size_t kept = n < max ? n : max;

		if (p->hand == 0 || p->removed)
			continue;
		n++;
		if (max == 0 || (kept == max &&
		    model_person(ws, out[max - 1])->hand < p->hand))
			continue;
		k = kept < max ? kept : max - 1;
		for (; k > 0 && model_person(ws, out[k - 1])->hand > p->hand;
		    k--)
			out[k] = out[k - 1];
		out[k] = p->id;
	}
	return n;
}

/* --- checking ----------------------------------------------------------- */

static bool
is_fac(const struct workshop *ws, uint32_t actor)
{
	return actor == MODEL_SYSTEM || model_is_facilitator(ws, actor);
}

static int
need_fac(const struct workshop *ws, uint32_t actor, const char *what,
    struct model_error *err)
{
	if (is_fac(ws, actor))
		return 0;
	return model_fail(err, MODEL_ERR_ROLE, SAY_ONLY_FACILITATOR, what);
}

/* A participant (not an observer, not a facilitator) who may speak. */
static const struct participant *
need_participant(const struct workshop *ws, uint32_t actor, const char *what,
    struct model_error *err)
{
	const struct participant *p = model_person(ws, actor);

	if (p == NULL || p->role == ROLE_OBSERVER) {
		model_fail(err, MODEL_ERR_ROLE, SAY_OBSERVERS_NOT, what);
		return NULL;
	}
	if (p->role != ROLE_PARTICIPANT) {
		model_fail(err, MODEL_ERR_ROLE, SAY_FACILITATORS_NOT, what);
		return NULL;
	}
	return p;
}

static const struct participant *
target_person(const struct workshop *ws, uint32_t who, struct model_error *err)
{
	const struct participant *p = model_person(ws, who);

	if (p == NULL || who == MODEL_FACILITATOR) {
		model_fail(err, MODEL_ERR_NOT_FOUND, N_("choose someone in "
		    "the room (not the facilitator at this screen)"));
		return NULL;
	}
	if (p->removed) {
		model_fail(err, MODEL_ERR_STATE, SAY_WAS_REMOVED,
		    p->name);
		return NULL;
	}
	return p;
}

/* An event that adds an item of this kind, after its text is checked. */
static int
new_item(const struct workshop *ws, const struct intent *in, int kind,
    int status, uint32_t group, bool multiline, const char *what,
    struct event *ev, struct model_error *err)
{
	if (model_check_text(in->text, MODEL_TEXT_MAX, multiline, what,
	    err) != 0)
		return -1;
	if (ws->nitems >= MODEL_ITEMS_MAX)
		return model_fail(err, MODEL_ERR_LIMIT, N_("the room has "
		    "reached its limit of items"));
	ev->type = EVENT_ITEM;
	ev->id = (uint32_t)ws->nitems + 1;
	ev->value = kind;
	ev->value2 = status;
	ev->ref = 0;
	ev->group = group;
	ev->text = in->text;
	return 0;
}

/*
 * Whether group already has a report-back saying text in this caucus (not
 * withdrawn): sending the box again unchanged made a second draft beside
 * the first, and once one of them was approved the other stayed listed
 * as a draft of the same words.
 */
static bool
report_repeated(const struct workshop *ws, uint32_t group, const char *text)
{
	const uint32_t	*ids;
	size_t		 i, n;

	ids = model_items_of_kind(ws, ITEM_CAUCUS_REPORT, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it != NULL && it->group == group && it->text != NULL &&
		    it->status != STATUS_WITHDRAWN &&
		    (ws->nsteps == 0 || it->step == (uint32_t)ws->step + 1) &&
		    strcmp(it->text, text) == 0)
			return true;
	}
	return false;
}

int
room_check(const struct workshop *ws, uint32_t actor, const struct intent *in,
    struct event *ev, struct model_error *err)
{
	const struct participant *me = model_person(ws, actor), *p;
	const struct item *it;
	uint32_t queue[1];
	size_t i;

	ev->ref = in->ref;
	ev->value = in->value;
	switch (in->type) {
	case INTENT_QUESTION_NEW:
		if (need_fac(ws, actor, N_("add a question"), err) != 0)
			return -1;
		if (in->value != ITEM_QUESTION &&
		    in->value != ITEM_CAUCUS_QUESTION)
			return model_fail(err, MODEL_ERR_INVALID, N_("a new "
			    "question is for the dialogue or the caucuses"));
		if (in->value == ITEM_QUESTION && ws->phase != PHASE_DIALOGUE)
			return model_fail(err, MODEL_ERR_PHASE, N_("questions "
			    "are put to the room in the Dialogue phase"));
		return new_item(ws, in, in->value, STATUS_OPEN, 0, false,
		    N_("question"), ev, err);

	case INTENT_PIN:
		if (need_fac(ws, actor, N_("pin a theme"), err) != 0)
			return -1;
		it = model_item(ws, in->ref);
		if (it == NULL || it->kind != ITEM_ANSWER)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("only answers are pinned as themes"));
		if (in->value != 0 && in->value != 1)
			return model_fail(err, MODEL_ERR_INVALID, N_("pin or "
			    "unpin"));
		ev->type = EVENT_PIN;
		return 0;

	case INTENT_REPORT:
		if ((p = need_participant(ws, actor, N_("write in a caucus"),
		    err)) == NULL)
			return -1;
		if (ws->phase != PHASE_CAUCUS)
			return model_fail(err, MODEL_ERR_PHASE,
			    N_("report-backs are drafted in the Caucus phase"));
		if (p->group == 0)
			return model_fail(err, MODEL_ERR_STATE,
			    N_("you are in no stakeholder group"));
		if (in->text != NULL && report_repeated(ws, p->group, in->text))
			return model_fail(err, MODEL_ERR_STATE,
			    N_("your group's report-back already says this: "
			    "change it, or select it and press c to ask your "
			    "group to approve it"));
		return new_item(ws, in, ITEM_CAUCUS_REPORT, STATUS_PROPOSED,
		    p->group, true, N_("report-back"), ev, err);

	case INTENT_REPORT_REVEAL:
		if (need_fac(ws, actor, N_("show a caucus report to "
		    "the plenary"), err) != 0)
			return -1;
		it = model_item(ws, in->ref);
		if (it == NULL || it->kind != ITEM_CAUCUS_REPORT)
			return model_fail(err, MODEL_ERR_INVALID, N_("choose a "
			    "caucus report-back"));
		if (it->flags & ITEM_F_REVEALED)
			return model_fail(err, MODEL_ERR_STATE,
			    N_("it is already shown to the plenary"));
		if (it->status != STATUS_ADOPTED)
			return model_fail(err, MODEL_ERR_STATE,
			    N_("its caucus has not approved it"));
		ev->type = EVENT_REPORT_REVEAL;
		return 0;

	case INTENT_CONFIDENTIALITY:
		if (need_fac(ws, actor, N_("set the confidentiality rule"),
		    err) != 0)
			return -1;
		if (in->value2 < -1 || in->value2 >= PHASE_COUNT ||
		    in->value < CONF_DEFAULT || in->value > CONF_OFF_RECORD ||
		    (in->value2 == -1 && in->value == CONF_DEFAULT))
			return model_fail(err, MODEL_ERR_INVALID, N_("choose "
			    "open, the Chatham House Rule or off the record"));
		/* A poll keeps the names it was opened with: change the
		 * rule between polls. */
		if (model_open_poll(ws) != NULL)
			return model_fail(err, MODEL_ERR_STATE, N_("close the "
			    "open poll before changing the confidentiality "
			    "rule"));
		/* A caucus's check too: answers given under the Chatham
		 * House Rule would get their names back were it lifted
		 * before the check closed (the rule now decides). */
		for (i = 0; i < ws->npolls; i++)
			if (ws->polls[i].state == POLL_OPEN)
				return model_fail(err, MODEL_ERR_STATE,
				    N_("a caucus is checking its report-back: "
				    "change the confidentiality rule once its "
				    "check closes"));
		ev->type = EVENT_CONFIDENTIALITY;
		ev->value2 = in->value2;
		return 0;

	case INTENT_FAC_CODE:
		if (actor != MODEL_SYSTEM)
			return model_fail(err, MODEL_ERR_ROLE, N_("the "
			    "co-facilitators' code is set when the room is "
			    "served"));
		if (in->secret == NULL || strlen(in->secret) < 6 ||
		    strlen(in->secret) > MODEL_CODE_MAX)
			return model_fail(err, MODEL_ERR_INVALID, N_("bad "
			    "co-facilitators' code"));
		ev->type = EVENT_FAC_CODE;
		ev->secret = in->secret;
		return 0;

	case INTENT_LANGUAGE:
		/* Like the title: the server sets it when it is served
		 * (serve --lang), a facilitator may change it. */
		if (need_fac(ws, actor, N_("change the room's language"),
		    err) != 0)
			return -1;
		if (!model_lang_ok(in->text))
			return model_fail(err, MODEL_ERR_INVALID, N_("a language "
			    "is two or three small letters, as fr or pt_BR"));
		if (strcmp(in->text, model_language(ws)) == 0)
			return model_fail(err, MODEL_ERR_STATE, N_("the room "
			    "has that language already"));
		ev->type = EVENT_LANGUAGE;
		ev->text = in->text;
		ev->ref = 0;
		ev->value = 0;
		return 0;

	case INTENT_FAC_CODE_SHOWN:
		/* Only the serving terminal shows the code at all. */
		if (actor != MODEL_FACILITATOR)
			return model_fail(err, MODEL_ERR_ROLE, N_("only the "
			    "serving screen shows or hides the "
			    "co-facilitators' code"));
		if (in->value != 0 && in->value != 1)
			return model_fail(err, MODEL_ERR_INVALID, N_("show (1) "
			    "or hide (0) the co-facilitators' code"));
		ev->type = EVENT_FAC_CODE_SHOWN;
		ev->value = in->value;
		return 0;

	case INTENT_RENAME:
		if (need_fac(ws, actor, N_("rename someone"), err) != 0 ||
		    target_person(ws, in->ref, err) == NULL ||
		    model_check_name(in->text, err) != 0)
			return -1;
		if ((p = model_person_by_name(ws, in->text)) != NULL &&
		    p->id != in->ref)
			return model_fail(err, MODEL_ERR_DUPLICATE,
			    SAY_NAME_TAKEN, in->text);
		ev->type = EVENT_RENAME;
		ev->text = in->text;
		return 0;

	case INTENT_MOVE:
		if (need_fac(ws, actor, N_("move someone to another group"),
		    err) != 0 || (p = target_person(ws, in->ref, err)) == NULL)
			return -1;
		if (p->role != ROLE_PARTICIPANT)
			return model_fail(err, MODEL_ERR_INVALID, N_("only "
			    "participants belong to stakeholder groups"));
		if (model_group(ws, (uint32_t)in->value) == NULL)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("choose one of the room's stakeholder groups"));
		if (p->group == (uint32_t)in->value)
			return model_fail(err, MODEL_ERR_STATE,
			    SAY_IN_GROUP_ALREADY, p->name);
		ev->type = EVENT_MOVE;
		return 0;

	case INTENT_REMOVE:
		if (need_fac(ws, actor, N_("remove someone from the room"),
		    err) != 0 || (p = target_person(ws, in->ref, err)) == NULL)
			return -1;
		if (p->id == actor)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("you cannot remove yourself"));
		if (model_check_text(in->text, MODEL_REASON_MAX, false,
		    N_("reason"), err) != 0)
			return -1;
		ev->type = EVENT_REMOVE;
		ev->text = in->text;
		return 0;

	case INTENT_HAND:
		if ((p = need_participant(ws, actor, N_("raise a hand"),
		    err)) == NULL)
			return -1;
		if (in->value != 0 && in->value != 1)
			return model_fail(err, MODEL_ERR_INVALID, N_("raise or "
			    "lower"));
		if ((in->value == 1) == (p->hand != 0))
			return model_fail(err, MODEL_ERR_STATE, "%s",
			    p->hand != 0 ? N_("your hand is already up") :
			    N_("your hand is already down"));
		ev->type = EVENT_HAND;
		ev->id = in->value == 1 ? (uint32_t)(ws->hands + 1) : 0;
		ev->ref = 0;
		return 0;

	case INTENT_SPEAKER:
		if (need_fac(ws, actor, N_("give the floor"), err) != 0)
			return -1;
		if (in->ref == 0) {
			if (model_queue(ws, queue, 1) == 0)
				return model_fail(err, MODEL_ERR_STATE,
				    N_("nobody has raised a hand"));
			ev->ref = queue[0];
		} else if ((p = target_person(ws, in->ref, err)) == NULL)
			return -1;
		p = model_person(ws, ev->ref);
		if (p->role != ROLE_PARTICIPANT)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("the floor goes to participants"));
		ev->type = EVENT_SPEAKER;
		ev->value = 0;
		return 0;

	case INTENT_FLOOR_END:
		if (need_fac(ws, actor, N_("end someone's turn"), err) != 0)
			return -1;
		if (ws->speaker == 0)
			return model_fail(err, MODEL_ERR_STATE, N_("nobody has "
			    "the floor"));
		ev->type = EVENT_FLOOR_END;
		ev->ref = ws->speaker;
		ev->value = 0;
		return 0;

	case INTENT_GRIEVANCE:
		if (need_participant(ws, actor, N_("write in it"), err) == NULL)
			return -1;
		if (in->flags & ~ITEM_F_ANONYMOUS)
			return model_fail(err, MODEL_ERR_INVALID,
			    N_("bad option"));
		ev->flags = in->flags;
		return new_item(ws, in, ITEM_GRIEVANCE, STATUS_OPEN, me->group,
		    false, N_("point of order"), ev, err);

	case INTENT_ANSWERED:
		if (need_fac(ws, actor, N_("answer a point of order"),
		    err) != 0)
			return -1;
		it = model_item(ws, in->ref);
		if (it == NULL || it->kind != ITEM_GRIEVANCE)
			return model_fail(err, MODEL_ERR_INVALID, N_("choose a "
			    "point of order"));
		if (it->status != STATUS_OPEN)
			return model_fail(err, MODEL_ERR_STATE, SAY_ALREADY,
			    model_status_name(it->status));
		ev->type = EVENT_ANSWERED;
		return 0;
	}
	return model_fail(err, MODEL_ERR_INVALID, SAY_UNKNOWN_REQUEST,
	    in->type);
}

/* --- committing --------------------------------------------------------- */

static int
bad(struct model_error *err, const struct event *ev)
{
	return model_fail(err, MODEL_ERR_INVALID, "event %llu: does not fit "
	    "the room", (unsigned long long)ev->seq);
}

int
room_commit(struct workshop *ws, const struct event *ev, bool client,
    struct model_error *err)
{
	struct participant *p = model_person(ws, ev->ref);
	struct item *it = model_item(ws, ev->ref);

	switch (ev->type) {
	case EVENT_PIN:
		if (it == NULL || (it->kind != ITEM_ANSWER &&
		    it->kind != ITEM_HIDDEN))
			return bad(err, ev);
		if (ev->value)
			it->flags |= ITEM_F_PINNED;
		else
			it->flags &= ~ITEM_F_PINNED;
		index_pinned(ws, it);
		return 0;
	case EVENT_REPORT_REVEAL:
		if (it == NULL)
			return bad(err, ev);
		if (client && it->kind == ITEM_HIDDEN) {
			/* Another caucus's report, seen for the first time. */
			if (ev->text == NULL)
				return bad(err, ev);
			it->kind = ITEM_CAUCUS_REPORT;
			index_kind_changed(ws, it, ITEM_HIDDEN);
			it->status = STATUS_ADOPTED;
			it->group = ev->group;
			it->text = xstrdup(ev->text);
			it->phase = PHASE_CAUCUS;
			it->number = (uint32_t)ev->value;
			it->ref = (uint32_t)ev->value2;
			it->conf = model_conf(ws, PHASE_CAUCUS);
		}
		if (it->kind != ITEM_CAUCUS_REPORT)
			return bad(err, ev);
		it->flags |= ITEM_F_REVEALED;
		return 0;
	case EVENT_CONFIDENTIALITY:
		if (ev->value2 < -1 || ev->value2 >= PHASE_COUNT ||
		    ev->value < CONF_DEFAULT || ev->value > CONF_OFF_RECORD)
			return bad(err, ev);
		if (ev->value2 == -1)
			ws->confidentiality = ev->value;
		else
			ws->phase_conf[ev->value2] = ev->value;
		return 0;
	case EVENT_FAC_CODE:
		if (ev->secret != NULL) {
			free(ws->fac_code);
			ws->fac_code = xstrdup(ev->secret);
		}
		return 0;
	case EVENT_LANGUAGE:
		if (!model_lang_ok(ev->text))
			return bad(err, ev);
		free(ws->lang);
		ws->lang = xstrdup(ev->text);
		return 0;
	case EVENT_FAC_CODE_SHOWN:
		if (ev->value != 0 && ev->value != 1)
			return bad(err, ev);
		ws->fac_code_shown = ev->value == 1;
		return 0;
	case EVENT_RENAME:
		if (p == NULL || ev->text == NULL)
			return bad(err, ev);
		free(p->name);
		p->name = xstrdup(ev->text);
		return 0;
	case EVENT_MOVE:
		if (p == NULL || model_group(ws, (uint32_t)ev->value) == NULL)
			return bad(err, ev);
		p->group = (uint32_t)ev->value;
		return 0;
	case EVENT_REMOVE:
		if (p == NULL)
			return bad(err, ev);
		p->removed = true;
		p->hand = 0;
		p->present = false;
		if (ws->speaker == p->id)
			ws->speaker = 0;
		return 0;
	case EVENT_HAND:
		p = model_person(ws, ev->actor);
		if (p == NULL)
			return bad(err, ev);
		p->hand = ev->id;
		if (ev->id > ws->hands)
			ws->hands = ev->id;
		return 0;
	case EVENT_SPEAKER:
		if (p == NULL || p->group > MODEL_GROUPS_MAX)
			return bad(err, ev);
		ws->speaker = p->id;
		ws->floor_since = ev->time;	/* the turn's clock */
		p->hand = 0;
		ws->spoken[ws->phase][p->group]++;
		return 0;
	case EVENT_FLOOR_END:
		if (p == NULL || ws->speaker != p->id)
			return bad(err, ev);
		ws->speaker = 0;
		return 0;
	case EVENT_ANSWERED:
		if (it == NULL || (it->kind != ITEM_GRIEVANCE &&
		    it->kind != ITEM_HIDDEN))
			return bad(err, ev);
		it->status = STATUS_ANSWERED;
		return 0;
	}
	return bad(err, ev);
}
