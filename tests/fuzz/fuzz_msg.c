/*
 * fuzz_msg.c - libFuzzer harness for the message decoder on one frame
 * body, and for what a client does with what it decodes.
 *
 * Build with `make fuzz`; run, for instance:
 *   build/fuzz/fuzz_msg -dict=tests/fuzz/wire.dict -malloc_limit_mb=64 \
 *       -max_total_time=600 tests/fuzz/corpus/msg
 * (scripts/fuzz runs all four and merges what they find).
 *
 * The input is one frame body, without its header.  wire_decode() is the
 * whole message decoder: wire_check(), then msgpack-c, then the fields.
 * On success:
 *   - encode(decode(x)) must decode again to the same message, field by
 *     field, and encoding that once more must give the same bytes (a
 *     fixed point after one round, which covers a welcome's snapshot);
 *     every known message type must encode;
 *   - a welcome's snapshot is the room a client then lives in: it is
 *     walked through the model's lookups, filters and tallies the screens
 *     use, for its own participant and for every other one;
 *   - an event is committed to a client's replica (made once per process
 *     from a real welcome), as client.c does, gaps allowed.
 * Besides crashes, leaks and undefined behaviour, it aborts when the round
 * trip fails.  -malloc_limit_mb catches any declared length that reaches
 * an allocation unchecked.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/model.h"
#include "roundtable/wire.h"

#include "fuzz-room.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A participant's welcome in the dialogue, for events to land on. */
static struct wire_buf	base_welcome;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct workshop *ws;

	(void)argc;
	(void)argv;
	fuzz_rooms_init();
	ws = fuzz_room_new(PHASE_DIALOGUE);
	wire_buf_init(&base_welcome);
	fuzz_snapshot(ws, FUZZ_ANA, &base_welcome);
	model_free(ws);
	return 0;
}

static bool
str_eq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
votes_eq(const struct vote *a, size_t na, const struct vote *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].voter != b[i].voter || a[i].group != b[i].group ||
		    a[i].answer != b[i].answer ||
		    a[i].weight != b[i].weight ||
		    !str_eq(a[i].reason, b[i].reason))
			return false;
	return true;
}

/* Did the encoder keep everything the decoder took?  (The snapshot of a
 * welcome is compared as bytes, by the fixed point.) */
static bool
msg_eq(const struct msg *a, const struct msg *b)
{
	const struct msg_hello *h = &a->hello, *h2 = &b->hello;
	const struct intent *i = &a->intent, *i2 = &b->intent;
	const struct event *e = &a->event, *e2 = &b->event;
	size_t k;

	if (a->type != b->type)
		return false;
	switch (a->type) {
	case MSG_HELLO:
		return h->version == h2->version &&
		    str_eq(h->code, h2->code) && str_eq(h->name, h2->name) &&
		    str_eq(h->group, h2->group) &&
		    str_eq(h->token, h2->token) &&
		    h->last_seq == h2->last_seq &&
		    h->observer == h2->observer &&
		    str_eq(h->fac_code, h2->fac_code);
	case MSG_LOBBY:
		if (!str_eq(a->lobby.title, b->lobby.title) ||
		    a->lobby.ngroups != b->lobby.ngroups)
			return false;
		for (k = 0; k < a->lobby.ngroups; k++)
			if (!str_eq(a->lobby.groups[k], b->lobby.groups[k]))
				return false;
		return true;
	case MSG_WELCOME:
		return a->welcome.self == b->welcome.self &&
		    str_eq(a->welcome.token, b->welcome.token);
	case MSG_REFUSE:
		return a->refuse.code == b->refuse.code &&
		    str_eq(a->refuse.text, b->refuse.text);
	case MSG_INTENT:
		return i->type == i2->type && i->req == i2->req &&
		    i->flags == i2->flags && i->ref == i2->ref &&
		    i->value == i2->value && i->value2 == i2->value2 &&
		    str_eq(i->text, i2->text) && str_eq(i->text2, i2->text2) &&
		    str_eq(i->lang, i2->lang);
	case MSG_ACK:
		return a->ack.req == b->ack.req && a->ack.seq == b->ack.seq;
	case MSG_ERROR:
		return a->error.req == b->error.req &&
		    a->error.code == b->error.code &&
		    str_eq(a->error.text, b->error.text);
	case MSG_EVENT:
		return e->seq == e2->seq && e->time == e2->time &&
		    e->type == e2->type && e->actor == e2->actor &&
		    e->req == e2->req && e->id == e2->id &&
		    e->ref == e2->ref && e->group == e2->group &&
		    e->value == e2->value && e->value2 == e2->value2 &&
		    e->flags == e2->flags && str_eq(e->text, e2->text) &&
		    str_eq(e->text2, e2->text2) &&
		    votes_eq(e->votes, e->nvotes, e2->votes, e2->nvotes);
	case MSG_PRESENCE:
		return a->presence.who == b->presence.who &&
		    a->presence.present == b->presence.present;
	}
	return true;
}

static void
round_trip(struct msg *m)
{
	struct wire_buf a, b;
	struct msg m2;
	char err[160];

	wire_buf_init(&a);
	wire_buf_init(&b);
	m->welcome.snapshot_src = m->welcome.room;
	if (wire_encode(m, &a) == 0) {
		if (wire_decode(a.data + WIRE_HEADER_SIZE,
		    a.len - WIRE_HEADER_SIZE, &m2, err, sizeof err) != 0) {
			fprintf(stderr, "fuzz_msg: re-encoded message %d "
			    "refused: %s\n", m->type, err);
			abort();
		}
		if (!msg_eq(m, &m2)) {
			fprintf(stderr, "fuzz_msg: message %d changed on "
			    "the way\n", m->type);
			abort();
		}
		m2.welcome.snapshot_src = m2.welcome.room;
		if (wire_encode(&m2, &b) != 0 || a.len != b.len ||
		    memcmp(a.data, b.data, a.len) != 0) {
			fprintf(stderr, "fuzz_msg: message %d is no fixed "
			    "point\n", m->type);
			abort();
		}
		wire_msg_free(&m2);
	} else if (m->type >= MSG_HELLO && m->type <= MSG_PONG) {
		fprintf(stderr, "fuzz_msg: message %d does not encode\n",
		    m->type);
		abort();
	}
	wire_buf_destroy(&a);
	wire_buf_destroy(&b);
}

/* What the screens ask of a replica, for one viewer. */
static void
walk_room(const struct workshop *ws, uint32_t viewer)
{
	uint32_t ids[64];
	int tally[64];
	struct item view;
	struct poll pv;
	size_t i;
	volatile uintptr_t sink = 0;

	for (i = 0; i < ws->nitems; i++) {
		const struct item *it = &ws->items[i];

		sink += model_item_visible(ws, it, viewer);
		model_item_view(ws, it, viewer, &view);
		sink += (uintptr_t)view.text;
		sink += model_action_number(ws, it->id);
		sink += model_section_derived(it);
		if (it->kind == ITEM_ACTION) {
			sink += model_action_owner(ws, it, viewer);
			sink += (uintptr_t)model_action_dots(ws, it->id);
		}
	}
	for (i = 0; i < ws->npolls; i++) {
		const struct poll *p = &ws->polls[i];

		model_tally(p, tally, sizeof tally / sizeof tally[0]);
		model_poll_view(ws, p, viewer, &pv);
		model_votes_free(pv.votes, pv.nvotes);
		sink += (uintptr_t)model_my_vote(p, viewer);
		sink += (uintptr_t)model_my_dots(p, viewer);
	}
	for (i = 0; i < ws->ngroups; i++) {
		sink += model_group_size(ws, ws->groups[i].id);
		sink += (uintptr_t)model_group_poll(ws, ws->groups[i].id);
	}
	for (i = 0; i < ws->nmeetings; i++)
		sink += model_attended(ws, ws->meetings[i].id, viewer);
	sink += model_queue(ws, ids, sizeof ids / sizeof ids[0]);
	sink += model_action_order(ws, ids, sizeof ids / sizeof ids[0]);
	sink += model_charter_ready(ws);
	sink += (uintptr_t)model_open_poll(ws);
	sink += model_is_facilitator(ws, viewer);
	sink += (uintptr_t)model_conf(ws, ws->phase);
	(void)sink;
}

static void
client_event(const struct event *ev)
{
	struct model_error err;
	struct workshop *ws;
	char why[160];

	if ((ws = fuzz_replica(&base_welcome, why, sizeof why)) == NULL)
		abort();
	/* client.c: what the snapshot holds already is skipped. */
	if (ev->seq > ws->seq && model_commit(ws, ev, true, &err) == 0)
		walk_room(ws, FUZZ_ANA);
	model_free(ws);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct msg m;
	char err[160];
	uint32_t who;

	if (wire_decode(data, size, &m, err, sizeof err) != 0)
		return 0;
	round_trip(&m);
	if (m.type == MSG_WELCOME && m.welcome.room != NULL) {
		walk_room(m.welcome.room, m.welcome.self);
		for (who = 1; who <= m.welcome.room->npeople && who < 16; who++)
			walk_room(m.welcome.room, who);
	} else if (m.type == MSG_EVENT)
		client_event(&m.event);
	wire_msg_free(&m);
	return 0;
}
