/*
 * fuzz-room.h - what the fuzz harnesses and mkseeds.c share: a room opened
 * the way `roundtable serve` opens one (the seed content of
 * tests/unit/fixture.h, people of every role admitted and marked present
 * as the server's hello does), kept as its list of events so that a
 * harness can rebuild it for each input, and snapshots as the server
 * sends them in a welcome.
 *
 * The room is built once per process by fuzz_rooms_init(): one per phase,
 * each the same opening followed by the facilitator moving the room to
 * that phase.  fuzz_room_open() also makes a bare one, without the seed
 * content, for small snapshots.  Everything here aborts on what should never fail: it is
 * the harnesses' own set-up, not their input.
 */
#ifndef ROUNDTABLE_FUZZ_ROOM_H
#define ROUNDTABLE_FUZZ_ROOM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/model.h"
#include "roundtable/wire.h"

#include "../unit/fixture.h"

#define FUZZ_T0		1800000000	/* 2027-01-15, unix seconds */
#define FUZZ_TOKEN	"0123456789abcdef0123456789abcdef"

/* Who is in the room, by id (the facilitator is 1, made by the opening). */
enum {
	FUZZ_FAC = MODEL_FACILITATOR,
	FUZZ_COFAC = 2,
	FUZZ_ANA = 3,		/* participants: Ana and Bea in group 1 */
	FUZZ_BEA = 4,
	FUZZ_CRUZ = 5,		/* group 2 */
	FUZZ_DEV = 6,		/* group 3 */
	FUZZ_OBS = 7,		/* an observer */
	FUZZ_PEOPLE = 7
};

static const char *const fuzz_groups[] = {
	"Police", "Residents", "Traders", NULL
};

struct fuzz_room {
	struct event	*log;		/* every event so far, owned */
	size_t		 nlog, cap;
};

static struct fuzz_room	fuzz_rooms[PHASE_COUNT];

static inline char *
fuzz_strdup(const char *s)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		abort();
	return d;
}

/* A deep copy of an event from model_check (no votes: only views and
 * decoded frames carry them). */
static inline struct event
fuzz_event_copy(const struct event *ev)
{
	struct event c = *ev;

	if (ev->votes != NULL)
		abort();
	c.text = fuzz_strdup(ev->text);
	c.text2 = fuzz_strdup(ev->text2);
	c.secret = fuzz_strdup(ev->secret);
	c.lang = fuzz_strdup(ev->lang);
	return c;
}

static inline void
fuzz_event_free(struct event *ev)
{
	free(ev->text);
	free(ev->text2);
	free(ev->secret);
	free(ev->lang);
	memset(ev, 0, sizeof *ev);
}

/* Checks and commits as the server's submit() does, and logs the event. */
static inline void
fuzz_submit(struct workshop *ws, struct fuzz_room *r, uint32_t actor,
    struct intent in, int64_t now)
{
	struct model_error err;
	struct event ev;

	if (model_check(ws, actor, &in, now, &ev, &err) != 0 ||
	    model_commit(ws, &ev, false, &err) != 0) {
		fprintf(stderr, "fuzz set-up: intent %d refused: %s\n",
		    in.type, err.msg);
		abort();
	}
	if (r->nlog == r->cap) {
		r->cap = r->cap == 0 ? 256 : r->cap * 2;
		if ((r->log = realloc(r->log, r->cap * sizeof *r->log)) == NULL)
			abort();
	}
	r->log[r->nlog++] = fuzz_event_copy(&ev);
}

static inline void
fuzz_join(struct workshop *ws, struct fuzz_room *r, const char *name,
    uint32_t group, int role, int64_t now)
{
	fuzz_submit(ws, r, MODEL_SYSTEM, (struct intent){ .type = INTENT_JOIN,
	    .text = (char *)name, .ref = group, .value = role,
	    .secret = (char *)FUZZ_TOKEN }, now);
	/* The server records attendance at a welcome, as record_attendance()
	 * does: unless the record says so already. */
	if (!model_attended(ws, ws->meeting, (uint32_t)ws->npeople))
		fuzz_submit(ws, r, MODEL_SYSTEM, (struct intent){
		    .type = INTENT_ATTEND, .ref = (uint32_t)ws->npeople,
		    .value = 1 }, now);
}

/* A new model holding r's events, committed as journal replay does. */
static inline struct workshop *
fuzz_room_replay(const struct fuzz_room *r)
{
	struct workshop *ws = model_new();
	struct model_error err;
	size_t i;

	for (i = 0; i < r->nlog; i++)
		if (model_commit(ws, &r->log[i], false, &err) != 0)
			abort();
	return ws;
}

/* The room of fuzz_rooms_init() in phase k. */
static inline struct workshop *
fuzz_room_new(int k)
{
	return fuzz_room_replay(&fuzz_rooms[k]);
}

/* Opens the fuzz room in phase k into r: with the method's seed content,
 * or bare (the room, its groups and people only: small snapshots). */
static inline void
fuzz_room_open(struct fuzz_room *r, int k, bool seed)
{
	struct intent open[FIXTURE_OPENING_MAX];
	struct workshop *ws;
	size_t i, n;
	int step;

	ws = model_new();
	n = fixture_opening(open, "Fuzz room", "KXM-47P", "FAC-7Q2-ZZ9",
	    fuzz_groups);
	if (!seed)	/* the creation, the co-facilitators' code, groups */
		n = 2 + sizeof fuzz_groups / sizeof fuzz_groups[0] - 1;
	for (i = 0; i < n; i++)
		fuzz_submit(ws, r, MODEL_SYSTEM, open[i], FUZZ_T0);
	fuzz_join(ws, r, "Cora", 0, ROLE_COFACILITATOR, FUZZ_T0 + 60);
	fuzz_join(ws, r, "Ana", 1, ROLE_PARTICIPANT, FUZZ_T0 + 61);
	fuzz_join(ws, r, "Bea", 1, ROLE_PARTICIPANT, FUZZ_T0 + 62);
	fuzz_join(ws, r, "Cruz", 2, ROLE_PARTICIPANT, FUZZ_T0 + 63);
	fuzz_join(ws, r, "Dev", 3, ROLE_PARTICIPANT, FUZZ_T0 + 64);
	fuzz_join(ws, r, "Obs", 0, ROLE_OBSERVER, FUZZ_T0 + 65);
	if (ws->npeople != FUZZ_PEOPLE)
		abort();
	/* INTENT_PHASE names a phase by its index in the room's process: the
	 * first of kind k.  This room has no template, so it goes through
	 * the first PHASE_LEGACY_COUNT kinds; one it never reaches
	 * (indicators, a matrix) leaves it in Welcome. */
	step = model_step_of_kind(ws, k, 0);
	if (step > 0)
		fuzz_submit(ws, r, FUZZ_FAC, (struct intent){
		    .type = INTENT_PHASE, .value = step }, FUZZ_T0 + 120);
	model_free(ws);
}

static inline void
fuzz_rooms_init(void)
{
	int k;

	for (k = 0; k < PHASE_COUNT; k++)
		fuzz_room_open(&fuzz_rooms[k], k, true);
}

/* The welcome the server would send self: one whole frame in *out. */
static inline void
fuzz_snapshot(const struct workshop *ws, uint32_t self, struct wire_buf *out)
{
	struct msg m = { .type = MSG_WELCOME };

	m.welcome.self = self;
	m.welcome.snapshot_src = ws;
	wire_buf_reset(out);
	if (wire_encode(&m, out) != 0)
		abort();
}

/* The replica a client makes of a welcome, or NULL if it refuses it. */
static inline struct workshop *
fuzz_replica(const struct wire_buf *welcome, char *err, size_t errlen)
{
	struct workshop *ws;
	struct msg m;

	if (wire_decode(welcome->data + WIRE_HEADER_SIZE,
	    welcome->len - WIRE_HEADER_SIZE, &m, err, errlen) != 0)
		return NULL;
	ws = m.welcome.room;
	m.welcome.room = NULL;
	wire_msg_free(&m);
	return ws;
}

#endif
