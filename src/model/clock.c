/*
 * clock.c - the room's clock: the timebox of a phase or of an activity in
 * it, and the limit on a speaking turn.
 *
 * Lesson 11's dialogue runs on agreed time: each step has its timebox and
 * each speaker their turn.  The facilitators start a timebox, pause it,
 * resume it, add minutes and stop it (INTENT_TIMER); they may ask for a
 * bell at zero, and limit a turn (INTENT_TURN_LIMIT).
 *
 * Invariants: the timer is kept in absolute server times taken from the
 * events (ev->time), never from a clock read here, so the same record
 * gives the same timer on the server, on every replica, after a restart
 * and in a replay; a screen works out what is left from its estimate of
 * the server's clock.  A running timer has a deadline, a paused one the
 * seconds it had left (negative when paused after time was up); total
 * never passes MODEL_TIMER_MAX.  A timer belongs to the phase it was
 * started in: a new phase or a new meeting stops it (clock_phase_ended),
 * and what the facilitator wants next is started anew.
 */
#include <stdint.h>

#include "model-internal.h"

int
model_timebox_minutes(const struct workshop *ws, size_t step)
{
	const struct step *st = model_step(ws, step);

	/* The template's timebox for the phase, else ten minutes. */
	return st != NULL && st->minutes > 0 ? st->minutes : 10;
}

int64_t
model_timer_left(const struct workshop *ws, int64_t now)
{
	switch (ws->timer.state) {
	case TIMER_RUNNING:
		return ws->timer.deadline - now;
	case TIMER_PAUSED:
		return ws->timer.left;
	}
	return 0;
}

const char *
model_timer_op_name(int op)
{
	switch (op) {
	case TIMER_START:
		return N_("start");
	case TIMER_PAUSE:
		return N_("pause");
	case TIMER_RESUME:
		return N_("resume");
	case TIMER_ADD:
		return N_("add");
	case TIMER_STOP:
		return N_("stop");
	case TIMER_BELL_ON:
		return N_("bell on");
	case TIMER_BELL_OFF:
		return N_("bell off");
	}
	return "?";
}

/* --- checking ----------------------------------------------------------- */

/* why: the whole refusal, a sentence of its own in each language. */
static int
need_fac(const struct workshop *ws, uint32_t actor, const char *why,
    struct model_error *err)
{
	if (actor == MODEL_SYSTEM || model_is_facilitator(ws, actor))
		return 0;
	return model_fail(err, MODEL_ERR_ROLE, "%s", why);
}

/* Seconds for a start (added false) or for adding. */
static int
check_seconds(const struct workshop *ws, int32_t s, bool added,
    struct model_error *err)
{
	if (s < 0)
		return model_fail(err, MODEL_ERR_INVALID, added ? N_("time "
		    "added cannot be negative: start the timer again for "
		    "less") : N_("a timebox cannot be negative"));
	if (s == 0)
		return model_fail(err, MODEL_ERR_INVALID, added ?
		    N_("add at least a second") :
		    N_("a timebox needs some time on it"));
	if (s > MODEL_TIMER_MAX || (added &&
	    (int64_t)ws->timer.total + s > MODEL_TIMER_MAX))
		return model_fail(err, MODEL_ERR_INVALID, SAY_TIMER_HOURS,
		    MODEL_TIMER_MAX / 3600);
	return 0;
}

static int
check_timer(const struct workshop *ws, const struct intent *in,
    struct event *ev, struct model_error *err)
{
	int state = ws->timer.state;

	if (in->value != TIMER_START && in->value != TIMER_ADD &&
	    in->value2 != 0)
		return model_fail(err, MODEL_ERR_INVALID, N_("only starting "
		    "the timer or adding to it takes seconds"));
	switch (in->value) {
	case TIMER_START:
		if (check_seconds(ws, in->value2, false, err) != 0)
			return -1;
		break;
	case TIMER_ADD:
		if (state == TIMER_OFF)
			return model_fail(err, MODEL_ERR_STATE, N_("there is "
			    "no timer to add time to"));
		if (check_seconds(ws, in->value2, true, err) != 0)
			return -1;
		break;
	case TIMER_PAUSE:
		if (state != TIMER_RUNNING)
			return model_fail(err, MODEL_ERR_STATE, state ==
			    TIMER_PAUSED ? N_("the timer is already paused") :
			    N_("there is no timer to pause"));
		break;
	case TIMER_RESUME:
		if (state != TIMER_PAUSED)
			return model_fail(err, MODEL_ERR_STATE, state ==
			    TIMER_RUNNING ? N_("the timer is already running") :
			    N_("there is no timer to resume"));
		break;
	case TIMER_STOP:
		if (state == TIMER_OFF)
			return model_fail(err, MODEL_ERR_STATE, N_("there is "
			    "no timer to stop"));
		break;
	case TIMER_BELL_ON:
	case TIMER_BELL_OFF:
		if (ws->timer.bell == (in->value == TIMER_BELL_ON))
			return model_fail(err, MODEL_ERR_STATE, ws->timer.bell
			    ? N_("the bell is already on") :
			    N_("the bell is already off"));
		break;
	default:
		return model_fail(err, MODEL_ERR_INVALID, N_("the timer can "
		    "be started, paused, resumed, added to or stopped"));
	}
	ev->type = EVENT_TIMER;
	ev->value = in->value;
	ev->value2 = in->value2;
	return 0;
}

int
clock_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	if (in->type == INTENT_TIMER)
		return need_fac(ws, actor,
		    N_("only a facilitator can run the timer"), err) != 0 ? -1 :
		    check_timer(ws, in, ev, err);
	if (need_fac(ws, actor,
	    N_("only a facilitator can limit speaking turns"), err) != 0)
		return -1;
	if (in->value < 0)
		return model_fail(err, MODEL_ERR_INVALID, N_("a turn's "
		    "limit cannot be negative (0: no limit)"));
	if (in->value > MODEL_TURN_MAX)
		return model_fail(err, MODEL_ERR_INVALID, N_("a speaking "
		    "turn's limit is at most an hour"));
	if (in->value == ws->turn_limit)
		return model_fail(err, MODEL_ERR_STATE, in->value == 0 ?
		    N_("turns have no limit already") :
		    N_("turns have that limit already"));
	ev->type = EVENT_TURN_LIMIT;
	ev->value = in->value;
	return 0;
}

/* --- committing --------------------------------------------------------- */

static int
bad(struct model_error *err, const struct event *ev)
{
	return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_CLOCK,
	    (unsigned long long)ev->seq);
}

/* Seconds that fit a paused timer's int32 either way. */
static int32_t
clamp_left(int64_t s)
{
	if (s > MODEL_TIMER_MAX)
		return MODEL_TIMER_MAX;
	if (s < -INT32_MAX)
		return -INT32_MAX;
	return (int32_t)s;
}

int
clock_commit(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct timer *t = &ws->timer;

	if (ev->type == EVENT_TURN_LIMIT) {
		if (ev->value < 0 || ev->value > MODEL_TURN_MAX)
			return bad(err, ev);
		ws->turn_limit = ev->value;
		return 0;
	}
	switch (ev->value) {
	case TIMER_START:
		if (ev->value2 < 1 || ev->value2 > MODEL_TIMER_MAX)
			return bad(err, ev);
		t->state = TIMER_RUNNING;
		t->deadline = ev->time + ev->value2;
		t->left = ev->value2;
		t->total = ev->value2;
		t->phase = (int)ws->step;
		t->started = ev->time;
		return 0;
	case TIMER_PAUSE:
		if (t->state != TIMER_RUNNING)
			return bad(err, ev);
		t->left = clamp_left(t->deadline - ev->time);
		t->state = TIMER_PAUSED;
		return 0;
	case TIMER_RESUME:
		if (t->state != TIMER_PAUSED)
			return bad(err, ev);
		t->deadline = ev->time + t->left;
		t->state = TIMER_RUNNING;
		return 0;
	case TIMER_ADD:
		if (t->state == TIMER_OFF || ev->value2 < 1 ||
		    (int64_t)t->total + ev->value2 > MODEL_TIMER_MAX)
			return bad(err, ev);
		t->total += ev->value2;
		if (t->state == TIMER_RUNNING)
			t->deadline += ev->value2;
		else
			t->left = clamp_left((int64_t)t->left + ev->value2);
		return 0;
	case TIMER_STOP:
		if (t->state == TIMER_OFF)
			return bad(err, ev);
		clock_phase_ended(ws);
		return 0;
	case TIMER_BELL_ON:
	case TIMER_BELL_OFF:
		t->bell = ev->value == TIMER_BELL_ON;
		return 0;
	}
	return bad(err, ev);
}

void
clock_phase_ended(struct workshop *ws)
{
	bool bell = ws->timer.bell;

	ws->timer = (struct timer){ 0 };
	ws->timer.bell = bell;
}
