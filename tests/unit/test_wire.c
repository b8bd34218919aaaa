/*
 * test_wire.c - frames and records as the other end and the disk get them.
 *
 * Every message type goes through wire_encode and back; a workshop built
 * with the real reducer goes out as a snapshot, and the bytes are searched
 * for what must never leave the server (join code, co-facilitators' code,
 * resume tokens, another caucus's notes, report and check, answers not
 * yet revealed, who answered an anonymous poll, who wrote under the
 * Chatham House Rule).  Journal records keep their secrets and replay into the
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

#include "fixture.h"

#define T0		1710000000
#define CODE		"KXM-47P"
#define TOKEN_ANA	"ana-9f86d081884c7d659a2feaa0c55ad015"
#define TOKEN_BO	"bo-a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define TOKEN_OBS	"obs-5e884898da28047151d0e56f8dc62927"
#define NOTE_ANA	"Nuestra comunidad teme represalias: ¿quién protege a los testigos?"
#define ANSWER_BO	"Que l'été soit paisible — ça ira 😊"
#define REASON_ANA	"Hace falta más tiempo"
#define REASON_BO	"Oui, avec des réserves — 要更多时间 😊"
#define REASON_NO	"Mañana no puedo"
#define QUESTION	"¿Seguimos mañana a las nueve?"
#define BODY_GOAL	"Reducir la violencia armada en la Región Norte.\n" \
			"Revisión: cada seis meses — ✓"

/* --- helpers ------------------------------------------------------------ */

/* Every event the test workshop made, as journal records. */
static struct wire_buf	records[256];
static size_t		nrecords;
static int64_t		clock_now;

/* Applies in and keeps its record; *ev is the event (its strings point
 * into in's, static strings here). */
static void
apply_event(struct workshop *ws, uint32_t actor, struct intent in,
    struct event *ev)
{
	struct model_error	err;

	clock_now += 60;
	if (model_apply(ws, actor, &in, clock_now, ev, &err) != 0)
		fail_msg("intent %d by %u refused: %s", in.type, actor,
		    err.msg);
	assert_true(nrecords < sizeof records / sizeof records[0]);
	wire_buf_init(&records[nrecords]);
	assert_int_equal(wire_encode_record(ev, &records[nrecords]), 0);
	nrecords++;
}

static uint32_t
apply(struct workshop *ws, uint32_t actor, struct intent in)
{
	struct event		ev;

	apply_event(ws, actor, in, &ev);
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
	/* The same event in a frame: an array by position, 0 type 1 seq
	 * 2 time 3 actor 4 id 5 group 6 value 7 text 8 ref, nil for a zero;
	 * no request id, no secret. */
	struct msg	joined = { .type = MSG_EVENT, .event = { .seq = 5,
	    .time = 300, .type = EVENT_JOIN, .req = 9, .id = 2, .ref = 1,
	    .value = ROLE_PARTICIPANT, .text = "Ana", .secret = "t" } };
	const uint8_t	want_joined[] = { 0, 0, 0, 15, 0x99, 0x03, 0x05,
	    0xcd, 0x01, 0x2c, 0xc0, 0x02, 0xc0, 0x02, 0xa3, 'A', 'n', 'a',
	    0x01 };
	/* A reveal: 9 flags, 12 votes; a vote is 0 voter 1 group 2 answer
	 * 3 weight 4 reason.  Its record has the flags (13), not the
	 * votes. */
	struct vote	vote = { .voter = 2, .group = 1, .answer = ANSWER_BLOCK,
	    .weight = 1, .reason = "x" };
	struct msg	reveal = { .type = MSG_EVENT, .event = { .type =
	    EVENT_POLL_REVEAL, .ref = 1, .flags = POLL_F_ANONYMOUS,
	    .votes = &vote, .nvotes = 1 } };
	const uint8_t	want_reveal[] = { 0, 0, 0, 26, 0x9d, 0x11, 0xc0, 0xc0,
	    0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0x01, 0x01, 0xc0, 0xc0, 0x91,
	    0x85, 0x00, 0x02, 0x01, 0x01, 0x02, 0x04, 0x03, 0x01, 0x04,
	    0xa1, 'x' };
	const uint8_t	want_reveal_rec[] = { 0x83, 0x00, 0x11, 0x06, 0x01,
	    0x0d, 0x01 };
	/* Issue 4: a hello's co-facilitators' code is key 24. */
	struct msg	hello = { .type = MSG_HELLO, .hello = {
	    .fac_code = "c" } };
	const uint8_t	want_hello[] = { 0, 0, 0, 6, 0x82, 0x00, 0x01, 0x18,
	    0xa1, 'c' };
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
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&joined, &b), 0);
	assert_int_equal(b.len, sizeof want_joined);
	assert_memory_equal(b.data, want_joined, sizeof want_joined);
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&reveal, &b), 0);
	assert_int_equal(b.len, sizeof want_reveal);
	assert_memory_equal(b.data, want_reveal, sizeof want_reveal);
	wire_buf_reset(&b);
	assert_int_equal(wire_encode_record(&reveal.event, &b), 0);
	assert_int_equal(b.len, sizeof want_reveal_rec);
	assert_memory_equal(b.data, want_reveal_rec, sizeof want_reveal_rec);
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&hello, &b), 0);
	assert_int_equal(b.len, sizeof want_hello);
	assert_memory_equal(b.data, want_hello, sizeof want_hello);
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
	m.hello.fac_code = "Co-fac 8d7e6f ✓";
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_str(out.hello.fac_code, "Co-fac 8d7e6f ✓");
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
	m.hello.fac_code = NULL;
	m.hello.observer = false;
	m.hello.last_seq = 0;
	round_trip(&m, &out, &b);
	assert_str(out.hello.code, "kxm 47p");
	assert_null(out.hello.fac_code);
	assert_false(contains(&b, "8d7e6f"));
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
	/* Removed by the facilitator: the client shows why. */
	m.refuse.code = REFUSE_REMOVED;
	m.refuse.text = "Interrumpe una y otra vez — retirado de la sala";
	round_trip(&m, &out, &b);
	assert_int_equal(out.refuse.code, REFUSE_REMOVED);
	assert_int_equal(out.refuse.code, 9);
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
	m.intent.lang = "pt_BR";
	m.intent.flags = POLL_F_ANONYMOUS | POLL_F_CHARTER;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.intent.flags, POLL_F_ANONYMOUS | POLL_F_CHARTER);
	assert_int_equal(out.intent.type, INTENT_CONTRIBUTE);
	assert_int_equal(out.intent.req, 77);
	assert_int_equal(out.intent.ref, 12);
	assert_int_equal(out.intent.value, -3);
	assert_int_equal(out.intent.value2, INT32_MAX);
	assert_str(out.intent.text, m.intent.text);
	assert_str(out.intent.text2, m.intent.text2);
	assert_null(out.intent.secret);
	assert_str(out.intent.lang, "pt_BR");
	assert_false(contains(&b, "not-for-the-wire"));
	wire_msg_free(&out);

	/* The whole range of flags; none is none. */
	m.intent.type = INTENT_POLL_OPEN;
	m.intent.flags = UINT32_MAX;
	round_trip(&m, &out, &b);
	assert_int_equal(out.intent.flags, UINT32_MAX);
	wire_msg_free(&out);
	m.intent.flags = 0;
	round_trip(&m, &out, &b);
	assert_int_equal(out.intent.flags, 0);
	wire_msg_free(&out);
	wire_buf_destroy(&b);
}

/* An intent's strings longer than the model ever takes are refused as
 * they are decoded, not copied and handed on; up to that, the model
 * says what is wrong. */
static void
test_intent_text_bounded(void **state)
{
	struct msg	m = { .type = MSG_INTENT }, out;
	struct wire_buf	b;
	char		*text = malloc(MODEL_BODY_MAX + 2), err[200] = "";

	(void)state;
	assert_non_null(text);
	memset(text, 'x', MODEL_BODY_MAX + 1);
	text[MODEL_BODY_MAX + 1] = '\0';
	m.intent.type = INTENT_SECTION_EDIT;
	m.intent.text = text + 1;		/* the longest there is */
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(strlen(out.intent.text), MODEL_BODY_MAX);
	wire_msg_free(&out);

	m.intent.text = text;			/* one byte more */
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_refused(b.data + WIRE_HEADER_SIZE, b.len - WIRE_HEADER_SIZE);
	assert_int_equal(wire_decode(b.data + WIRE_HEADER_SIZE,
	    b.len - WIRE_HEADER_SIZE, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "intent text is too long"));

	m.intent.type = INTENT_ACTION_SET;
	m.intent.text = "300";
	m.intent.text2 = text + MODEL_BODY_MAX + 1 - MODEL_TEXT_MAX;
	round_trip(&m, &out, &b);
	assert_int_equal(strlen(out.intent.text2), MODEL_TEXT_MAX);
	wire_msg_free(&out);
	m.intent.text2--;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + WIRE_HEADER_SIZE,
	    b.len - WIRE_HEADER_SIZE, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "intent text2 is too long"));
	wire_buf_destroy(&b);
	free(text);
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
	m.event.flags = DECIDE_TWO_THIRDS;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.event.flags, DECIDE_TWO_THIRDS);
	assert_null(out.event.votes);
	assert_int_equal(out.event.nvotes, 0);
	assert_true(out.event.seq == 123456789012ull);
	assert_int_equal(out.event.time, -5);
	assert_int_equal(out.event.type, EVENT_ITEM);
	assert_int_equal(out.event.actor, 4);
	/* The request id is the journal's: the author's ack carries it. */
	assert_int_equal(out.event.req, 0);
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

	/* All zero, it is still an event: [nil, nil] (found by fuzz_msg:
	 * an empty array does not decode). */
	memset(&m.event, 0, sizeof m.event);
	round_trip(&m, &out, &b);
	assert_int_equal(b.len, WIRE_HEADER_SIZE + 3);
	assert_int_equal(b.data[WIRE_HEADER_SIZE], 0x92);
	assert_true(out.event.seq == 0);
	assert_null(out.event.text);
	wire_msg_free(&out);
	wire_buf_destroy(&b);
}

/* The decoded polls are model_poll_view's for viewer, field by field. */
static void
assert_polls_view(const struct workshop *ws, uint32_t viewer,
    const struct workshop *got)
{
	struct poll	view;
	size_t		i, k;

	assert_int_equal(got->decision_rule, ws->decision_rule);
	assert_int_equal(got->fallback_rule, ws->fallback_rule);
	assert_int_equal(got->fallback_rounds, ws->fallback_rounds);
	assert_int_equal(got->charter_poll, ws->charter_poll);
	assert_int_equal(got->npolls, ws->npolls);
	assert_true(got->polls_cap >= got->npolls);
	for (i = 0; i < ws->npolls; i++) {
		const struct poll *p = &got->polls[i];

		model_poll_view(ws, &ws->polls[i], viewer, &view);
		assert_int_equal(p->id, view.id);
		assert_int_equal(p->kind, view.kind);
		assert_int_equal(p->state, view.state);
		assert_int_equal(p->flags, view.flags);
		assert_int_equal(p->target, view.target);
		assert_int_equal(p->round, view.round);
		assert_int_equal(p->dots, view.dots);
		assert_int_equal(p->phase, view.phase);
		assert_str(p->text, view.text);
		assert_int_equal(p->noptions, view.noptions);
		for (k = 0; k < view.noptions; k++)
			assert_int_equal(p->options[k], view.options[k]);
		assert_int_equal(p->nvotes, view.nvotes);
		assert_true(p->votes_cap >= p->nvotes);
		for (k = 0; k < view.nvotes; k++) {
			assert_int_equal(p->votes[k].voter,
			    view.votes[k].voter);
			assert_int_equal(p->votes[k].group,
			    view.votes[k].group);
			assert_int_equal(p->votes[k].answer,
			    view.votes[k].answer);
			assert_int_equal(p->votes[k].weight,
			    view.votes[k].weight);
			assert_str(p->votes[k].reason, view.votes[k].reason);
		}
		assert_int_equal(p->answered, view.answered);
		assert_int_equal(p->verdict, view.verdict);
		assert_str(p->verdict_text, view.verdict_text);
		assert_int_equal(p->opened, view.opened);
		assert_int_equal(p->closed, view.closed);
		assert_int_equal(p->group, view.group);
		assert_int_equal(p->members, view.members);
		model_votes_free(view.votes, view.nvotes);
	}
}

/* A decoded action is the one sent, field by field; an action item sent
 * without one got the model's default. */
static void
assert_action(const struct action *got, const struct action *want)
{
	const struct action	none = { .status = ACTION_PROPOSED,
				    .cost = -1 };
	size_t			k;

	assert_non_null(got);
	if (want == NULL)
		want = &none;
	assert_str(got->how, want->how);
	assert_str(got->resources, want->resources);
	assert_str(got->provider, want->provider);
	assert_int_equal(got->due, want->due);
	assert_true(got->cost == want->cost);
	assert_string_equal(got->currency, want->currency);
	assert_int_equal(got->status, want->status);
	assert_int_equal(got->term, want->term);
	assert_int_equal(got->quick_win, want->quick_win);
	assert_int_equal(got->fac_agreed, want->fac_agreed);
	assert_int_equal(got->nowners, want->nowners);
	for (k = 0; k < want->nowners; k++) {
		assert_int_equal(got->owners[k].person,
		    want->owners[k].person);
		assert_int_equal(got->owners[k].group, want->owners[k].group);
		assert_int_equal(got->owners[k].committed,
		    want->owners[k].committed);
	}
	assert_int_equal(got->nmilestones, want->nmilestones);
	for (k = 0; k < want->nmilestones; k++) {
		assert_int_equal(got->milestones[k].date,
		    want->milestones[k].date);
		assert_int_equal(got->milestones[k].done,
		    want->milestones[k].done);
		assert_int_equal(got->milestones[k].meeting,
		    want->milestones[k].meeting);
		assert_str(got->milestones[k].text, want->milestones[k].text);
	}
}

static void
assert_meetings(const struct workshop *ws, const struct workshop *got)
{
	size_t	i, k;

	assert_int_equal(got->meeting, ws->meeting);
	assert_int_equal(got->next_review, ws->next_review);
	assert_int_equal(got->nmeetings, ws->nmeetings);
	assert_true(got->meetings_cap >= got->nmeetings);
	for (i = 0; i < ws->nmeetings; i++) {
		const struct meeting *mt = &got->meetings[i];

		assert_int_equal(mt->id, ws->meetings[i].id);
		assert_int_equal(mt->date, ws->meetings[i].date);
		assert_int_equal(mt->started, ws->meetings[i].started);
		assert_int_equal(mt->ncame, ws->meetings[i].ncame);
		assert_true(mt->came_cap >= mt->ncame);
		for (k = 0; k < mt->ncame; k++)
			assert_int_equal(mt->came[k], ws->meetings[i].came[k]);
	}
}

/* The decoded room is what viewer may see of ws, and nothing secret. */
static void
assert_room_view(const struct workshop *ws, uint32_t viewer,
    const struct workshop *got)
{
	struct item	view;
	size_t		i, k;

	assert_true(got->seq == ws->seq);
	assert_int_equal(fixture_index_differs(got), 0);
	assert_int_equal(got->created, ws->created);
	assert_str(got->title, ws->title);
	assert_null(got->code);
	assert_null(got->fac_code);
	assert_int_equal(got->confidentiality, ws->confidentiality);
	for (i = 0; i < PHASE_COUNT; i++) {
		assert_int_equal(got->phase_conf[i], ws->phase_conf[i]);
		for (k = 0; k <= MODEL_GROUPS_MAX; k++)
			assert_int_equal(got->spoken[i][k], ws->spoken[i][k]);
	}
	assert_int_equal(got->speaker, ws->speaker);
	assert_true(got->hands == ws->hands);
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
		/* A counter is sent only to its owner: others' would tell
		 * who answered an anonymous poll. */
		assert_int_equal(got->people[i].last_req,
		    p->id == viewer ? p->last_req : 0);
		assert_int_equal(got->people[i].joined, p->joined);
		assert_true(got->people[i].hand == p->hand);
		assert_int_equal(got->people[i].removed, p->removed);
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
		/* A record of a change made in the open, since under the
		 * Chatham House Rule, goes as the rule would write it. */
		if (view.kind == ITEM_PROGRESS && (view.flags & ITEM_F_LOG) &&
		    model_author_hidden(ws, view.phase, view.conf)) {
			char *nameless = model_log_nameless(ws, view.text);

			assert_str(it->text, nameless);
			free(nameless);
		} else
			assert_str(it->text, view.text);
		assert_str(it->text2, view.text2);
		assert_str(it->body, view.body);
		assert_int_equal(it->flags, view.flags);
		assert_int_equal(it->conf, view.conf);
		assert_int_equal(it->meeting, view.meeting);
		if (view.kind == ITEM_ACTION)
			assert_action(it->action, view.action);
		else
			assert_null(it->action);
	}
	assert_meetings(ws, got);
	assert_polls_view(ws, viewer, got);
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
		    .flags = POLL_F_ANONYMOUS, .text = "Ngozi Ọkafọ",
		    .text2 = "x", .secret = TOKEN_BO };
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
		assert_int_equal(ev.flags, POLL_F_ANONYMOUS);
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

/*
 * The room's language of record (issue 17): in the opening's record, in
 * a change's, in the snapshot; never in a frame (the opening is never
 * sent, and a screen reads the language from the snapshot).  A room from
 * before languages has none and reads as "en".
 */
static void
test_language(void **state)
{
	struct workshop		*ws, *again;
	struct msg		 m = { .type = MSG_WELCOME }, out;
	struct msg		 fm = { .type = MSG_EVENT };
	struct event		 ev, opening;
	struct model_error	 merr;
	struct wire_buf		 b;
	char			 err[200];
	size_t			 i;

	(void)state;
	records_free();
	clock_now = T0;
	ws = model_new();
	apply_event(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "Dialogue de Kayes", .secret = CODE, .lang = "fr" },
	    &opening);
	assert_str(ws->lang, "fr");
	assert_str(model_language(ws), "fr");
	wire_buf_init(&b);

	/* The opening's record keeps it; its frame has no place for it. */
	assert_int_equal(wire_decode_record(records[0].data, records[0].len,
	    &ev, err, sizeof err), 0);
	assert_str(ev.lang, "fr");
	wire_event_free(&ev);
	assert_null(ev.lang);
	fm.event = opening;
	fm.event.secret = NULL;
	round_trip(&fm, &out, &b);
	assert_null(out.event.lang);
	assert_str(out.event.text, "Dialogue de Kayes");
	wire_msg_free(&out);

	/* A facilitator changes it; the change is an event of its own. */
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_LANGUAGE, .text = "es" });
	assert_str(model_language(ws), "es");

	/* The snapshot carries it to every screen. */
	m.welcome.self = MODEL_FACILITATOR;
	m.welcome.snapshot_src = ws;
	round_trip(&m, &out, &b);
	assert_str(out.welcome.room->lang, "es");
	wire_msg_free(&out);

	/* A snapshot whose language is no language's name is refused, as
	 * the event would be: it names a catalogue's directory. */
	free(ws->lang);
	ws->lang = xstrdup("../../etc");
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_not_equal(wire_decode(b.data + WIRE_HEADER_SIZE,
	    b.len - WIRE_HEADER_SIZE, &out, err, sizeof err), 0);
	assert_non_null(strstr(err, "language"));
	free(ws->lang);
	ws->lang = xstrdup("es");

	/* Replaying the records gives it back. */
	again = model_new();
	for (i = 0; i < nrecords; i++) {
		if (wire_decode_record(records[i].data, records[i].len, &ev,
		    err, sizeof err) != 0)
			fail_msg("record %zu: %s", i, err);
		if (model_commit(again, &ev, false, &merr) != 0)
			fail_msg("record %zu: %s", i, merr.msg);
		wire_event_free(&ev);
	}
	assert_str(again->lang, "es");
	model_free(again);
	model_free(ws);

	/* A room from before languages: no key, no language, "en". */
	records_free();
	clock_now = T0;
	ws = model_new();
	apply(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "Old room", .secret = CODE });
	assert_false(contains(&records[0], "en"));
	m.welcome.snapshot_src = ws;
	round_trip(&m, &out, &b);
	assert_null(out.welcome.room->lang);
	assert_str(model_language(out.welcome.room), "en");
	wire_msg_free(&out);
	model_free(ws);
	records_free();
	wire_buf_destroy(&b);
}

/* --- deciding together -------------------------------------------------- */

/* A reveal's votes go out in a frame, whole; a record of the same event
 * has its flags but never its votes. */
static void
test_event_votes(void **state)
{
	struct vote	votes[3] = {
		{ .voter = 2, .group = 1, .answer = ANSWER_BLOCK, .weight = 1,
		    .reason = REASON_ANA },
		{ .voter = 3, .group = 2, .answer = ANSWER_RESERVATIONS,
		    .weight = 1, .reason = REASON_BO },
		{ .voter = 0, .group = 0, .answer = ANSWER_AGREE,
		    .weight = 1 },
	};
	struct msg	m = { .type = MSG_EVENT }, out;
	struct event	ev;
	struct wire_buf	b;
	char		err[200];
	size_t		i;
	/* {0: 17, 14: [{2: 4}]}: a record that carries votes anyway. */
	const uint8_t	rec_votes[] = { 0x82, 0x00, 0x11, 0x0e, 0x91, 0x81,
	    0x02, 0x04 };
	/* Frames [17, nil x 11, votes] with bad votes. */
#define REVEAL_VOTES 0x9d, 0x11, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, \
	    0xc0, 0xc0, 0xc0, 0xc0
	const uint8_t	votes_map[] = { REVEAL_VOTES, 0x80 };
	const uint8_t	vote_int[] = { REVEAL_VOTES, 0x91, 0x04 };
	const uint8_t	no_answer[] = { REVEAL_VOTES, 0x91, 0x81, 0x03, 0x01 };
	const uint8_t	weight_0[] = { REVEAL_VOTES, 0x91, 0x82, 0x02, 0x01,
	    0x03, 0x00 };
	const uint8_t	reason_bad[] = { REVEAL_VOTES, 0x91, 0x83, 0x02, 0x01,
	    0x03, 0x01, 0x04, 0xa1, 0xff };
	const uint8_t	voter_neg[] = { REVEAL_VOTES, 0x91, 0x83, 0x00, 0xff,
	    0x02, 0x01, 0x03, 0x01 };
	/* The smallest good one: {2: 1, 3: 1}. */
	const uint8_t	vote_ok[] = { REVEAL_VOTES, 0x91, 0x82, 0x02, 0x01,
	    0x03, 0x01 };
#undef REVEAL_VOTES

	(void)state;
	m.event.seq = 40;
	m.event.time = T0;
	m.event.type = EVENT_POLL_REVEAL;
	m.event.actor = MODEL_FACILITATOR;
	m.event.ref = 1;
	m.event.value = VERDICT_NOT_ADOPTED;
	m.event.text = "blocked by 1 — not adopted";
	m.event.flags = POLL_F_ANONYMOUS;
	m.event.votes = votes;
	m.event.nvotes = 3;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.event.type, EVENT_POLL_REVEAL);
	assert_int_equal(out.event.flags, POLL_F_ANONYMOUS);
	assert_int_equal(out.event.value, VERDICT_NOT_ADOPTED);
	assert_str(out.event.text, m.event.text);
	assert_int_equal(out.event.nvotes, 3);
	assert_non_null(out.event.votes);
	for (i = 0; i < 3; i++) {
		assert_int_equal(out.event.votes[i].voter, votes[i].voter);
		assert_int_equal(out.event.votes[i].group, votes[i].group);
		assert_int_equal(out.event.votes[i].answer, votes[i].answer);
		assert_int_equal(out.event.votes[i].weight, votes[i].weight);
		assert_str(out.event.votes[i].reason, votes[i].reason);
	}
	wire_msg_free(&out);	/* the sanitizer build checks the votes go */
	assert_null(out.event.votes);

	/* The journal has every vote as its own event: a record of the
	 * reveal keeps the flags and leaves the votes out. */
	wire_buf_reset(&b);
	assert_int_equal(wire_encode_record(&m.event, &b), 0);
	assert_false(contains(&b, REASON_ANA));
	assert_false(contains(&b, REASON_BO));
	assert_int_equal(wire_decode_record(b.data, b.len, &ev, err,
	    sizeof err), 0);
	assert_int_equal(ev.type, EVENT_POLL_REVEAL);
	assert_int_equal(ev.flags, POLL_F_ANONYMOUS);
	assert_str(ev.text, m.event.text);
	assert_null(ev.votes);
	assert_int_equal(ev.nvotes, 0);
	wire_event_free(&ev);
	/* ... and a record that has them anyway is read without them. */
	assert_int_equal(wire_decode_record(rec_votes, sizeof rec_votes, &ev,
	    err, sizeof err), 0);
	assert_int_equal(ev.type, EVENT_POLL_REVEAL);
	assert_null(ev.votes);
	assert_int_equal(ev.nvotes, 0);
	wire_event_free(&ev);

	/* Votes said to be there but missing are the caller's bug. */
	m.event.votes = NULL;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), -1);
	assert_int_equal(b.len, 0);
	wire_buf_destroy(&b);

	assert_refused(votes_map, sizeof votes_map);
	assert_refused(vote_int, sizeof vote_int);
	assert_refused(no_answer, sizeof no_answer);
	assert_refused(weight_0, sizeof weight_0);
	assert_refused(reason_bad, sizeof reason_bad);
	assert_refused(voter_neg, sizeof voter_neg);
	assert_int_equal(wire_decode(reason_bad, sizeof reason_bad, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "UTF-8"));
	assert_int_equal(wire_decode(vote_ok, sizeof vote_ok, &out, err,
	    sizeof err), 0);
	assert_int_equal(out.event.nvotes, 1);
	assert_int_equal(out.event.votes[0].voter, 0);
	assert_int_equal(out.event.votes[0].answer, 1);
	wire_msg_free(&out);
}

struct vroom {
	struct workshop	*ws;
	uint32_t	 ana, bo, chidi, obs;	/* participant ids */
	uint32_t	 community, women;	/* group ids */
	uint32_t	 rule;			/* the seed rule checked */
	uint32_t	 named;			/* the consensus check on it */
};

/* A room deciding, built as the server builds one: opened, two groups,
 * the seed, three participants in two groups and an observer, Ground
 * rules, a named consensus check on a seed rule that all three have
 * answered (Ana blocks, Bo agrees with reservations, Chidi stands
 * aside).  The check is still open. */
static void
vroom_build(struct vroom *r)
{
	struct intent	*in;
	size_t		 i, n;

	records_free();
	clock_now = T0;
	r->ws = model_new();
	apply(r->ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "Mesa de diálogo — Región Norte", .secret = CODE });
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
	r->chidi = apply(r->ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_JOIN, .text = "Chidi Okeke", .ref = r->community,
	    .value = ROLE_PARTICIPANT, .secret = "chidi-0d1e2f" });
	r->obs = apply(r->ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_JOIN, .text = "Observer", .value = ROLE_OBSERVER,
	    .secret = TOKEN_OBS });

	apply(r->ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_GROUND_RULES });
	r->rule = 0;
	for (i = 0; i < r->ws->nitems && r->rule == 0; i++)
		if (r->ws->items[i].kind == ITEM_RULE &&
		    r->ws->items[i].status == STATUS_DRAFT)
			r->rule = r->ws->items[i].id;
	assert_int_not_equal(r->rule, 0);
	r->named = apply(r->ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_CONSENSUS,
	    .ref = r->rule });
	apply(r->ws, r->ana, (struct intent){ .type = INTENT_VOTE,
	    .ref = r->named, .value = ANSWER_BLOCK, .text = REASON_ANA });
	apply(r->ws, r->bo, (struct intent){ .type = INTENT_VOTE,
	    .ref = r->named, .value = ANSWER_RESERVATIONS,
	    .text = REASON_BO });
	apply(r->ws, r->chidi, (struct intent){ .type = INTENT_VOTE,
	    .ref = r->named, .value = ANSWER_STAND_ASIDE });
	assert_int_equal(model_poll(r->ws, r->named)->nvotes, 3);
}

static void
vroom_free(struct vroom *r)
{
	model_free(r->ws);
	records_free();
}

/* The welcome viewer gets, through bytes b; free *out after. */
static struct workshop *
snapshot_for(const struct workshop *ws, uint32_t viewer, struct msg *out,
    struct wire_buf *b)
{
	struct msg	m = { .type = MSG_WELCOME };

	m.welcome.self = viewer;
	m.welcome.snapshot_src = ws;
	round_trip(&m, out, b);
	assert_non_null(out->welcome.room);
	assert_room_view(ws, viewer, out->welcome.room);
	return out->welcome.room;
}

/* The decoded vote of voter in p, or NULL. */
static const struct vote *
vote_by(const struct poll *p, uint32_t voter)
{
	size_t	i;

	for (i = 0; i < p->nvotes; i++)
		if (p->votes[i].voter == voter)
			return &p->votes[i];
	return NULL;
}

/* Until the reveal a participant knows how many have answered and what
 * they answered themselves; the facilitator follows a named check. */
static void
test_poll_private_before_reveal(void **state)
{
	struct vroom		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got;
	const struct poll	*p;
	const struct vote	*v;

	(void)state;
	vroom_build(&r);
	wire_buf_init(&b);

	got = snapshot_for(r.ws, r.bo, &out, &b);
	assert_false(contains(&b, REASON_ANA));
	assert_false(contains(&b, "más tiempo"));
	assert_true(contains(&b, REASON_BO));
	p = model_poll(got, r.named);
	assert_non_null(p);
	assert_int_equal(p->kind, POLL_CONSENSUS);
	assert_int_equal(p->state, POLL_OPEN);
	assert_int_equal(p->target, r.rule);
	assert_int_equal(p->round, 1);
	assert_int_equal(p->phase, PHASE_GROUND_RULES);
	assert_str(p->text, model_item(r.ws, r.rule)->text);
	assert_int_equal(p->answered, 3);
	assert_int_equal(p->nvotes, 1);
	assert_int_equal(p->votes[0].voter, r.bo);
	assert_int_equal(p->votes[0].group, r.women);
	assert_int_equal(p->votes[0].answer, ANSWER_RESERVATIONS);
	assert_int_equal(p->votes[0].weight, 1);
	assert_str(p->votes[0].reason, REASON_BO);
	assert_ptr_equal(model_open_poll(got), p);
	wire_msg_free(&out);

	/* An observer: the count, no answer. */
	got = snapshot_for(r.ws, r.obs, &out, &b);
	assert_false(contains(&b, REASON_ANA));
	assert_false(contains(&b, REASON_BO));
	assert_int_equal(model_poll(got, r.named)->answered, 3);
	assert_int_equal(model_poll(got, r.named)->nvotes, 0);
	wire_msg_free(&out);

	/* The facilitator follows a named check as it goes. */
	got = snapshot_for(r.ws, MODEL_FACILITATOR, &out, &b);
	assert_true(contains(&b, REASON_ANA));
	p = model_poll(got, r.named);
	assert_int_equal(p->nvotes, 3);
	v = vote_by(p, r.ana);
	assert_non_null(v);
	assert_int_equal(v->group, r.community);
	assert_int_equal(v->answer, ANSWER_BLOCK);
	assert_str(v->reason, REASON_ANA);
	assert_int_equal(vote_by(p, r.bo)->answer, ANSWER_RESERVATIONS);
	v = vote_by(p, r.chidi);
	assert_non_null(v);
	assert_int_equal(v->answer, ANSWER_STAND_ASIDE);
	assert_null(v->reason);
	wire_msg_free(&out);

	/* Closed: the facilitator has the verdict at once, Bo nothing new. */
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = r.named });
	got = snapshot_for(r.ws, MODEL_FACILITATOR, &out, &b);
	p = model_poll(got, r.named);
	assert_int_equal(p->state, POLL_CLOSED);
	assert_int_equal(p->verdict, VERDICT_NOT_ADOPTED);
	assert_non_null(p->verdict_text);
	assert_non_null(strstr(p->verdict_text, "blocked by 1"));
	assert_true(p->closed > p->opened);
	wire_msg_free(&out);
	got = snapshot_for(r.ws, r.bo, &out, &b);
	p = model_poll(got, r.named);
	assert_int_equal(p->state, POLL_CLOSED);
	assert_int_equal(p->verdict, VERDICT_NONE);
	assert_null(p->verdict_text);
	assert_false(contains(&b, "blocked by"));
	assert_false(contains(&b, REASON_ANA));
	assert_int_equal(p->nvotes, 1);
	wire_msg_free(&out);

	/* Revealed: every answer of a named check, with who gave it. */
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_REVEAL, .ref = r.named });
	got = snapshot_for(r.ws, r.bo, &out, &b);
	assert_true(contains(&b, REASON_ANA));
	p = model_poll(got, r.named);
	assert_int_equal(p->state, POLL_REVEALED);
	assert_int_equal(p->nvotes, 3);
	assert_str(vote_by(p, r.ana)->reason, REASON_ANA);
	assert_int_equal(vote_by(p, r.ana)->group, r.community);
	assert_int_equal(vote_by(p, r.chidi)->answer, ANSWER_STAND_ASIDE);
	assert_int_equal(p->verdict, VERDICT_NOT_ADOPTED);
	assert_non_null(strstr(p->verdict_text, "blocked by 1"));
	/* Not adopted: the rule stays a draft, on both sides. */
	assert_int_equal(model_item(got, r.rule)->status, STATUS_DRAFT);
	wire_msg_free(&out);

	wire_buf_destroy(&b);
	vroom_free(&r);
}

/* Encodes the reveal ev as viewer gets it (model_event_view), decodes
 * it into *out. */
static void
reveal_for(const struct workshop *ws, const struct event *ev,
    uint32_t viewer, struct msg *out, struct wire_buf *b)
{
	struct msg	m = { .type = MSG_EVENT };
	size_t		i;

	model_event_view(ws, ev, viewer, &m.event);
	round_trip(&m, out, b);
	assert_int_equal(out->event.type, EVENT_POLL_REVEAL);
	assert_true(out->event.seq == ev->seq);
	assert_int_equal(out->event.ref, ev->ref);
	assert_int_equal(out->event.value, m.event.value);
	assert_str(out->event.text, m.event.text);
	assert_int_equal(out->event.nvotes, m.event.nvotes);
	for (i = 0; i < m.event.nvotes; i++) {
		assert_int_equal(out->event.votes[i].voter,
		    m.event.votes[i].voter);
		assert_int_equal(out->event.votes[i].group,
		    m.event.votes[i].group);
		assert_int_equal(out->event.votes[i].answer,
		    m.event.votes[i].answer);
		assert_int_equal(out->event.votes[i].weight,
		    m.event.votes[i].weight);
		assert_str(out->event.votes[i].reason,
		    m.event.votes[i].reason);
	}
	model_votes_free(m.event.votes, m.event.nvotes);
}

/*
 * An anonymous poll, revealed: everyone gets every answer and nobody
 * learns who gave which, by snapshot or by event.  (A voter's snapshot
 * still marks their own answer as theirs: model_poll_view's rule.)
 */
static void
test_poll_anonymous_reveal(void **state)
{
	struct vroom		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got, *replica;
	struct event		 reveal;
	struct model_error	 merr;
	const struct poll	*p;
	uint32_t		 anon, viewers[5];
	int			 tally[ANSWER_ABSTAIN + 1];
	size_t			 i, k, named_ids;

	(void)state;
	vroom_build(&r);
	wire_buf_init(&b);

	/* The named check closes; Bo's replica starts from here. */
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = r.named });
	replica = snapshot_for(r.ws, r.bo, &out, &b);
	out.welcome.room = NULL;	/* kept */
	wire_msg_free(&out);
	apply_event(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_REVEAL, .ref = r.named }, &reveal);

	/* Its reveal reaches Bo with every named answer, and his replica
	 * takes it. */
	reveal_for(r.ws, &reveal, r.bo, &out, &b);
	assert_true(contains(&b, REASON_ANA));
	assert_int_equal(out.event.nvotes, 3);
	assert_int_equal(out.event.value, VERDICT_NOT_ADOPTED);
	for (i = 0; i < out.event.nvotes; i++)
		if (out.event.votes[i].voter == r.ana)
			assert_str(out.event.votes[i].reason, REASON_ANA);
	if (model_commit(replica, &out.event, true, &merr) != 0)
		fail_msg("replica refused the reveal: %s", merr.msg);
	p = model_poll(replica, r.named);
	assert_int_equal(p->state, POLL_REVEALED);
	assert_int_equal(p->nvotes, 3);
	assert_int_equal(p->verdict, VERDICT_NOT_ADOPTED);
	assert_str(vote_by(p, r.ana)->reason, REASON_ANA);
	wire_msg_free(&out);
	model_free(replica);

	/* An anonymous straw poll. */
	anon = apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_STRAW,
	    .flags = POLL_F_ANONYMOUS, .text = QUESTION });
	apply(r.ws, r.ana, (struct intent){ .type = INTENT_VOTE,
	    .ref = anon, .value = ANSWER_YES });
	apply(r.ws, r.bo, (struct intent){ .type = INTENT_VOTE,
	    .ref = anon, .value = ANSWER_NO, .text = REASON_NO });
	apply(r.ws, r.chidi, (struct intent){ .type = INTENT_VOTE,
	    .ref = anon, .value = ANSWER_ABSTAIN });
	/* Not even the facilitator follows it. */
	got = snapshot_for(r.ws, MODEL_FACILITATOR, &out, &b);
	p = model_poll(got, anon);
	assert_int_equal(p->flags, POLL_F_ANONYMOUS);
	assert_int_equal(p->answered, 3);
	assert_int_equal(p->nvotes, 0);
	assert_false(contains(&b, REASON_NO));
	wire_msg_free(&out);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = anon });
	apply_event(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_REVEAL, .ref = anon }, &reveal);

	viewers[0] = MODEL_FACILITATOR;
	viewers[1] = r.obs;
	viewers[2] = r.ana;
	viewers[3] = r.bo;
	viewers[4] = r.chidi;
	for (i = 0; i < 5; i++) {
		got = snapshot_for(r.ws, viewers[i], &out, &b);
		p = model_poll(got, anon);
		assert_int_equal(p->state, POLL_REVEALED);
		assert_int_equal(p->kind, POLL_STRAW);
		assert_str(p->text, QUESTION);
		assert_int_equal(p->nvotes, 3);
		model_tally(p, tally, ANSWER_ABSTAIN + 1);
		assert_int_equal(tally[ANSWER_YES], 1);
		assert_int_equal(tally[ANSWER_NO], 1);
		assert_int_equal(tally[ANSWER_ABSTAIN], 1);
		named_ids = 0;
		for (k = 0; k < p->nvotes; k++) {
			if (p->votes[k].voter == 0) {
				assert_int_equal(p->votes[k].group, 0);
				continue;
			}
			/* Only ever the viewer's own answer. */
			assert_int_equal(p->votes[k].voter, viewers[i]);
			named_ids++;
		}
		assert_true(named_ids <= 1);
		if (i < 2)	/* facilitator, observer: no voters */
			assert_int_equal(named_ids, 0);
		assert_true(contains(&b, REASON_NO));
		/* The named check keeps its names. */
		assert_int_equal(vote_by(model_poll(got, r.named),
		    r.ana)->answer, ANSWER_BLOCK);
		wire_msg_free(&out);

		/* The reveal event: every answer, no voter, no group. */
		reveal_for(r.ws, &reveal, viewers[i], &out, &b);
		assert_int_equal(out.event.nvotes, 3);
		for (k = 0; k < out.event.nvotes; k++) {
			assert_int_equal(out.event.votes[k].voter, 0);
			assert_int_equal(out.event.votes[k].group, 0);
		}
		assert_int_equal(out.event.value, VERDICT_NONE);
		wire_msg_free(&out);
	}
	wire_buf_destroy(&b);
	vroom_free(&r);
}

/*
 * Every kind of poll in every state, the decision rule, an adopted
 * section's body and the charter's adoption go out in snapshots as
 * model_poll_view has them, and come back from the journal whole.
 */
static void
test_snapshot_polls_every_state(void **state)
{
	struct vroom		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got, *ws;
	struct event		 ev;
	struct model_error	 merr;
	const struct poll	*p;
	const struct item	*it;
	uint32_t		 straw, sec = 0, check, charter, dots, t1, t2;
	uint32_t		 viewers[4];
	bool			 seen_state[POLL_REVEALED + 1] = { false };
	bool			 seen_kind[POLL_DOTS + 1] = { false };
	char			 err[200];
	size_t			 i, k;

	(void)state;
	vroom_build(&r);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = r.named });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_REVEAL, .ref = r.named });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_DECISION_RULE, .value = DECIDE_CONSENSUS_FALLBACK,
	    .value2 = 2, .flags = DECIDE_TWO_THIRDS });
	/* Closed, never revealed. */
	straw = apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_STRAW,
	    .flags = POLL_F_ANONYMOUS, .text = QUESTION });
	apply(r.ws, r.bo, (struct intent){ .type = INTENT_VOTE,
	    .ref = straw, .value = ANSWER_NO, .text = REASON_NO });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = straw });

	/* The charter: one section written and adopted by a check, the
	 * others not applicable, then the whole charter adopted. */
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_CHARTER });
	for (i = 0; i < r.ws->nitems; i++) {
		it = &r.ws->items[i];
		if (it->kind != ITEM_SECTION || model_section_derived(it))
			continue;
		if (sec == 0) {
			sec = it->id;
			continue;
		}
		apply(r.ws, MODEL_FACILITATOR, (struct intent){
		    .type = INTENT_SECTION_STATE, .ref = it->id,
		    .value = STATUS_NOT_APPLICABLE });
	}
	assert_int_not_equal(sec, 0);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SECTION_EDIT, .ref = sec, .text = BODY_GOAL });
	check = apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_CONSENSUS, .ref = sec });
	apply(r.ws, r.ana, (struct intent){ .type = INTENT_VOTE,
	    .ref = check, .value = ANSWER_AGREE });
	apply(r.ws, r.bo, (struct intent){ .type = INTENT_VOTE,
	    .ref = check, .value = ANSWER_AGREE });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = check });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_REVEAL, .ref = check });
	assert_int_equal(model_item(r.ws, sec)->status, STATUS_ADOPTED);
	assert_true(model_charter_ready(r.ws));
	charter = apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_CONSENSUS,
	    .flags = POLL_F_CHARTER });
	apply(r.ws, r.chidi, (struct intent){ .type = INTENT_VOTE,
	    .ref = charter, .value = ANSWER_STAND_ASIDE });
	apply(r.ws, r.bo, (struct intent){ .type = INTENT_VOTE,
	    .ref = charter, .value = ANSWER_AGREE });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = charter });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_REVEAL, .ref = charter });
	assert_int_equal(r.ws->charter_poll, charter);

	/* Open: a dot vote over two proposals. */
	t1 = apply(r.ws, r.ana, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .ref = sec, .text = "Propuesta de Ana" });
	t2 = apply(r.ws, r.bo, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .ref = sec, .text = "Proposition de Bo" });
	dots = apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_DOTS, .value2 = 2 });
	apply(r.ws, r.ana, (struct intent){ .type = INTENT_DOT, .ref = dots,
	    .value = (int32_t)t1, .value2 = 1 });
	apply(r.ws, r.ana, (struct intent){ .type = INTENT_DOT, .ref = dots,
	    .value = (int32_t)t1, .value2 = 1 });
	apply(r.ws, r.bo, (struct intent){ .type = INTENT_DOT, .ref = dots,
	    .value = (int32_t)t2, .value2 = 1 });

	viewers[0] = MODEL_FACILITATOR;
	viewers[1] = r.ana;
	viewers[2] = r.bo;
	viewers[3] = r.obs;
	wire_buf_init(&b);
	for (i = 0; i < 4; i++) {
		/* snapshot_for compares every field with the model's view. */
		got = snapshot_for(r.ws, viewers[i], &out, &b);
		assert_int_equal(got->npolls, 5);
		for (k = 0; k < got->npolls; k++) {
			seen_state[got->polls[k].state] = true;
			seen_kind[got->polls[k].kind] = true;
		}
		assert_int_equal(got->decision_rule,
		    DECIDE_CONSENSUS_FALLBACK);
		assert_int_equal(got->fallback_rule, DECIDE_TWO_THIRDS);
		assert_int_equal(got->fallback_rounds, 2);
		assert_int_equal(got->charter_poll, charter);
		assert_int_equal(model_poll(got, charter)->flags,
		    POLL_F_CHARTER);
		it = model_item(got, sec);
		assert_int_equal(it->status, STATUS_ADOPTED);
		assert_str(it->body, BODY_GOAL);
		assert_str(model_poll(got, check)->text, BODY_GOAL);
		assert_int_equal(model_poll(got, straw)->state, POLL_CLOSED);
		p = model_poll(got, dots);
		assert_int_equal(p->state, POLL_OPEN);
		assert_int_equal(p->dots, 2);
		assert_int_equal(p->noptions, 2);
		assert_int_equal(p->options[0], t1);
		assert_int_equal(p->options[1], t2);
		assert_int_equal(p->answered, 2);
		assert_int_equal(model_my_dots(p, r.ana),
		    viewers[i] == r.bo || viewers[i] == r.obs ? 0 : 2);
		assert_int_equal(model_my_dots(p, r.bo),
		    viewers[i] == r.ana || viewers[i] == r.obs ? 0 : 1);
		wire_msg_free(&out);
	}
	assert_true(seen_state[POLL_OPEN] && seen_state[POLL_CLOSED] &&
	    seen_state[POLL_REVEALED]);
	assert_true(seen_kind[POLL_CONSENSUS] && seen_kind[POLL_STRAW] &&
	    seen_kind[POLL_DOTS]);
	wire_buf_destroy(&b);

	/* The journal's records (flags and all) replay into the same polls,
	 * every answer included. */
	ws = model_new();
	for (i = 0; i < nrecords; i++) {
		if (wire_decode_record(records[i].data, records[i].len, &ev,
		    err, sizeof err) != 0)
			fail_msg("record %zu: %s", i, err);
		if (model_commit(ws, &ev, false, &merr) != 0)
			fail_msg("record %zu: %s", i, merr.msg);
		wire_event_free(&ev);
	}
	assert_int_equal(ws->decision_rule, DECIDE_CONSENSUS_FALLBACK);
	assert_int_equal(ws->fallback_rule, DECIDE_TWO_THIRDS);
	assert_int_equal(ws->fallback_rounds, 2);
	assert_int_equal(ws->charter_poll, charter);
	assert_str(model_item(ws, sec)->body, BODY_GOAL);
	assert_int_equal(ws->npolls, r.ws->npolls);
	for (i = 0; i < ws->npolls; i++) {
		const struct poll *a = &ws->polls[i], *e = &r.ws->polls[i];

		assert_int_equal(a->kind, e->kind);
		assert_int_equal(a->state, e->state);
		assert_int_equal(a->flags, e->flags);
		assert_int_equal(a->target, e->target);
		assert_int_equal(a->dots, e->dots);
		assert_int_equal(a->nvotes, e->nvotes);
		assert_int_equal(a->answered, e->answered);
		assert_int_equal(a->verdict, e->verdict);
		assert_str(a->verdict_text, e->verdict_text);
		for (k = 0; k < e->nvotes; k++) {
			assert_int_equal(a->votes[k].voter, e->votes[k].voter);
			assert_int_equal(a->votes[k].answer,
			    e->votes[k].answer);
			assert_str(a->votes[k].reason, e->votes[k].reason);
		}
	}
	assert_int_equal(vote_by(model_poll(ws, straw), r.bo)->answer,
	    ANSWER_NO);
	model_free(ws);
	vroom_free(&r);
}

/* --- privacy the server enforces, roles, the speaking queue ------------- */

#define REPORT_ANA	"Informe del grupo comunitario: pedimos patrullas " \
			"a pie — 夜间巡逻"
#define REASON_REPORT	"Falta la voz de los jóvenes"
#define VISION_BO	"Une région où l'on marche sans peur la nuit"
#define POINT_BO	"Point d'ordre : on me coupe la parole"
#define FAC_CODE	"cofac-5d41402abc4b2a76"

/* Encodes ev as viewer gets it (model_event_view) into b, decodes it into
 * *out; returns false, with nothing to free, when viewer gets nothing. */
static bool
event_for(const struct workshop *ws, const struct event *ev,
    uint32_t viewer, struct msg *out, struct wire_buf *b)
{
	struct msg	m = { .type = MSG_EVENT };

	wire_buf_reset(b);
	if (model_event_audience(ws, ev, viewer) == AUDIENCE_NONE)
		return false;
	model_event_view(ws, ev, viewer, &m.event);
	round_trip(&m, out, b);
	assert_false(contains(b, CODE));
	model_votes_free(m.event.votes, m.event.nvotes);
	return true;
}

/* Applies in, then sends its event to viewer's replica through the wire,
 * as the server does; the frame (or nothing) is left in b. */
static uint32_t
apply_sent(struct workshop *ws, uint32_t actor, struct intent in,
    struct workshop *replica, uint32_t viewer, struct wire_buf *b)
{
	struct event		ev;
	struct msg		out;
	struct model_error	merr;

	apply_event(ws, actor, in, &ev);
	if (!event_for(ws, &ev, viewer, &out, b))
		return ev.id;
	if (model_commit(replica, &out.event, true, &merr) != 0)
		fail_msg("replica of %u refused event %d: %s", viewer,
		    out.event.type, merr.msg);
	wire_msg_free(&out);
	return ev.id;
}

/*
 * A caucus drafts its report and approves it by a group check.  Until
 * the facilitator reveals it, a participant of another group and an
 * observer get no byte of it (snapshot or events): the report is a
 * placeholder, its check a POLL_HIDDEN placeholder.  The facilitator
 * sees both.  Revealed, it reaches Bo's replica with its approval.
 */
static void
test_caucus_report_private(void **state)
{
	struct room		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got, *replica;
	const struct item	*it;
	const struct poll	*p;
	uint32_t		 report, check, viewers[2];
	size_t			 i;

	(void)state;
	room_build(&r);
	wire_buf_init(&b);
	replica = snapshot_for(r.ws, r.bo, &out, &b);
	out.welcome.room = NULL;	/* kept */
	wire_msg_free(&out);

	report = apply_sent(r.ws, r.ana, (struct intent){
	    .type = INTENT_REPORT, .text = REPORT_ANA }, replica, r.bo, &b);
	assert_false(contains(&b, REPORT_ANA));
	assert_false(contains(&b, "patrullas"));
	check = apply_sent(r.ws, r.ana, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_CONSENSUS,
	    .flags = POLL_F_GROUP, .ref = report }, replica, r.bo, &b);
	assert_false(contains(&b, "patrullas"));
	apply_sent(r.ws, r.ana, (struct intent){ .type = INTENT_VOTE,
	    .ref = check, .value = ANSWER_RESERVATIONS,
	    .text = REASON_REPORT }, replica, r.bo, &b);
	assert_false(contains(&b, REASON_REPORT));

	/* The open check, by snapshot. */
	viewers[0] = r.bo;
	viewers[1] = r.obs;
	for (i = 0; i < 2; i++) {
		got = snapshot_for(r.ws, viewers[i], &out, &b);
		assert_false(contains(&b, "patrullas"));
		assert_false(contains(&b, REASON_REPORT));
		it = model_item(got, report);
		assert_int_equal(it->kind, ITEM_HIDDEN);
		assert_null(it->text);
		p = model_poll(got, check);
		assert_non_null(p);
		assert_int_equal(p->kind, POLL_HIDDEN);
		assert_int_equal(p->state, POLL_OPEN);
		assert_null(p->text);
		assert_int_equal(p->nvotes, 0);
		assert_int_equal(p->noptions, 0);
		assert_null(model_open_poll(got));
		wire_msg_free(&out);
	}
	got = snapshot_for(r.ws, MODEL_FACILITATOR, &out, &b);
	assert_true(contains(&b, REPORT_ANA));
	p = model_poll(got, check);
	assert_int_equal(p->kind, POLL_CONSENSUS);
	assert_int_equal(p->flags & POLL_F_GROUP, POLL_F_GROUP);
	assert_int_equal(p->group, r.community);
	assert_int_equal(p->target, report);
	assert_str(p->text, REPORT_ANA);
	assert_ptr_equal(model_group_poll(got, r.community), p);
	wire_msg_free(&out);

	/* Ana's group closes it: approved, still the group's alone. */
	apply_sent(r.ws, r.ana, (struct intent){ .type = INTENT_POLL_CLOSE,
	    .ref = check }, replica, r.bo, &b);
	assert_int_equal(b.len, 0);	/* Bo is not even told */
	assert_int_equal(model_item(r.ws, report)->status, STATUS_ADOPTED);
	got = snapshot_for(r.ws, r.ana, &out, &b);
	p = model_poll(got, check);
	assert_int_equal(p->state, POLL_REVEALED);
	assert_int_equal(p->members, 1);
	assert_str(vote_by(p, r.ana)->reason, REASON_REPORT);
	assert_int_equal(model_item(got, report)->status, STATUS_ADOPTED);
	wire_msg_free(&out);
	got = snapshot_for(r.ws, r.bo, &out, &b);
	assert_false(contains(&b, "patrullas"));
	assert_false(contains(&b, REASON_REPORT));
	assert_int_equal(model_item(got, report)->kind, ITEM_HIDDEN);
	assert_int_equal(model_poll(got, check)->kind, POLL_HIDDEN);
	wire_msg_free(&out);

	/* Revealed: to everyone, with its source; the check stays the
	 * group's. */
	apply_sent(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_REPORT_REVEAL, .ref = report }, replica, r.bo, &b);
	assert_true(contains(&b, REPORT_ANA));
	for (i = 0; i < 2; i++) {
		got = snapshot_for(r.ws, viewers[i], &out, &b);
		it = model_item(got, report);
		assert_int_equal(it->kind, ITEM_CAUCUS_REPORT);
		assert_str(it->text, REPORT_ANA);
		assert_int_equal(it->group, r.community);
		assert_int_equal(it->status, STATUS_ADOPTED);
		assert_true(it->flags & ITEM_F_REVEALED);
		/* "approved 1 of 1" */
		assert_int_equal(it->number, 1);
		assert_int_equal(it->ref, 1);
		assert_int_equal(model_poll(got, check)->kind, POLL_HIDDEN);
		assert_false(contains(&b, REASON_REPORT));
		wire_msg_free(&out);
	}
	it = model_item(replica, report);
	assert_int_equal(it->kind, ITEM_CAUCUS_REPORT);
	assert_str(it->text, REPORT_ANA);
	assert_int_equal(it->group, r.community);
	assert_true(it->flags & ITEM_F_REVEALED);
	assert_int_equal(it->status, STATUS_ADOPTED);
	assert_int_equal(it->number, 1);
	assert_int_equal(it->ref, 1);
	assert_int_equal(model_poll(replica, check)->kind, POLL_HIDDEN);
	model_free(replica);
	wire_buf_destroy(&b);
	room_free(&r);
}

/* Under the Chatham House Rule an item reaches everyone but its author
 * without author or group, by snapshot and by event; the facilitator
 * included; and so does one written before the rule was set. */
static void
test_chatham_nameless(void **state)
{
	struct room		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got;
	struct event		 ev;
	const struct item	*it;
	uint32_t		 vision, viewers[3];
	size_t			 i;

	(void)state;
	room_build(&r);
	wire_buf_init(&b);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_CHATHAM,
	    .value2 = -1 });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_OFF_RECORD,
	    .value2 = PHASE_ACTIONS });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_VISION });
	apply_event(r.ws, r.bo, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = VISION_BO }, &ev);
	vision = ev.id;
	it = model_item(r.ws, vision);
	assert_int_equal(it->conf, CONF_CHATHAM);
	assert_int_equal(it->author, r.bo);

	viewers[0] = r.ana;
	viewers[1] = r.obs;
	viewers[2] = MODEL_FACILITATOR;
	for (i = 0; i < 3; i++) {
		got = snapshot_for(r.ws, viewers[i], &out, &b);
		assert_int_equal(got->confidentiality, CONF_CHATHAM);
		assert_int_equal(got->phase_conf[PHASE_ACTIONS],
		    CONF_OFF_RECORD);
		assert_int_equal(model_conf(got, PHASE_ACTIONS),
		    CONF_OFF_RECORD);
		it = model_item(got, vision);
		assert_int_equal(it->kind, ITEM_VISION);
		assert_str(it->text, VISION_BO);
		assert_int_equal(it->conf, CONF_CHATHAM);
		assert_int_equal(it->author, 0);
		assert_int_equal(it->group, 0);
		/* The rule set later covers what came before: Bo's
		 * answer, written in the open, goes without his name
		 * too (before, every screen kept showing it). */
		assert_int_equal(model_item(got, r.answer)->author, 0);
		assert_int_equal(model_item(got, r.answer)->group, 0);
		wire_msg_free(&out);

		assert_true(event_for(r.ws, &ev, viewers[i], &out, &b));
		assert_int_equal(out.event.type, EVENT_ITEM);
		assert_str(out.event.text, VISION_BO);
		assert_int_equal(out.event.actor, 0);
		assert_int_equal(out.event.group, 0);
		wire_msg_free(&out);
	}
	/* Its author still knows it is theirs. */
	got = snapshot_for(r.ws, r.bo, &out, &b);
	assert_int_equal(model_item(got, vision)->author, r.bo);
	assert_int_equal(model_item(got, vision)->group, r.women);
	assert_int_equal(model_item(got, r.answer)->author, r.bo);
	wire_msg_free(&out);
	/* Dialogue kept open by the facilitator names as before. */
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_OPEN,
	    .value2 = PHASE_DIALOGUE });
	got = snapshot_for(r.ws, r.ana, &out, &b);
	assert_int_equal(model_item(got, r.answer)->author, r.bo);
	assert_int_equal(model_item(got, vision)->author, 0);
	wire_msg_free(&out);
	wire_buf_destroy(&b);
	room_free(&r);
}

/*
 * Bo writes a vision statement in the open; Ana's screen has it with his
 * name.  The Chatham House Rule is then set, and Bo rewords his own: the
 * edit reaches Ana nameless, and her replica must not call it a
 * facilitator's ("(edited by a facilitator)"), as the room's own record
 * does not (before, it did: an edit with no actor was not its author's).
 */
static void
test_chatham_later_own_edit(void **state)
{
	struct room		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*replica;
	struct event		 ev;
	uint32_t		 vision;

	(void)state;
	room_build(&r);
	wire_buf_init(&b);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_VISION });
	apply_event(r.ws, r.bo, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = VISION_BO }, &ev);
	vision = ev.id;
	replica = snapshot_for(r.ws, r.ana, &out, &b);
	out.welcome.room = NULL;	/* kept */
	wire_msg_free(&out);
	assert_int_equal(model_item(replica, vision)->author, r.bo);
	apply_sent(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_CHATHAM,
	    .value2 = -1 }, replica, r.ana, &b);
	apply_sent(r.ws, r.bo, (struct intent){ .type = INTENT_ITEM_EDIT,
	    .ref = vision, .text = "Un barrio donde todas caminan de noche" },
	    replica, r.ana, &b);
	assert_str(model_item(replica, vision)->text,
	    "Un barrio donde todas caminan de noche");
	assert_false(model_item(r.ws, vision)->flags & ITEM_F_EDITED);
	assert_false(model_item(replica, vision)->flags & ITEM_F_EDITED);
	/* A facilitator's edit is still one on the room's record. */
	apply_sent(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ITEM_EDIT, .ref = vision,
	    .text = "Un barrio donde todas caminan de día y de noche" },
	    replica, r.ana, &b);
	assert_true(model_item(r.ws, vision)->flags & ITEM_F_EDITED);
	model_free(replica);
	wire_buf_destroy(&b);
	room_free(&r);
}

/*
 * An action's record of changes made in the open ("owner added: Ana
 * Muñoz") reaches a screen joining after the Chatham House Rule was set
 * as the model would have written it under the rule: "a participant"
 * (before, the snapshot sent the name, and the card's history showed
 * it).
 */
static void
test_chatham_later_log(void **state)
{
	struct room		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got;
	const uint32_t		*ids;
	const struct item	*it;
	uint32_t		 act;
	size_t			 i, n, logs = 0;

	(void)state;
	room_build(&r);
	wire_buf_init(&b);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_ACTIONS });
	act = apply(r.ws, r.bo, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = "Luces en la calle 5" });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_OWNER, .ref = act,
	    .value = (int32_t)r.ana });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_CHATHAM,
	    .value2 = -1 });
	got = snapshot_for(r.ws, r.bo, &out, &b);
	assert_false(contains(&b, "owner added: Ana"));
	ids = model_items_of_ref(got, ITEM_PROGRESS, act, &n);
	for (i = 0; i < n; i++) {
		it = model_item(got, ids[i]);
		if (!(it->flags & ITEM_F_LOG))
			continue;
		logs++;
		assert_null(strstr(it->text, "Ana"));
	}
	assert_true(logs > 0);
	assert_non_null(strstr(model_item(got,
	    ids[n - 1])->text, "owner added: a participant"));
	wire_msg_free(&out);
	wire_buf_destroy(&b);
	room_free(&r);
}

/*
 * A named consensus check is answered in the open (Ana blocks, with her
 * reason) and closed; the Chatham House Rule is then set for the room.
 * From then on no screen is told who gave which answer: the reveal, and
 * any snapshot, carry every answer and reason without a voter or a
 * group (before, the reveal named everyone to everyone).  Lifting the
 * rule gives the names back, as it does for what was said.
 */
static void
test_chatham_later_poll(void **state)
{
	struct vroom		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got;
	struct event		 reveal;
	const struct poll	*p;
	uint32_t		 viewers[4];
	size_t			 i, k;

	(void)state;
	vroom_build(&r);
	wire_buf_init(&b);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_CLOSE, .ref = r.named });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_CHATHAM,
	    .value2 = -1 });
	assert_true(model_poll_nameless(r.ws, model_poll(r.ws, r.named)));
	/* Ana still knows her own answer. */
	got = snapshot_for(r.ws, r.ana, &out, &b);
	p = model_poll(got, r.named);
	assert_int_equal(p->nvotes, 1);
	assert_int_equal(p->votes[0].voter, r.ana);
	wire_msg_free(&out);
	apply_event(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_REVEAL, .ref = r.named }, &reveal);
	viewers[0] = MODEL_FACILITATOR;
	viewers[1] = r.obs;
	viewers[2] = r.bo;
	viewers[3] = r.ana;
	for (i = 0; i < 4; i++) {
		reveal_for(r.ws, &reveal, viewers[i], &out, &b);
		assert_true(contains(&b, REASON_ANA));
		assert_int_equal(out.event.nvotes, 3);
		for (k = 0; k < out.event.nvotes; k++) {
			assert_int_equal(out.event.votes[k].voter, 0);
			assert_int_equal(out.event.votes[k].group, 0);
		}
		wire_msg_free(&out);
		got = snapshot_for(r.ws, viewers[i], &out, &b);
		p = model_poll(got, r.named);
		assert_int_equal(p->nvotes, 3);
		for (k = 0; k < p->nvotes; k++)
			assert_int_equal(p->votes[k].voter, 0);
		wire_msg_free(&out);
	}
	/* Lifted, the names of what was answered in the open come back. */
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = CONF_OPEN,
	    .value2 = -1 });
	got = snapshot_for(r.ws, r.bo, &out, &b);
	p = model_poll(got, r.named);
	assert_non_null(vote_by(p, r.ana));
	assert_str(vote_by(p, r.ana)->reason, REASON_ANA);
	wire_msg_free(&out);
	wire_buf_destroy(&b);
	vroom_free(&r);
}

/*
 * Roles and the queue: the co-facilitators' code stays in the journal;
 * renames, moves, a removal, hands and turns, pinned themes, a new
 * question and an anonymous point of order reach snapshots as the model
 * has them and replay from the records whole.
 */
static void
test_room_business(void **state)
{
	struct room		 r;
	struct msg		 out;
	struct wire_buf		 b;
	struct workshop		*got, *ws;
	struct event		 ev;
	struct model_error	 merr;
	char			 err[200];
	uint32_t		 chidi, point, q, viewers[4];
	size_t			 i, k, first;

	(void)state;
	room_build(&r);
	wire_buf_init(&b);
	first = nrecords;
	apply_event(r.ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_FAC_CODE, .secret = FAC_CODE }, &ev);
	assert_str(r.ws->fac_code, FAC_CODE);
	assert_true(contains(&records[first], FAC_CODE));
	viewers[0] = MODEL_FACILITATOR;
	viewers[1] = r.ana;
	viewers[2] = r.bo;
	viewers[3] = r.obs;
	for (i = 0; i < 4; i++) {
		if (event_for(r.ws, &ev, viewers[i], &out, &b)) {
			assert_null(out.event.secret);
			wire_msg_free(&out);
		}
		assert_false(contains(&b, FAC_CODE));
	}
	chidi = apply(r.ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_JOIN, .text = "Chidi Okeke", .ref = r.community,
	    .value = ROLE_PARTICIPANT, .secret = "chidi-0d1e2f" });

	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_DIALOGUE });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PIN, .ref = r.answer, .value = 1 });
	q = apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_QUESTION_NEW, .value = ITEM_QUESTION,
	    .text = "¿Qué haría falta para volver a confiar?" });
	apply(r.ws, r.ana, (struct intent){ .type = INTENT_HAND,
	    .value = 1 });
	apply(r.ws, r.bo, (struct intent){ .type = INTENT_HAND, .value = 1 });
	apply(r.ws, chidi, (struct intent){ .type = INTENT_HAND,
	    .value = 1 });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SPEAKER });		/* Ana, first up */
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SPEAKER, .ref = chidi });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SPEAKER, .ref = r.bo });
	apply(r.ws, r.bo, (struct intent){ .type = INTENT_HAND, .value = 1 });
	point = apply(r.ws, r.bo, (struct intent){ .type = INTENT_GRIEVANCE,
	    .text = POINT_BO, .flags = ITEM_F_ANONYMOUS });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ANSWERED, .ref = point });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_RENAME, .ref = r.ana, .text = "Ana M. Muñoz" });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_MOVE, .ref = r.ana, .value = (int32_t)r.women });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_REMOVE, .ref = chidi, .text = "Insultos" });
	assert_int_equal(r.ws->speaker, r.bo);
	assert_true(model_person(r.ws, r.bo)->hand == 4);
	assert_int_equal(r.ws->spoken[PHASE_DIALOGUE][r.women], 1);
	assert_int_equal(r.ws->spoken[PHASE_DIALOGUE][r.community], 2);

	for (i = 0; i < 4; i++) {
		got = snapshot_for(r.ws, viewers[i], &out, &b);
		assert_false(contains(&b, FAC_CODE));
		assert_false(contains(&b, "chidi-0d1e2f"));
		assert_true(model_item(got, r.answer)->flags & ITEM_F_PINNED);
		assert_int_equal(got->question, q);
		assert_true(got->hands == 4);
		assert_int_equal(got->speaker, r.bo);
		assert_true(model_person(got, r.bo)->hand == 4);
		assert_true(model_person(got, r.ana)->hand == 0);
		assert_true(model_person(got, chidi)->removed);
		assert_str(model_person(got, r.ana)->name, "Ana M. Muñoz");
		assert_int_equal(model_person(got, r.ana)->group, r.women);
		assert_int_equal(got->spoken[PHASE_DIALOGUE][r.women], 1);
		assert_int_equal(got->spoken[PHASE_DIALOGUE][r.community], 2);
		/* The point of order: the facilitator and its author only,
		 * and nobody learns who wrote an anonymous one. */
		if (viewers[i] == MODEL_FACILITATOR || viewers[i] == r.bo) {
			assert_true(contains(&b, POINT_BO));
			assert_int_equal(model_item(got, point)->kind,
			    ITEM_GRIEVANCE);
			assert_int_equal(model_item(got, point)->status,
			    STATUS_ANSWERED);
			assert_true(model_item(got, point)->flags &
			    ITEM_F_ANONYMOUS);
			assert_int_equal(model_item(got, point)->author,
			    viewers[i] == r.bo ? r.bo : 0);
		} else {
			assert_false(contains(&b, POINT_BO));
			assert_int_equal(model_item(got, point)->kind,
			    ITEM_HIDDEN);
		}
		wire_msg_free(&out);
	}

	/* The journal replays into the same room, code and all. */
	ws = model_new();
	for (i = 0; i < nrecords; i++) {
		if (wire_decode_record(records[i].data, records[i].len, &ev,
		    err, sizeof err) != 0)
			fail_msg("record %zu: %s", i, err);
		if (model_commit(ws, &ev, false, &merr) != 0)
			fail_msg("record %zu: %s", i, merr.msg);
		wire_event_free(&ev);
	}
	assert_str(ws->fac_code, FAC_CODE);
	assert_int_equal(ws->speaker, r.ws->speaker);
	assert_true(ws->hands == r.ws->hands);
	assert_int_equal(ws->question, q);
	for (i = 0; i < PHASE_COUNT; i++)
		for (k = 0; k <= MODEL_GROUPS_MAX; k++)
			assert_int_equal(ws->spoken[i][k], r.ws->spoken[i][k]);
	assert_int_equal(ws->npeople, r.ws->npeople);
	for (i = 0; i < ws->npeople; i++) {
		assert_str(ws->people[i].name, r.ws->people[i].name);
		assert_int_equal(ws->people[i].group, r.ws->people[i].group);
		assert_true(ws->people[i].hand == r.ws->people[i].hand);
		assert_int_equal(ws->people[i].removed,
		    r.ws->people[i].removed);
	}
	assert_int_equal(ws->nitems, r.ws->nitems);
	for (i = 0; i < ws->nitems; i++) {
		assert_int_equal(ws->items[i].flags, r.ws->items[i].flags);
		assert_int_equal(ws->items[i].conf, r.ws->items[i].conf);
		assert_int_equal(ws->items[i].status, r.ws->items[i].status);
		assert_int_equal(ws->items[i].author, r.ws->items[i].author);
	}
	model_free(ws);
	wire_buf_destroy(&b);
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
	/* [0, 1]: a record is a map. */
	const uint8_t	array[] = { 0x92, 0x00, 0x01 };
	/* An event in a frame is an array of 2 to 13 fields: [8], 14
	 * fields, and the map protocol 1 sent, {0: 8, 21: {1: 1}}. */
	const uint8_t	event_short[] = { 0x91, 0x08 };
	const uint8_t	event_long[] = { 0x9e, 0x08, 0x01, 0xc0, 0xc0, 0xc0,
	    0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0 };
	const uint8_t	event_map[] = { 0x82, 0x00, 0x08, 0x15, 0x81, 0x01,
	    0x01 };
	/* [8, 1, 0, 0, 0, 0, 0, 5]: a text that is a number. */
	const uint8_t	event_text_int[] = { 0x98, 0x08, 0x01, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x05 };
	/* "x": a message is a map or an event. */
	const uint8_t	string[] = { 0xa1, 'x' };
	/* {0: 1, 3: "a", 3: "b"}: a key twice. */
	const uint8_t	dup[] = { 0x83, 0x00, 0x01, 0x03, 0xa1, 'a', 0x03,
	    0xa1, 'b' };
	/* {0: 2, 9: ["a", 1]}: a lobby group that is not a string. */
	const uint8_t	lobby_int[] = { 0x82, 0x00, 0x02, 0x09, 0x92, 0xa1,
	    'a', 0x01 };
	/* [8, 1, nil x 5, "x\0"], {10: "x\0"}: NUL inside an event's text,
	 * in a frame and in a record. */
	const uint8_t	event_nul[] = { 0x98, 0x08, 0x01, 0xc0, 0xc0, 0xc0,
	    0xc0, 0xc0, 0xa2, 'x', 0x00 };
	const uint8_t	record_nul[] = { 0x81, 0x0a, 0xa2, 'x', 0x00 };
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
	assert_refused(event_short, sizeof event_short);
	assert_refused(event_long, sizeof event_long);
	assert_refused(event_map, sizeof event_map);
	assert_refused(event_text_int, sizeof event_text_int);
	assert_refused(string, sizeof string);
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
	assert_int_equal(wire_decode_record(record_nul, sizeof record_nul,
	    &ev, err, sizeof err), -1);
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
	/* {0: 9, 21: {12: "s"}}: a key of protocol 1's event with a
	 * secret in it, in another message, is not read. */
	const uint8_t	secret[] = { 0x82, 0x00, 0x09, 0x15, 0x81, 0x0c, 0xa1,
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
	assert_int_equal(m.type, MSG_PRESENCE);
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
		assert_int_equal(out.welcome.room->nitems, x->ws.nitems);
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

	/* The statuses of deciding together arrive; one past them does not. */
	mini_init(&x);
	x.items[0].status = STATUS_NOT_APPLICABLE;
	x.items[1].status = STATUS_MERGED;
	assert_int_equal(mini_decode(&x, err, sizeof err), 0);
	x.items[0].status = STATUS_MAX + 1;
	assert_int_equal(mini_decode(&x, err, sizeof err), -1);
	assert_non_null(strstr(err, "status"));
	mini_init(&x);
	x.items[0].kind = ITEM_AMENDMENT;
	assert_int_equal(mini_decode(&x, err, sizeof err), 0);

	mini_init(&x);
	x.items[1].phase = PHASE_COUNT;
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

/* A hand-made room with polls, valid until a test breaks one thing. */
struct pmini {
	struct mini	 m;
	struct poll	 polls[2];
	struct vote	 votes[2];
	uint32_t	 options[2];
};

static void
pmini_init(struct pmini *x)
{
	mini_init(&x->m);
	memset(x->polls, 0, sizeof x->polls);
	x->m.items[0].body = "Escuchar\nsin interrumpir";
	x->votes[0] = (struct vote){ .voter = 2, .group = 2,
	    .answer = ANSWER_AGREE, .weight = 1, .reason = "Sí, ñ" };
	x->votes[1] = (struct vote){ .voter = 2, .group = 2, .answer = 2,
	    .weight = 2 };
	x->options[0] = 1;
	x->options[1] = 2;
	x->polls[0] = (struct poll){ .id = 1, .kind = POLL_CONSENSUS,
	    .state = POLL_REVEALED, .target = 1, .round = 1,
	    .phase = PHASE_GROUND_RULES, .text = "Escuchar",
	    .votes = &x->votes[0], .nvotes = 1, .answered = 1,
	    .verdict = VERDICT_ADOPTED, .verdict_text = "consensus — adopted",
	    .opened = T0, .closed = T0 + 60 };
	x->polls[1] = (struct poll){ .id = 2, .kind = POLL_DOTS,
	    .state = POLL_OPEN, .dots = 3, .phase = PHASE_CHARTER,
	    .options = x->options, .noptions = 2, .votes = &x->votes[1],
	    .nvotes = 1, .answered = 1, .opened = T0 + 120 };
	x->m.ws.polls = x->polls;
	x->m.ws.npolls = 2;
	x->m.ws.charter_poll = 1;
	x->m.ws.decision_rule = DECIDE_CONSENSUS_FALLBACK;
	x->m.ws.fallback_rule = DECIDE_MAJORITY;
	x->m.ws.fallback_rounds = 3;
}

/* pmini_decode: the reason must name what. */
static void
assert_pmini_refused(struct pmini *x, const char *what)
{
	char	err[200];

	assert_int_equal(mini_decode(&x->m, err, sizeof err), -1);
	if (what != NULL && strstr(err, what) == NULL)
		fail_msg("reason \"%s\" does not say \"%s\"", err, what);
	pmini_init(x);
}

static void
test_decode_bad_polls(void **state)
{
	struct pmini	x;
	char		err[200];
	struct msg	m = { .type = MSG_WELCOME }, out;
	struct wire_buf	b;

	(void)state;
	pmini_init(&x);
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	/* Every field came back as the facilitator may see it. */
	m.welcome.self = MODEL_FACILITATOR;
	m.welcome.snapshot_src = &x.m.ws;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_room_view(&x.m.ws, MODEL_FACILITATOR, out.welcome.room);
	wire_msg_free(&out);

	/* Polls: dense ids, enums in range. */
	x.polls[1].id = 3;
	assert_pmini_refused(&x, "poll 2 has id");
	x.polls[0].kind = POLL_HIDDEN;	/* a placeholder with content */
	assert_pmini_refused(&x, "hidden poll 1");
	x.polls[0].kind = -1;
	assert_pmini_refused(&x, "poll kind");
	x.polls[0].kind = POLL_SCORE + 1;
	assert_pmini_refused(&x, "poll kind");
	x.polls[0].state = 0;
	assert_pmini_refused(&x, "state");
	x.polls[0].state = POLL_REVEALED + 1;
	assert_pmini_refused(&x, "poll state");
	x.polls[0].verdict = VERDICT_NOT_ADOPTED + 1;
	assert_pmini_refused(&x, "verdict");
	x.polls[0].verdict = -1;
	assert_pmini_refused(&x, "verdict");
	x.polls[1].dots = MODEL_DOTS_MAX + 1;
	assert_pmini_refused(&x, "dots");
	x.polls[0].round = -1;
	assert_pmini_refused(&x, "round");
	x.polls[0].phase = PHASE_COUNT;
	assert_pmini_refused(&x, "phase");
	x.polls[0].answered = 3;	/* two people */
	assert_pmini_refused(&x, "answers");
	/* One poll open at a time. */
	x.polls[0].state = POLL_OPEN;
	assert_pmini_refused(&x, "open");

	/* References. */
	x.polls[0].target = 3;
	assert_pmini_refused(&x, "unknown item 3");
	x.polls[1].options[1] = 3;
	assert_pmini_refused(&x, "unknown item 3");
	x.polls[1].options[0] = 0;
	assert_pmini_refused(&x, "unknown item 0");
	x.m.ws.charter_poll = 3;
	assert_pmini_refused(&x, "charter poll");
	x.polls[0].target = 0;		/* a straw poll decides nothing */
	x.m.ws.charter_poll = 0;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	pmini_init(&x);

	/* Votes. */
	x.votes[0].answer = ANSWER_YES;	/* a straw answer to a check */
	assert_pmini_refused(&x, "no answer to it");
	x.votes[0].answer = 0;
	assert_pmini_refused(&x, "no answer");
	x.polls[0].kind = POLL_STRAW;
	assert_pmini_refused(&x, "no answer to it");
	x.votes[0].weight = 2;
	assert_pmini_refused(&x, "no answer to it");
	x.votes[1].answer = 3;		/* dots on no option */
	assert_pmini_refused(&x, "no option");
	x.votes[1].weight = 0;
	assert_pmini_refused(&x, "weighs");
	x.votes[1].weight = MODEL_DOTS_MAX + 1;
	assert_pmini_refused(&x, "weighs");
	x.votes[0].voter = 3;
	assert_pmini_refused(&x, "unknown");
	x.votes[0].group = 3;
	assert_pmini_refused(&x, "unknown");
	x.votes[0].reason = "Caf\xe9";
	assert_pmini_refused(&x, "UTF-8");
	x.polls[0].text = "\xc0\xaf";
	assert_pmini_refused(&x, "UTF-8");
	x.polls[0].verdict_text = "\xed\xa0\x80";
	assert_pmini_refused(&x, "UTF-8");
	x.votes[1].answer = 1;		/* the other option is fine */
	x.votes[0].voter = x.votes[0].group = 0;	/* so is anonymity */
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	pmini_init(&x);

	/* The decision rule and the sections' bodies. */
	x.m.ws.decision_rule = DECIDE_TWO_THIRDS + 1;
	assert_pmini_refused(&x, "decision rule");
	x.m.ws.fallback_rule = DECIDE_CONSENSUS;
	assert_pmini_refused(&x, "fallback rule");
	x.m.ws.fallback_rounds = -1;
	assert_pmini_refused(&x, "fallback rounds");
	x.m.items[0].body = "\xff";
	assert_pmini_refused(&x, "body");

	/* What cannot be encoded is not. */
	x.polls[0].votes = NULL;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), -1);
	assert_int_equal(b.len, 0);
	pmini_init(&x);
	x.polls[1].options = NULL;
	assert_int_equal(wire_encode(&m, &b), -1);
	assert_int_equal(b.len, 0);
	wire_buf_destroy(&b);
}

/* The fields of issue 4 in a hand-made room: every one arrives as sent,
 * and each out of range or pointing at nobody is refused, naming it. */
static void
test_decode_room_business(void **state)
{
	struct pmini	x;
	char		err[200];
	struct msg	m = { .type = MSG_WELCOME }, out;
	struct wire_buf	b;
	struct workshop	*got;
	/* {0: 3, 12: {15: [2]}}: phases left out follow the room. */
	const uint8_t	conf_short[] = { 0x82, 0x00, 0x03, 0x0c, 0x81, 0x0f,
	    0x91, 0x02 };
	/* {0: 3, 12: {15: [0 x 10]}}: one phase too many. */
	uint8_t		conf_long[7 + PHASE_COUNT + 1] = { 0x82, 0x00, 0x03,
	    0x0c, 0x81, 0x0f, 0x90 | (PHASE_COUNT + 1) };
	/* {0: 3, 12: {18: [[0 x 34]]}}: one group too many. */
	uint8_t		spoken_long[10 + MODEL_GROUPS_MAX + 2] = { 0x82,
	    0x00, 0x03, 0x0c, 0x81, 0x12, 0x91, 0xdc, 0x00,
	    MODEL_GROUPS_MAX + 2 };
	/* {0: 3, 12: {18: [5]}}: turns that are not an array. */
	const uint8_t	spoken_int[] = { 0x82, 0x00, 0x03, 0x0c, 0x81, 0x12,
	    0x91, 0x05 };
	/* {0: 3, 12: {14: "open"}} */
	const uint8_t	conf_str[] = { 0x82, 0x00, 0x03, 0x0c, 0x81, 0x0e,
	    0xa4, 'o', 'p', 'e', 'n' };

	(void)state;
	pmini_init(&x);
	x.m.ws.confidentiality = CONF_CHATHAM;
	x.m.ws.phase_conf[PHASE_CAUCUS] = CONF_OFF_RECORD;
	x.m.ws.phase_conf[PHASE_FOLLOWUP] = CONF_OPEN;
	x.m.ws.speaker = 2;
	x.m.ws.hands = 7;
	x.m.ws.spoken[PHASE_DIALOGUE][2] = 3;
	x.m.ws.spoken[PHASE_FOLLOWUP][0] = UINT32_MAX;
	x.m.people[1].hand = 7;
	x.m.people[1].removed = true;
	x.m.items[0].flags = ITEM_F_PINNED | ITEM_F_REVEALED;
	/* Open, in a phase kept open: the author may be sent. */
	x.m.items[1].conf = CONF_OPEN;
	x.m.ws.phase_conf[PHASE_CHARTER] = CONF_OPEN;
	x.m.ws.fac_code = FAC_CODE;
	x.polls[0].flags = POLL_F_GROUP;
	x.polls[0].group = 2;
	x.polls[0].members = 1;
	m.welcome.self = MODEL_FACILITATOR;
	m.welcome.snapshot_src = &x.m.ws;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_false(contains(&b, FAC_CODE));
	got = out.welcome.room;
	assert_room_view(&x.m.ws, MODEL_FACILITATOR, got);
	assert_int_equal(got->confidentiality, CONF_CHATHAM);
	assert_int_equal(got->phase_conf[PHASE_CAUCUS], CONF_OFF_RECORD);
	assert_int_equal(got->phase_conf[PHASE_FOLLOWUP], CONF_OPEN);
	assert_int_equal(got->phase_conf[PHASE_WELCOME], CONF_DEFAULT);
	assert_int_equal(got->speaker, 2);
	assert_true(got->hands == 7);
	assert_int_equal(got->spoken[PHASE_DIALOGUE][2], 3);
	assert_int_equal(got->spoken[PHASE_FOLLOWUP][0], UINT32_MAX);
	assert_true(got->people[1].hand == 7);
	assert_true(got->people[1].removed);
	assert_false(got->people[0].removed);
	assert_int_equal(got->items[0].flags, ITEM_F_PINNED | ITEM_F_REVEALED);
	assert_int_equal(got->items[1].conf, CONF_OPEN);
	assert_int_equal(got->items[1].author, 2);
	assert_int_equal(got->polls[0].group, 2);
	assert_int_equal(got->polls[0].members, 1);
	assert_int_equal(got->polls[0].flags, POLL_F_GROUP);
	wire_msg_free(&out);
	pmini_init(&x);

	/* Confidentiality rules: CONF_* only. */
	x.m.ws.confidentiality = CONF_OFF_RECORD + 1;
	assert_pmini_refused(&x, "room confidentiality");
	x.m.ws.confidentiality = -1;
	assert_pmini_refused(&x, "room confidentiality");
	x.m.ws.phase_conf[PHASE_FOLLOWUP] = CONF_OFF_RECORD + 1;
	assert_pmini_refused(&x, "confidentiality of a phase");
	x.m.ws.phase_conf[0] = -1;
	assert_pmini_refused(&x, "confidentiality of a phase");
	x.m.items[1].conf = CONF_OFF_RECORD + 1;
	assert_pmini_refused(&x, "item confidentiality");
	x.m.items[1].status = STATUS_ANSWERED;
	x.m.items[0].kind = ITEM_GRIEVANCE;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	pmini_init(&x);

	/* The floor, hands and turns refer to someone. */
	x.m.ws.speaker = 3;
	assert_pmini_refused(&x, "speaker 3");
	x.m.people[1].hand = 1;		/* ws.hands is 0 */
	assert_pmini_refused(&x, "hand");
	x.m.ws.spoken[PHASE_CAUCUS][3] = 1;	/* two groups */
	assert_pmini_refused(&x, "unknown group 3");
	x.m.ws.spoken[PHASE_CAUCUS][2] = 1;
	x.m.ws.spoken[PHASE_CAUCUS][0] = 1;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	pmini_init(&x);

	/* A group's check. */
	x.polls[0].group = 3;
	assert_pmini_refused(&x, "unknown group 3");
	x.polls[0].flags = POLL_F_GROUP;
	assert_pmini_refused(&x, "no group");
	x.polls[0].members = 3;		/* two people */
	assert_pmini_refused(&x, "members");
	/* Another caucus's: a placeholder, nothing in it. */
	x.polls[0] = (struct poll){ .id = 1, .kind = POLL_HIDDEN,
	    .state = POLL_CLOSED, .flags = POLL_F_GROUP, .group = 1 };
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	x.polls[0].text = "Informe";
	assert_pmini_refused(&x, "hidden poll 1 has content");
	x.polls[1].kind = POLL_HIDDEN;	/* with options and a vote */
	x.polls[1].votes = NULL;
	x.polls[1].nvotes = 0;
	assert_pmini_refused(&x, "hidden poll 2 has content");
	x.polls[1].kind = POLL_HIDDEN;
	x.polls[1].options = NULL;
	x.polls[1].noptions = 0;
	assert_pmini_refused(&x, "hidden poll 2 has content");

	/* One plenary poll open, and one check per caucus besides. */
	x.polls[0] = (struct poll){ .id = 1, .kind = POLL_CONSENSUS,
	    .state = POLL_OPEN, .flags = POLL_F_GROUP, .group = 2,
	    .target = 2 };
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	x.polls[1] = x.polls[0];
	x.polls[1].id = 2;
	assert_pmini_refused(&x, "two checks of group 2");
	x.polls[0] = (struct poll){ .id = 1, .kind = POLL_HIDDEN,
	    .state = POLL_OPEN, .flags = POLL_F_GROUP, .group = 1 };
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	x.polls[0] = (struct poll){ .id = 1, .kind = POLL_HIDDEN,
	    .state = POLL_OPEN };
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	x.polls[0] = (struct poll){ .id = 1, .kind = POLL_STRAW,
	    .state = POLL_OPEN };
	assert_pmini_refused(&x, "one at a time");

	/* Arrays of the wrong shape. */
	assert_int_equal(wire_decode(conf_short, sizeof conf_short, &out,
	    err, sizeof err), 0);
	assert_int_equal(out.welcome.room->phase_conf[0], CONF_CHATHAM);
	assert_int_equal(out.welcome.room->phase_conf[1], CONF_DEFAULT);
	wire_msg_free(&out);
	assert_refused(conf_long, sizeof conf_long);
	assert_refused(spoken_long, sizeof spoken_long);
	assert_refused(spoken_int, sizeof spoken_int);
	assert_refused(conf_str, sizeof conf_str);
	assert_int_equal(wire_decode(spoken_long, sizeof spoken_long, &out,
	    err, sizeof err), -1);
	assert_non_null(strstr(err, "too many turns"));
	wire_buf_destroy(&b);
}

/* Counts past the model's limits are refused before anything is made of
 * the elements; up to them, a room decodes. */
static void
test_decode_too_many_polls(void **state)
{
	const size_t	 votes_max = (size_t)MODEL_PEOPLE_MAX * MODEL_DOTS_MAX;
	struct workshop	 ws;
	struct poll	*polls;
	struct vote	*votes;
	uint32_t	*options;
	struct msg	 m = { .type = MSG_WELCOME }, ev = { .type = MSG_EVENT };
	struct msg	 out;
	struct wire_buf	 b;
	char		 err[200];
	size_t		 i;

	(void)state;
	memset(&ws, 0, sizeof ws);
	polls = xcalloc(MODEL_POLLS_MAX + 1, sizeof *polls);
	for (i = 0; i <= MODEL_POLLS_MAX; i++)
		polls[i] = (struct poll){ .id = (uint32_t)i + 1,
		    .kind = POLL_STRAW, .state = POLL_REVEALED };
	ws.polls = polls;
	ws.npolls = MODEL_POLLS_MAX;
	m.welcome.snapshot_src = &ws;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.welcome.room->npolls, MODEL_POLLS_MAX);
	wire_msg_free(&out);
	ws.npolls = MODEL_POLLS_MAX + 1;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + 4, b.len - 4, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "too many polls"));

	/* Votes in one poll: one per dot of every person, at most. */
	votes = xcalloc(votes_max + 1, sizeof *votes);
	for (i = 0; i <= votes_max; i++)
		votes[i] = (struct vote){ .answer = ANSWER_YES, .weight = 1 };
	ws.npolls = 1;
	polls[0].votes = votes;
	polls[0].nvotes = votes_max;
	round_trip(&m, &out, &b);
	assert_int_equal(out.welcome.room->polls[0].nvotes, votes_max);
	wire_msg_free(&out);
	polls[0].nvotes = votes_max + 1;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + 4, b.len - 4, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "too many votes"));
	/* The same in a reveal. */
	ev.event.type = EVENT_POLL_REVEAL;
	ev.event.votes = votes;
	ev.event.nvotes = votes_max;
	round_trip(&ev, &out, &b);
	assert_int_equal(out.event.nvotes, votes_max);
	wire_msg_free(&out);
	ev.event.nvotes = votes_max + 1;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&ev, &b), 0);
	assert_int_equal(wire_decode(b.data + 4, b.len - 4, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "too many votes"));
	free(votes);

	/* Options of a dot vote: one per item of the room, at most. */
	options = xcalloc((size_t)MODEL_ITEMS_MAX + 1, sizeof *options);
	for (i = 0; i <= MODEL_ITEMS_MAX; i++)
		options[i] = (uint32_t)i + 1;
	polls[0] = (struct poll){ .id = 1, .kind = POLL_DOTS,
	    .state = POLL_REVEALED, .dots = 3, .options = options,
	    .noptions = (size_t)MODEL_ITEMS_MAX + 1 };
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + 4, b.len - 4, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "too many poll options"));
	free(options);
	free(polls);
	wire_buf_destroy(&b);
}

/* --- actions and meetings ---------------------------------------------- */

#define ACTION_WHAT	"Formar a 20 agentes — Región Norte"
#define MILESTONE_1	"Elegir a la formadora"
#define MILESTONE_2	"Taller de dos días ✓"

/*
 * A room that planned and met again, built with the reducer: an action
 * with a person and a group as owners, two milestones (one ticked in the
 * second meeting), cost, currency, term and quick win; another action
 * with nothing set; two meetings, each with who came.  Every viewer's
 * snapshot brings it all back, and the records replay into the same.
 */
static void
test_actions_meetings_round_trip(void **state)
{
	struct room		 r;
	struct msg		 m = { .type = MSG_WELCOME }, out;
	struct wire_buf		 b, again;
	struct workshop		*ws, *got;
	struct event		 ev;
	struct model_error	 merr;
	const struct action	*a;
	uint32_t		 plan, bare, viewers[3];
	char			 err[200];
	size_t			 i;

	(void)state;
	room_build(&r);
	/* Joining in meeting 1 was coming to it. */
	assert_true(model_attended(r.ws, 1, r.ana));
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_ACTIONS });
	plan = apply(r.ws, r.ana, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = ACTION_WHAT, .req = 4 });
	bare = apply(r.ws, r.bo, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = "Mesa mensual con la policía", .req = 8 });
	assert_int_equal(model_item(r.ws, plan)->kind, ITEM_ACTION);
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_SET, .ref = plan, .value = ACTION_COST,
	    .text = "1500.50", .text2 = "USD" });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_SET, .ref = plan, .value = ACTION_DUE,
	    .value2 = 20270301 });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_SET, .ref = plan, .value = ACTION_TERM,
	    .value2 = TERM_SHORT });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_SET, .ref = plan,
	    .value = ACTION_QUICK_WIN, .value2 = 1 });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_SET, .ref = plan, .value = ACTION_HOW,
	    .text = "Talleres de fin de semana" });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_SET, .ref = plan,
	    .value = ACTION_RESOURCES, .text = "Sala y formadora" });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_SET, .ref = plan,
	    .value = ACTION_PROVIDER, .text = "Municipio" });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_OWNER, .ref = plan, .value = (int32_t)r.ana });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_OWNER, .ref = plan,
	    .value2 = (int32_t)r.women });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_MILESTONE, .ref = plan, .value = 20270201,
	    .text = MILESTONE_1 });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_MILESTONE, .ref = plan, .value = 20270301,
	    .text = MILESTONE_2 });
	apply(r.ws, r.ana, (struct intent){ .type = INTENT_ACTION_COMMIT,
	    .ref = plan, .value = 1, .req = 5 });

	/* The second meeting: Bo comes, a milestone is done. */
	apply(r.ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_MEETING,
	    .value = 20270312 });
	apply(r.ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_ATTEND,
	    .ref = r.bo, .value = 1 });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_PHASE, .value = PHASE_FOLLOWUP });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_MILESTONE_TICK, .ref = plan, .value = 0,
	    .value2 = 1 });
	apply(r.ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_NEXT_REVIEW, .value = 20270601 });

	a = model_item(r.ws, plan)->action;
	assert_non_null(a);
	assert_int_equal(r.ws->nmeetings, 2);
	assert_int_equal(r.ws->meeting, 2);
	assert_int_equal(a->nowners, 2);
	assert_int_equal(a->nmilestones, 2);
	assert_int_equal(a->milestones[0].meeting, 2);
	assert_true(model_item(r.ws, bare)->action->cost == -1);

	viewers[0] = MODEL_FACILITATOR;
	viewers[1] = r.ana;
	viewers[2] = r.obs;
	wire_buf_init(&b);
	wire_buf_init(&again);
	for (i = 0; i < 3; i++) {
		m.welcome.self = viewers[i];
		m.welcome.snapshot_src = r.ws;
		round_trip(&m, &out, &b);
		got = out.welcome.room;
		assert_room_view(r.ws, viewers[i], got);
		/* Spelled out, so a change in the helpers cannot hide it. */
		a = model_item(got, plan)->action;
		assert_true(a->cost == 150050);
		assert_string_equal(a->currency, "USD");
		assert_int_equal(a->due, 20270301);
		assert_int_equal(a->term, TERM_SHORT);
		assert_true(a->quick_win);
		assert_int_equal(a->owners[0].person, r.ana);
		assert_true(a->owners[0].committed);
		assert_int_equal(a->owners[1].group, r.women);
		assert_false(a->owners[1].committed);
		assert_str(a->milestones[0].text, MILESTONE_1);
		assert_true(a->milestones[0].done);
		assert_int_equal(a->milestones[0].meeting, 2);
		assert_str(a->milestones[1].text, MILESTONE_2);
		assert_false(a->milestones[1].done);
		a = model_item(got, bare)->action;
		assert_true(a->cost == -1);
		assert_int_equal(a->status, ACTION_PROPOSED);
		assert_string_equal(a->currency, "");
		assert_int_equal(got->nmeetings, 2);
		assert_int_equal(got->meeting, 2);
		assert_int_equal(got->next_review, 20270601);
		assert_true(model_attended(got, 1, MODEL_FACILITATOR));
		assert_true(model_attended(got, 1, r.ana));
		/* Bo joined during meeting 1: joining is coming. */
		assert_true(model_attended(got, 1, r.bo));
		assert_true(model_attended(got, 2, r.bo));
		assert_false(model_attended(got, 2, r.ana));
		assert_int_equal(model_item(got, bare)->meeting, 1);
		assert_int_equal(got->items[got->nitems - 1].meeting, 2);
		/* A decoded room encodes to the same bytes again. */
		m.welcome.snapshot_src = got;
		wire_buf_reset(&again);
		assert_int_equal(wire_encode(&m, &again), 0);
		assert_int_equal(again.len, b.len);
		assert_memory_equal(again.data, b.data, b.len);
		wire_msg_free(&out);
	}
	wire_buf_destroy(&again);

	/* The records rebuild the same room, meetings and all. */
	ws = model_new();
	for (i = 0; i < nrecords; i++) {
		if (wire_decode_record(records[i].data, records[i].len, &ev,
		    err, sizeof err) != 0)
			fail_msg("record %zu: %s", i, err);
		if (model_commit(ws, &ev, false, &merr) != 0)
			fail_msg("record %zu: %s", i, merr.msg);
		wire_event_free(&ev);
	}
	assert_meetings(r.ws, ws);
	assert_int_equal(ws->nitems, r.ws->nitems);
	for (i = 0; i < ws->nitems; i++) {
		assert_int_equal(ws->items[i].meeting, r.ws->items[i].meeting);
		if (ws->items[i].kind == ITEM_ACTION)
			assert_action(ws->items[i].action,
			    r.ws->items[i].action);
		else
			assert_null(ws->items[i].action);
	}
	model_free(ws);
	wire_buf_destroy(&b);
	room_free(&r);
}

/* A hand-made room with two meetings and two actions, valid until a
 * test breaks one thing in it. */
struct amini {
	struct mini	 m;
	struct item	 items[4];
	struct action	 actions[2];
	struct owner	 owners[MODEL_OWNERS_MAX + 1];
	struct milestone milestones[2];
	struct meeting	 meetings[2];
	uint32_t	 came[2][2];
};

static void
amini_init(struct amini *x)
{
	size_t	i;

	mini_init(&x->m);
	x->items[0] = x->m.items[0];
	x->items[1] = x->m.items[1];
	x->items[0].meeting = 1;
	x->items[1].meeting = 2;
	for (i = 0; i <= MODEL_OWNERS_MAX; i++)
		x->owners[i] = (struct owner){ .group = 1 + i % 2 };
	x->owners[0] = (struct owner){ .person = 2, .committed = true };
	x->milestones[0] = (struct milestone){ .date = 20270201,
	    .done = true, .meeting = 2, .text = MILESTONE_1 };
	x->milestones[1] = (struct milestone){ .date = 20270301,
	    .text = MILESTONE_2 };
	x->actions[0] = (struct action){ .how = "Talleres",
	    .resources = "Sala", .provider = "Municipio", .due = 20270301,
	    .cost = 0, .currency = "EUR", .status = ACTION_IN_PROGRESS,
	    .term = TERM_LONG, .quick_win = true, .fac_agreed = true,
	    .owners = x->owners, .nowners = 2,
	    .milestones = x->milestones, .nmilestones = 2 };
	x->actions[1] = (struct action){ .status = ACTION_DROPPED,
	    .cost = -1 };
	x->items[2] = (struct item){ .id = 3, .kind = ITEM_ACTION,
	    .status = STATUS_PROPOSED, .author = 2, .group = 2,
	    .phase = PHASE_ACTIONS, .text = ACTION_WHAT, .meeting = 1,
	    .action = &x->actions[0] };
	x->items[3] = (struct item){ .id = 4, .kind = ITEM_ACTION,
	    .status = STATUS_PROPOSED, .author = 1, .phase = PHASE_ACTIONS,
	    .text = "Mesa mensual", .meeting = 2, .action = &x->actions[1] };
	x->came[0][0] = 1;
	x->came[0][1] = 2;
	x->came[1][0] = 2;
	x->meetings[0] = (struct meeting){ .id = 1, .date = 20270115,
	    .started = T0, .came = x->came[0], .ncame = 2 };
	x->meetings[1] = (struct meeting){ .id = 2, .date = 20270312,
	    .started = T0 + 86400, .came = x->came[1], .ncame = 1 };
	x->m.ws.items = x->items;
	x->m.ws.nitems = 4;
	x->m.ws.meetings = x->meetings;
	x->m.ws.nmeetings = 2;
	x->m.ws.meeting = 2;
	x->m.ws.next_review = 20270601;
}

/* amini's snapshot must be refused, the reason naming what. */
static void
assert_amini_refused(struct amini *x, const char *what)
{
	char	err[200];

	assert_int_equal(mini_decode(&x->m, err, sizeof err), -1);
	if (what != NULL && strstr(err, what) == NULL)
		fail_msg("reason \"%s\" does not say \"%s\"", err, what);
	amini_init(x);
}

/* What a snapshot says of actions and meetings is checked like the
 * rest: each hostile value is refused, naming it, and (under ASan)
 * without a leak of what was decoded before it. */
static void
test_decode_bad_actions(void **state)
{
	struct amini	 x;
	struct msg	 m = { .type = MSG_WELCOME }, out;
	struct wire_buf	 b;
	char		 err[200];
	char		 longline[MODEL_LINE_MAX + 2];

	(void)state;
	amini_init(&x);
	m.welcome.self = MODEL_FACILITATOR;
	m.welcome.snapshot_src = &x.m.ws;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_room_view(&x.m.ws, MODEL_FACILITATOR, out.welcome.room);
	/* A cost of 0 is a cost; -1 is none. */
	assert_true(model_item(out.welcome.room, 3)->action->cost == 0);
	assert_true(model_item(out.welcome.room, 4)->action->cost == -1);
	wire_msg_free(&out);
	wire_buf_destroy(&b);

	/* An action item sent without its map gets a default one. */
	x.items[3].action = NULL;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	amini_init(&x);

	/* Dates. */
	x.actions[0].due = 20270230;
	assert_amini_refused(&x, "due date");
	x.actions[0].due = 19991231;
	assert_amini_refused(&x, "due date");
	x.milestones[1].date = 20271301;
	assert_amini_refused(&x, "milestone date");
	x.meetings[1].date = -20270312;
	assert_amini_refused(&x, "meeting date");
	x.m.ws.next_review = 1;
	assert_amini_refused(&x, "next review");

	/* Enums and amounts. */
	x.actions[0].status = 9;
	assert_amini_refused(&x, "action status");
	x.actions[1].status = 0;	/* left out: proposed */
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	amini_init(&x);
	x.actions[0].term = TERM_LONG + 1;
	assert_amini_refused(&x, "action term");
	x.actions[0].cost = MODEL_COST_MAX + 1;
	assert_amini_refused(&x, "action cost");
	x.actions[0].cost = MODEL_COST_MAX;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	amini_init(&x);

	/* Currency: three capital letters or nothing. */
	x.actions[0].currency[0] = '\0';
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	amini_init(&x);
	memcpy(x.actions[0].currency, "usd", 4);
	assert_amini_refused(&x, "currency");
	memcpy(x.actions[0].currency, "US1", 4);
	assert_amini_refused(&x, "currency");
	/* Longer than the field: only the wire can say it. */
	{
		/* {0: 3, 12: {8: [{0: 1, 1: 12, 15: {5: "usd1"}}]}} */
		const uint8_t	usd1[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x83, 0x00, 0x01, 0x01, 0x0c, 0x0f, 0x81,
		    0x05, 0xa4, 'u', 's', 'd', '1' };
		/* {0: 3, 12: {8: [{0: 1, 1: 12, 15: {5: "USD1"}}]}} */
		const uint8_t	usd_long[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x83, 0x00, 0x01, 0x01, 0x0c, 0x0f, 0x81,
		    0x05, 0xa4, 'U', 'S', 'D', 'D' };
		/* The same with "USD": fine. */
		const uint8_t	usd[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x83, 0x00, 0x01, 0x01, 0x0c, 0x0f, 0x81,
		    0x05, 0xa3, 'U', 'S', 'D' };
		/* {0: 3, 12: {8: [{0: 1, 1: 12, 15: {4: -1}}]}} */
		const uint8_t	minus[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x83, 0x00, 0x01, 0x01, 0x0c, 0x0f, 0x81,
		    0x04, 0xff };

		/* {0: 3, 12: {8: [{0: 1, 1: 12, 15: {6: 0}}]}}: said, not
		 * left out, a status of 0 is none of them. */
		const uint8_t	status0[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x83, 0x00, 0x01, 0x01, 0x0c, 0x0f, 0x81,
		    0x06, 0x00 };

		assert_refused(status0, sizeof status0);
		assert_refused(usd1, sizeof usd1);
		assert_int_equal(wire_decode(usd1, sizeof usd1, &out, err,
		    sizeof err), -1);
		assert_non_null(strstr(err, "currency"));
		assert_refused(usd_long, sizeof usd_long);
		assert_refused(minus, sizeof minus);
		assert_int_equal(wire_decode(usd, sizeof usd, &out, err,
		    sizeof err), 0);
		assert_string_equal(out.welcome.room->items[0].action->currency,
		    "USD");
		assert_true(out.welcome.room->items[0].action->cost == -1);
		wire_msg_free(&out);
	}

	/* Owners: at most MODEL_OWNERS_MAX, each one person or one group,
	 * someone the room knows. */
	x.actions[0].nowners = MODEL_OWNERS_MAX;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	x.actions[0].nowners = MODEL_OWNERS_MAX + 1;
	assert_amini_refused(&x, "too many owners");
	x.owners[1].person = 2;		/* and group 2 */
	assert_amini_refused(&x, "owner 2 of item 3");
	x.owners[1].group = 0;		/* neither */
	assert_amini_refused(&x, "owner 2 of item 3");
	x.owners[0].person = 3;
	assert_amini_refused(&x, "unknown");
	x.owners[1].group = 3;
	assert_amini_refused(&x, "unknown");

	/* Milestones: a text each, meetings that happened.  One without
	 * a text is not even encoded. */
	x.milestones[1].text = NULL;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&m, &b), -1);
	assert_int_equal(b.len, 0);
	wire_buf_destroy(&b);
	amini_init(&x);
	{
		/* {0: 3, 12: {8: [{0: 1, 1: 12, 15: {11: [{0: 20270201}]}}]}} */
		const uint8_t	textless[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x83, 0x00, 0x01, 0x01, 0x0c, 0x0f, 0x81,
		    0x0b, 0x91, 0x81, 0x00, 0xce, 0x01, 0x35, 0x4c, 0x79 };

		assert_refused(textless, sizeof textless);
		assert_int_equal(wire_decode(textless, sizeof textless, &out,
		    err, sizeof err), -1);
		assert_non_null(strstr(err, "milestone 1 of item 1 has no "
		    "text"));
	}
	x.milestones[0].meeting = 3;
	assert_amini_refused(&x, "meeting 3");
	x.actions[0].nmilestones = MODEL_MILESTONES_MAX + 1;
	x.actions[0].milestones = xcalloc(MODEL_MILESTONES_MAX + 1,
	    sizeof *x.actions[0].milestones);
	{
		struct milestone *ms = x.actions[0].milestones;
		size_t		  i;

		for (i = 0; i <= MODEL_MILESTONES_MAX; i++)
			ms[i].text = "Hito";
		assert_int_equal(mini_decode(&x.m, err, sizeof err), -1);
		assert_non_null(strstr(err, "too many milestones"));
		x.actions[0].nmilestones = MODEL_MILESTONES_MAX;
		assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
		free(ms);
		amini_init(&x);
	}

	/* Lines: within MODEL_LINE_MAX, UTF-8. */
	memset(longline, 'a', sizeof longline - 1);
	longline[sizeof longline - 1] = '\0';
	x.actions[0].how = longline;
	assert_amini_refused(&x, "how of action 3 is too long");
	x.milestones[0].text = longline;
	assert_amini_refused(&x, "too long");
	longline[MODEL_LINE_MAX] = '\0';
	x.actions[0].provider = longline;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	amini_init(&x);
	x.actions[0].resources = "Caf\xe9";
	assert_amini_refused(&x, "UTF-8");

	/* Only action items carry an action: others are sent without it,
	 * and one that arrives anyway is refused. */
	x.items[3].kind = ITEM_PROGRESS;
	x.items[0].action = &x.actions[0];
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_null(out.welcome.room->items[0].action);
	assert_null(out.welcome.room->items[3].action);
	wire_msg_free(&out);
	wire_buf_destroy(&b);
	amini_init(&x);
	{
		/* {0: 3, 12: {8: [{0: 1, 1: 3, 15: {6: 2}}]}}: a rule. */
		const uint8_t	rule[] = { 0x82, 0x00, 0x03, 0x0c, 0x81, 0x08,
		    0x91, 0x83, 0x00, 0x01, 0x01, 0x03, 0x0f, 0x81, 0x06,
		    0x02 };
		/* {0: 3, 12: {8: [{0: 1, 15: {10: [{0: 1}]}}]}}: hidden. */
		const uint8_t	hidden[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x82, 0x00, 0x01, 0x0f, 0x81, 0x0a, 0x91, 0x81,
		    0x00, 0x01 };
		/* {0: 3, 12: {8: [{0: 1, 15: {}, 1: 12}]}}: keys in any
		 * order. */
		const uint8_t	late_kind[] = { 0x82, 0x00, 0x03, 0x0c, 0x81,
		    0x08, 0x91, 0x83, 0x00, 0x01, 0x0f, 0x80, 0x01, 0x0c };

		assert_refused(rule, sizeof rule);
		assert_int_equal(wire_decode(rule, sizeof rule, &out, err,
		    sizeof err), -1);
		assert_non_null(strstr(err, "item 1 has an action"));
		assert_refused(hidden, sizeof hidden);
		assert_int_equal(wire_decode(late_kind, sizeof late_kind, &out,
		    err, sizeof err), 0);
		assert_int_equal(out.welcome.room->items[0].action->status,
		    ACTION_PROPOSED);
		wire_msg_free(&out);
	}

	/* Meetings: dense ids, people the room knows, once each. */
	x.meetings[1].id = 3;
	assert_amini_refused(&x, "meeting 2 has id 3");
	x.came[1][0] = 3;
	assert_amini_refused(&x, "unknown person 3");
	x.came[0][1] = 1;
	assert_amini_refused(&x, "twice");
	x.m.ws.meeting = 3;
	assert_amini_refused(&x, "current meeting 3");
	x.items[1].meeting = 3;
	assert_amini_refused(&x, "unknown meeting 3");
	x.m.ws.nmeetings = 1;		/* the current one is gone */
	assert_amini_refused(&x, "meeting");
	/* Kinds up to the last one arrive; one past does not. */
	x.items[0].kind = ITEM_EXIT;
	x.items[1].kind = ITEM_PROGRESS;
	assert_int_equal(mini_decode(&x.m, err, sizeof err), 0);
	x.items[0].kind = ITEM_KIND_COUNT;
	assert_amini_refused(&x, "item kind");
}

/* More meetings, or more people at one, than the model holds are
 * refused before anything is made of them. */
static void
test_decode_too_many_meetings(void **state)
{
	struct workshop	 ws;
	struct meeting	*meetings;
	struct participant people[1];
	uint32_t	*came;
	struct msg	 m = { .type = MSG_WELCOME }, out;
	struct wire_buf	 b;
	char		 err[200];
	size_t		 i;

	(void)state;
	memset(&ws, 0, sizeof ws);
	people[0] = (struct participant){ .id = 1, .name = "Facilitator" };
	ws.people = people;
	ws.npeople = 1;
	meetings = xcalloc(MODEL_MEETINGS_MAX + 1, sizeof *meetings);
	for (i = 0; i <= MODEL_MEETINGS_MAX; i++)
		meetings[i] = (struct meeting){ .id = (uint32_t)i + 1,
		    .date = 20270101 };
	ws.meetings = meetings;
	ws.nmeetings = MODEL_MEETINGS_MAX;
	ws.meeting = MODEL_MEETINGS_MAX;
	m.welcome.snapshot_src = &ws;
	wire_buf_init(&b);
	round_trip(&m, &out, &b);
	assert_int_equal(out.welcome.room->nmeetings, MODEL_MEETINGS_MAX);
	wire_msg_free(&out);
	ws.nmeetings = MODEL_MEETINGS_MAX + 1;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + 4, b.len - 4, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "too many meetings"));

	/* One meeting with a person too many (the count alone). */
	came = xcalloc((size_t)MODEL_PEOPLE_MAX + 1, sizeof *came);
	for (i = 0; i <= MODEL_PEOPLE_MAX; i++)
		came[i] = 1;
	ws.nmeetings = 1;
	ws.meeting = 1;
	meetings[0].came = came;
	meetings[0].ncame = (size_t)MODEL_PEOPLE_MAX + 1;
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + 4, b.len - 4, &out, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "too many people who came"));
	free(came);
	free(meetings);
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
		cmocka_unit_test(test_intent_text_bounded),
		cmocka_unit_test(test_event),
		cmocka_unit_test(test_welcome_snapshot),
		cmocka_unit_test(test_caucus_note_private),
		cmocka_unit_test(test_records_replay),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_event_votes),
		cmocka_unit_test(test_poll_private_before_reveal),
		cmocka_unit_test(test_poll_anonymous_reveal),
		cmocka_unit_test(test_snapshot_polls_every_state),
		cmocka_unit_test(test_caucus_report_private),
		cmocka_unit_test(test_chatham_nameless),
		cmocka_unit_test(test_chatham_later_own_edit),
		cmocka_unit_test(test_chatham_later_log),
		cmocka_unit_test(test_chatham_later_poll),
		cmocka_unit_test(test_room_business),
		cmocka_unit_test(test_check_truncated),
		cmocka_unit_test(test_check_lying_lengths),
		cmocka_unit_test(test_check_every_type),
		cmocka_unit_test(test_check_depth),
		cmocka_unit_test(test_check_trailing),
		cmocka_unit_test(test_decode_types),
		cmocka_unit_test(test_decode_tolerant),
		cmocka_unit_test(test_decode_bad_snapshot),
		cmocka_unit_test(test_decode_too_many_groups),
		cmocka_unit_test(test_decode_bad_polls),
		cmocka_unit_test(test_decode_room_business),
		cmocka_unit_test(test_decode_too_many_polls),
		cmocka_unit_test(test_actions_meetings_round_trip),
		cmocka_unit_test(test_decode_bad_actions),
		cmocka_unit_test(test_decode_too_many_meetings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
