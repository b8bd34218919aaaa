/*
 * agenda.c - the day's phases against the clock: when each was planned to
 * start and for how long (the meeting's planned start and the phases'
 * timeboxes), and where the room actually spent its time.
 *
 * The plan is recorded (INTENT_AGENDA); where the room spent its time is
 * derived from the phase changes and meetings as they are applied, so a
 * record from before the agenda has one too.  Planned times are minutes
 * after midnight as the facilitator typed them: the record does not know
 * the room's time zone, and a plan is read on the same wall clock.
 */
#include <stdio.h>
#include <time.h>

#include "model-internal.h"

void
visit_begin(struct workshop *ws, int64_t time)
{
	struct visit	*v;
	size_t		 i;

	for (i = ws->nvisits; i-- > 0;)
		if (ws->visits[i].since != 0) {
			if (time > ws->visits[i].since)
				ws->visits[i].spent += time -
				    ws->visits[i].since;
			ws->visits[i].since = 0;
		}
	for (i = ws->nvisits; i-- > 0;) {
		v = &ws->visits[i];
		if (v->meeting == ws->meeting && v->step == ws->step) {
			v->since = time;
			return;
		}
	}
	ws->visits = model_grow(ws->visits, ws->nvisits, &ws->visits_cap,
	    sizeof *ws->visits);
	v = &ws->visits[ws->nvisits++];
	*v = (struct visit){ .meeting = ws->meeting,
	    .step = (uint32_t)ws->step, .first = time, .since = time };
}

int
agenda_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	if (!model_is_facilitator(ws, actor))
		return model_fail(err, MODEL_ERR_ROLE, N_("only a facilitator "
		    "plans the agenda"));
	switch (in->value) {
	case AGENDA_START:
		if (in->value2 < -1 || in->value2 >= 24 * 60)
			return model_fail(err, MODEL_ERR_INVALID, N_("a start "
			    "time is HH:MM, from 00:00 to 23:59"));
		break;
	case AGENDA_MINUTES:
		if (ws->nsteps == 0)
			return model_fail(err, MODEL_ERR_STATE, N_("this room "
			    "has no template, so its phases have no "
			    "timeboxes"));
		if (in->ref == 0 || in->ref > ws->nsteps)
			return model_fail(err, MODEL_ERR_NOT_FOUND,
			    N_("there is no such phase"));
		if (in->value2 < 0 || in->value2 > MODEL_MINUTES_MAX)
			return model_fail(err, MODEL_ERR_INVALID, SAY_TIMEBOX,
			    MODEL_MINUTES_MAX);
		break;
	default:
		return model_fail(err, MODEL_ERR_INVALID,
		    N_("no such change to the agenda"));
	}
	ev->type = EVENT_AGENDA;
	ev->value = in->value;
	ev->value2 = in->value2;
	ev->ref = in->ref;
	return 0;
}

int
agenda_commit(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	switch (ev->value) {
	case AGENDA_START:
		if (ev->value2 < -1 || ev->value2 >= 24 * 60 ||
		    ws->nmeetings == 0)
			break;
		ws->meetings[ws->nmeetings - 1].planned = ev->value2 + 1;
		return 0;
	case AGENDA_MINUTES:
		if (ev->ref == 0 || ev->ref > ws->nsteps || ev->value2 < 0 ||
		    ev->value2 > MODEL_MINUTES_MAX)
			break;
		ws->steps[ev->ref - 1].minutes = ev->value2;
		return 0;
	}
	return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_AGENDA,
	    (unsigned long long)ev->seq);
}

int
model_agenda_start(const struct workshop *ws, uint32_t meeting, size_t i)
{
	const struct meeting	*m = model_meeting(ws, meeting);
	int			 start;
	size_t			 k;

	if (m == NULL || m->planned == 0)
		return -1;
	start = m->planned - 1;
	for (k = 0; k < i && k < ws->nsteps; k++)
		start += ws->steps[k].minutes;
	return start;
}

int64_t
model_agenda_spent(const struct workshop *ws, uint32_t meeting, size_t i,
    int64_t now, int64_t *first)
{
	const struct visit	*v;
	size_t			 k;

	*first = 0;
	for (k = 0; k < ws->nvisits; k++) {
		v = &ws->visits[k];
		if (v->meeting != meeting || v->step != i)
			continue;
		*first = v->first;
		return v->spent + (v->since != 0 && now > v->since ?
		    now - v->since : 0);
	}
	return 0;
}

char *
model_hhmm(int minutes, char *buf, size_t len)
{
	snprintf(buf, len, "%02d:%02d", minutes / 60 % 24, minutes % 60);
	return buf;
}

char *
model_local_hhmm(int64_t when, char *buf, size_t len)
{
	time_t		 tt = (time_t)when;
	struct tm	 tm;

	if (localtime_r(&tt, &tm) == NULL)
		snprintf(buf, len, "--:--");
	else
		model_hhmm(tm.tm_hour * 60 + tm.tm_min, buf, len);
	return buf;
}
