/*
 * step.c - the phases of a room's process, as its template sets them out.
 *
 * A room made from a template records each of its phases as an
 * EVENT_STEP when it opens: the kind of work (enum phase), a title, a
 * prompt shown on every screen and a timebox.  EVENT_PHASE then names a
 * step by its index, and ws->phase is that step's kind, so everything
 * that works by kind of work (who may write what, the views) works
 * unchanged.  A room from before templates has no steps: it goes through
 * the first PHASE_LEGACY_COUNT kinds in order, and its EVENT_PHASE names
 * the kind itself.
 */
#include <stdlib.h>
#include <string.h>

#include "model-internal.h"
#include "roundtable/text.h"

size_t
model_steps(const struct workshop *ws)
{
	return ws->nsteps > 0 ? ws->nsteps : PHASE_LEGACY_COUNT;
}

size_t
model_step_now(const struct workshop *ws)
{
	return ws->step;
}

int
model_step_kind(const struct workshop *ws, size_t i)
{
	if (ws->nsteps > 0)
		return i < ws->nsteps ? ws->steps[i].kind : PHASE_WELCOME;
	return i < PHASE_LEGACY_COUNT ? (int)i : PHASE_WELCOME;
}

const char *
model_step_title(const struct workshop *ws, size_t i)
{
	if (ws->nsteps > 0 && i < ws->nsteps)
		return ws->steps[i].title;
	return model_phase_name(model_step_kind(ws, i));
}

const char *
model_step_prompt(const struct workshop *ws, size_t i)
{
	if (ws->nsteps > 0 && i < ws->nsteps)
		return ws->steps[i].prompt;
	return NULL;
}

const struct step *
model_step(const struct workshop *ws, size_t i)
{
	return ws->nsteps > 0 && i < ws->nsteps ? &ws->steps[i] : NULL;
}

int
model_step_of_kind(const struct workshop *ws, int kind, size_t from)
{
	size_t i;

	for (i = from; i < model_steps(ws); i++)
		if (model_step_kind(ws, i) == kind)
			return (int)i;
	return -1;
}

bool
model_in_step(const struct workshop *ws, const struct item *it)
{
	/* A question the room proposed and agreed is the room's from then
	 * on: srm-review agrees its questions, then answers them apart and
	 * together in later phases. */
	if (it->kind == ITEM_QUESTION && it->status == STATUS_ADOPTED)
		return true;
	return ws->nsteps == 0 || it->step == 0 || it->step == ws->step + 1;
}

uint32_t
model_first_question(const struct workshop *ws, int kind)
{
	const uint32_t	*ids;
	size_t		 n, i;

	ids = model_items_of_kind(ws, kind, &n);
	for (i = 0; i < n; i++)
		if (model_in_step(ws, model_item(ws, ids[i])))
			return ids[i];
	return 0;
}

bool
model_template_name_ok(const char *s)
{
	size_t n;

	if (s == NULL || *s == '\0')
		return false;
	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return false;
	return n <= MODEL_TEMPLATE_NAME_MAX;
}

int
step_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	if (actor != MODEL_SYSTEM)
		return model_fail(err, MODEL_ERR_ROLE,
		    N_("a room's phases come from its template"));
	if (ws->title == NULL || ws->template == NULL)
		return model_fail(err, MODEL_ERR_STATE, N_("this room was not "
		    "made from a template"));
	/* The phases are set out before anyone joins or the room moves on:
	 * an EVENT_PHASE names a step by its index once there are steps. */
	if (ws->step != 0 || ws->phase != PHASE_WELCOME || ws->npeople > 1)
		return model_fail(err, MODEL_ERR_STATE,
		    N_("the room has already started"));
	if (ws->nsteps >= MODEL_STEPS_MAX)
		return model_fail(err, MODEL_ERR_LIMIT,
		    SAY_MAX_PHASES, MODEL_STEPS_MAX);
	if (in->value < 0 || in->value >= PHASE_COUNT)
		return model_fail(err, MODEL_ERR_INVALID,
		    N_("no such kind of phase"));
	if (ws->nsteps == 0 && in->value != PHASE_WELCOME)
		return model_fail(err, MODEL_ERR_INVALID,
		    N_("a room's first phase is a welcome"));
	if (in->value2 < 0 || in->value2 > MODEL_MINUTES_MAX)
		return model_fail(err, MODEL_ERR_INVALID, SAY_TIMEBOX,
		    MODEL_MINUTES_MAX);
	if ((in->flags & ~STEP_F_ALL) != 0)
		return model_fail(err, MODEL_ERR_INVALID,
		    N_("bad phase flags"));
	if (model_check_text(in->text, MODEL_NAME_MAX, false,
	    /* TRANSLATORS: the field named in "the %s is too long" and
	     * the like: a phase's title. */
	    N_("title"),
	    err) != 0 || (in->text2 != NULL &&
	    model_check_text(in->text2, MODEL_TEXT_MAX, true,
	    /* TRANSLATORS: a phase's prompt, shown on every screen. */
	    N_("prompt"),
	    err) != 0))
		return -1;
	ev->type = EVENT_STEP;
	ev->id = (uint32_t)ws->nsteps + 1;
	ev->value = in->value;
	ev->value2 = in->value2;
	ev->flags = in->flags;
	ev->text = in->text;
	ev->text2 = in->text2;
	return 0;
}

int
step_commit(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct step *st;

	if (ev->id != ws->nsteps + 1 || ws->nsteps >= MODEL_STEPS_MAX ||
	    ev->value < 0 || ev->value >= PHASE_COUNT ||
	    (ws->nsteps == 0 && ev->value != PHASE_WELCOME) ||
	    ev->value2 < 0 || ev->value2 > MODEL_MINUTES_MAX ||
	    ev->text == NULL || ws->step != 0 || ws->template == NULL)
		return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_STEP,
		    (unsigned long long)ev->seq);
	ws->steps = model_grow(ws->steps, ws->nsteps, &ws->steps_cap,
	    sizeof *ws->steps);
	st = &ws->steps[ws->nsteps++];
	st->kind = ev->value;
	st->minutes = ev->value2;
	st->flags = ev->flags & STEP_F_ALL;
	st->title = xstrdup(ev->text);
	st->prompt = dup_or_null(ev->text2);
	return 0;
}

void
steps_free(struct workshop *ws)
{
	size_t i;

	for (i = 0; i < ws->nsteps; i++) {
		free(ws->steps[i].title);
		free(ws->steps[i].prompt);
	}
	free(ws->steps);
	free(ws->template);
}
