/*
 * test_wire.c - frames and records as the other end and the disk get them.
 *
 * Every message type goes through wire_encode and back; a workshop built
 * with the real reducer goes out as a snapshot, and the bytes are searched
 * for what must never leave the server (join code, resume tokens, another
 * caucus's notes).  Journal records keep their secrets and replay into the
 * same state.  Hostile bodies (cut short, lying lengths, too deep, trailing
 * bytes, bad types) are refused with a reason and nothing to free; the
 * sanitizer build (make SAN=1) checks that nothing leaks.
 */
#define _GNU_SOURCE		/* memmem */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roundtable/model.h"
#include "roundtable/text.h"
#include "roundtable/wire.h"

#define T0		1710000000
#define CODE		"KXM-47P"
#define TOKEN_ANA	"ana-9f86d081884c7d659a2feaa0c55ad015"
#define TOKEN_BO	"bo-a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define TOKEN_OBS	"obs-5e884898da28047151d0e56f8dc62927"
#define NOTE_ANA	"Nuestra comunidad teme represalias: ¿quién protege a los testigos?"
#define ANSWER_BO	"Que l'été soit paisible — ça ira 😊"

/* --- helpers ------------------------------------------------------------ */

/* Every event the test workshop made, as journal records. */
static struct wire_buf	records[256];
static size_t		nrecords;
static int64_t		clock_now;

static uint32_t
apply(struct workshop *ws, uint32_t actor, struct intent in)
{
	struct event		ev;
	struct model_error	err;

	clock_now += 60;
	if (model_apply(ws, actor, &in, clock_now, &ev, &err) != 0)
		fail_msg("intent %d by %u refused: %s", in.type, actor,
		    err.msg);
	assert_true(nrecords < sizeof records / sizeof records[0]);
	wire_buf_init(&records[nrecords]);
	assert_int_equal(wire_encode_record(&ev, &records[nrecords]), 0);
	nrecords++;
	return ev.id;
}

static void
records_free(void)
{
	size_t	i;

	for (i = 0; i < nrecords; i++)
		wire_buf_destroy(&records[i]);
	nrecords = 0;
}

struct room {
	struct workshop	*ws;
	uint32_t	 ana, bo, obs;		/* participant ids */
	uint32_t	 community, women;	/* group ids */
	uint32_t	 note;			/* Ana's caucus note */
	uint32_t	 answer;		/* Bo's dialogue answer */
};

/* A room built as the server builds one: opened, groups, the seed, three
 * people joined, an answer in Dialogue and a caucus note in Caucus. */
static void
room_build(struct room *r)
{
	struct intent	*in;
	size_t		 i, n;
	uint32_t	 q = 0;

	records_free();
	clock_now = T0;
	r->ws = model_new();
	apply(r->ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "Diálogo de seguridad — Región Norte", .secret = CODE });
	r->community = apply(r->ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_GROUP_ADD, .text = "Community" });
	r->women = apply(r->ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_GROUP_ADD, .text = "Organisations de femmes" });
	n = model_seed(NULL, 0);
	in = xcalloc(n, sizeof *in);
	assert_int_equal(model_seed(in, n), n);
	for (i = 0; i < n; i++)
		apply(r->ws, MODEL_SYSTEM, in[i]);
	free(in);
	r->ana = apply(r->ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_JOIN, .text = "Ana Muñoz", .ref = r->community,
	    .value = ROLE_PARTICIPANT, .secret = TOKEN_ANA });
	r->bo = apply(r->ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_JOIN, .text = "Bo Åström", .ref = r->women,
	    .value = ROLE_PARTICIPANT, .secret = TOKEN_BO });
	r->obs = apply(r->ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_JOIN, .text = "Observer", .value = ROLE_OBSERVER,
	    .secret = TOKEN_OBS });
	model_set_present(r->ws, r->ana, true);

	apply(r->ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_DIALOGUE });
	for (i = 0; i < r->ws->nitems && q == 0; i++)
		if (r->ws->items[i].kind == ITEM_QUESTION)
			q = r->ws->items[i].id;
	apply(r->ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_QUESTION, .ref = q, .req = 0 });
	r->answer = apply(r->ws, r->bo, (struct intent){
	    .type = INTENT_CONTRIBUTE, .text = ANSWER_BO, .req = 7 });
	apply(r->ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_CAUCUS });
	r->note = apply(r->ws, r->ana, (struct intent){
	    .type = INTENT_CONTRIBUTE, .text = NOTE_ANA, .req = 3 });
	assert_int_equal(model_item(r->ws, r->note)->kind, ITEM_CAUCUS_NOTE);
}

static void
room_free(struct room *r)
{
	model_free(r->ws);
	records_free();
}

static bool
contains(const struct wire_buf *b, const char *s)
{
	return memmem(b->data, b->len, s, strlen(s)) != NULL;
}

/* Encodes m as one frame, checks the header, decodes the body into *out. */
static void
round_trip(const struct msg *m, struct msg *out, struct wire_buf *b)
{
	uint32_t	len;
	char		err[200];

	wire_buf_reset(b);
	assert_int_equal(wire_encode(m, b), 0);
	assert_true(b->len > WIRE_HEADER_SIZE);
	assert_int_equal(wire_frame_length(b->data, WIRE_SERVER_FRAME_MAX,
	    &len), 0);
	assert_int_equal(len, b->len - WIRE_HEADER_SIZE);
	assert_int_equal(wire_check(b->data + WIRE_HEADER_SIZE, len), 0);
	if (wire_decode(b->data + WIRE_HEADER_SIZE, len, out, err,
	    sizeof err) != 0)
		fail_msg("decode failed: %s", err);
	assert_int_equal(out->type, m->type);
}

static void
assert_str(const char *got, const char *want)
{
	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

/* A body that must be refused: decoding gives -1, a reason, nothing to
 * free. */
static void
assert_refused(const uint8_t *body, size_t len)
{
	struct msg	m;
	char		err[200] = "";

	memset(&m, 0xa5, sizeof m);
	assert_int_equal(wire_decode(body, len, &m, err, sizeof err), -1);
	assert_true(err[0] != '\0');
	assert_int_equal(m.type, 0);
	assert_null(m.hello.name);
	assert_null(m.lobby.groups);
	assert_null(m.welcome.room);
	assert_null(m.event.text);
}

/* --- framing ------------------------------------------------------------ */

static void
test_frame_length(void **state)
{
	const uint8_t	ok[] = { 0x00, 0x01, 0x02, 0x03 };
	const uint8_t	zero[] = { 0, 0, 0, 0 };
	const uint8_t	huge[] = { 0xff, 0xff, 0xff, 0xff };
	const uint8_t	max[] = { 0x00, 0x01, 0x00, 0x00 };
	const uint8_t	over[] = { 0x00, 0x01, 0x00, 0x01 };
	uint32_t	len = 99;

	(void)state;
	assert_int_equal(wire_frame_length(ok, WIRE_SERVER_FRAME_MAX, &len),
	    0);
	assert_int_equal(len, 0x010203);
	assert_int_equal(wire_frame_length(zero, WIRE_SERVER_FRAME_MAX, &len),
	    -1);
	assert_int_equal(wire_frame_length(huge, WIRE_SERVER_FRAME_MAX, &len),
	    -1);
	assert_int_equal(wire_frame_length(max, WIRE_CLIENT_FRAME_MAX, &len),
	    0);
	assert_int_equal(len, WIRE_CLIENT_FRAME_MAX);
	assert_int_equal(wire_frame_length(over, WIRE_CLIENT_FRAME_MAX, &len),
	    -1);
}

/* Frames append: two in one buffer read back in order. */
static void
test_frames_append(void **state)
{
	struct wire_buf	b;
	struct msg	ping = { .type = MSG_PING }, ack = { .type = MSG_ACK };
	struct msg	out;
	uint32_t	len1, len2;

	(void)state;
	ack.ack.req = 4;
	ack.ack.seq = 40;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&ping, &b), 0);
	assert_int_equal(wire_encode(&ack, &b), 0);
	assert_int_equal(wire_frame_length(b.data, WIRE_CLIENT_FRAME_MAX,
	    &len1), 0);
	assert_int_equal(wire_decode(b.data + 4, len1, &out, NULL, 0), 0);
	assert_int_equal(out.type, MSG_PING);
	wire_msg_free(&out);
	assert_int_equal(wire_frame_length(b.data + 4 + len1,
	    WIRE_CLIENT_FRAME_MAX, &len2), 0);
	assert_int_equal(4 + len1 + 4 + len2, b.len);
	assert_int_equal(wire_decode(b.data + 8 + len1, len2, &out, NULL, 0),
	    0);
	assert_int_equal(out.type, MSG_ACK);
	assert_int_equal(out.ack.req, 4);
	assert_int_equal(out.ack.seq, 40);
	wire_msg_free(&out);

	/* An unknown type encodes nothing and leaves the buffer as it was. */
	ping.type = 99;
	len1 = (uint32_t)b.len;
	assert_int_equal(wire_encode(&ping, &b), -1);
	assert_int_equal(b.len, len1);
	wire_buf_reset(&b);
	assert_int_equal(b.len, 0);
	wire_buf_destroy(&b);
	assert_null(b.data);
}

/*
 * The key numbers are on the wire and in every journal.  These bytes pin
 * them: if this test fails, old records and old peers no longer read.
 */
static void
test_stable_bytes(void **state)
{
	struct msg	ack = { .type = MSG_ACK };
	struct event	ev = { .seq = 5, .time = 300, .type = EVENT_JOIN,
	    .id = 2, .ref = 1, .value = ROLE_PARTICIPANT, .text = "Ana",
	    .secret = "t" };
	const uint8_t	want_ack[] = { 0, 0, 0, 7, 0x83, 0x00, 0x06,
	    0x10, 0x09, 0x11, 0x2a };
	const uint8_t	want_rec[] = { 0x88, 0x00, 0x03, 0x01, 0x05, 0x02,
	    0xcd, 0x01, 0x2c, 0x05, 0x02, 0x06, 0x01, 0x08, 0x02, 0x0a,
	    0xa3, 'A', 'n', 'a', 0x0c, 0xa1, 't' };
	struct wire_buf	b;

	(void)state;
	ack.ack.req = 9;
	ack.ack.seq = 42;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&ack, &b), 0);
	assert_int_equal(b.len, sizeof want_ack);
	assert_memory_equal(b.data, want_ack, sizeof want_ack);
	wire_buf_reset(&b);
	assert_int_equal(wire_encode_record(&ev, &b), 0);
	assert_int_equal(b.len, sizeof want_rec);
	assert_memory_equal(b.data, want_rec, sizeof want_rec);
	wire_buf_destroy(&b);
}

/* --- round trips -------------------------------------------------------- */

static void
test_hello(void **state)
{
	struct msg	m = { .type = MSG_HELLO }, out;
	struct wire_buf	b;

	(void)state;
	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.code = "kxm 47p";
	m.hello.name = "Zoë Nguyễn";
	m.hello.group = "Organisations de femmes";
	m.hello.token = TOKEN_ANA;
	m.hello.last_seq = UINT64_C(1) << 40;
	m.hello.observer = true;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.hello.version, WIRE_PROTOCOL_VERSION);
	assert_str(out.hello.code, "kxm 47p");
	assert_str(out.hello.name, "Zoë Nguyễn");
	assert_str(out.hello.group, "Organisations de femmes");
	assert_str(out.hello.token, TOKEN_ANA);
	assert_true(out.hello.last_seq == UINT64_C(1) << 40);
	assert_true(out.hello.observer);
	wire_msg_free(&out);

	/* Absent fields come back absent: the server will ask for them. */
	m.hello.name = m.hello.group = m.hello.token = NULL;
	m.hello.observer = false;
	m.hello.last_seq = 0;
	round_trip(&m, &out, &b);
	assert_str(out.hello.code, "kxm 47p");
	assert_null(out.hello.name);
	assert_null(out.hello.group);
	assert_null(out.hello.token);
	assert_false(out.hello.observer);
	wire_msg_free(&out);
	wire_buf_destroy(&b);
}

static void
test_lobby(void **state)
{
	char		*groups[] = { "Community", "Société civile",
	    "Gobierno local", "" };
	struct msg	 m = { .type = MSG_LOBBY }, out;
	struct wire_buf	 b;
	size_t		 i;

	(void)state;
	m.lobby.title = "Diálogo de seguridad";
	m.lobby.groups = groups;
	m.lobby.ngroups = 4;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_str(out.lobby.title, "Diálogo de seguridad");
	assert_int_equal(out.lobby.ngroups, 4);
	for (i = 0; i < 4; i++)
		assert_str(out.lobby.groups[i], groups[i]);
	wire_msg_free(&out);

	groups[1] = NULL;	/* a hole is a bug in the caller */
	assert_int_equal(wire_encode(&m, &b), -1);
	wire_buf_destroy(&b);
}

static void
test_small_messages(void **state)
{
	struct msg	m, out;
	struct wire_buf	b;

	(void)state;
	wire_buf_init(&b);

	memset(&m, 0, sizeof m);
	m.type = MSG_REFUSE;
	m.refuse.code = REFUSE_CODE;
	m.refuse.text = "wrong join code — código incorrecto";
	round_trip(&m, &out, &b);
	assert_int_equal(out.refuse.code, REFUSE_CODE);
	assert_str(out.refuse.text, m.refuse.text);
	wire_msg_free(&out);

	memset(&m, 0, sizeof m);
	m.type = MSG_ACK;
	m.ack.req = UINT32_MAX;
	m.ack.seq = UINT64_MAX;
	round_trip(&m, &out, &b);
	assert_int_equal(out.ack.req, UINT32_MAX);
	assert_true(out.ack.seq == UINT64_MAX);
	wire_msg_free(&out);

	memset(&m, 0, sizeof m);
	m.type = MSG_ERROR;
	m.error.req = 12;
	m.error.code = MODEL_ERR_ROLE;
	m.error.text = "only a facilitator can move the room to another phase";
	round_trip(&m, &out, &b);
	assert_int_equal(out.error.req, 12);
	assert_int_equal(out.error.code, MODEL_ERR_ROLE);
	assert_str(out.error.text, m.error.text);
	wire_msg_free(&out);

	m.error.code = -7;	/* not expected, but an int is an int */
	round_trip(&m, &out, &b);
	assert_int_equal(out.error.code, -7);
	wire_msg_free(&out);

	memset(&m, 0, sizeof m);
	m.type = MSG_PRESENCE;
	m.presence.who = 3;
	m.presence.present = true;
	round_trip(&m, &out, &b);
	assert_int_equal(out.presence.who, 3);
	assert_true(out.presence.present);
	wire_msg_free(&out);
	m.presence.present = false;
	round_trip(&m, &out, &b);
	assert_false(out.presence.present);
	wire_msg_free(&out);

	memset(&m, 0, sizeof m);
	m.type = MSG_PING;
	round_trip(&m, &out, &b);
	wire_msg_free(&out);
	m.type = MSG_PONG;
	round_trip(&m, &out, &b);
	wire_msg_free(&out);
	wire_buf_destroy(&b);
}

static void
test_intent(void **state)
{
	struct msg	m = { .type = MSG_INTENT }, out;
	struct wire_buf	b;

	(void)state;
	m.intent.type = INTENT_CONTRIBUTE;
	m.intent.req = 77;
	m.intent.ref = 12;
	m.intent.value = -3;
	m.intent.value2 = INT32_MAX;
	m.intent.text = "Propuesta:\nescuchar sin interrumpir";
	m.intent.text2 = "多方利益相关者";
	m.intent.secret = "not-for-the-wire";
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.intent.type, INTENT_CONTRIBUTE);
	assert_int_equal(out.intent.req, 77);
	assert_int_equal(out.intent.ref, 12);
	assert_int_equal(out.intent.value, -3);
	assert_int_equal(out.intent.value2, INT32_MAX);
	assert_str(out.intent.text, m.intent.text);
	assert_str(out.intent.text2, m.intent.text2);
	assert_null(out.intent.secret);
	assert_false(contains(&b, "not-for-the-wire"));
	wire_msg_free(&out);
	wire_buf_destroy(&b);
}

static void
test_event(void **state)
{
	struct msg	m = { .type = MSG_EVENT }, out;
	struct wire_buf	b;

	(void)state;
	m.event.seq = 123456789012ull;
	m.event.time = -5;
	m.event.type = EVENT_ITEM;
	m.event.actor = 4;
	m.event.req = 9;
	m.event.id = 88;
	m.event.ref = 7;
	m.event.group = 2;
	m.event.value = ITEM_ANSWER;
	m.event.value2 = STATUS_PROPOSED;
	m.event.text = ANSWER_BO;
	m.event.text2 = "ñ";
	m.event.secret = TOKEN_BO;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_true(out.event.seq == 123456789012ull);
	assert_int_equal(out.event.time, -5);
	assert_int_equal(out.event.type, EVENT_ITEM);
	assert_int_equal(out.event.actor, 4);
	assert_int_equal(out.event.req, 9);
	assert_int_equal(out.event.id, 88);
	assert_int_equal(out.event.ref, 7);
	assert_int_equal(out.event.group, 2);
	assert_int_equal(out.event.value, ITEM_ANSWER);
	assert_int_equal(out.event.value2, STATUS_PROPOSED);
	assert_str(out.event.text, ANSWER_BO);
	assert_str(out.event.text2, "ñ");
	/* A secret never leaves the server, even if the caller forgot. */
	assert_null(out.event.secret);
	assert_false(contains(&b, TOKEN_BO));
	wire_msg_free(&out);
	wire_buf_destroy(&b);
}

/* The decoded room is what viewer may see of ws, and nothing secret. */
static void
assert_room_view(const struct workshop *ws, uint32_t viewer,
    const struct workshop *got)
{
	struct item	view;
	size_t		i;

	assert_true(got->seq == ws->seq);
	assert_int_equal(got->created, ws->created);
	assert_str(got->title, ws->title);
	assert_null(got->code);
	assert_int_equal(got->phase, ws->phase);
	assert_int_equal(got->question, ws->question);
	assert_int_equal(got->rules_adopted, ws->rules_adopted);
	assert_int_equal(got->ngroups, ws->ngroups);
	assert_true(got->groups_cap >= got->ngroups);
	for (i = 0; i < ws->ngroups; i++) {
		assert_int_equal(got->groups[i].id, ws->groups[i].id);
		assert_str(got->groups[i].name, ws->groups[i].name);
	}
	assert_int_equal(got->npeople, ws->npeople);
	assert_true(got->people_cap >= got->npeople);
	for (i = 0; i < ws->npeople; i++) {
		const struct participant *p = &ws->people[i];

		assert_int_equal(got->people[i].id, p->id);
		assert_str(got->people[i].name, p->name);
		assert_int_equal(got->people[i].group, p->group);
		assert_int_equal(got->people[i].role, p->role);
		assert_int_equal(got->people[i].present, p->present);
		assert_int_equal(got->people[i].last_req, p->last_req);
		assert_int_equal(got->people[i].joined, p->joined);
		assert_null(got->people[i].token);
	}
	assert_int_equal(got->nitems, ws->nitems);
	assert_true(got->items_cap >= got->nitems);
	for (i = 0; i < ws->nitems; i++) {
		const struct item *it = &got->items[i];

		model_item_view(ws, &ws->items[i], viewer, &view);
		assert_int_equal(it->id, view.id);
		assert_int_equal(it->kind, view.kind);
		assert_int_equal(it->status, view.status);
		assert_int_equal(it->author, view.author);
		assert_int_equal(it->group, view.group);
		assert_int_equal(it->ref, view.ref);
		assert_int_equal(it->number, view.number);
		assert_int_equal(it->phase, view.phase);
		assert_int_equal(it->time, view.time);
		assert_str(it->text, view.text);
		assert_str(it->text2, view.text2);
	}
}

static void
test_welcome_snapshot(void **state)
{
	struct room	 r;
	struct msg	 m = { .type = MSG_WELCOME }, out;
	struct wire_buf	 b;
	const struct item *it;

	(void)state;
	room_build(&r);
	wire_buf_init(&b);

	/* The facilitator sees everything, and no secret. */
	m.welcome.self = MODEL_FACILITATOR;
	m.welcome.snapshot_src = r.ws;
	round_trip(&m, &out, &b);
	assert_int_equal(out.welcome.self, MODEL_FACILITATOR);
	assert_null(out.welcome.token);
	assert_non_null(out.welcome.room);
	assert_room_view(r.ws, MODEL_FACILITATOR, out.welcome.room);
	it = model_item(out.welcome.room, r.note);
	assert_int_equal(it->kind, ITEM_CAUCUS_NOTE);
	assert_str(it->text, NOTE_ANA);
	assert_true(model_person(out.welcome.room, r.ana)->present);
	assert_false(contains(&b, CODE));
	assert_false(contains(&b, TOKEN_ANA));
	assert_false(contains(&b, TOKEN_BO));
	assert_false(contains(&b, TOKEN_OBS));
	assert_true(contains(&b, NOTE_ANA));
	assert_true(contains(&b, ANSWER_BO));
	wire_msg_free(&out);

	/* Ana gets her own token back, and nobody else's. */
	m.welcome.self = r.ana;
	m.welcome.token = TOKEN_ANA;
	round_trip(&m, &out, &b);
	assert_int_equal(out.welcome.self, r.ana);
	assert_str(out.welcome.token, TOKEN_ANA);
	assert_room_view(r.ws, r.ana, out.welcome.room);
	assert_str(model_item(out.welcome.room, r.note)->text, NOTE_ANA);
	assert_str(model_item(out.welcome.room, r.answer)->text, ANSWER_BO);
	assert_str(model_person(out.welcome.room, r.bo)->name, "Bo Åström");
	assert_false(contains(&b, CODE));
	assert_false(contains(&b, TOKEN_BO));
	assert_false(contains(&b, TOKEN_OBS));
	wire_msg_free(&out);

	wire_buf_destroy(&b);
	room_free(&r);
}

/* A caucus note of Ana's group never reaches Bo's group or an observer:
 * not its text, not its author, not its group. */
static void
test_caucus_note_private(void **state)
{
	struct room	 r;
	struct msg	 m = { .type = MSG_WELCOME }, out;
	struct wire_buf	 b;
	const struct item *it;
	uint32_t	 viewers[2];
	size_t		 i;

	(void)state;
	room_build(&r);
	viewers[0] = r.bo;
	viewers[1] = r.obs;
	wire_buf_init(&b);
	for (i = 0; i < 2; i++) {
		m.welcome.self = viewers[i];
		m.welcome.snapshot_src = r.ws;
		round_trip(&m, &out, &b);
		assert_false(contains(&b, NOTE_ANA));
		assert_false(contains(&b, "represalias"));
		assert_room_view(r.ws, viewers[i], out.welcome.room);
		it = model_item(out.welcome.room, r.note);
		assert_non_null(it);	/* ids stay dense */
		assert_int_equal(it->kind, ITEM_HIDDEN);
		assert_null(it->text);
		assert_int_equal(it->author, 0);
		assert_int_equal(it->group, 0);
		/* What is not secret still arrives. */
		assert_str(model_item(out.welcome.room, r.answer)->text,
		    ANSWER_BO);
		wire_msg_free(&out);
	}
	wire_buf_destroy(&b);
	room_free(&r);
}

/* Journal records keep the secrets, and replaying them rebuilds the room
 * with its join code and tokens. */
static void
test_records_replay(void **state)
{
	struct room		 r;
	struct workshop		*ws;
	struct event		 ev;
	struct model_error	 merr;
	char			 err[200];
	size_t			 i;

	(void)state;
	room_build(&r);
	assert_true(contains(&records[0], CODE));
	ws = model_new();
	for (i = 0; i < nrecords; i++) {
		if (wire_decode_record(records[i].data, records[i].len, &ev,
		    err, sizeof err) != 0)
			fail_msg("record %zu: %s", i, err);
		if (model_commit(ws, &ev, false, &merr) != 0)
			fail_msg("record %zu: %s", i, merr.msg);
		wire_event_free(&ev);
	}
	assert_str(ws->code, CODE);
	assert_str(model_person(ws, r.ana)->token, TOKEN_ANA);
	assert_str(model_person(ws, r.bo)->token, TOKEN_BO);
	assert_str(model_item(ws, r.note)->text, NOTE_ANA);
	assert_int_equal(model_item(ws, r.note)->author, r.ana);
	assert_int_equal(model_person(ws, r.ana)->last_req, 3);
	assert_true(ws->seq == r.ws->seq);
	assert_int_equal(ws->nitems, r.ws->nitems);
	assert_str(ws->title, r.ws->title);
	model_free(ws);

	/* Every field of a record, secret included. */
	{
		struct event	src = { .seq = 99, .time = T0, .type =
		    EVENT_JOIN, .actor = 0, .req = 5, .id = 4, .ref = 2,
		    .group = 1, .value = ROLE_PARTICIPANT, .value2 = -1,
		    .text = "Ngozi Ọkafọ", .text2 = "x", .secret = TOKEN_BO };
		struct wire_buf	b;

		wire_buf_init(&b);
		assert_int_equal(wire_encode_record(&src, &b), 0);
		assert_int_equal(wire_decode_record(b.data, b.len, &ev, err,
		    sizeof err), 0);
		assert_true(ev.seq == 99);
		assert_int_equal(ev.time, T0);
		assert_int_equal(ev.type, EVENT_JOIN);
		assert_int_equal(ev.actor, 0);
		assert_int_equal(ev.req, 5);
		assert_int_equal(ev.id, 4);
		assert_int_equal(ev.ref, 2);
		assert_int_equal(ev.group, 1);
		assert_int_equal(ev.value, ROLE_PARTICIPANT);
		assert_int_equal(ev.value2, -1);
		assert_str(ev.text, "Ngozi Ọkafọ");
		assert_str(ev.text2, "x");
		assert_str(ev.secret, TOKEN_BO);
		wire_event_free(&ev);
		assert_null(ev.secret);

		/* A record cut short is refused and leaves nothing. */
		assert_int_equal(wire_decode_record(b.data, b.len - 1, &ev,
		    err, sizeof err), -1);
		assert_null(ev.text);
		wire_buf_destroy(&b);
	}
	room_free(&r);
}

/* --- what wire_check refuses -------------------------------------------- */

static void
test_check_truncated(void **state)
{
	struct room	 r;
	struct msg	 m = { .type = MSG_WELCOME };
	struct wire_buf	 b;
	const uint8_t	*body;
	size_t		 len, cut;

	(void)state;
	room_build(&r);
	m.welcome.self = r.ana;
	m.welcome.snapshot_src = r.ws;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	body = b.data + WIRE_HEADER_SIZE;
	len = b.len - WIRE_HEADER_SIZE;
	assert_int_equal(wire_check(body, len), 0);
	for (cut = 0; cut < len; cut++)
		if (wire_check(body, cut) != -1)
			fail_msg("a body cut at %zu of %zu passed", cut, len);
	/* Decoding runs the same check; a few cuts suffice there. */
	for (cut = 0; cut < len; cut += 97)
		assert_refused(body, cut);
	assert_refused(body, len - 1);
	wire_buf_destroy(&b);
	room_free(&r);
}

static void
test_check_lying_lengths(void **state)
{
	const uint8_t	map32[] = { 0xdf, 0xff, 0xff, 0xff, 0xff };
	const uint8_t	array32[] = { 0xdd, 0xff, 0xff, 0xff, 0xff, 0x00 };
	const uint8_t	str32[] = { 0xdb, 0xff, 0xff, 0xff, 0xff, 'a', 'b' };
	const uint8_t	bin32[] = { 0xc6, 0x7f, 0xff, 0xff, 0xff, 0x00 };
	const uint8_t	ext32[] = { 0xc9, 0x00, 0x01, 0x00, 0x00, 0x01, 0 };
	const uint8_t	map16[] = { 0xde, 0x00, 0x02, 0x00, 0x01 };
	const uint8_t	str8[] = { 0xd9, 0x05, 'a', 'b', 'c', 'd' };
	/* A map that fits alone, but not with the entry its parent still
	 * owes. */
	const uint8_t	owed[] = { 0x92, 0x81, 0x00, 0x00 };
	/* A message whose name field declares 4 GiB. */
	const uint8_t	hello[] = { 0x82, 0x00, 0x01, 0x03, 0xdb, 0xff,
	    0xff, 0xff, 0xf0, 'A', 'n', 'a' };
	/* A hello whose map declares 2^32-1 entries. */
	const uint8_t	hello2[] = { 0xdf, 0xff, 0xff, 0xff, 0xff, 0x00,
	    0x01 };

	(void)state;
	assert_int_equal(wire_check(map32, sizeof map32), -1);
	assert_int_equal(wire_check(array32, sizeof array32), -1);
	assert_int_equal(wire_check(str32, sizeof str32), -1);
	assert_int_equal(wire_check(bin32, sizeof bin32), -1);
	assert_int_equal(wire_check(ext32, sizeof ext32), -1);
	assert_int_equal(wire_check(map16, sizeof map16), -1);
	assert_int_equal(wire_check(str8, sizeof str8), -1);
	assert_int_equal(wire_check(owed, sizeof owed), -1);
	assert_int_equal(wire_check(owed, 3), -1);
	assert_int_equal(wire_check(hello, sizeof hello), -1);
	assert_refused(map32, sizeof map32);
	assert_refused(hello, sizeof hello);
	assert_refused(hello2, sizeof hello2);
	assert_int_equal(wire_check(NULL, 0), -1);
	assert_int_equal(wire_check(map32, 0), -1);
}

/* Every msgpack type, well formed, passes; 0xc1 never does. */
static void
test_check_every_type(void **state)
{
	static const struct {
		uint8_t	b[24];
		size_t	n;
	} ok[] = {
		{ { 0x00 }, 1 }, { { 0x7f }, 1 }, { { 0xe0 }, 1 },
		{ { 0xff }, 1 }, { { 0xc0 }, 1 }, { { 0xc2 }, 1 },
		{ { 0xc3 }, 1 }, { { 0x80 }, 1 }, { { 0x90 }, 1 },
		{ { 0xa0 }, 1 }, { { 0xa2, 'h', 'i' }, 3 },
		{ { 0x81, 0x01, 0xa1, 'x' }, 4 },
		{ { 0x92, 0xc0, 0x91, 0x01 }, 4 },
		{ { 0xc4, 0x02, 1, 2 }, 4 },
		{ { 0xc5, 0x00, 0x01, 9 }, 4 },
		{ { 0xc6, 0, 0, 0, 1, 9 }, 6 },
		{ { 0xc7, 0x01, 0x05, 9 }, 4 },
		{ { 0xc8, 0x00, 0x02, 0x05, 9, 9 }, 6 },
		{ { 0xc9, 0, 0, 0, 0, 0x05 }, 6 },
		{ { 0xca, 0x3f, 0x80, 0, 0 }, 5 },
		{ { 0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0 }, 9 },
		{ { 0xcc, 0xff }, 2 }, { { 0xcd, 1, 2 }, 3 },
		{ { 0xce, 1, 2, 3, 4 }, 5 },
		{ { 0xcf, 1, 2, 3, 4, 5, 6, 7, 8 }, 9 },
		{ { 0xd0, 0x80 }, 2 }, { { 0xd1, 1, 2 }, 3 },
		{ { 0xd2, 1, 2, 3, 4 }, 5 },
		{ { 0xd3, 1, 2, 3, 4, 5, 6, 7, 8 }, 9 },
		{ { 0xd4, 1, 9 }, 3 }, { { 0xd5, 1, 9, 9 }, 4 },
		{ { 0xd6, 1, 9, 9, 9, 9 }, 6 },
		{ { 0xd7, 1, 9, 9, 9, 9, 9, 9, 9, 9 }, 10 },
		{ { 0xd8, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
		    15, 16 }, 18 },
		{ { 0xd9, 0x01, 'a' }, 3 }, { { 0xda, 0x00, 0x01, 'a' }, 4 },
		{ { 0xdb, 0, 0, 0, 1, 'a' }, 6 },
		{ { 0xdc, 0x00, 0x02, 0x01, 0x02 }, 5 },
		{ { 0xdd, 0, 0, 0, 1, 0xc0 }, 6 },
		{ { 0xde, 0x00, 0x01, 0x01, 0x02 }, 5 },
		{ { 0xdf, 0, 0, 0, 1, 0xa1, 'k', 0xc3 }, 8 },
	};
	const uint8_t	c1[] = { 0xc1 };
	const uint8_t	c1_inside[] = { 0x82, 0x00, 0x0a, 0x01, 0xc1 };
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (wire_check(ok[i].b, ok[i].n) != 0)
			fail_msg("0x%02x refused", ok[i].b[0]);
		/* One byte short is never whole (nor is an empty body). */
		assert_int_equal(wire_check(ok[i].b, ok[i].n - 1), -1);
	}
	assert_int_equal(wire_check(c1, sizeof c1), -1);
	assert_int_equal(wire_check(c1_inside, sizeof c1_inside), -1);
	assert_refused(c1_inside, sizeof c1_inside);
}

static void
test_check_depth(void **state)
{
	uint8_t		arrays[WIRE_DEPTH_MAX + 2], maps[2 * WIRE_DEPTH_MAX + 2];
	size_t		i;

	(void)state;
	/* WIRE_DEPTH_MAX arrays around a 0 pass; one more does not. */
	for (i = 0; i < WIRE_DEPTH_MAX; i++)
		arrays[i] = 0x91;
	arrays[WIRE_DEPTH_MAX] = 0x00;
	assert_int_equal(wire_check(arrays, WIRE_DEPTH_MAX + 1), 0);
	arrays[WIRE_DEPTH_MAX] = 0x91;
	arrays[WIRE_DEPTH_MAX + 1] = 0x00;
	assert_int_equal(wire_check(arrays, WIRE_DEPTH_MAX + 2), -1);
	/* An empty container counts too. */
	arrays[WIRE_DEPTH_MAX] = 0x90;
	assert_int_equal(wire_check(arrays, WIRE_DEPTH_MAX + 1), -1);
	assert_refused(arrays, WIRE_DEPTH_MAX + 1);

	/* Maps: {0: {0: ... {0: nil}}}. */
	for (i = 0; i < WIRE_DEPTH_MAX; i++) {
		maps[2 * i] = 0x81;
		maps[2 * i + 1] = 0x00;
	}
	maps[2 * WIRE_DEPTH_MAX] = 0xc0;
	assert_int_equal(wire_check(maps, 2 * WIRE_DEPTH_MAX + 1), 0);
	maps[2 * WIRE_DEPTH_MAX] = 0x80;
	assert_int_equal(wire_check(maps, 2 * WIRE_DEPTH_MAX + 1), -1);
}

static void
test_check_trailing(void **state)
{
	struct msg	m = { .type = MSG_ACK };
	struct wire_buf	b;
	uint8_t		body[64];
	size_t		len;

	(void)state;
	m.ack.req = 1;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	len = b.len - WIRE_HEADER_SIZE;
	memcpy(body, b.data + WIRE_HEADER_SIZE, len);
	body[len] = 0x00;
	assert_int_equal(wire_check(body, len), 0);
	assert_int_equal(wire_check(body, len + 1), -1);
	assert_refused(body, len + 1);
	/* Two whole messages in one body are trailing bytes too. */
	memcpy(body + len, body, len);
	assert_int_equal(wire_check(body, 2 * len), -1);
	wire_buf_destroy(&b);
}

/* --- what wire_decode refuses or tolerates ------------------------------ */

static void
test_decode_types(void **state)
{
	/* {0: 1, 3: 5}: a hello whose name is a number. */
	const uint8_t	name_int[] = { 0x82, 0x00, 0x01, 0x03, 0x05 };
	/* {0: 1, 3: bin "Ana"}: bin is not a string. */
	const uint8_t	name_bin[] = { 0x82, 0x00, 0x01, 0x03, 0xc4, 0x03,
	    'A', 'n', 'a' };
	/* {0: 1, 3: "A\0na"} */
	const uint8_t	name_nul[] = { 0x82, 0x00, 0x01, 0x03, 0xa4, 'A',
	    0x00, 'n', 'a' };
	/* {0: 6, 16: -1}: a negative request id. */
	const uint8_t	req_neg[] = { 0x82, 0x00, 0x06, 0x10, 0xff };
	/* {0: 6, 16: 2^32}: a request id beyond 32 bits. */
	const uint8_t	req_big[] = { 0x82, 0x00, 0x06, 0x10, 0xcf, 0, 0, 0,
	    1, 0, 0, 0, 0 };
	/* {0: 6, 17: "1"}: a seq as a string. */
	const uint8_t	seq_str[] = { 0x82, 0x00, 0x06, 0x11, 0xa1, '1' };
	/* {0: 9, 23: 1}: presence must be a boolean. */
	const uint8_t	present_int[] = { 0x82, 0x00, 0x09, 0x17, 0x01 };
	/* {0: 5, 15: {3: 2^31}}: an intent value beyond int32. */
	const uint8_t	value_big[] = { 0x82, 0x00, 0x05, 0x0f, 0x81, 0x03,
	    0xce, 0x80, 0, 0, 0 };
	/* {0: 5, 15: [1]}: an intent that is not a map. */
	const uint8_t	intent_arr[] = { 0x82, 0x00, 0x05, 0x0f, 0x91, 0x01 };
	/* {0: 2^40} and {0: 1.0}: a type out of int range, a float type. */
	const uint8_t	type_big[] = { 0x81, 0x00, 0xcf, 0, 0, 1, 0, 0, 0, 0,
	    0 };
	const uint8_t	type_float[] = { 0x81, 0x00, 0xca, 0x3f, 0x80, 0, 0 };
	/* [0, 1]: a message is a map. */
	const uint8_t	array[] = { 0x92, 0x00, 0x01 };
	/* {0: 1, 3: "a", 3: "b"}: a key twice. */
	const uint8_t	dup[] = { 0x83, 0x00, 0x01, 0x03, 0xa1, 'a', 0x03,
	    0xa1, 'b' };
	/* {0: 2, 9: ["a", 1]}: a lobby group that is not a string. */
	const uint8_t	lobby_int[] = { 0x82, 0x00, 0x02, 0x09, 0x92, 0xa1,
	    'a', 0x01 };
	/* {0: 8, 21: {10: "x\0"}}: NUL inside an event's text. */
	const uint8_t	event_nul[] = { 0x82, 0x00, 0x08, 0x15, 0x81, 0x0a,
	    0xa2, 'x', 0x00 };
	/* {0: 3, 10: 2}: a welcome without its snapshot. */
	const uint8_t	no_room[] = { 0x82, 0x00, 0x03, 0x0a, 0x02 };
	char		err[200];
	struct event	ev;

	(void)state;
	assert_refused(name_int, sizeof name_int);
	assert_refused(name_bin, sizeof name_bin);
	assert_refused(name_nul, sizeof name_nul);
	assert_refused(req_neg, sizeof req_neg);
	assert_refused(req_big, sizeof req_big);
	assert_refused(seq_str, sizeof seq_str);
	assert_refused(present_int, sizeof present_int);
	assert_refused(value_big, sizeof value_big);
	assert_refused(intent_arr, sizeof intent_arr);
	assert_refused(type_big, sizeof type_big);
	assert_refused(type_float, sizeof type_float);
	assert_refused(array, sizeof array);
	assert_refused(dup, sizeof dup);
	assert_refused(lobby_int, sizeof lobby_int);
	assert_refused(event_nul, sizeof event_nul);
	assert_refused(no_room, sizeof no_room);

	/* The reason names the field. */
	{
		struct msg	m;

		assert_int_equal(wire_decode(name_nul, sizeof name_nul, &m,
		    err, sizeof err), -1);
		assert_non_null(strstr(err, "hello name"));
		assert_non_null(strstr(err, "NUL"));
	}
	/* A record is checked the same way. */
	assert_int_equal(wire_decode_record(event_nul + 4,
	    sizeof event_nul - 4, &ev, err, sizeof err), -1);
	assert_null(ev.text);
	assert_int_equal(wire_decode_record(array, sizeof array, &ev, err,
	    sizeof err), -1);
}

/* Unknown keys, keys of another type, a missing or unknown type: decoded,
 * for the net layer to judge. */
static void
test_decode_tolerant(void **state)
{
	/* {} */
	const uint8_t	empty[] = { 0x80 };
	/* {0: 10, 5: "tok", 99: [1, 2], "x": 1} */
	const uint8_t	ping[] = { 0x84, 0x00, 0x0a, 0x05, 0xa3, 't', 'o',
	    'k', 0x63, 0x92, 0x01, 0x02, 0xa1, 'x', 0x01 };
	/* {0: 77, 3: "Ana"} */
	const uint8_t	unknown[] = { 0x82, 0x00, 0x4d, 0x03, 0xa3, 'A', 'n',
	    'a' };
	/* {0: 1, 2: "c", 3: "Ana"}: a hello arriving at a client. */
	const uint8_t	hello[] = { 0x83, 0x00, 0x01, 0x02, 0xa1, 'c', 0x03,
	    0xa3, 'A', 'n', 'a' };
	/* {0: 8, 21: {12: "s"}}: a secret in a frame is not read. */
	const uint8_t	secret[] = { 0x82, 0x00, 0x08, 0x15, 0x81, 0x0c, 0xa1,
	    's' };
	struct msg	m;

	(void)state;
	assert_int_equal(wire_decode(empty, sizeof empty, &m, NULL, 0), 0);
	assert_int_equal(m.type, MSG_NONE);
	wire_msg_free(&m);
	assert_int_equal(wire_decode(ping, sizeof ping, &m, NULL, 0), 0);
	assert_int_equal(m.type, MSG_PING);
	assert_null(m.hello.token);
	wire_msg_free(&m);
	assert_int_equal(wire_decode(unknown, sizeof unknown, &m, NULL, 0), 0);
	assert_int_equal(m.type, 77);
	assert_null(m.hello.name);
	wire_msg_free(&m);
	assert_int_equal(wire_decode(hello, sizeof hello, &m, NULL, 0), 0);
	assert_int_equal(m.type, MSG_HELLO);
	assert_str(m.hello.code, "c");
	assert_str(m.hello.name, "Ana");
	wire_msg_free(&m);
	assert_int_equal(wire_decode(secret, sizeof secret, &m, NULL, 0), 0);
	assert_null(m.event.secret);
	wire_msg_free(&m);
}

/* A small hand-made room, valid until a test breaks one thing in it. */
struct mini {
	struct workshop		 ws;
	struct group		 groups[2];
	struct participant	 people[2];
	struct item		 items[2];
};

static void
mini_init(struct mini *x)
{
	memset(x, 0, sizeof *x);
	x->ws.seq = 10;
	x->ws.title = "Sala";
	x->ws.phase = PHASE_CHARTER;
	x->groups[0] = (struct group){ .id = 1, .name = "Uno" };
	x->groups[1] = (struct group){ .id = 2, .name = "Dos" };
	x->people[0] = (struct participant){ .id = 1, .name = "Facilitator",
	    .role = ROLE_FACILITATOR };
	x->people[1] = (struct participant){ .id = 2, .name = "Ana",
	    .group = 2, .role = ROLE_PARTICIPANT };
	x->items[0] = (struct item){ .id = 1, .kind = ITEM_RULE,
	    .status = STATUS_DRAFT, .text = "Escuchar" };
	x->items[1] = (struct item){ .id = 2, .kind = ITEM_SECTION_TEXT,
	    .status = STATUS_PROPOSED, .author = 2, .group = 2, .ref = 1,
	    .phase = PHASE_CHARTER, .text = "Texto" };
	x->ws.groups = x->groups;
	x->ws.ngroups = 2;
	x->ws.people = x->people;
	x->ws.npeople = 2;
	x->ws.items = x->items;
	x->ws.nitems = 2;
}

/* Encodes x as a welcome for the facilitator; returns wire_decode's
 * result and the reason in err. */
static int
mini_decode(struct mini *x, char *err, size_t errlen)
{
	struct msg	m = { .type = MSG_WELCOME }, out;
	struct wire_buf	b;
	int		rc;

	m.welcome.self = MODEL_FACILITATOR;
	m.welcome.snapshot_src = &x->ws;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	err[0] = '\0';
	rc = wire_decode(b.data + WIRE_HEADER_SIZE, b.len - WIRE_HEADER_SIZE,
	    &out, err, errlen);
	if (rc == 0) {
		assert_int_equal(out.welcome.room->nitems, 2);
		wire_msg_free(&out);
	} else {
		assert_true(err[0] != '\0');
		assert_null(out.welcome.room);
	}
	wire_buf_destroy(&b);
	return rc;
}

static void
test_decode_bad_snapshot(void **state)
{
	struct mini	x;
	char		err[200];

	(void)state;
	mini_init(&x);
	assert_int_equal(mini_decode(&x, err, sizeof err), 0);

	x.ws.phase = PHASE_COUNT;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	assert_non_null(strstr(err, "phase"));
	mini_init(&x);
	x.ws.phase = -1;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);

	mini_init(&x);
	x.people[1].role = ROLE_OBSERVER + 1;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	assert_non_null(strstr(err, "role"));

	mini_init(&x);
	x.items[1].kind = ITEM_KIND_COUNT;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	assert_non_null(strstr(err, "kind"));

	mini_init(&x);
	x.items[0].status = STATUS_WITHDRAWN + 1;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);

	mini_init(&x);
	x.items[1].phase = 9;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);

	/* Ids must be dense: element i is id i + 1. */
	mini_init(&x);
	x.groups[1].id = 3;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	assert_non_null(strstr(err, "group 2"));
	mini_init(&x);
	x.items[0].id = 2;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	mini_init(&x);
	x.people[0].id = 0;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);

	/* Names and text must be UTF-8. */
	mini_init(&x);
	x.groups[0].name = "Caf\xe9";
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	assert_non_null(strstr(err, "UTF-8"));
	mini_init(&x);
	x.items[1].text = "\xc0\xaf";
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	mini_init(&x);
	x.ws.title = "\xed\xa0\x80";	/* a surrogate */
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);

	/* References to nobody. */
	mini_init(&x);
	x.people[1].group = 3;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	mini_init(&x);
	x.items[1].author = 3;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	mini_init(&x);
	x.ws.question = 3;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
}

/* More groups than a room may have are refused before any is copied. */
static void
test_decode_too_many_groups(void **state)
{
	struct group	 groups[MODEL_GROUPS_MAX + 1];
	struct workshop	 ws;
	char		 names[MODEL_GROUPS_MAX + 1][8];
	char		 err[200];
	struct msg	 m = { .type = MSG_WELCOME }, out;
	struct wire_buf	 b;
	size_t		 i;

	(void)state;
	memset(&ws, 0, sizeof ws);
	for (i = 0; i <= MODEL_GROUPS_MAX; i++) {
		snprintf(names[i], sizeof names[i], "G%zu", i + 1);
		groups[i] = (struct group){ .id = (uint32_t)i + 1,
		    .name = names[i] };
	}
	ws.groups = groups;
	ws.ngroups = MODEL_GROUPS_MAX;
	m.welcome.snapshot_src = &ws;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.welcome.room->ngroups, MODEL_GROUPS_MAX);
	wire_msg_free(&out);

	ws.ngroups = MODEL_GROUPS_MAX + 1;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + 4, b.len - 4, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "too many"));
	wire_buf_destroy(&b);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_frame_length),
		cmocka_unit_test(test_frames_append),
		cmocka_unit_test(test_stable_bytes),
		cmocka_unit_test(test_hello),
		cmocka_unit_test(test_lobby),
		cmocka_unit_test(test_small_messages),
		cmocka_unit_test(test_intent),
		cmocka_unit_test(test_event),
		cmocka_unit_test(test_welcome_snapshot),
		cmocka_unit_test(test_caucus_note_private),
		cmocka_unit_test(test_records_replay),
		cmocka_unit_test(test_check_truncated),
		cmocka_unit_test(test_check_lying_lengths),
		cmocka_unit_test(test_check_every_type),
		cmocka_unit_test(test_check_depth),
		cmocka_unit_test(test_check_trailing),
		cmocka_unit_test(test_decode_types),
		cmocka_unit_test(test_decode_tolerant),
		cmocka_unit_test(test_decode_bad_snapshot),
		cmocka_unit_test(test_decode_too_many_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
