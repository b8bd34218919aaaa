/*
 * fuzz_reducer.c - libFuzzer harness for the reducer fed hostile intents
 * the way the server feeds it.
 *
 * Build with `make fuzz`; run, for instance:
 *   build/fuzz/fuzz_reducer -dict=tests/fuzz/wire.dict -malloc_limit_mb=64 \
 *       -max_total_time=600 tests/fuzz/corpus/reducer
 * (scripts/fuzz runs all four and merges what they find).
 *
 * A room is opened once per process in each phase (fuzz-room.h: the seed
 * content, a co-facilitator, four participants in three groups, an
 * observer), and rebuilt from its events for every input, so an input
 * always means the same thing.  The input is:
 *
 *   byte 0       the phase the room starts in (mod PHASE_COUNT)
 *   then frames  [ctl] [length: 2 bytes, big-endian] [body]
 *
 * Each body goes through wire_decode(), as on_message() in server.c gets
 * it; an intent is then checked for an actor taken from ctl (low 4 bits: 0
 * the server itself, for the intents the server makes on its own once the
 * room is open; else a person, modulo the people in the room) and,
 * when accepted, journaled (encoded as a record), committed, and queued
 * for broadcast.  Bit 4 of ctl releases the queue first, as a finished
 * group commit does; the top 3 bits move the clock on by half-days.  A
 * released event goes to two replicas, a participant's and an observer's,
 * both made from the welcome snapshot the server sends, as the server
 * sends it: model_event_audience and model_event_view on the server's
 * state as it is at release, wire_encode, wire_decode, model_commit with
 * gaps allowed; a replica whose person is removed gets nothing more.
 *
 * Besides crashes, leaks and undefined behaviour, it aborts when:
 *   - the server's model_commit refuses what its model_check accepted;
 *   - a replica refuses an event the server committed and sent it;
 *   - two people of the same role and group, neither of them among the
 *     event's persons, get different audiences (the server works an
 *     audience out once per class: fixture_check_classes);
 *   - a record does not decode, or replaying the records (a restart)
 *     does not rebuild the same room, snapshot for snapshot;
 *   - a welcome snapshot of the room, for anyone in it, is refused by the
 *     client's decoder.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/model.h"
#include "roundtable/wire.h"

#include "fuzz-room.h"
#include "../unit/fixture.h"

#define PENDING_MAX	64	/* events queued before a forced release */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The welcome snapshots for the replicas, per starting phase. */
static const uint32_t	viewers[] = { FUZZ_ANA, FUZZ_OBS };
#define NVIEWERS	(sizeof viewers / sizeof viewers[0])
static struct wire_buf	welcomes[PHASE_COUNT][NVIEWERS];
static int		trace;	/* FUZZ_TRACE=1: say what each intent did */

struct run {
	struct workshop	*ws;			/* the server's */
	struct workshop	*replay;		/* its journal, replayed */
	struct workshop	*replica[NVIEWERS];
	bool		 gone[NVIEWERS];	/* removed: turned away */
	struct event	 pending[PENDING_MAX];	/* committed, not yet sent */
	size_t		 npending;
	struct wire_buf	 buf;
};

static void
bug(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_reducer: %s: %s\n", what, why);
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct workshop *ws;
	size_t v;
	int k;

	(void)argc;
	(void)argv;
	trace = getenv("FUZZ_TRACE") != NULL;
	fuzz_rooms_init();
	for (k = 0; k < PHASE_COUNT; k++) {
		ws = fuzz_room_new(k);
		for (v = 0; v < NVIEWERS; v++) {
			wire_buf_init(&welcomes[k][v]);
			fuzz_snapshot(ws, viewers[v], &welcomes[k][v]);
		}
		model_free(ws);
	}
	return 0;
}

/* Sends every queued event to the replicas, as release() does once the
 * disk has caught up. */
static void
release(struct run *r)
{
	struct model_error err;
	struct msg m = { .type = MSG_EVENT }, got;
	char why[160];
	size_t i, v;

	for (i = 0; i < r->npending; i++) {
		const struct event *ev = &r->pending[i];

		if (fixture_check_classes(r->ws, ev, &err) != 0)
			bug("audience differs within a class", err.msg);
		for (v = 0; v < NVIEWERS; v++) {
			if (r->gone[v] || model_event_audience(r->ws, ev,
			    viewers[v]) == AUDIENCE_NONE)
				continue;
			model_event_view(r->ws, ev, viewers[v], &m.event);
			wire_buf_reset(&r->buf);
			if (wire_encode(&m, &r->buf) != 0)
				bug("event", "does not encode");
			model_votes_free(m.event.votes, m.event.nvotes);
			if (wire_decode(r->buf.data + WIRE_HEADER_SIZE,
			    r->buf.len - WIRE_HEADER_SIZE, &got, why,
			    sizeof why) != 0)
				bug("event frame refused by the client", why);
			/* client.c: an event already in the snapshot is
			 * skipped. */
			if (got.event.seq > r->replica[v]->seq &&
			    model_commit(r->replica[v], &got.event, true,
			    &err) != 0) {
				fprintf(stderr, "fuzz_reducer: replica of %u, "
				    "event %llu type %d\n", viewers[v],
				    (unsigned long long)got.event.seq,
				    got.event.type);
				bug("replica refused a committed event",
				    err.msg);
			}
			wire_msg_free(&got);
			/* turn_away(): told, then hung up on for good. */
			if (ev->type == EVENT_REMOVE && ev->ref == viewers[v])
				r->gone[v] = true;
		}
		fuzz_event_free(&r->pending[i]);
	}
	r->npending = 0;
}

/* Journals, commits and queues an accepted event, as submit() does. */
static void
commit(struct run *r, const struct event *ev)
{
	struct model_error err;
	struct event rec;
	char why[160];

	wire_buf_reset(&r->buf);
	if (wire_encode_record(ev, &r->buf) != 0)
		bug("record", "does not encode");
	if (wire_decode_record(r->buf.data, r->buf.len, &rec, why,
	    sizeof why) != 0)
		bug("record does not decode", why);
	if (model_commit(r->replay, &rec, false, &err) != 0)
		bug("journal replay refused a record", err.msg);
	wire_event_free(&rec);
	if (model_commit(r->ws, ev, false, &err) != 0)
		bug("commit refused what check accepted", err.msg);
	if (r->npending == PENDING_MAX)
		release(r);
	r->pending[r->npending++] = fuzz_event_copy(ev);
}

/* One frame from actor, as on_intent() takes it. */
static void
intent(struct run *r, uint32_t actor, const uint8_t *body, size_t len,
    int64_t now)
{
	struct participant *p;
	struct model_error err;
	struct event ev;
	struct msg m;
	char why[160];

	if (wire_decode(body, len, &m, why, sizeof why) != 0) {
		if (trace)
			fprintf(stderr, "frame refused: %s\n", why);
		return;		/* the server hangs up */
	}
	if (m.type != MSG_INTENT)
		goto out;
	if (actor == MODEL_SYSTEM) {
		/* Only what the server submits itself once a room is open
		 * (a hello, a welcome, `serve` options), with the secret it
		 * makes; seed content is static and written at the opening. */
		switch (m.intent.type) {
		case INTENT_JOIN:
		case INTENT_CODE:
		case INTENT_FAC_CODE:
			m.intent.secret = fuzz_strdup(FUZZ_TOKEN);
			break;
		case INTENT_ATTEND:
		case INTENT_MEETING:
		case INTENT_TITLE:
		case INTENT_LANGUAGE:
		case INTENT_GROUP_ADD:
			break;
		default:
			goto out;
		}
	} else {
		/* A re-sent intent is acknowledged, not applied again. */
		p = model_person(r->ws, actor);
		if (m.intent.req != 0 && p != NULL &&
		    m.intent.req <= p->last_req)
			goto out;
	}
	if (model_check(r->ws, actor, &m.intent, now, &ev, &err) == 0) {
		if (trace)
			fprintf(stderr, "%u: intent %d: event %llu\n", actor,
			    m.intent.type, (unsigned long long)ev.seq);
		commit(r, &ev);
	} else if (trace)
		fprintf(stderr, "%u: intent %d refused: %s\n", actor,
		    m.intent.type, err.msg);
out:
	wire_msg_free(&m);
}

/* A client takes the welcome the server would send who. */
static void
check_welcome(const struct workshop *server, uint32_t who,
    struct wire_buf *buf)
{
	struct workshop *ws;
	char why[160];

	fuzz_snapshot(server, who, buf);
	if ((ws = fuzz_replica(buf, why, sizeof why)) == NULL) {
		fprintf(stderr, "fuzz_reducer: welcome for %u\n", who);
		bug("client refused the welcome", why);
	}
	model_free(ws);
}

/*
 * After the input: a restart rebuilds the same room, and each audience (a
 * facilitator, participants of two groups, the observer, the last person
 * the input let in) gets a welcome its client accepts.
 */
static void
check_room(struct run *r)
{
	struct wire_buf a, b;

	wire_buf_init(&a);
	wire_buf_init(&b);
	fuzz_snapshot(r->ws, MODEL_FACILITATOR, &a);
	fuzz_snapshot(r->replay, MODEL_FACILITATOR, &b);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		bug("journal replay", "rebuilds another room");
	check_welcome(r->ws, FUZZ_FAC, &a);
	check_welcome(r->ws, FUZZ_ANA, &a);
	check_welcome(r->ws, FUZZ_CRUZ, &a);
	check_welcome(r->ws, FUZZ_OBS, &a);
	if (r->ws->npeople > FUZZ_PEOPLE)
		check_welcome(r->ws, (uint32_t)r->ws->npeople, &a);
	wire_buf_destroy(&a);
	wire_buf_destroy(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run r = { 0 };
	char why[160];
	int64_t now = FUZZ_T0 + 3600;
	uint32_t actor, len;
	size_t off, v;
	uint8_t ctl;
	int k;

	if (size < 1)
		return 0;
	k = data[0] % PHASE_COUNT;
	r.ws = fuzz_room_new(k);
	r.replay = fuzz_room_new(k);
	for (v = 0; v < NVIEWERS; v++)
		if ((r.replica[v] = fuzz_replica(&welcomes[k][v], why,
		    sizeof why)) == NULL)
			bug("set-up welcome refused", why);
	wire_buf_init(&r.buf);

	for (off = 1; size - off >= 3; off += len) {
		ctl = data[off];
		len = (uint32_t)data[off + 1] << 8 | data[off + 2];
		off += 3;
		if (len > size - off)
			len = (uint32_t)(size - off);
		if (ctl & 0x10)
			release(&r);
		now += (int64_t)(ctl >> 5) * 43200;
		actor = ctl & 0x0f;
		if (actor != MODEL_SYSTEM)
			actor = (actor - 1) % (uint32_t)r.ws->npeople + 1;
		intent(&r, actor, data + off, len, now);
	}
	release(&r);
	check_room(&r);

	for (v = 0; v < NVIEWERS; v++)
		model_free(r.replica[v]);
	model_free(r.replay);
	model_free(r.ws);
	wire_buf_destroy(&r.buf);
	return 0;
}
