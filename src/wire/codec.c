/*
 * codec.c - messages, events and snapshots <-> msgpack.
 *
 * Every message, journal record, snapshot and element is a msgpack map
 * whose keys are small integers.  The numbers below are on the wire and
 * in every journal: add new ones, never renumber or reuse one.  Zero
 * integers, false and NULL strings are left out, so a missing key reads
 * as zero.
 *
 * But for one: an event in a frame (MSG_EVENT) is a msgpack array, its
 * fields by position, nil for a zero or NULL one, the trailing ones after
 * the seq left out:
 *   0 type 1 seq 2 time 3 actor 4 id 5 group 6 value 7 text 8 ref
 *   9 flags 10 value2 11 text2 12 votes
 * Events are nearly all of a room's traffic, each one going to every
 * participant: positions save a key byte per field and the message's
 * envelope, about 5 % of a contribution's bytes (protocol 2; protocol 1
 * sent the event's map under key 21).  The request id is left out too:
 * the author's ack carries it.
 *
 * Message (frame body, a map but for an event):
 *   0 type (enum msg_type)
 *   MSG_HELLO     1 version  2 code  3 name  4 group  5 token
 *                 6 last_seq  7 observer
 *   MSG_LOBBY     8 title  9 groups (array of str)
 *   MSG_WELCOME  10 self  11 token  12 room (snapshot)
 *   MSG_REFUSE   13 code  14 text
 *   MSG_INTENT   15 intent
 *   MSG_ACK      16 req  17 seq
 *   MSG_ERROR    18 req  19 code  20 text
 *   (21: protocol 1's event, retired)
 *   MSG_PRESENCE 22 who  23 present
 *   MSG_HELLO    24 fac_code (the co-facilitators' code)
 *   MSG_WELCOME  25 resume_from: no snapshot; the recipient's replica at
 *                that seq stands, and the events after it follow
 *   MSG_WELCOME  27 now: the server's clock as it was sent (milliseconds
 *                since the epoch), so a screen counts a timebox down
 *                in the server's time whatever its own clock says
 *   MSG_PING     28 now: the same, refreshed at every heartbeat
 *   MSG_PING, MSG_PONG: the type alone otherwise (an older server's ping
 *                has no now: its clients take their own clock)
 * Intent: 0 type 1 req 2 ref 3 value 4 value2 5 text 6 text2 7 flags
 *   8 lang (INTENT_CREATE's language of record, made by the server)
 *   (its secret is never sent: secret intents come from the server itself;
 *   text longer than MODEL_BODY_MAX bytes, or text2 longer than
 *   MODEL_TEXT_MAX, the longest the model takes in them, is refused
 *   before it is copied)
 * Event (the whole journal record): 0 type 1 seq 2 time 3 actor 4 req
 *   5 id 6 ref 7 group 8 value 9 value2 10 text 11 text2
 *   12 secret (journal records only, never in a frame)  13 flags
 *   14 votes (retired with protocol 1's keyed event: a reveal's votes
 *      go in a frame's position 12, never in a journal record, which
 *      has every vote as its own event already)
 *   15 lang (EVENT_CREATE's language of record; journal records only,
 *      like the secret: a room is opened before anyone joins it, and a
 *      screen has the language from the snapshot)
 * Snapshot: 0 seq 1 created 2 title 3 phase 4 question 5 rules_adopted
 *   6 groups 7 people 8 items (arrays of the maps below)
 *   9 decision_rule 10 fallback_rule 11 fallback_rounds 12 charter_poll
 *   13 polls (array)  14 confidentiality  15 phase_conf (array of
 *   PHASE_COUNT ints)  16 speaker  17 hands  18 spoken (array of
 *   PHASE_COUNT arrays of MODEL_GROUPS_MAX + 1 uints)  19 meetings
 *   (array)  20 meeting (the current one's id)  21 next_review (date)
 *   22 template (its name)  23 steps (array; left out when none)
 *   24 step (the current one's index)  25 visits (array; left out
 *   when none)
 *   26 clock (a map, below; left out when all zero)
 *   27 lang (the room's language of record; left out in rooms from
 *   before languages, which read as "en")
 *   (phase_conf and spoken are left out when all zero, meetings when
 *   there are none; the co-facilitators' code is never sent)
 * Clock: 0 timer state 1 deadline 2 left 3 total 4 phase (of the timer)
 *   5 started 6 bell 7 floor_since (when the speaker got the floor)
 *   8 turn_limit (seconds)
 * Group: 0 id 1 name
 * Person: 0 id 1 name 2 group 3 role 4 present 5 last_req 6 joined
 *   7 hand 8 removed
 *   (the resume token is never sent)
 * Item: 0 id 1 kind 2 status 3 author 4 group 5 ref 6 number 7 phase
 *   8 time 9 text 10 text2 11 body 12 flags 13 conf 14 meeting
 *   15 action (ITEM_ACTION items only; an action item without one gets
 *   a proposed action with no cost)  16 step  17 indicator
 *   (ITEM_INDICATOR items only; one without it gets an empty one)
 * Step: 0 kind 1 minutes 2 flags 3 title 4 prompt
 * Visit: 0 meeting 1 step 2 first 3 spent 4 since
 * Action: 0 how 1 resources 2 provider 3 due 4 cost (minor units, left
 *   out when there is none: a missing cost is -1, a cost of 0 is sent)
 *   5 currency 6 status (missing: proposed) 7 term 8 quick_win
 *   9 fac_agreed 10 owners 11 milestones (arrays, left out when empty)
 *   12 indicator (the item it works on, 0 none)
 * Indicator: 0 baseline 1 target 2 scores (array, left out when empty)
 * Score: 0 meeting 1 point (1, 2, ... of its poll's scale) 2 poll
 * Owner: 0 person 1 group (exactly one of them) 2 committed
 * Milestone: 0 date 1 done 2 meeting 3 text
 * Meeting: 0 id 1 date 2 started 3 came (array of person ids, left out
 *   when empty) 4 planned (the agenda's start, minutes after midnight
 *   plus 1)
 * Dates (due, milestones, meetings, next_review) are YYYYMMDD, 0 none.
 * Poll: 0 id 1 kind 2 state 3 flags 4 target 5 round 6 dots 7 phase
 *   8 text 9 options (array of item ids: a dot vote's items, a score's
 *   scale) 10 votes (array) 11 answered 12 verdict (a score: its point)
 *   13 verdict_text 14 opened 15 closed 16 group 17 members
 *   (empty options and votes arrays are left out too; a poll of kind
 *   POLL_HIDDEN, another caucus's check, has no text, options or votes)
 * Vote: 0 voter 1 group 2 answer 3 weight 4 reason
 *
 * Invariants: nothing the server must keep to itself (the join code, the
 * co-facilitators' code, resume tokens other than the recipient's own,
 * event secrets, answers the recipient may not know yet) is ever encoded
 * into a frame; a
 * snapshot is encoded through model_item_view() and model_poll_view()
 * for its recipient.  Decoding runs wire_check() before msgpack-c, copies
 * every string out of msgpack's zone (rejecting NUL bytes), range-checks
 * every integer into its C type, and on failure frees all it made.
 * Keys that do not belong to the message's type are ignored like unknown
 * ones; a key that appears twice is an error.
 *
 * The reasons a decoder gives (dec_fail, and the field names handed to
 * get_*) stay in English, untranslated: they are the technical detail of
 * a sentence the caller marks and translates ("the room sent a bad
 * message (%s)" in client.c, "it sent a malformed message (%s)" in
 * server.c, "record at byte %llu cannot be read (%s)" in replay.c), read
 * by whoever debugs a peer or repairs a record, and they name the wire's
 * own fields (tests/i18n-allow.txt lists them).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <msgpack.h>

#include "roundtable/text.h"
#include "roundtable/wire.h"

/* Message keys. */
enum {
	K_TYPE = 0,
	K_HELLO_VERSION = 1,
	K_HELLO_CODE = 2,
	K_HELLO_NAME = 3,
	K_HELLO_GROUP = 4,
	K_HELLO_TOKEN = 5,
	K_HELLO_LAST_SEQ = 6,
	K_HELLO_OBSERVER = 7,
	K_LOBBY_TITLE = 8,
	K_LOBBY_GROUPS = 9,
	K_WELCOME_SELF = 10,
	K_WELCOME_TOKEN = 11,
	K_WELCOME_ROOM = 12,
	K_REFUSE_CODE = 13,
	K_REFUSE_TEXT = 14,
	K_INTENT = 15,
	K_ACK_REQ = 16,
	K_ACK_SEQ = 17,
	K_ERROR_REQ = 18,
	K_ERROR_CODE = 19,
	K_ERROR_TEXT = 20,
	K_EVENT = 21,
	K_PRESENCE_WHO = 22,
	K_PRESENCE_PRESENT = 23,
	K_HELLO_FAC_CODE = 24,
	K_WELCOME_FROM = 25,
	K_HELLO_CLAIM = 26,
	K_WELCOME_NOW = 27,
	K_PING_NOW = 28,
	K_MSG_COUNT
};

/* The message type each key belongs to. */
static const int key_owner[K_MSG_COUNT] = {
	[K_TYPE] = MSG_NONE,
	[K_HELLO_VERSION] = MSG_HELLO,
	[K_HELLO_CODE] = MSG_HELLO,
	[K_HELLO_NAME] = MSG_HELLO,
	[K_HELLO_GROUP] = MSG_HELLO,
	[K_HELLO_TOKEN] = MSG_HELLO,
	[K_HELLO_LAST_SEQ] = MSG_HELLO,
	[K_HELLO_OBSERVER] = MSG_HELLO,
	[K_LOBBY_TITLE] = MSG_LOBBY,
	[K_LOBBY_GROUPS] = MSG_LOBBY,
	[K_WELCOME_SELF] = MSG_WELCOME,
	[K_WELCOME_TOKEN] = MSG_WELCOME,
	[K_WELCOME_ROOM] = MSG_WELCOME,
	[K_REFUSE_CODE] = MSG_REFUSE,
	[K_REFUSE_TEXT] = MSG_REFUSE,
	[K_INTENT] = MSG_INTENT,
	[K_ACK_REQ] = MSG_ACK,
	[K_ACK_SEQ] = MSG_ACK,
	[K_ERROR_REQ] = MSG_ERROR,
	[K_ERROR_CODE] = MSG_ERROR,
	[K_ERROR_TEXT] = MSG_ERROR,
	[K_EVENT] = MSG_EVENT,
	[K_PRESENCE_WHO] = MSG_PRESENCE,
	[K_PRESENCE_PRESENT] = MSG_PRESENCE,
	[K_HELLO_FAC_CODE] = MSG_HELLO,
	[K_WELCOME_FROM] = MSG_WELCOME,
	[K_HELLO_CLAIM] = MSG_HELLO,
	[K_WELCOME_NOW] = MSG_WELCOME,
	[K_PING_NOW] = MSG_PING,
};

enum {
	KI_TYPE = 0, KI_REQ = 1, KI_REF = 2, KI_VALUE = 3, KI_VALUE2 = 4,
	KI_TEXT = 5, KI_TEXT2 = 6, KI_FLAGS = 7, KI_LANG = 8,
};

enum {
	KE_TYPE = 0, KE_SEQ = 1, KE_TIME = 2, KE_ACTOR = 3, KE_REQ = 4,
	KE_ID = 5, KE_REF = 6, KE_GROUP = 7, KE_VALUE = 8, KE_VALUE2 = 9,
	KE_TEXT = 10, KE_TEXT2 = 11, KE_SECRET = 12, KE_FLAGS = 13,
	KE_VOTES = 14, KE_LANG = 15,
};

/* An event's fields in a frame, by position (see the top): the ones
 * most events have first, the votes last. */
static const uint8_t event_slot[] = {
	KE_TYPE, KE_SEQ, KE_TIME, KE_ACTOR, KE_ID, KE_GROUP, KE_VALUE,
	KE_TEXT, KE_REF, KE_FLAGS, KE_VALUE2, KE_TEXT2, KE_VOTES,
};
#define EVENT_SLOTS	(sizeof event_slot / sizeof event_slot[0])

enum {
	KS_SEQ = 0, KS_CREATED = 1, KS_TITLE = 2, KS_PHASE = 3,
	KS_QUESTION = 4, KS_RULES_ADOPTED = 5, KS_GROUPS = 6, KS_PEOPLE = 7,
	KS_ITEMS = 8, KS_DECISION_RULE = 9, KS_FALLBACK_RULE = 10,
	KS_FALLBACK_ROUNDS = 11, KS_CHARTER_POLL = 12, KS_POLLS = 13,
	KS_CONFIDENTIALITY = 14, KS_PHASE_CONF = 15, KS_SPEAKER = 16,
	KS_HANDS = 17, KS_SPOKEN = 18, KS_MEETINGS = 19, KS_MEETING = 20,
	KS_NEXT_REVIEW = 21, KS_TEMPLATE = 22, KS_STEPS = 23, KS_STEP = 24,
	KS_VISITS = 25, KS_CLOCK = 26, KS_LANG = 27,
};

enum {
	KVS_MEETING = 0, KVS_STEP = 1, KVS_FIRST = 2, KVS_SPENT = 3,
	KVS_SINCE = 4,
};

enum {
	KST_KIND = 0, KST_MINUTES = 1, KST_FLAGS = 2, KST_TITLE = 3,
	KST_PROMPT = 4,
};

enum {
	KC_STATE = 0, KC_DEADLINE = 1, KC_LEFT = 2, KC_TOTAL = 3,
	KC_PHASE = 4, KC_STARTED = 5, KC_BELL = 6, KC_FLOOR_SINCE = 7,
	KC_TURN_LIMIT = 8,
};

enum { KG_ID = 0, KG_NAME = 1 };

enum {
	KP_ID = 0, KP_NAME = 1, KP_GROUP = 2, KP_ROLE = 3, KP_PRESENT = 4,
	KP_LAST_REQ = 5, KP_JOINED = 6, KP_HAND = 7, KP_REMOVED = 8,
};

enum {
	KT_ID = 0, KT_KIND = 1, KT_STATUS = 2, KT_AUTHOR = 3, KT_GROUP = 4,
	KT_REF = 5, KT_NUMBER = 6, KT_PHASE = 7, KT_TIME = 8, KT_TEXT = 9,
	KT_TEXT2 = 10, KT_BODY = 11, KT_FLAGS = 12, KT_CONF = 13,
	KT_MEETING = 14, KT_ACTION = 15, KT_STEP = 16, KT_INDICATOR = 17,
};

enum { KN_BASELINE = 0, KN_TARGET = 1, KN_SCORES = 2 };

enum { KSC_MEETING = 0, KSC_POINT = 1, KSC_POLL = 2 };

enum {
	KA_HOW = 0, KA_RESOURCES = 1, KA_PROVIDER = 2, KA_DUE = 3,
	KA_COST = 4, KA_CURRENCY = 5, KA_STATUS = 6, KA_TERM = 7,
	KA_QUICK_WIN = 8, KA_FAC_AGREED = 9, KA_OWNERS = 10,
	KA_MILESTONES = 11, KA_INDICATOR = 12,
};

enum { KO_PERSON = 0, KO_GROUP = 1, KO_COMMITTED = 2 };

enum { KMS_DATE = 0, KMS_DONE = 1, KMS_MEETING = 2, KMS_TEXT = 3 };

enum {
	KMT_ID = 0, KMT_DATE = 1, KMT_STARTED = 2, KMT_CAME = 3,
	KMT_PLANNED = 4,
};

enum {
	KL_ID = 0, KL_KIND = 1, KL_STATE = 2, KL_FLAGS = 3, KL_TARGET = 4,
	KL_ROUND = 5, KL_DOTS = 6, KL_PHASE = 7, KL_TEXT = 8, KL_OPTIONS = 9,
	KL_VOTES = 10, KL_ANSWERED = 11, KL_VERDICT = 12,
	KL_VERDICT_TEXT = 13, KL_OPENED = 14, KL_CLOSED = 15, KL_GROUP = 16,
	KL_MEMBERS = 17,
};

enum {
	KV_VOTER = 0, KV_GROUP = 1, KV_ANSWER = 2, KV_WEIGHT = 3,
	KV_REASON = 4,
};

/* Time spent in a phase: one per phase and meeting. */
#define VISITS_MAX	((size_t)MODEL_MEETINGS_MAX * MODEL_STEPS_MAX)

/* Votes in one poll or one reveal: every dot of every person at most. */
#define VOTES_MAX	((size_t)MODEL_PEOPLE_MAX * MODEL_DOTS_MAX)

/* --- encoding ----------------------------------------------------------- */

/* The packer's writer: appends to a wire_buf.  Cannot fail (xrealloc
 * aborts when memory runs out), so the packer's results need no checks. */
static int
buf_write(void *data, const char *p, size_t n)
{
	struct wire_buf	*b = data;
	size_t		 cap;

	if (n > SIZE_MAX - b->len)
		abort();
	if (b->len + n > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap = cap > SIZE_MAX / 2 ? b->len + n : cap * 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

/*
 * The fields of one map, gathered first because a msgpack map states its
 * size up front and empty fields are left out.
 */
enum { F_UINT, F_INT, F_STR, F_BOOL };
struct field {
	unsigned	 key;
	int		 kind;
	uint64_t	 u;
	int64_t		 i;
	const char	*s;
};
struct fields {
	struct field	 f[24];
	size_t		 n;
};

static struct field *
field_add(struct fields *fs, unsigned key, int kind)
{
	if (fs->n == sizeof fs->f / sizeof fs->f[0])
		abort();	/* a map here has more keys than foreseen */
	fs->f[fs->n].key = key;
	fs->f[fs->n].kind = kind;
	return &fs->f[fs->n++];
}

static void
f_uint(struct fields *fs, unsigned key, uint64_t v)
{
	if (v != 0)
		field_add(fs, key, F_UINT)->u = v;
}

static void
f_int(struct fields *fs, unsigned key, int64_t v)
{
	if (v != 0)
		field_add(fs, key, F_INT)->i = v;
}

static void
f_str(struct fields *fs, unsigned key, const char *s)
{
	if (s != NULL)
		field_add(fs, key, F_STR)->s = s;
}

static void
f_bool(struct fields *fs, unsigned key, bool v)
{
	if (v)
		field_add(fs, key, F_BOOL);
}

static void
pack_str(msgpack_packer *pk, const char *s)
{
	size_t	n = strlen(s);

	msgpack_pack_str(pk, n);
	msgpack_pack_str_body(pk, s, n);
}

static void
pack_value(msgpack_packer *pk, const struct field *f)
{
	switch (f->kind) {
	case F_UINT:
		msgpack_pack_uint64(pk, f->u);
		break;
	case F_INT:
		msgpack_pack_int64(pk, f->i);
		break;
	case F_STR:
		pack_str(pk, f->s);
		break;
	case F_BOOL:
		msgpack_pack_true(pk);
		break;
	}
}

/* Packs the map header (with room for extra entries the caller packs
 * after) and the gathered fields. */
static void
pack_fields(msgpack_packer *pk, const struct fields *fs, size_t extra)
{
	const struct field	*f;
	size_t			 i;

	msgpack_pack_map(pk, fs->n + extra);
	for (i = 0; i < fs->n; i++) {
		f = &fs->f[i];
		msgpack_pack_uint64(pk, f->key);
		pack_value(pk, f);
	}
}

static void
pack_intent(msgpack_packer *pk, const struct intent *in)
{
	struct fields	fs = { .n = 0 };

	f_int(&fs, KI_TYPE, in->type);
	f_uint(&fs, KI_REQ, in->req);
	f_uint(&fs, KI_REF, in->ref);
	f_int(&fs, KI_VALUE, in->value);
	f_int(&fs, KI_VALUE2, in->value2);
	f_str(&fs, KI_TEXT, in->text);
	f_str(&fs, KI_TEXT2, in->text2);
	f_uint(&fs, KI_FLAGS, in->flags);
	f_str(&fs, KI_LANG, in->lang);
	pack_fields(pk, &fs, 0);
}

static void
pack_votes(msgpack_packer *pk, const struct vote *votes, size_t n)
{
	struct fields	fs;
	size_t		i;

	msgpack_pack_array(pk, n);
	for (i = 0; i < n; i++) {
		fs.n = 0;
		f_uint(&fs, KV_VOTER, votes[i].voter);
		f_uint(&fs, KV_GROUP, votes[i].group);
		f_int(&fs, KV_ANSWER, votes[i].answer);
		f_int(&fs, KV_WEIGHT, votes[i].weight);
		f_str(&fs, KV_REASON, votes[i].reason);
		pack_fields(pk, &fs, 0);
	}
}

/* The fields an event has wherever it goes; the request id, the secret
 * and the language of a room's opening only in a journal record. */
static void
event_fields(struct fields *fs, const struct event *ev, bool record)
{
	f_int(fs, KE_TYPE, ev->type);
	f_uint(fs, KE_SEQ, ev->seq);
	f_int(fs, KE_TIME, ev->time);
	f_uint(fs, KE_ACTOR, ev->actor);
	if (record)
		f_uint(fs, KE_REQ, ev->req);
	f_uint(fs, KE_ID, ev->id);
	f_uint(fs, KE_REF, ev->ref);
	f_uint(fs, KE_GROUP, ev->group);
	f_int(fs, KE_VALUE, ev->value);
	f_int(fs, KE_VALUE2, ev->value2);
	f_str(fs, KE_TEXT, ev->text);
	f_str(fs, KE_TEXT2, ev->text2);
	if (record)
		f_str(fs, KE_SECRET, ev->secret);
	f_uint(fs, KE_FLAGS, ev->flags);
	if (record)
		f_str(fs, KE_LANG, ev->lang);
}

/* A journal record: a map, which keeps the secret and never the votes. */
static void
pack_record(msgpack_packer *pk, const struct event *ev)
{
	struct fields	fs = { .n = 0 };

	event_fields(&fs, ev, true);
	pack_fields(pk, &fs, 0);
}

/*
 * An event in a frame: the array of its fields by position (event_slot),
 * nil where a field is zero or NULL, the trailing ones after the seq left
 * out.  It has the votes of a reveal and never the secret.
 */
static int
pack_event_frame(msgpack_packer *pk, const struct event *ev)
{
	struct fields		 fs = { .n = 0 };
	const struct field	*at[EVENT_SLOTS] = { NULL };
	size_t			 i, s, n = 2;	/* type and seq, even if 0 */

	if (ev->nvotes > 0 && ev->votes == NULL)
		return -1;
	event_fields(&fs, ev, false);
	for (i = 0; i < fs.n; i++) {
		for (s = 0; s < EVENT_SLOTS && event_slot[s] != fs.f[i].key;
		    s++)
			;
		if (s == EVENT_SLOTS)
			abort();	/* a field without a place in a frame */
		at[s] = &fs.f[i];
		if (s + 1 > n)
			n = s + 1;
	}
	if (ev->nvotes > 0)
		n = EVENT_SLOTS;	/* the votes are the last */
	msgpack_pack_array(pk, n);
	for (s = 0; s < n; s++) {
		if (event_slot[s] == KE_VOTES)
			pack_votes(pk, ev->votes, ev->nvotes);
		else if (at[s] != NULL)
			pack_value(pk, at[s]);
		else
			msgpack_pack_nil(pk);
	}
	return 0;
}

/* One poll as self may see it (model_poll_view): no answer self may not
 * know yet, no verdict before the reveal but for facilitators, no voter
 * in an anonymous poll. */
static void
pack_poll(msgpack_packer *pk, const struct workshop *ws,
    const struct poll *p, uint32_t self)
{
	struct fields	fs = { .n = 0 };
	struct poll	view;
	size_t		i;

	model_poll_view(ws, p, self, &view);
	f_uint(&fs, KL_ID, view.id);
	f_int(&fs, KL_KIND, view.kind);
	f_int(&fs, KL_STATE, view.state);
	f_uint(&fs, KL_FLAGS, view.flags);
	f_uint(&fs, KL_TARGET, view.target);
	f_int(&fs, KL_ROUND, view.round);
	f_int(&fs, KL_DOTS, view.dots);
	f_int(&fs, KL_PHASE, view.phase);
	f_str(&fs, KL_TEXT, view.text);
	f_uint(&fs, KL_ANSWERED, view.answered);
	f_int(&fs, KL_VERDICT, view.verdict);
	f_str(&fs, KL_VERDICT_TEXT, view.verdict_text);
	f_int(&fs, KL_OPENED, view.opened);
	f_int(&fs, KL_CLOSED, view.closed);
	f_uint(&fs, KL_GROUP, view.group);
	f_uint(&fs, KL_MEMBERS, view.members);
	pack_fields(pk, &fs, (view.noptions > 0) + (view.nvotes > 0));
	if (view.noptions > 0) {
		msgpack_pack_uint64(pk, KL_OPTIONS);
		msgpack_pack_array(pk, view.noptions);
		for (i = 0; i < view.noptions; i++)
			msgpack_pack_uint32(pk, view.options[i]);
	}
	if (view.nvotes > 0) {
		msgpack_pack_uint64(pk, KL_VOTES);
		pack_votes(pk, view.votes, view.nvotes);
	}
	model_votes_free(view.votes, view.nvotes);
}

/* An action's plan: visible to all who may see its item.  A cost of 0
 * is a cost, so it is packed by hand; -1 (none) is left out. */
static void
pack_action(msgpack_packer *pk, const struct action *a)
{
	struct fields	fs = { .n = 0 };
	size_t		i;

	f_str(&fs, KA_HOW, a->how);
	f_str(&fs, KA_RESOURCES, a->resources);
	f_str(&fs, KA_PROVIDER, a->provider);
	f_int(&fs, KA_DUE, a->due);
	if (a->cost >= 0)
		field_add(&fs, KA_COST, F_INT)->i = a->cost;
	if (a->currency[0] != '\0')
		f_str(&fs, KA_CURRENCY, a->currency);
	f_int(&fs, KA_STATUS, a->status);
	f_int(&fs, KA_TERM, a->term);
	f_bool(&fs, KA_QUICK_WIN, a->quick_win);
	f_bool(&fs, KA_FAC_AGREED, a->fac_agreed);
	f_uint(&fs, KA_INDICATOR, a->indicator);
	pack_fields(pk, &fs, (a->nowners > 0) + (a->nmilestones > 0));
	if (a->nowners > 0) {
		msgpack_pack_uint64(pk, KA_OWNERS);
		msgpack_pack_array(pk, a->nowners);
		for (i = 0; i < a->nowners; i++) {
			fs.n = 0;
			f_uint(&fs, KO_PERSON, a->owners[i].person);
			f_uint(&fs, KO_GROUP, a->owners[i].group);
			f_bool(&fs, KO_COMMITTED, a->owners[i].committed);
			pack_fields(pk, &fs, 0);
		}
	}
	if (a->nmilestones > 0) {
		msgpack_pack_uint64(pk, KA_MILESTONES);
		msgpack_pack_array(pk, a->nmilestones);
		for (i = 0; i < a->nmilestones; i++) {
			fs.n = 0;
			f_int(&fs, KMS_DATE, a->milestones[i].date);
			f_bool(&fs, KMS_DONE, a->milestones[i].done);
			f_uint(&fs, KMS_MEETING, a->milestones[i].meeting);
			f_str(&fs, KMS_TEXT, a->milestones[i].text);
			pack_fields(pk, &fs, 0);
		}
	}
}

/* An indicator's baseline, target and scores: visible to all, like its
 * item. */
static void
pack_indicator(msgpack_packer *pk, const struct indicator *ind)
{
	struct fields	fs = { .n = 0 };
	size_t		i;

	f_str(&fs, KN_BASELINE, ind->baseline);
	f_str(&fs, KN_TARGET, ind->target);
	pack_fields(pk, &fs, ind->nscores > 0);
	if (ind->nscores == 0)
		return;
	msgpack_pack_uint64(pk, KN_SCORES);
	msgpack_pack_array(pk, ind->nscores);
	for (i = 0; i < ind->nscores; i++) {
		fs.n = 0;
		f_uint(&fs, KSC_MEETING, ind->scores[i].meeting);
		f_int(&fs, KSC_POINT, ind->scores[i].point);
		f_uint(&fs, KSC_POLL, ind->scores[i].poll);
		pack_fields(pk, &fs, 0);
	}
}

static void
pack_meetings(msgpack_packer *pk, const struct workshop *ws)
{
	const struct meeting	*mt;
	struct fields		 fs;
	size_t			 i, k;

	msgpack_pack_uint64(pk, KS_MEETINGS);
	msgpack_pack_array(pk, ws->nmeetings);
	for (i = 0; i < ws->nmeetings; i++) {
		mt = &ws->meetings[i];
		fs.n = 0;
		f_uint(&fs, KMT_ID, mt->id);
		f_int(&fs, KMT_DATE, mt->date);
		f_int(&fs, KMT_STARTED, mt->started);
		f_int(&fs, KMT_PLANNED, mt->planned);
		pack_fields(pk, &fs, mt->ncame > 0);
		if (mt->ncame > 0) {
			msgpack_pack_uint64(pk, KMT_CAME);
			msgpack_pack_array(pk, mt->ncame);
			for (k = 0; k < mt->ncame; k++)
				msgpack_pack_uint32(pk, mt->came[k]);
		}
	}
}

static void
pack_steps(msgpack_packer *pk, const struct workshop *ws)
{
	struct fields	 fs;
	size_t		 i;

	msgpack_pack_uint64(pk, KS_STEPS);
	msgpack_pack_array(pk, ws->nsteps);
	for (i = 0; i < ws->nsteps; i++) {
		fs.n = 0;
		f_int(&fs, KST_KIND, ws->steps[i].kind);
		f_int(&fs, KST_MINUTES, ws->steps[i].minutes);
		f_uint(&fs, KST_FLAGS, ws->steps[i].flags);
		f_str(&fs, KST_TITLE, ws->steps[i].title);
		f_str(&fs, KST_PROMPT, ws->steps[i].prompt);
		pack_fields(pk, &fs, 0);
	}
}

static void
pack_visits(msgpack_packer *pk, const struct workshop *ws)
{
	struct fields	 fs;
	size_t		 i;

	msgpack_pack_uint64(pk, KS_VISITS);
	msgpack_pack_array(pk, ws->nvisits);
	for (i = 0; i < ws->nvisits; i++) {
		fs.n = 0;
		f_uint(&fs, KVS_MEETING, ws->visits[i].meeting);
		f_uint(&fs, KVS_STEP, ws->visits[i].step);
		f_int(&fs, KVS_FIRST, ws->visits[i].first);
		f_int(&fs, KVS_SPENT, ws->visits[i].spent);
		f_int(&fs, KVS_SINCE, ws->visits[i].since);
		pack_fields(pk, &fs, 0);
	}
}

/* The clock's fields (timer, turn) into fs; false when all are zero. */
static bool
clock_fields(struct fields *fs, const struct workshop *ws)
{
	const struct timer	*t = &ws->timer;

	fs->n = 0;
	f_int(fs, KC_STATE, t->state);
	f_int(fs, KC_DEADLINE, t->deadline);
	f_int(fs, KC_LEFT, t->left);
	f_int(fs, KC_TOTAL, t->total);
	f_int(fs, KC_PHASE, t->phase);
	f_int(fs, KC_STARTED, t->started);
	f_bool(fs, KC_BELL, t->bell);
	f_int(fs, KC_FLOOR_SINCE, ws->floor_since);
	f_int(fs, KC_TURN_LIMIT, ws->turn_limit);
	return fs->n > 0;
}

/* What cannot be packed: a count without its array, a nameless
 * milestone. */
static bool
action_packable(const struct action *a)
{
	size_t	i;

	if ((a->nowners > 0 && a->owners == NULL) ||
	    (a->nmilestones > 0 && a->milestones == NULL))
		return false;
	for (i = 0; i < a->nmilestones; i++)
		if (a->milestones[i].text == NULL)
			return false;
	return true;
}

/* The workshop as self may see it: no join code, no tokens, every item
 * through model_item_view and every poll through model_poll_view. */
static int
pack_room(msgpack_packer *pk, const struct workshop *ws, uint32_t self)
{
	struct fields		 fs = { .n = 0 }, cfs;
	const struct group	*g;
	const struct participant *p;
	struct item		 view;
	char			*nameless;
	size_t			 i, k;
	bool			 phase_conf, spoken, action, clock, ind;

	for (i = 0; i < ws->ngroups; i++)
		if (ws->groups[i].name == NULL)
			return -1;
	for (i = 0; i < ws->npeople; i++)
		if (ws->people[i].name == NULL)
			return -1;
	for (i = 0; i < ws->npolls; i++)
		if ((ws->polls[i].noptions > 0 && ws->polls[i].options ==
		    NULL) || (ws->polls[i].nvotes > 0 &&
		    ws->polls[i].votes == NULL))
			return -1;
	for (i = 0; i < ws->nitems; i++)
		if ((ws->items[i].action != NULL &&
		    !action_packable(ws->items[i].action)) ||
		    (ws->items[i].ind != NULL && ws->items[i].ind->nscores > 0 &&
		    ws->items[i].ind->scores == NULL))
			return -1;
	if (ws->nmeetings > 0 && ws->meetings == NULL)
		return -1;
	for (i = 0; i < ws->nmeetings; i++)
		if (ws->meetings[i].ncame > 0 && ws->meetings[i].came == NULL)
			return -1;

	f_uint(&fs, KS_SEQ, ws->seq);
	f_int(&fs, KS_CREATED, ws->created);
	f_str(&fs, KS_TITLE, ws->title);
	f_int(&fs, KS_PHASE, ws->phase);
	f_uint(&fs, KS_QUESTION, ws->question);
	f_uint(&fs, KS_RULES_ADOPTED, ws->rules_adopted);
	f_int(&fs, KS_DECISION_RULE, ws->decision_rule);
	f_int(&fs, KS_FALLBACK_RULE, ws->fallback_rule);
	f_int(&fs, KS_FALLBACK_ROUNDS, ws->fallback_rounds);
	f_uint(&fs, KS_CHARTER_POLL, ws->charter_poll);
	f_int(&fs, KS_CONFIDENTIALITY, ws->confidentiality);
	f_uint(&fs, KS_SPEAKER, ws->speaker);
	f_uint(&fs, KS_HANDS, ws->hands);
	f_uint(&fs, KS_MEETING, ws->meeting);
	f_int(&fs, KS_NEXT_REVIEW, ws->next_review);
	f_str(&fs, KS_TEMPLATE, ws->template);
	f_uint(&fs, KS_STEP, (uint32_t)ws->step);
	f_str(&fs, KS_LANG, ws->lang);
	/* ws->fac_code is the server's alone: never packed. */
	phase_conf = spoken = false;
	for (i = 0; i < PHASE_COUNT; i++) {
		if (ws->phase_conf[i] != CONF_DEFAULT)
			phase_conf = true;
		for (k = 0; k <= MODEL_GROUPS_MAX; k++)
			if (ws->spoken[i][k] != 0)
				spoken = true;
	}
	clock = clock_fields(&cfs, ws);
	pack_fields(pk, &fs, 4 + phase_conf + spoken + (ws->nmeetings > 0) +
	    (ws->nsteps > 0) + (ws->nvisits > 0) + clock);

	if (clock) {
		msgpack_pack_uint64(pk, KS_CLOCK);
		pack_fields(pk, &cfs, 0);
	}

	if (ws->nmeetings > 0)
		pack_meetings(pk, ws);
	if (ws->nsteps > 0)
		pack_steps(pk, ws);
	if (ws->nvisits > 0)
		pack_visits(pk, ws);

	if (phase_conf) {
		msgpack_pack_uint64(pk, KS_PHASE_CONF);
		msgpack_pack_array(pk, PHASE_COUNT);
		for (i = 0; i < PHASE_COUNT; i++)
			msgpack_pack_int(pk, ws->phase_conf[i]);
	}
	if (spoken) {
		msgpack_pack_uint64(pk, KS_SPOKEN);
		msgpack_pack_array(pk, PHASE_COUNT);
		for (i = 0; i < PHASE_COUNT; i++) {
			msgpack_pack_array(pk, MODEL_GROUPS_MAX + 1);
			for (k = 0; k <= MODEL_GROUPS_MAX; k++)
				msgpack_pack_uint32(pk, ws->spoken[i][k]);
		}
	}

	msgpack_pack_uint64(pk, KS_GROUPS);
	msgpack_pack_array(pk, ws->ngroups);
	for (i = 0; i < ws->ngroups; i++) {
		g = &ws->groups[i];
		fs.n = 0;
		f_uint(&fs, KG_ID, g->id);
		f_str(&fs, KG_NAME, g->name);
		pack_fields(pk, &fs, 0);
	}

	msgpack_pack_uint64(pk, KS_PEOPLE);
	msgpack_pack_array(pk, ws->npeople);
	for (i = 0; i < ws->npeople; i++) {
		p = &ws->people[i];
		fs.n = 0;
		f_uint(&fs, KP_ID, p->id);
		f_str(&fs, KP_NAME, p->name);
		f_uint(&fs, KP_GROUP, p->group);
		f_int(&fs, KP_ROLE, p->role);
		f_bool(&fs, KP_PRESENT, p->present);
		/* Only one's own: watching others' counters grow would tell
		 * who answered an anonymous poll. */
		if (p->id == self)
			f_uint(&fs, KP_LAST_REQ, p->last_req);
		f_int(&fs, KP_JOINED, p->joined);
		f_uint(&fs, KP_HAND, p->hand);
		f_bool(&fs, KP_REMOVED, p->removed);
		pack_fields(pk, &fs, 0);
	}

	msgpack_pack_uint64(pk, KS_ITEMS);
	msgpack_pack_array(pk, ws->nitems);
	for (i = 0; i < ws->nitems; i++) {
		model_item_view(ws, &ws->items[i], self, &view);
		/* A record of a change made in the open, in a phase since
		 * under the Chatham House Rule: as the model would have
		 * written it under the rule ("a participant agreed"). */
		nameless = view.kind == ITEM_PROGRESS &&
		    (view.flags & ITEM_F_LOG) && view.text != NULL &&
		    model_author_hidden(ws, view.phase, view.conf) ?
		    model_log_nameless(ws, view.text) : NULL;
		if (nameless != NULL)
			view.text = nameless;
		fs.n = 0;
		f_uint(&fs, KT_ID, view.id);
		f_int(&fs, KT_KIND, view.kind);
		f_int(&fs, KT_STATUS, view.status);
		f_uint(&fs, KT_AUTHOR, view.author);
		f_uint(&fs, KT_GROUP, view.group);
		f_uint(&fs, KT_REF, view.ref);
		f_uint(&fs, KT_NUMBER, view.number);
		f_int(&fs, KT_PHASE, view.phase);
		f_int(&fs, KT_TIME, view.time);
		f_str(&fs, KT_TEXT, view.text);
		f_str(&fs, KT_TEXT2, view.text2);
		f_str(&fs, KT_BODY, view.body);
		f_uint(&fs, KT_FLAGS, view.flags);
		f_int(&fs, KT_CONF, view.conf);
		f_uint(&fs, KT_MEETING, view.meeting);
		f_uint(&fs, KT_STEP, view.step);
		/* model_item_view leaves a hidden item no action. */
		action = view.kind == ITEM_ACTION && view.action != NULL;
		ind = view.kind == ITEM_INDICATOR && view.ind != NULL;
		pack_fields(pk, &fs, action + ind);
		if (action) {
			msgpack_pack_uint64(pk, KT_ACTION);
			pack_action(pk, view.action);
		}
		if (ind) {
			msgpack_pack_uint64(pk, KT_INDICATOR);
			pack_indicator(pk, view.ind);
		}
		free(nameless);
	}

	msgpack_pack_uint64(pk, KS_POLLS);
	msgpack_pack_array(pk, ws->npolls);
	for (i = 0; i < ws->npolls; i++)
		pack_poll(pk, ws, &ws->polls[i], self);
	return 0;
}

static int
pack_msg(msgpack_packer *pk, const struct msg *m)
{
	struct fields		 fs = { .n = 0 };
	const struct workshop	*room;
	size_t			 i;

	field_add(&fs, K_TYPE, F_INT)->i = m->type;	/* always there */
	switch (m->type) {
	case MSG_HELLO:
		f_uint(&fs, K_HELLO_VERSION, m->hello.version);
		f_str(&fs, K_HELLO_CODE, m->hello.code);
		f_str(&fs, K_HELLO_NAME, m->hello.name);
		f_str(&fs, K_HELLO_GROUP, m->hello.group);
		f_str(&fs, K_HELLO_TOKEN, m->hello.token);
		f_uint(&fs, K_HELLO_LAST_SEQ, m->hello.last_seq);
		f_bool(&fs, K_HELLO_OBSERVER, m->hello.observer);
		f_str(&fs, K_HELLO_FAC_CODE, m->hello.fac_code);
		f_bool(&fs, K_HELLO_CLAIM, m->hello.claim);
		pack_fields(pk, &fs, 0);
		return 0;
	case MSG_LOBBY:
		if (m->lobby.ngroups > 0 && m->lobby.groups == NULL)
			return -1;
		for (i = 0; i < m->lobby.ngroups; i++)
			if (m->lobby.groups[i] == NULL)
				return -1;
		f_str(&fs, K_LOBBY_TITLE, m->lobby.title);
		pack_fields(pk, &fs, 1);
		msgpack_pack_uint64(pk, K_LOBBY_GROUPS);
		msgpack_pack_array(pk, m->lobby.ngroups);
		for (i = 0; i < m->lobby.ngroups; i++)
			pack_str(pk, m->lobby.groups[i]);
		return 0;
	case MSG_WELCOME:
		room = m->welcome.snapshot_src;
		if (room == NULL)
			room = m->welcome.room;
		f_uint(&fs, K_WELCOME_SELF, m->welcome.self);
		f_str(&fs, K_WELCOME_TOKEN, m->welcome.token);
		if (room == NULL) {
			/* A resume: the events the replica lacks follow. */
			if (m->welcome.resume_from == 0)
				return -1;
			f_uint(&fs, K_WELCOME_FROM, m->welcome.resume_from);
			f_int(&fs, K_WELCOME_NOW, m->now);
			pack_fields(pk, &fs, 0);
			return 0;
		}
		f_int(&fs, K_WELCOME_NOW, m->now);
		pack_fields(pk, &fs, 1);
		msgpack_pack_uint64(pk, K_WELCOME_ROOM);
		return pack_room(pk, room, m->welcome.self);
	case MSG_REFUSE:
		f_int(&fs, K_REFUSE_CODE, m->refuse.code);
		f_str(&fs, K_REFUSE_TEXT, m->refuse.text);
		pack_fields(pk, &fs, 0);
		return 0;
	case MSG_INTENT:
		pack_fields(pk, &fs, 1);
		msgpack_pack_uint64(pk, K_INTENT);
		pack_intent(pk, &m->intent);
		return 0;
	case MSG_ACK:
		f_uint(&fs, K_ACK_REQ, m->ack.req);
		f_uint(&fs, K_ACK_SEQ, m->ack.seq);
		pack_fields(pk, &fs, 0);
		return 0;
	case MSG_ERROR:
		f_uint(&fs, K_ERROR_REQ, m->error.req);
		f_int(&fs, K_ERROR_CODE, m->error.code);
		f_str(&fs, K_ERROR_TEXT, m->error.text);
		pack_fields(pk, &fs, 0);
		return 0;
	case MSG_EVENT:
		return pack_event_frame(pk, &m->event);
	case MSG_PRESENCE:
		f_uint(&fs, K_PRESENCE_WHO, m->presence.who);
		f_bool(&fs, K_PRESENCE_PRESENT, m->presence.present);
		pack_fields(pk, &fs, 0);
		return 0;
	case MSG_PING:
		f_int(&fs, K_PING_NOW, m->now);
		pack_fields(pk, &fs, 0);
		return 0;
	case MSG_PONG:
		pack_fields(pk, &fs, 0);
		return 0;
	}
	return -1;
}

int
wire_encode(const struct msg *m, struct wire_buf *out)
{
	msgpack_packer	pk;
	size_t		start = out->len, body;
	uint8_t		zero[WIRE_HEADER_SIZE] = { 0 };
	uint8_t		*hdr;

	buf_write(out, (const char *)zero, sizeof zero);
	msgpack_packer_init(&pk, out, buf_write);
	if (pack_msg(&pk, m) != 0)
		goto fail;
	body = out->len - start - WIRE_HEADER_SIZE;
	if (body > WIRE_SERVER_FRAME_MAX)
		goto fail;
	hdr = out->data + start;
	hdr[0] = (uint8_t)(body >> 24);
	hdr[1] = (uint8_t)(body >> 16);
	hdr[2] = (uint8_t)(body >> 8);
	hdr[3] = (uint8_t)body;
	return 0;

fail:
	out->len = start;
	return -1;
}

int
wire_encode_record(const struct event *ev, struct wire_buf *out)
{
	msgpack_packer	pk;

	msgpack_packer_init(&pk, out, buf_write);
	pack_record(&pk, ev);
	return 0;
}

/* --- decoding ----------------------------------------------------------- */

struct dec {
	char	*err;
	size_t	 errlen;
};

static int
dec_fail(struct dec *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
dec_fail(struct dec *d, const char *fmt, ...)
{
	va_list	ap;

	if (d->err != NULL && d->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(d->err, d->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
get_u64(struct dec *d, const msgpack_object *o, uint64_t max, uint64_t *out,
    const char *what)
{
	if (o->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
		return dec_fail(d, "%s is not an unsigned integer", what);
	if (o->via.u64 > max)
		return dec_fail(d, "%s is out of range", what);
	*out = o->via.u64;
	return 0;
}

static int
get_u32(struct dec *d, const msgpack_object *o, uint32_t *out,
    const char *what)
{
	uint64_t	v = 0;

	if (get_u64(d, o, UINT32_MAX, &v, what) != 0)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int
get_i64(struct dec *d, const msgpack_object *o, int64_t min, int64_t max,
    int64_t *out, const char *what)
{
	if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
		/* Past max, or below a min above zero (an enum from 1). */
		if (max < 0 || o->via.u64 > (uint64_t)max ||
		    (int64_t)o->via.u64 < min)
			return dec_fail(d, "%s is out of range", what);
		*out = (int64_t)o->via.u64;
		return 0;
	}
	if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
		if (o->via.i64 < min || o->via.i64 > max)
			return dec_fail(d, "%s is out of range", what);
		*out = o->via.i64;
		return 0;
	}
	return dec_fail(d, "%s is not an integer", what);
}

static int
get_i32(struct dec *d, const msgpack_object *o, int32_t *out,
    const char *what)
{
	int64_t	v = 0;

	if (get_i64(d, o, INT32_MIN, INT32_MAX, &v, what) != 0)
		return -1;
	*out = (int32_t)v;
	return 0;
}

/* A date: YYYYMMDD of a real day, or 0 for none. */
static int
get_date(struct dec *d, const msgpack_object *o, int32_t *out,
    const char *what)
{
	int32_t	v = 0;

	if (get_i32(d, o, &v, what) != 0)
		return -1;
	if (v != 0 && !model_date_valid(v))
		return dec_fail(d, "%s is not a date (%ld)", what, (long)v);
	*out = v;
	return 0;
}

/* An int field, within [min, max] (an enum's values, or all of int). */
static int
get_int(struct dec *d, const msgpack_object *o, int min, int max, int *out,
    const char *what)
{
	int64_t	v = 0;

	if (get_i64(d, o, min, max, &v, what) != 0)
		return -1;
	*out = (int)v;
	return 0;
}

static int
get_bool(struct dec *d, const msgpack_object *o, bool *out, const char *what)
{
	if (o->type != MSGPACK_OBJECT_BOOLEAN)
		return dec_fail(d, "%s is not true or false", what);
	*out = o->via.boolean;
	return 0;
}

/* Copies a str out of msgpack's zone into a new NUL-terminated string. */
static int
get_str(struct dec *d, const msgpack_object *o, char **out, const char *what)
{
	const char	*p = o->via.str.ptr;
	uint32_t	 n = o->via.str.size;
	char		*s;

	if (o->type != MSGPACK_OBJECT_STR)
		return dec_fail(d, "%s is not a string", what);
	if (n > 0 && memchr(p, '\0', n) != NULL)
		return dec_fail(d, "%s contains a NUL byte", what);
	s = xmalloc((size_t)n + 1);
	if (n > 0)
		memcpy(s, p, n);
	s[n] = '\0';
	free(*out);	/* keys are unique, so always NULL; be safe */
	*out = s;
	return 0;
}

/* get_str for a string of at most max bytes: longer is refused before
 * it is copied. */
static int
get_text(struct dec *d, const msgpack_object *o, size_t max, char **out,
    const char *what)
{
	if (o->type == MSGPACK_OBJECT_STR && o->via.str.size > max)
		return dec_fail(d, "%s is too long (%lu bytes; at most %zu)",
		    what, (unsigned long)o->via.str.size, max);
	return get_str(d, o, out, what);
}

typedef int (*field_fn)(struct dec *, void *obj, uint64_t key,
    const msgpack_object *val);

/* Calls fn for every integer key of map o; other keys are unknown and
 * skipped.  A known key (below 64) may appear once. */
static int
each_field(struct dec *d, const msgpack_object *o, const char *what,
    void *obj, field_fn fn)
{
	const msgpack_object_kv	*kv;
	uint64_t		 seen = 0, key;
	uint32_t		 i;

	if (o->type != MSGPACK_OBJECT_MAP)
		return dec_fail(d, "%s is not a map", what);
	for (i = 0; i < o->via.map.size; i++) {
		kv = &o->via.map.ptr[i];
		if (kv->key.type != MSGPACK_OBJECT_POSITIVE_INTEGER)
			continue;
		key = kv->key.via.u64;
		if (key < 64) {
			if (seen & (UINT64_C(1) << key))
				return dec_fail(d, "%s repeats key %u", what,
				    (unsigned)key);
			seen |= UINT64_C(1) << key;
		}
		if (fn(d, obj, key, &kv->val) != 0)
			return -1;
	}
	return 0;
}

/* Checks an array's type and size; returns its size or -1. */
static int64_t
get_array(struct dec *d, const msgpack_object *o, size_t max,
    const char *what)
{
	if (o->type != MSGPACK_OBJECT_ARRAY)
		return dec_fail(d, "%s is not an array", what);
	if (o->via.array.size > max)
		return dec_fail(d, "too many %s (%u; at most %zu)", what,
		    (unsigned)o->via.array.size, max);
	return o->via.array.size;
}

static int
intent_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct intent	*in = obj;

	switch (key) {
	case KI_TYPE:
		return get_int(d, v, INT_MIN, INT_MAX, &in->type,
		    "intent type");
	case KI_REQ:
		return get_u32(d, v, &in->req, "intent req");
	case KI_REF:
		return get_u32(d, v, &in->ref, "intent ref");
	case KI_VALUE:
		return get_i32(d, v, &in->value, "intent value");
	case KI_VALUE2:
		return get_i32(d, v, &in->value2, "intent value2");
	case KI_TEXT:
		return get_text(d, v, MODEL_BODY_MAX, &in->text,
		    "intent text");
	case KI_TEXT2:
		return get_text(d, v, MODEL_TEXT_MAX, &in->text2,
		    "intent text2");
	case KI_FLAGS:
		return get_u32(d, v, &in->flags, "intent flags");
	case KI_LANG:
		return get_text(d, v, MODEL_LANG_MAX, &in->lang,
		    "intent language");
	}
	return 0;
}

static int
vote_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct vote	*vo = obj;

	switch (key) {
	case KV_VOTER:
		return get_u32(d, v, &vo->voter, "voter");
	case KV_GROUP:
		return get_u32(d, v, &vo->group, "voter's group");
	case KV_ANSWER:
		return get_i32(d, v, &vo->answer, "answer");
	case KV_WEIGHT:
		return get_i32(d, v, &vo->weight, "answer weight");
	case KV_REASON:
		return get_str(d, v, &vo->reason, "reason");
	}
	return 0;
}

/*
 * An array of votes into a new array (model_votes_free frees it, with
 * *n of its elements): *n goes up before a vote is filled, so a half-
 * decoded one is freed too.  An empty array leaves *out NULL.
 */
static int
get_votes(struct dec *d, const msgpack_object *o, struct vote **out,
    size_t *n, const char *what)
{
	int64_t	 count, i;

	if ((count = get_array(d, o, VOTES_MAX, what)) < 0)
		return -1;
	model_votes_free(*out, *n);	/* keys are unique: always NULL */
	*out = NULL;
	*n = 0;
	if (count == 0)
		return 0;
	*out = xcalloc((size_t)count, sizeof **out);
	for (i = 0; i < count; i++) {
		(*n)++;
		if (each_field(d, &o->via.array.ptr[i], "vote", &(*out)[i],
		    vote_field) != 0)
			return -1;
	}
	return 0;
}

/* What holds of every vote whatever the poll: a reveal's votes are
 * checked against nothing else. */
static int
check_vote(struct dec *d, const struct vote *v, const char *what, size_t i)
{
	if (v->answer < 1)
		return dec_fail(d, "%s %zu has no answer", what, i + 1);
	if (v->weight < 1 || v->weight > MODEL_DOTS_MAX)
		return dec_fail(d, "%s %zu weighs %d", what, i + 1,
		    (int)v->weight);
	if (v->reason != NULL && !text_valid_utf8(v->reason,
	    strlen(v->reason)))
		return dec_fail(d, "reason of %s %zu is not valid UTF-8", what,
		    i + 1);
	return 0;
}

struct event_ctx {
	struct event	*ev;
	bool		 record;
};

static int
event_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct event_ctx *c = obj;
	struct event	 *ev = c->ev;

	switch (key) {
	case KE_TYPE:
		return get_int(d, v, INT_MIN, INT_MAX, &ev->type,
		    "event type");
	case KE_SEQ:
		return get_u64(d, v, UINT64_MAX, &ev->seq, "event seq");
	case KE_TIME:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &ev->time,
		    "event time");
	case KE_ACTOR:
		return get_u32(d, v, &ev->actor, "event actor");
	case KE_REQ:
		return get_u32(d, v, &ev->req, "event req");
	case KE_ID:
		return get_u32(d, v, &ev->id, "event id");
	case KE_REF:
		return get_u32(d, v, &ev->ref, "event ref");
	case KE_GROUP:
		return get_u32(d, v, &ev->group, "event group");
	case KE_VALUE:
		return get_i32(d, v, &ev->value, "event value");
	case KE_VALUE2:
		return get_i32(d, v, &ev->value2, "event value2");
	case KE_TEXT:
		return get_str(d, v, &ev->text, "event text");
	case KE_TEXT2:
		return get_str(d, v, &ev->text2, "event text2");
	case KE_SECRET:
		/* Only a record has one: a frame has no place for it. */
		return get_str(d, v, &ev->secret, "event secret");
	case KE_FLAGS:
		return get_u32(d, v, &ev->flags, "event flags");
	case KE_LANG:
		/* Only a record has one, as the secret. */
		return get_str(d, v, &ev->lang, "event language");
	case KE_VOTES:
		/* A record never carries them (the votes are journaled as
		 * their own events); ignore them like an unknown key. */
		if (c->record)
			return 0;
		return get_votes(d, v, &ev->votes, &ev->nvotes, "votes");
	}
	return 0;
}

static int
check_votes(struct dec *d, const struct event *ev)
{
	size_t	i;

	for (i = 0; i < ev->nvotes; i++)
		if (check_vote(d, &ev->votes[i], "vote", i) != 0)
			return -1;
	return 0;
}

/* A journal record: a map. */
static int
decode_record(struct dec *d, const msgpack_object *o, struct event *ev)
{
	struct event_ctx c = { ev, true };

	if (each_field(d, o, "event", &c, event_field) != 0)
		return -1;
	return check_votes(d, ev);
}

/* An event in a frame (pack_event_frame): an array in which nil is a
 * field's zero. */
static int
decode_event_frame(struct dec *d, const msgpack_object *o, struct event *ev)
{
	struct event_ctx	 c = { ev, false };
	const msgpack_object	*v = o->via.array.ptr;
	uint32_t		 n = o->via.array.size, s;

	if (n < 2 || n > EVENT_SLOTS)
		return dec_fail(d, "an event has %u fields (from 2 to %zu)",
		    (unsigned)n, EVENT_SLOTS);
	for (s = 0; s < n; s++)
		if (v[s].type != MSGPACK_OBJECT_NIL &&
		    event_field(d, &c, event_slot[s], &v[s]) != 0)
			return -1;
	return check_votes(d, ev);
}

static int
group_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct group	*g = obj;

	switch (key) {
	case KG_ID:
		return get_u32(d, v, &g->id, "group id");
	case KG_NAME:
		return get_str(d, v, &g->name, "group name");
	}
	return 0;
}

static int
person_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct participant *p = obj;

	switch (key) {
	case KP_ID:
		return get_u32(d, v, &p->id, "participant id");
	case KP_NAME:
		return get_str(d, v, &p->name, "participant name");
	case KP_GROUP:
		return get_u32(d, v, &p->group, "participant group");
	case KP_ROLE:
		return get_int(d, v, ROLE_FACILITATOR, ROLE_OBSERVER,
		    &p->role, "participant role");
	case KP_PRESENT:
		return get_bool(d, v, &p->present, "participant presence");
	case KP_LAST_REQ:
		return get_u32(d, v, &p->last_req, "participant last_req");
	case KP_JOINED:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &p->joined,
		    "participant joined");
	case KP_HAND:
		return get_u64(d, v, UINT64_MAX, &p->hand, "participant hand");
	case KP_REMOVED:
		return get_bool(d, v, &p->removed, "participant removed");
	}
	return 0;
}

static int
owner_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct owner	*o = obj;

	switch (key) {
	case KO_PERSON:
		return get_u32(d, v, &o->person, "owner person");
	case KO_GROUP:
		return get_u32(d, v, &o->group, "owner group");
	case KO_COMMITTED:
		return get_bool(d, v, &o->committed, "owner committed");
	}
	return 0;
}

static int
milestone_field(struct dec *d, void *obj, uint64_t key,
    const msgpack_object *v)
{
	struct milestone *ms = obj;

	switch (key) {
	case KMS_DATE:
		return get_date(d, v, &ms->date, "milestone date");
	case KMS_DONE:
		return get_bool(d, v, &ms->done, "milestone done");
	case KMS_MEETING:
		return get_u32(d, v, &ms->meeting, "milestone meeting");
	case KMS_TEXT:
		return get_str(d, v, &ms->text, "milestone text");
	}
	return 0;
}

/* "" or three letters; anything longer is refused before it is
 * copied into the action's four bytes. */
static int
get_currency(struct dec *d, const msgpack_object *o, char out[4])
{
	char	*s = NULL;
	int	 rc = 0;

	if (get_str(d, o, &s, "currency") != 0)
		return -1;
	if (s[0] != '\0' && (strlen(s) != 3 || !model_currency_valid(s)))
		rc = dec_fail(d, "currency \"%.8s\" is not three capital "
		    "letters", s);
	else
		memcpy(out, s, strlen(s) + 1);
	free(s);
	return rc;
}

/*
 * Owners and milestones fill fresh arrays the model's action_free()
 * frees; the count goes up before an element is filled, as for the
 * snapshot's arrays.
 */
static int
action_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct action	*a = obj;
	int64_t		 n, i;

	switch (key) {
	case KA_HOW:
		return get_str(d, v, &a->how, "action how");
	case KA_RESOURCES:
		return get_str(d, v, &a->resources, "action resources");
	case KA_PROVIDER:
		return get_str(d, v, &a->provider, "action provider");
	case KA_DUE:
		return get_date(d, v, &a->due, "action due date");
	case KA_COST:
		return get_i64(d, v, 0, MODEL_COST_MAX, &a->cost,
		    "action cost");
	case KA_CURRENCY:
		return get_currency(d, v, a->currency);
	case KA_STATUS:
		return get_int(d, v, ACTION_PROPOSED, ACTION_DROPPED,
		    &a->status, "action status");
	case KA_TERM:
		return get_int(d, v, TERM_NONE, TERM_LONG, &a->term,
		    "action term");
	case KA_QUICK_WIN:
		return get_bool(d, v, &a->quick_win, "action quick_win");
	case KA_FAC_AGREED:
		return get_bool(d, v, &a->fac_agreed, "action fac_agreed");
	case KA_INDICATOR:
		return get_u32(d, v, &a->indicator, "action indicator");
	case KA_OWNERS:
		if ((n = get_array(d, v, MODEL_OWNERS_MAX, "owners")) < 0)
			return -1;
		if (n == 0)
			return 0;
		a->owners = xcalloc((size_t)n, sizeof *a->owners);
		for (i = 0; i < n; i++) {
			a->nowners++;
			if (each_field(d, &v->via.array.ptr[i], "owner",
			    &a->owners[i], owner_field) != 0)
				return -1;
		}
		return 0;
	case KA_MILESTONES:
		if ((n = get_array(d, v, MODEL_MILESTONES_MAX,
		    "milestones")) < 0)
			return -1;
		if (n == 0)
			return 0;
		a->milestones = xcalloc((size_t)n, sizeof *a->milestones);
		for (i = 0; i < n; i++) {
			a->nmilestones++;
			if (each_field(d, &v->via.array.ptr[i], "milestone",
			    &a->milestones[i], milestone_field) != 0)
				return -1;
		}
		return 0;
	}
	return 0;
}

/* An action as the model makes one: proposed, no cost. */
static struct action *
action_default(void)
{
	struct action	*a = xcalloc(1, sizeof *a);

	a->status = ACTION_PROPOSED;
	a->cost = -1;
	return a;
}

static int
score_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct score	*sc = obj;

	switch (key) {
	case KSC_MEETING:
		return get_u32(d, v, &sc->meeting, "score meeting");
	case KSC_POINT:
		return get_int(d, v, 1, MODEL_SCALE_MAX, &sc->point,
		    "score point");
	case KSC_POLL:
		return get_u32(d, v, &sc->poll, "score poll");
	}
	return 0;
}

/* The scores fill a fresh array the model's indicator_free() frees. */
static int
indicator_field(struct dec *d, void *obj, uint64_t key,
    const msgpack_object *v)
{
	struct indicator *ind = obj;
	int64_t		 n, i;

	switch (key) {
	case KN_BASELINE:
		return get_str(d, v, &ind->baseline, "indicator baseline");
	case KN_TARGET:
		return get_str(d, v, &ind->target, "indicator target");
	case KN_SCORES:
		if ((n = get_array(d, v, MODEL_MEETINGS_MAX, "scores")) < 0)
			return -1;
		if (n == 0)
			return 0;
		ind->scores = xcalloc((size_t)n, sizeof *ind->scores);
		for (i = 0; i < n; i++) {
			ind->nscores++;
			if (each_field(d, &v->via.array.ptr[i], "score",
			    &ind->scores[i], score_field) != 0)
				return -1;
		}
		return 0;
	}
	return 0;
}

static int
item_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct item	*it = obj;

	switch (key) {
	case KT_ID:
		return get_u32(d, v, &it->id, "item id");
	case KT_KIND:
		return get_int(d, v, ITEM_HIDDEN, ITEM_KIND_COUNT - 1,
		    &it->kind, "item kind");
	case KT_STATUS:
		return get_int(d, v, STATUS_OPEN, STATUS_MAX,
		    &it->status, "item status");
	case KT_AUTHOR:
		return get_u32(d, v, &it->author, "item author");
	case KT_GROUP:
		return get_u32(d, v, &it->group, "item group");
	case KT_REF:
		return get_u32(d, v, &it->ref, "item ref");
	case KT_NUMBER:
		return get_u32(d, v, &it->number, "item number");
	case KT_PHASE:
		return get_int(d, v, PHASE_WELCOME, PHASE_COUNT - 1,
		    &it->phase, "item phase");
	case KT_TIME:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &it->time,
		    "item time");
	case KT_TEXT:
		return get_str(d, v, &it->text, "item text");
	case KT_TEXT2:
		return get_str(d, v, &it->text2, "item text2");
	case KT_BODY:
		return get_str(d, v, &it->body, "item body");
	case KT_FLAGS:
		return get_u32(d, v, &it->flags, "item flags");
	case KT_CONF:
		return get_int(d, v, CONF_DEFAULT, CONF_OFF_RECORD, &it->conf,
		    "item confidentiality");
	case KT_MEETING:
		return get_u32(d, v, &it->meeting, "item meeting");
	case KT_STEP:
		return get_u32(d, v, &it->step, "item step");
	case KT_ACTION:
		/* Owned by the item at once, so model_free() frees a half-
		 * decoded one; whether the kind may have one is checked
		 * once the whole item is read (keys come in any order). */
		it->action = action_default();
		return each_field(d, v, "action", it->action, action_field);
	case KT_INDICATOR:
		/* Owned at once, checked once read, as an action. */
		it->ind = xcalloc(1, sizeof *it->ind);
		return each_field(d, v, "indicator", it->ind,
		    indicator_field);
	}
	return 0;
}

static int
poll_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct poll	*p = obj;
	int64_t		 n, i;

	switch (key) {
	case KL_ID:
		return get_u32(d, v, &p->id, "poll id");
	case KL_KIND:
		return get_int(d, v, POLL_HIDDEN, POLL_SCORE, &p->kind,
		    "poll kind");
	case KL_STATE:
		return get_int(d, v, POLL_OPEN, POLL_REVEALED, &p->state,
		    "poll state");
	case KL_FLAGS:
		return get_u32(d, v, &p->flags, "poll flags");
	case KL_TARGET:
		return get_u32(d, v, &p->target, "poll target");
	case KL_ROUND:
		return get_int(d, v, 0, INT_MAX, &p->round, "poll round");
	case KL_DOTS:
		return get_int(d, v, 0, MODEL_DOTS_MAX, &p->dots,
		    "dots of a dot vote");
	case KL_PHASE:
		return get_int(d, v, PHASE_WELCOME, PHASE_COUNT - 1,
		    &p->phase, "poll phase");
	case KL_TEXT:
		return get_str(d, v, &p->text, "poll text");
	case KL_OPTIONS:
		if ((n = get_array(d, v, MODEL_ITEMS_MAX, "poll options")) < 0)
			return -1;
		free(p->options);	/* keys are unique: always NULL */
		p->options = NULL;
		p->noptions = 0;
		if (n == 0)
			return 0;
		p->options = xcalloc((size_t)n, sizeof *p->options);
		p->noptions = (size_t)n;
		for (i = 0; i < n; i++)
			if (get_u32(d, &v->via.array.ptr[i], &p->options[i],
			    "poll option") != 0)
				return -1;
		return 0;
	case KL_VOTES:
		if (get_votes(d, v, &p->votes, &p->nvotes, "votes") != 0)
			return -1;
		p->votes_cap = p->nvotes;
		return 0;
	case KL_ANSWERED:
		return get_u32(d, v, &p->answered, "poll answered");
	case KL_VERDICT:
		/* A score's is its point (check_poll). */
		return get_int(d, v, VERDICT_NONE, MODEL_SCALE_MAX,
		    &p->verdict, "poll verdict");
	case KL_VERDICT_TEXT:
		return get_str(d, v, &p->verdict_text, "poll verdict text");
	case KL_OPENED:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &p->opened,
		    "poll opened");
	case KL_CLOSED:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &p->closed,
		    "poll closed");
	case KL_GROUP:
		return get_u32(d, v, &p->group, "poll group");
	case KL_MEMBERS:
		return get_u32(d, v, &p->members, "poll members");
	}
	return 0;
}

static int
meeting_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct meeting	*mt = obj;
	int64_t		 n, i;

	switch (key) {
	case KMT_ID:
		return get_u32(d, v, &mt->id, "meeting id");
	case KMT_DATE:
		return get_date(d, v, &mt->date, "meeting date");
	case KMT_STARTED:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &mt->started,
		    "meeting started");
	case KMT_PLANNED:
		return get_int(d, v, 0, 24 * 60, &mt->planned,
		    "meeting's planned start");
	case KMT_CAME:
		if ((n = get_array(d, v, MODEL_PEOPLE_MAX,
		    "people who came")) < 0)
			return -1;
		if (n == 0)
			return 0;
		mt->came = xcalloc((size_t)n, sizeof *mt->came);
		mt->ncame = mt->came_cap = (size_t)n;
		for (i = 0; i < n; i++)
			if (get_u32(d, &v->via.array.ptr[i], &mt->came[i],
			    "person who came") != 0)
				return -1;
		return 0;
	}
	return 0;
}

static int
visit_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct visit	*vs = obj;

	switch (key) {
	case KVS_MEETING:
		return get_u32(d, v, &vs->meeting, "meeting of a visit");
	case KVS_STEP:
		return get_u32(d, v, &vs->step, "phase of a visit");
	case KVS_FIRST:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &vs->first,
		    "start of a visit");
	case KVS_SPENT:
		return get_i64(d, v, 0, INT64_MAX, &vs->spent,
		    "time spent in a visit");
	case KVS_SINCE:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &vs->since,
		    "time of a visit");
	}
	return 0;
}

static int
step_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct step	*st = obj;

	switch (key) {
	case KST_KIND:
		return get_int(d, v, PHASE_WELCOME, PHASE_COUNT - 1,
		    &st->kind, "kind of a phase");
	case KST_MINUTES:
		return get_int(d, v, 0, MODEL_MINUTES_MAX, &st->minutes,
		    "timebox of a phase");
	case KST_FLAGS:
		return get_u32(d, v, &st->flags, "flags of a phase");
	case KST_TITLE:
		return get_str(d, v, &st->title, "title of a phase");
	case KST_PROMPT:
		return get_str(d, v, &st->prompt, "prompt of a phase");
	}
	return 0;
}

static int
clock_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct workshop	*ws = obj;
	struct timer	*t = &ws->timer;

	switch (key) {
	case KC_STATE:
		return get_int(d, v, TIMER_OFF, TIMER_PAUSED, &t->state,
		    "timer state");
	case KC_DEADLINE:
		return get_i64(d, v, INT64_MIN / 2, INT64_MAX / 2,
		    &t->deadline, "timer deadline");
	case KC_LEFT:
		return get_i32(d, v, &t->left, "timer left");
	case KC_TOTAL:
		return get_i32(d, v, &t->total, "timer total");
	case KC_PHASE:
		return get_int(d, v, 0, MODEL_STEPS_MAX - 1, &t->phase,
		    "timer phase");
	case KC_STARTED:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &t->started,
		    "timer started");
	case KC_BELL:
		return get_bool(d, v, &t->bell, "timer bell");
	case KC_FLOOR_SINCE:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &ws->floor_since,
		    "floor since");
	case KC_TURN_LIMIT:
		return get_i32(d, v, &ws->turn_limit, "turn limit");
	}
	return 0;
}

/*
 * Each array fills a fresh calloc'd array that model_free() frees; the
 * count goes up before an element is filled, so model_free() also frees
 * what a half-decoded element holds.
 */
static int
room_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct workshop	*ws = obj;
	int64_t		 n, i;
	uint64_t	 step = 0;

	switch (key) {
	case KS_SEQ:
		return get_u64(d, v, UINT64_MAX, &ws->seq, "snapshot seq");
	case KS_CREATED:
		return get_i64(d, v, INT64_MIN, INT64_MAX, &ws->created,
		    "snapshot created");
	case KS_TITLE:
		return get_str(d, v, &ws->title, "snapshot title");
	case KS_PHASE:
		return get_int(d, v, PHASE_WELCOME, PHASE_COUNT - 1,
		    &ws->phase, "snapshot phase");
	case KS_QUESTION:
		return get_u32(d, v, &ws->question, "snapshot question");
	case KS_RULES_ADOPTED:
		return get_u32(d, v, &ws->rules_adopted,
		    "snapshot rules_adopted");
	case KS_DECISION_RULE:
		return get_int(d, v, 0, DECIDE_TWO_THIRDS, &ws->decision_rule,
		    "decision rule");
	case KS_FALLBACK_RULE:
		return get_int(d, v, 0, DECIDE_TWO_THIRDS, &ws->fallback_rule,
		    "fallback rule");
	case KS_FALLBACK_ROUNDS:
		return get_int(d, v, 0, INT_MAX, &ws->fallback_rounds,
		    "fallback rounds");
	case KS_CHARTER_POLL:
		return get_u32(d, v, &ws->charter_poll, "charter poll");
	case KS_CONFIDENTIALITY:
		return get_int(d, v, CONF_DEFAULT, CONF_OFF_RECORD,
		    &ws->confidentiality, "room confidentiality");
	case KS_PHASE_CONF:
		/* Phases left out follow the room. */
		if ((n = get_array(d, v, PHASE_COUNT, "phase_conf")) < 0)
			return -1;
		for (i = 0; i < n; i++)
			if (get_int(d, &v->via.array.ptr[i], CONF_DEFAULT,
			    CONF_OFF_RECORD, &ws->phase_conf[i],
			    "confidentiality of a phase") != 0)
				return -1;
		return 0;
	case KS_MEETING:
		return get_u32(d, v, &ws->meeting, "current meeting");
	case KS_NEXT_REVIEW:
		return get_date(d, v, &ws->next_review, "next review");
	case KS_TEMPLATE:
		return get_str(d, v, &ws->template, "template");
	case KS_LANG:
		if (get_text(d, v, MODEL_LANG_MAX, &ws->lang, "language") != 0)
			return -1;
		if (!model_lang_ok(ws->lang))
			return dec_fail(d, "language is not a language's name");
		return 0;
	case KS_STEP:
		if (get_u64(d, v, MODEL_STEPS_MAX, &step, "current step") != 0)
			return -1;
		ws->step = (size_t)step;
		return 0;
	case KS_VISITS:
		if ((n = get_array(d, v, VISITS_MAX, "visits")) < 0)
			return -1;
		free(ws->visits);
		ws->visits = xcalloc((size_t)n, sizeof *ws->visits);
		ws->visits_cap = (size_t)n;
		for (i = 0; i < n; i++) {
			ws->nvisits++;
			if (each_field(d, &v->via.array.ptr[i], "visit",
			    &ws->visits[i], visit_field) != 0)
				return -1;
		}
		return 0;
	case KS_STEPS:
		if ((n = get_array(d, v, MODEL_STEPS_MAX, "steps")) < 0)
			return -1;
		free(ws->steps);
		ws->steps = xcalloc((size_t)n, sizeof *ws->steps);
		ws->steps_cap = (size_t)n;
		for (i = 0; i < n; i++) {
			ws->nsteps++;
			if (each_field(d, &v->via.array.ptr[i], "step",
			    &ws->steps[i], step_field) != 0)
				return -1;
		}
		return 0;
	case KS_CLOCK:
		return each_field(d, v, "clock", ws, clock_field);
	case KS_MEETINGS:
		if ((n = get_array(d, v, MODEL_MEETINGS_MAX, "meetings")) < 0)
			return -1;
		free(ws->meetings);
		ws->meetings = xcalloc((size_t)n, sizeof *ws->meetings);
		ws->meetings_cap = (size_t)n;
		for (i = 0; i < n; i++) {
			ws->nmeetings++;
			if (each_field(d, &v->via.array.ptr[i], "meeting",
			    &ws->meetings[i], meeting_field) != 0)
				return -1;
		}
		return 0;
	case KS_SPEAKER:
		return get_u32(d, v, &ws->speaker, "speaker");
	case KS_HANDS:
		return get_u64(d, v, UINT64_MAX, &ws->hands, "hands raised");
	case KS_SPOKEN:
		/* Counts left out are zero. */
		if ((n = get_array(d, v, PHASE_COUNT, "spoken")) < 0)
			return -1;
		for (i = 0; i < n; i++) {
			const msgpack_object *ph = &v->via.array.ptr[i];
			int64_t		      g, ng;

			if ((ng = get_array(d, ph, MODEL_GROUPS_MAX + 1,
			    "turns of a phase")) < 0)
				return -1;
			for (g = 0; g < ng; g++)
				if (get_u32(d, &ph->via.array.ptr[g],
				    &ws->spoken[i][g], "turns taken") != 0)
					return -1;
		}
		return 0;
	case KS_POLLS:
		if ((n = get_array(d, v, MODEL_POLLS_MAX, "polls")) < 0)
			return -1;
		free(ws->polls);
		ws->polls = xcalloc((size_t)n, sizeof *ws->polls);
		ws->polls_cap = (size_t)n;
		for (i = 0; i < n; i++) {
			ws->npolls++;
			if (each_field(d, &v->via.array.ptr[i], "poll",
			    &ws->polls[i], poll_field) != 0)
				return -1;
		}
		return 0;
	case KS_GROUPS:
		if ((n = get_array(d, v, MODEL_GROUPS_MAX, "groups")) < 0)
			return -1;
		free(ws->groups);
		ws->groups = xcalloc((size_t)n, sizeof *ws->groups);
		ws->groups_cap = (size_t)n;
		for (i = 0; i < n; i++) {
			ws->ngroups++;
			if (each_field(d, &v->via.array.ptr[i], "group",
			    &ws->groups[i], group_field) != 0)
				return -1;
		}
		return 0;
	case KS_PEOPLE:
		if ((n = get_array(d, v, MODEL_PEOPLE_MAX, "participants")) < 0)
			return -1;
		free(ws->people);
		ws->people = xcalloc((size_t)n, sizeof *ws->people);
		ws->people_cap = (size_t)n;
		for (i = 0; i < n; i++) {
			ws->npeople++;
			if (each_field(d, &v->via.array.ptr[i], "participant",
			    &ws->people[i], person_field) != 0)
				return -1;
		}
		return 0;
	case KS_ITEMS:
		if ((n = get_array(d, v, MODEL_ITEMS_MAX, "items")) < 0)
			return -1;
		free(ws->items);
		ws->items = xcalloc((size_t)n, sizeof *ws->items);
		ws->items_cap = (size_t)n;
		for (i = 0; i < n; i++) {
			ws->nitems++;
			if (each_field(d, &v->via.array.ptr[i], "item",
			    &ws->items[i], item_field) != 0)
				return -1;
		}
		return 0;
	}
	return 0;
}

static int
check_utf8(struct dec *d, const char *s, const char *what, size_t i)
{
	if (s != NULL && !text_valid_utf8(s, strlen(s)))
		return dec_fail(d, "%s %zu is not valid UTF-8", what, i);
	return 0;
}

/* A one-line field of the action of item i: a line's length, UTF-8. */
static int
check_line(struct dec *d, const char *s, const char *what, size_t i)
{
	if (s == NULL)
		return 0;
	if (strlen(s) > MODEL_LINE_MAX)
		return dec_fail(d, "%s of action %zu is too long (%zu bytes; "
		    "at most %d)", what, i, strlen(s), MODEL_LINE_MAX);
	if (!text_valid_utf8(s, strlen(s)))
		return dec_fail(d, "%s of action %zu is not valid UTF-8",
		    what, i);
	return 0;
}

/* The action of item i (counted from 1). */
static int
check_action(struct dec *d, const struct workshop *ws,
    const struct action *a, size_t i)
{
	const struct owner	*o;
	const struct milestone	*ms;
	size_t			 k;

	if (check_line(d, a->how, "how", i) != 0 ||
	    check_line(d, a->resources, "resources", i) != 0 ||
	    check_line(d, a->provider, "provider", i) != 0)
		return -1;
	if (a->indicator > ws->nitems)
		return dec_fail(d, "action %zu works on unknown item %u", i,
		    (unsigned)a->indicator);
	for (k = 0; k < a->nowners; k++) {
		o = &a->owners[k];
		if ((o->person != 0) == (o->group != 0))
			return dec_fail(d, "owner %zu of item %zu is not one "
			    "person or one group", k + 1, i);
		if (o->person > ws->npeople || o->group > ws->ngroups)
			return dec_fail(d, "owner %zu of item %zu is unknown",
			    k + 1, i);
	}
	for (k = 0; k < a->nmilestones; k++) {
		ms = &a->milestones[k];
		if (ms->text == NULL)
			return dec_fail(d, "milestone %zu of item %zu has no "
			    "text", k + 1, i);
		if (check_line(d, ms->text, "a milestone", i) != 0)
			return -1;
		if (ms->meeting > ws->nmeetings)
			return dec_fail(d, "milestone %zu of item %zu was done "
			    "in unknown meeting %u", k + 1, i,
			    (unsigned)ms->meeting);
	}
	return 0;
}

/* The indicator of item i: short lines, one score per meeting in order,
 * each a point of a poll of the room. */
static int
check_indicator(struct dec *d, const struct workshop *ws,
    const struct indicator *ind, size_t i)
{
	const struct score	*sc;
	size_t			 k;

	if ((ind->baseline != NULL && (strlen(ind->baseline) >
	    MODEL_LINE_MAX || !text_valid_utf8(ind->baseline,
	    strlen(ind->baseline)))) || (ind->target != NULL &&
	    (strlen(ind->target) > MODEL_LINE_MAX ||
	    !text_valid_utf8(ind->target, strlen(ind->target)))))
		return dec_fail(d, "the baseline or target of indicator %zu "
		    "is too long or not UTF-8", i);
	for (k = 0; k < ind->nscores; k++) {
		sc = &ind->scores[k];
		if (sc->meeting == 0 || sc->meeting > ws->nmeetings ||
		    (k > 0 && sc->meeting <= ind->scores[k - 1].meeting))
			return dec_fail(d, "score %zu of item %zu is of meeting "
			    "%u", k + 1, i, (unsigned)sc->meeting);
		if (sc->poll == 0 || sc->poll > ws->npolls)
			return dec_fail(d, "score %zu of item %zu comes from "
			    "unknown poll %u", k + 1, i, (unsigned)sc->poll);
	}
	return 0;
}

/* Meetings are numbered from 1 like everything else; each person came
 * to one at most once. */
static int
check_meetings(struct dec *d, const struct workshop *ws)
{
	const struct meeting	*mt;
	uint8_t			*seen;
	size_t			 i, k;
	int			 rc = 0;

	if (ws->meeting > ws->nmeetings)
		return dec_fail(d, "current meeting %u does not exist",
		    (unsigned)ws->meeting);
	seen = xcalloc(ws->npeople + 1, 1);
	for (i = 0; rc == 0 && i < ws->nmeetings; i++) {
		mt = &ws->meetings[i];
		if (mt->id != i + 1) {
			rc = dec_fail(d, "meeting %zu has id %u", i + 1,
			    (unsigned)mt->id);
			break;
		}
		memset(seen, 0, ws->npeople + 1);
		for (k = 0; k < mt->ncame; k++) {
			if (mt->came[k] == 0 || mt->came[k] > ws->npeople) {
				rc = dec_fail(d, "unknown person %u came to "
				    "meeting %zu", (unsigned)mt->came[k],
				    i + 1);
				break;
			}
			if (seen[mt->came[k]]++) {
				rc = dec_fail(d, "person %u came to meeting "
				    "%zu twice", (unsigned)mt->came[k], i + 1);
				break;
			}
		}
	}
	free(seen);
	return rc;
}

/* One poll of a snapshot; i is its index. */
static int
check_poll(struct dec *d, const struct workshop *ws, const struct poll *p,
    size_t i)
{
	const struct vote	*v;
	size_t			 k, o;

	if (p->id != i + 1)
		return dec_fail(d, "poll %zu has id %u", i + 1,
		    (unsigned)p->id);
	if (p->state == 0)
		return dec_fail(d, "poll %zu has no state", i + 1);
	/* Another caucus's check: a placeholder that says nothing. */
	if (p->kind == POLL_HIDDEN && (p->text != NULL || p->noptions > 0 ||
	    p->nvotes > 0))
		return dec_fail(d, "hidden poll %zu has content", i + 1);
	if (p->group > ws->ngroups)
		return dec_fail(d, "poll %zu belongs to unknown group %u",
		    i + 1, (unsigned)p->group);
	if (p->kind != POLL_HIDDEN && (p->flags & POLL_F_GROUP) &&
	    p->group == 0)
		return dec_fail(d, "group poll %zu has no group", i + 1);
	if (p->members > ws->npeople)
		return dec_fail(d, "poll %zu has more members than people",
		    i + 1);
	if (p->target > ws->nitems)
		return dec_fail(d, "poll %zu decides unknown item %u", i + 1,
		    (unsigned)p->target);
	if (p->answered > ws->npeople)
		return dec_fail(d, "poll %zu has more answers than people",
		    i + 1);
	if (check_utf8(d, p->text, "text of poll", i + 1) != 0 ||
	    check_utf8(d, p->verdict_text, "verdict of poll", i + 1) != 0)
		return -1;
	for (k = 0; k < p->noptions; k++)
		if (p->options[k] == 0 || p->options[k] > ws->nitems)
			return dec_fail(d, "poll %zu lists unknown item %u",
			    i + 1, (unsigned)p->options[k]);
	if (p->kind == POLL_SCORE ? p->noptions > MODEL_SCALE_MAX ||
	    p->verdict > model_poll_points(p) :
	    p->verdict > VERDICT_NOT_ADOPTED)
		return dec_fail(d, "poll %zu has verdict %d", i + 1,
		    p->verdict);
	for (k = 0; k < p->nvotes; k++) {
		v = &p->votes[k];
		if (check_vote(d, v, "vote", k) != 0)
			return -1;
		if (v->voter > ws->npeople || v->group > ws->ngroups)
			return dec_fail(d, "vote %zu in poll %zu is by someone "
			    "unknown", k + 1, i + 1);
		switch (p->kind) {
		case POLL_CONSENSUS:
		case POLL_STRAW:
			if (v->weight != 1 || v->answer < (p->kind ==
			    POLL_CONSENSUS ? ANSWER_AGREE : ANSWER_YES) ||
			    v->answer > (p->kind == POLL_CONSENSUS ?
			    ANSWER_BLOCK : ANSWER_ABSTAIN))
				return dec_fail(d, "vote %zu in poll %zu is no "
				    "answer to it", k + 1, i + 1);
			break;
		case POLL_SCORE:
			if (v->weight != 1 ||
			    v->answer > model_poll_points(p))
				return dec_fail(d, "vote %zu in poll %zu is no "
				    "point of its scale", k + 1, i + 1);
			break;
		default:
			for (o = 0; o < p->noptions; o++)
				if (p->options[o] == (uint32_t)v->answer)
					break;
			if (o == p->noptions)
				return dec_fail(d, "vote %zu in poll %zu puts "
				    "dots on no option", k + 1, i + 1);
			break;
		}
	}
	return 0;
}

/* What the model's reducer guarantees of any state it builds, checked
 * again because the snapshot came over the network. */
static int
check_room(struct dec *d, const struct workshop *ws)
{
	const struct group		*g;
	const struct participant	*p;
	const struct item		*it;
	const struct poll		*pl;
	size_t				 i, k, open = 0;
	bool				 group_open[MODEL_GROUPS_MAX + 1] =
					     { false };

	if (check_utf8(d, ws->title, "snapshot title", 0) != 0)
		return -1;
	if (ws->question > ws->nitems)
		return dec_fail(d, "snapshot question %u does not exist",
		    (unsigned)ws->question);
	if (ws->speaker > ws->npeople)
		return dec_fail(d, "speaker %u does not exist",
		    (unsigned)ws->speaker);
	if (check_utf8(d, ws->template, "template", 0) != 0)
		return -1;
	for (i = 0; i < ws->nvisits; i++)
		if (ws->visits[i].meeting > ws->nmeetings ||
		    ws->visits[i].step >= model_steps(ws))
			return dec_fail(d, "visit %zu is to an unknown meeting "
			    "or phase", i + 1);
	if (ws->nsteps > 0 && ws->step >= ws->nsteps)
		return dec_fail(d, "the room is in phase %zu of %zu",
		    ws->step + 1, ws->nsteps);
	if (ws->nsteps > 0 && ws->phase != ws->steps[ws->step].kind)
		return dec_fail(d, "the room's kind of work is not its "
		    "phase's");
	for (i = 0; i < ws->nsteps; i++) {
		if (ws->steps[i].title == NULL)
			return dec_fail(d, "phase %zu has no title", i + 1);
		if (check_utf8(d, ws->steps[i].title, "title of phase",
		    i + 1) != 0 || check_utf8(d, ws->steps[i].prompt,
		    "prompt of phase", i + 1) != 0)
			return -1;
	}
	/* What the reducer keeps of the clock. */
	if (ws->timer.total < 0 || ws->timer.total > MODEL_TIMER_MAX ||
	    (ws->timer.state != TIMER_OFF && ws->timer.total == 0) ||
	    ws->timer.left > MODEL_TIMER_MAX)
		return dec_fail(d, "a timer of %ld seconds",
		    (long)ws->timer.total);
	if (ws->turn_limit < 0 || ws->turn_limit > MODEL_TURN_MAX)
		return dec_fail(d, "a turn limit of %ld seconds",
		    (long)ws->turn_limit);
	for (i = 0; i < PHASE_COUNT; i++)
		for (k = ws->ngroups + 1; k <= MODEL_GROUPS_MAX; k++)
			if (ws->spoken[i][k] != 0)
				return dec_fail(d, "turns taken by unknown "
				    "group %zu", k);
	for (i = 0; i < ws->ngroups; i++) {
		g = &ws->groups[i];
		if (g->id != i + 1)
			return dec_fail(d, "group %zu has id %u", i + 1,
			    (unsigned)g->id);
		if (g->name == NULL)
			return dec_fail(d, "group %zu has no name", i + 1);
		if (check_utf8(d, g->name, "name of group", i + 1) != 0)
			return -1;
	}
	for (i = 0; i < ws->npeople; i++) {
		p = &ws->people[i];
		if (p->id != i + 1)
			return dec_fail(d, "participant %zu has id %u", i + 1,
			    (unsigned)p->id);
		if (p->name == NULL)
			return dec_fail(d, "participant %zu has no name",
			    i + 1);
		if (check_utf8(d, p->name, "name of participant", i + 1) != 0)
			return -1;
		if (p->group > ws->ngroups)
			return dec_fail(d, "participant %zu is in unknown "
			    "group %u", i + 1, (unsigned)p->group);
		if (p->hand > ws->hands)
			return dec_fail(d, "participant %zu raised hand %llu "
			    "of %llu", i + 1, (unsigned long long)p->hand,
			    (unsigned long long)ws->hands);
	}
	for (i = 0; i < ws->nitems; i++) {
		it = &ws->items[i];
		if (it->id != i + 1)
			return dec_fail(d, "item %zu has id %u", i + 1,
			    (unsigned)it->id);
		if (it->author > ws->npeople)
			return dec_fail(d, "item %zu has unknown author %u",
			    i + 1, (unsigned)it->author);
		if (it->group > ws->ngroups)
			return dec_fail(d, "item %zu has unknown group %u",
			    i + 1, (unsigned)it->group);
		if (check_utf8(d, it->text, "text of item", i + 1) != 0 ||
		    check_utf8(d, it->text2, "text2 of item", i + 1) != 0 ||
		    check_utf8(d, it->body, "body of item", i + 1) != 0)
			return -1;
		if (it->meeting > ws->nmeetings)
			return dec_fail(d, "item %zu was written in unknown "
			    "meeting %u", i + 1, (unsigned)it->meeting);
		if (it->step > ws->nsteps)
			return dec_fail(d, "item %zu belongs to unknown "
			    "phase %u", i + 1, (unsigned)it->step);
		if (it->action != NULL && it->kind != ITEM_ACTION)
			return dec_fail(d, "item %zu has an action but is no "
			    "action", i + 1);
		if (it->action != NULL &&
		    check_action(d, ws, it->action, i + 1) != 0)
			return -1;
		if (it->ind != NULL && it->kind != ITEM_INDICATOR)
			return dec_fail(d, "item %zu has scores but is no "
			    "indicator", i + 1);
		if (it->ind != NULL &&
		    check_indicator(d, ws, it->ind, i + 1) != 0)
			return -1;
	}
	if (check_meetings(d, ws) != 0)
		return -1;
	if (ws->fallback_rule != 0 && ws->fallback_rule != DECIDE_MAJORITY &&
	    ws->fallback_rule != DECIDE_TWO_THIRDS)
		return dec_fail(d, "fallback rule %d is not a majority",
		    ws->fallback_rule);
	if (ws->charter_poll > ws->npolls)
		return dec_fail(d, "charter poll %u does not exist",
		    (unsigned)ws->charter_poll);
	/* One plenary poll open at a time, and one check per caucus. */
	for (i = 0; i < ws->npolls; i++) {
		pl = &ws->polls[i];
		if (check_poll(d, ws, pl, i) != 0)
			return -1;
		if (pl->state != POLL_OPEN)
			continue;
		if (pl->flags & POLL_F_GROUP) {
			if (pl->group == 0)
				continue;	/* a placeholder */
			if (group_open[pl->group])
				return dec_fail(d, "two checks of group %u are "
				    "open", (unsigned)pl->group);
			group_open[pl->group] = true;
		} else if (pl->kind != POLL_HIDDEN)
			open++;
	}
	if (open > 1)
		return dec_fail(d, "%zu polls are open; one at a time", open);
	return 0;
}

static int
decode_room(struct dec *d, const msgpack_object *o, struct workshop **out)
{
	struct workshop	*ws = model_new();

	size_t		 i;

	if (each_field(d, o, "snapshot", ws, room_field) != 0) {
		model_free(ws);
		return -1;
	}
	/* A room without a template is in the phase its kind names. */
	if (ws->nsteps == 0)
		ws->step = (size_t)ws->phase;
	if (check_room(d, ws) != 0) {
		model_free(ws);
		return -1;
	}
	model_number_statements(ws);
	model_index_items(ws);
	/* Every action item has its plan, and every indicator its
	 * scores, as in the model. */
	for (i = 0; i < ws->nitems; i++) {
		if (ws->items[i].kind == ITEM_ACTION &&
		    ws->items[i].action == NULL)
			ws->items[i].action = action_default();
		if (ws->items[i].kind == ITEM_INDICATOR &&
		    ws->items[i].ind == NULL)
			ws->items[i].ind = xcalloc(1,
			    sizeof *ws->items[i].ind);
	}
	*out = ws;
	return 0;
}

static int
msg_field(struct dec *d, void *obj, uint64_t key, const msgpack_object *v)
{
	struct msg	*m = obj;
	int64_t		 n, i;

	if (key == K_TYPE || key >= K_MSG_COUNT || key_owner[key] != m->type)
		return 0;
	switch (key) {
	case K_HELLO_VERSION:
		return get_u32(d, v, &m->hello.version, "hello version");
	case K_HELLO_CODE:
		return get_str(d, v, &m->hello.code, "hello code");
	case K_HELLO_NAME:
		return get_str(d, v, &m->hello.name, "hello name");
	case K_HELLO_GROUP:
		return get_str(d, v, &m->hello.group, "hello group");
	case K_HELLO_TOKEN:
		return get_str(d, v, &m->hello.token, "hello token");
	case K_HELLO_LAST_SEQ:
		return get_u64(d, v, UINT64_MAX, &m->hello.last_seq,
		    "hello last_seq");
	case K_HELLO_OBSERVER:
		return get_bool(d, v, &m->hello.observer, "hello observer");
	case K_HELLO_FAC_CODE:
		return get_str(d, v, &m->hello.fac_code, "hello fac_code");
	case K_HELLO_CLAIM:
		return get_bool(d, v, &m->hello.claim, "hello claim");
	case K_LOBBY_TITLE:
		return get_str(d, v, &m->lobby.title, "lobby title");
	case K_LOBBY_GROUPS:
		if ((n = get_array(d, v, MODEL_GROUPS_MAX, "lobby groups")) < 0)
			return -1;
		m->lobby.groups = xcalloc((size_t)n, sizeof *m->lobby.groups);
		m->lobby.ngroups = (size_t)n;
		for (i = 0; i < n; i++)
			if (get_str(d, &v->via.array.ptr[i],
			    &m->lobby.groups[i], "lobby group") != 0)
				return -1;
		return 0;
	case K_WELCOME_SELF:
		return get_u32(d, v, &m->welcome.self, "welcome self");
	case K_WELCOME_TOKEN:
		return get_str(d, v, &m->welcome.token, "welcome token");
	case K_WELCOME_ROOM:
		return decode_room(d, v, &m->welcome.room);
	case K_WELCOME_FROM:
		return get_u64(d, v, UINT64_MAX, &m->welcome.resume_from,
		    "welcome resume point");
	case K_WELCOME_NOW:
	case K_PING_NOW:
		return get_i64(d, v, 0, INT64_MAX / 2, &m->now,
		    "server clock");
	case K_REFUSE_CODE:
		return get_int(d, v, INT_MIN, INT_MAX, &m->refuse.code,
		    "refusal code");
	case K_REFUSE_TEXT:
		return get_str(d, v, &m->refuse.text, "refusal text");
	case K_INTENT:
		return each_field(d, v, "intent", &m->intent, intent_field);
	case K_ACK_REQ:
		return get_u32(d, v, &m->ack.req, "ack req");
	case K_ACK_SEQ:
		return get_u64(d, v, UINT64_MAX, &m->ack.seq, "ack seq");
	case K_ERROR_REQ:
		return get_u32(d, v, &m->error.req, "error req");
	case K_ERROR_CODE:
		return get_int(d, v, INT_MIN, INT_MAX, &m->error.code,
		    "error code");
	case K_ERROR_TEXT:
		return get_str(d, v, &m->error.text, "error text");
	case K_PRESENCE_WHO:
		return get_u32(d, v, &m->presence.who, "presence who");
	case K_PRESENCE_PRESENT:
		return get_bool(d, v, &m->presence.present,
		    "presence present");
	}
	return 0;
}

/*
 * The first chunk of the zone an object is unpacked into.  Strings point
 * into the frame, so the zone holds only the maps' and arrays' entries:
 * an intent needs a few hundred bytes, and a chunk this small comes from
 * malloc's per-thread cache.  (msgpack_unpack_next takes an 8 KiB chunk
 * for every frame, which made glibc consolidate its free lists each
 * time: a few per cent of a busy server.)  Bigger messages (a welcome's
 * snapshot) make the zone grow as it needs.
 */
#define ZONE_CHUNK	960

/* Checks, then unpacks one object into *o, allocated in z (initialised
 * here; destroy it after, whatever this returns). */
static int
unpack(struct dec *d, const uint8_t *buf, size_t len, msgpack_zone *z,
    msgpack_object *o)
{
	msgpack_unpack_return	ret;
	size_t			off = 0;

	if (!msgpack_zone_init(z, ZONE_CHUNK))
		abort();	/* out of memory, as xmalloc */
	if (wire_check(buf, len) != 0)
		return dec_fail(d, "malformed msgpack (a length, the nesting "
		    "or the size does not fit)");
	ret = msgpack_unpack((const char *)buf, len, &off, z, o);
	if ((ret != MSGPACK_UNPACK_SUCCESS &&
	    ret != MSGPACK_UNPACK_EXTRA_BYTES) || off != len)
		return dec_fail(d, "malformed msgpack");
	return 0;
}

/* Every message but an event: a map. */
static int
decode_keyed(struct dec *d, const msgpack_object *o, struct msg *m)
{
	uint32_t	i;

	/* The type first: which other keys count depends on it. */
	for (i = 0; i < o->via.map.size; i++) {
		const msgpack_object_kv *kv = &o->via.map.ptr[i];

		if (kv->key.type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
		    kv->key.via.u64 == K_TYPE) {
			if (get_int(d, &kv->val, INT_MIN, INT_MAX, &m->type,
			    "message type") != 0)
				return -1;
			break;
		}
	}
	if (m->type == MSG_EVENT)
		return dec_fail(d, "an event comes as an array, not a map");
	if (each_field(d, o, "message", m, msg_field) != 0)
		return -1;
	if (m->type == MSG_WELCOME &&
	    (m->welcome.room == NULL) == (m->welcome.resume_from == 0))
		return dec_fail(d, m->welcome.room == NULL ? "welcome without "
		    "a snapshot" : "welcome with a snapshot and a resume point");
	return 0;
}

int
wire_decode(const uint8_t *body, size_t len, struct msg *m, char *err,
    size_t errlen)
{
	struct dec		 d = { err, errlen };
	msgpack_zone		 z;
	msgpack_object		 obj;
	const msgpack_object	*o = &obj;
	int			 rc;

	memset(m, 0, sizeof *m);
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (unpack(&d, body, len, &z, &obj) != 0) {
		msgpack_zone_destroy(&z);
		return -1;
	}
	if (o->type == MSGPACK_OBJECT_ARRAY) {
		m->type = MSG_EVENT;
		rc = decode_event_frame(&d, o, &m->event);
	} else if (o->type == MSGPACK_OBJECT_MAP)
		rc = decode_keyed(&d, o, m);
	else
		rc = dec_fail(&d, "a message is neither a map nor an event");
	msgpack_zone_destroy(&z);
	if (rc != 0) {
		wire_msg_free(m);
		return -1;
	}
	return 0;
}

void
wire_msg_free(struct msg *m)
{
	size_t	i;

	if (m == NULL)
		return;
	free(m->hello.code);
	free(m->hello.name);
	free(m->hello.group);
	free(m->hello.token);
	free(m->hello.fac_code);
	free(m->lobby.title);
	for (i = 0; i < m->lobby.ngroups; i++)
		free(m->lobby.groups[i]);
	free(m->lobby.groups);
	free(m->welcome.token);
	model_free(m->welcome.room);
	free(m->refuse.text);
	free(m->intent.text);
	free(m->intent.text2);
	free(m->intent.secret);
	free(m->intent.lang);
	free(m->error.text);
	wire_event_free(&m->event);
	memset(m, 0, sizeof *m);
}

int
wire_decode_record(const uint8_t *buf, size_t len, struct event *ev,
    char *err, size_t errlen)
{
	struct dec		d = { err, errlen };
	msgpack_zone		z;
	msgpack_object		o;
	int			rc;

	memset(ev, 0, sizeof *ev);
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	rc = unpack(&d, buf, len, &z, &o);
	if (rc == 0)
		rc = decode_record(&d, &o, ev);
	msgpack_zone_destroy(&z);
	if (rc != 0) {
		wire_event_free(ev);
		return -1;
	}
	return 0;
}

/* Frees an event wire_decode or wire_decode_record filled, votes and all
 * (a model_event_view's votes are freed with model_votes_free instead). */
void
wire_event_free(struct event *ev)
{
	if (ev == NULL)
		return;
	free(ev->text);
	free(ev->text2);
	free(ev->secret);
	free(ev->lang);
	model_votes_free(ev->votes, ev->nvotes);
	memset(ev, 0, sizeof *ev);
}
