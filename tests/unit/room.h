/*
 * room.h - the room the model's unit tests play in: the server's
 * workshop and one replica per viewer, every event the server commits fed
 * to each replica as the server feeds it (fixture_feed, which also checks
 * that one class of viewer gets one audience).  A setup opens it
 * (room_open, room_open_template) and lets people in (join, join_all);
 * the tests act on it with apply, must and refused, build intents with I,
 * move it on with phase or step, read a viewer's replica with of, and at
 * the end check that every workshop's indexes are what a walk over its
 * items finds (room_check, room_teardown).
 *
 * What each test file keeps: its people, its template or opening, the
 * viewers it follows (their ids; at most ROOM_VIEWERS_MAX), the server's
 * clock and how far it moves per event (room_init), and anything else it
 * keeps with the room: a file that needs more fields defines ROOM_OWN as
 * those fields before it includes this header.
 *
 * The functions are static inline, as in fixture.h, so that a file that
 * does not use one is not warned about it.
 */
#ifndef ROUNDTABLE_TEST_ROOM_H
#define ROUNDTABLE_TEST_ROOM_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roundtable/model.h"
#include "roundtable/template.h"

#include "fixture.h"

#define ROOM_VIEWERS_MAX 8

struct room {
	struct workshop		*ws;		/* the server's */
	struct workshop		*replica[ROOM_VIEWERS_MAX]; /* viewers[i]'s */
	const uint32_t		*viewers;	/* the file's, static */
	size_t			 nviewers;
	/* The time the server stamps on an event: now + seq * step, seq
	 * the server's before it.  A file that moves the clock itself
	 * sets step 0 and changes now. */
	int64_t			 now;
	int64_t			 step;
	/* NULL, or a workshop that commits every event whole, as a replay
	 * of the record does; room_check checks it, room_destroy frees
	 * it. */
	struct workshop		*replay;
	/* Whether refused also checks that the server holds no new item. */
	bool			 refused_keeps_items;
	/* NULL, or called with every event the server commits, before the
	 * replicas see it. */
	void			(*on_event)(struct room *, const struct event *);
#ifdef ROOM_OWN
	ROOM_OWN
#endif
};

/* Starts r (zeroed or not) as an empty room followed by the n viewers
 * (static: r keeps the pointer), with the server's clock at now and
 * moving step seconds per event. */
static inline void
room_init(struct room *r, const uint32_t *viewers, size_t n, int64_t now,
    int64_t step)
{
	size_t i;

	assert_true(n <= ROOM_VIEWERS_MAX);
	memset(r, 0, sizeof *r);
	r->ws = model_new();
	for (i = 0; i < n; i++)
		r->replica[i] = model_new();
	r->viewers = viewers;
	r->nviewers = n;
	r->now = now;
	r->step = step;
}

/* Whatever the test did, the indexes of the server's workshop, of the
 * replay and of every replica are what a walk over their items finds
 * (placeholders revealed included). */
static inline void
room_check(const struct room *r)
{
	size_t i;

	assert_int_equal(fixture_index_differs(r->ws), 0);
	if (r->replay != NULL)
		assert_int_equal(fixture_index_differs(r->replay), 0);
	for (i = 0; i < r->nviewers; i++)
		assert_int_equal(fixture_index_differs(r->replica[i]), 0);
}

/* Frees the workshops of r (not r itself, nor what ROOM_OWN holds). */
static inline void
room_destroy(struct room *r)
{
	size_t i;

	model_free(r->ws);
	model_free(r->replay);
	for (i = 0; i < r->nviewers; i++)
		model_free(r->replica[i]);
}

/* A cmocka teardown for a room a setup callocs and room_inits. */
static inline int
room_teardown(void **state)
{
	struct room *r = *state;

	room_check(r);
	room_destroy(r);
	free(r);
	return 0;
}

/* Applies in as actor on the server and feeds the event to the replay,
 * the file's on_event and every replica; returns 0, or -1 with the
 * server's refusal in err (when not NULL).  A replica's refusal fails
 * the test. */
static inline int
apply(struct room *r, uint32_t actor, struct intent in,
    struct model_error *err)
{
	struct event ev;
	struct model_error e;
	size_t i;

	if (model_apply(r->ws, actor, &in, r->now + (int64_t)r->ws->seq *
	    r->step, &ev, err != NULL ? err : &e) != 0)
		return -1;
	if (r->replay != NULL && model_commit(r->replay, &ev, false, &e) != 0)
		fail_msg("replay refused event %llu: %s",
		    (unsigned long long)ev.seq, e.msg);
	if (r->on_event != NULL)
		r->on_event(r, &ev);
	for (i = 0; i < r->nviewers; i++)
		if (fixture_feed(r->ws, &ev, r->viewers[i], r->replica[i],
		    &e) != 0)
			fail_msg("replica of %u refused event %llu: %s",
			    r->viewers[i], (unsigned long long)ev.seq, e.msg);
	return 0;
}

static inline void
must(struct room *r, uint32_t actor, struct intent in)
{
	struct model_error err = { 0 };

	if (apply(r, actor, in, &err) != 0)
		fail_msg("intent %d by %u refused: %s", in.type, actor,
		    err.msg);
}

/* Refused, with code (unless 0) and words in the message (unless NULL),
 * and no event. */
static inline void
refused(struct room *r, uint32_t actor, struct intent in, int code,
    const char *words)
{
	struct model_error err = { 0 };
	uint64_t seq = r->ws->seq;
	size_t nitems = r->ws->nitems;

	if (apply(r, actor, in, &err) == 0)
		fail_msg("intent %d by %u was accepted", in.type, actor);
	if (code != 0 && err.code != code)
		fail_msg("intent %d by %u: code %d, not %d (%s)", in.type,
		    actor, err.code, code, err.msg);
	if (words != NULL && strstr(err.msg, words) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err.msg, words);
	assert_int_equal(r->ws->seq, seq);
	if (r->refused_keeps_items)
		assert_int_equal(r->ws->nitems, nitems);
}

static inline struct intent
I(int type, uint32_t ref, int value, const char *text)
{
	return (struct intent){ .type = type, .ref = ref, .value = value,
	    .text = (char *)text };
}

/* The replica of viewer, or NULL when the room does not follow them. */
static inline struct workshop *
of(struct room *r, uint32_t viewer)
{
	size_t i;

	for (i = 0; i < r->nviewers; i++)
		if (r->viewers[i] == viewer)
			return r->replica[i];
	return NULL;
}

/* Opens the room as fixture_opening has it (fac_code may be NULL; groups
 * NULL-terminated). */
static inline void
room_open(struct room *r, const char *title, const char *code,
    const char *fac_code, const char *const *groups)
{
	struct intent open[FIXTURE_OPENING_MAX];
	size_t i, n;

	n = fixture_opening(open, title, code, fac_code, groups);
	for (i = 0; i < n; i++)
		must(r, MODEL_SYSTEM, open[i]);
}

/* name joins the room as role, in group (0: none), with secret as the
 * token that brings them back. */
static inline void
join(struct room *r, const char *name, uint32_t group, int role,
    const char *secret)
{
	must(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_JOIN,
	    .text = (char *)name, .ref = group, .value = role,
	    .secret = (char *)secret });
}

/* names[i] joins group groups[i] as a participant with token "tok<i>",
 * for i < n, in that order. */
static inline void
join_all(struct room *r, const char *const *names, const uint32_t *groups,
    size_t n)
{
	char tok[16];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(tok, sizeof tok, "tok%zu", i);
		join(r, names[i], groups[i], ROLE_PARTICIPANT, tok);
	}
}

/* The nth item of a kind (from 0), or 0. */
static inline uint32_t
nth_of(const struct workshop *ws, int kind, size_t nth)
{
	size_t i;

	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == kind && nth-- == 0)
			return ws->items[i].id;
	return 0;
}

/* The facilitator moves the room to a phase of kind p, unless there. */
static inline void
phase(struct room *r, int p)
{
	if (r->ws->phase != p)
		must(r, MODEL_FACILITATOR, I(INTENT_PHASE, 0, p, NULL));
}

/* The facilitator moves the room to its step s (from 0), unless there. */
static inline void
step(struct room *r, int s)
{
	if (model_step_now(r->ws) != (size_t)s)
		must(r, MODEL_FACILITATOR, I(INTENT_PHASE, 0, s, NULL));
}

/* Opens the room from a template's text (file: its name in messages) as
 * roundtable serve does: created with the template's title and code
 * ABC-234, its groups, then template_intents(). */
static inline void
room_open_template(struct room *r, const char *text, const char *file)
{
	struct template	 tpl;
	struct intent	*in;
	char		 why[256];
	size_t		 i, n;

	if (template_parse(&tpl, text, strlen(text), file, why,
	    sizeof why) != 0)
		fail_msg("%s", why);
	must(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = tpl.title, .text2 = tpl.name, .secret = "ABC-234" });
	for (i = 0; i < tpl.ngroups; i++)
		must(r, MODEL_SYSTEM, I(INTENT_GROUP_ADD, 0, 0,
		    tpl.groups[i]));
	n = template_intents(&tpl, NULL, 0);
	in = calloc(n, sizeof *in);
	template_intents(&tpl, in, n);
	for (i = 0; i < n; i++)
		must(r, MODEL_SYSTEM, in[i]);
	free(in);
	template_free(&tpl);
}

#endif
