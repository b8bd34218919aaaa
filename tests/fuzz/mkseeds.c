/*
 * mkseeds.c - writes starting corpora for fuzz_msg, fuzz_reducer and
 * fuzz_journal: `build/fuzz/mkseeds DIR` fills DIR/msg, DIR/reducer and
 * DIR/journal (the folders must exist).  scripts/fuzz --seeds runs it and
 * merges what it writes into tests/fuzz/corpus/; that is needed once, or
 * when the formats change.
 *
 * A random fuzzer rarely writes a vote for a poll that is open, or an
 * owner for an action that exists.  So this walks each phase of the fuzz
 * room (fuzz-room.h) at random, with a fixed seed: it draws intents whose
 * references point at things in the room, keeps those model_check()
 * accepts (a few of each type, so one kind does not crowd out the rest)
 * and commits them, as the server would.  Each walk is written as:
 *   - a fuzz_reducer input (the phase, then the frames of the intents);
 *   - a fuzz_journal input (its records with their CRCs, after the
 *     room's opening that fuzz_journal writes itself), and one cut inside
 *     its last record;
 *   - fuzz_msg inputs: some of its intents and the events as a
 *     participant and an observer get them.
 * A walk of a bare room (no seed content, so small) gives fuzz_msg the
 * welcome snapshots a facilitator, a participant and an observer get.
 * MKSEEDS_DEBUG=1 prints every refusal, to see what a walk cannot reach.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/wire.h"

#include "fuzz-room.h"

#define WALKS		3	/* per phase */
#define STEPS		40	/* intents accepted per walk */
#define TRIES		200000
#define PER_TYPE	4	/* accepted per type and walk */

static uint64_t	rng = 0x9e3779b97f4a7c15ull;
static const char *outdir;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n == 0 ? 0 : (uint32_t)(rng % n);
}

static const char *const texts[] = {
	NULL, "Agreed.", "We need more time to consult our members.",
	"Safer streets for everyone\nand lighting on the market road",
	"¿Quién protege a los testigos? — ça ira 😊", "1500.50", "20",
	"Nightly patrols", "", "x",
};
static const char *const texts2[] = { NULL, "USD", "EUR", "Why" };

/* What each phase is about (DESIGN.md §2): drawn two times in three. */
static const int phase_intents[PHASE_COUNT][12] = {
	[PHASE_WELCOME] = { INTENT_TITLE, INTENT_CONFIDENTIALITY,
	    INTENT_DECISION_RULE, INTENT_HAND, INTENT_SPEAKER, INTENT_RENAME,
	    INTENT_MOVE, INTENT_REMOVE, INTENT_GRIEVANCE, INTENT_ANSWERED,
	    INTENT_GROUP_ADD, INTENT_JOIN },
	[PHASE_EXPECTATIONS] = { INTENT_CONTRIBUTE, INTENT_ITEM_EDIT,
	    INTENT_WITHDRAW, INTENT_MERGE, INTENT_PIN, INTENT_HAND,
	    INTENT_POLL_OPEN, INTENT_VOTE, INTENT_SPEAKER, INTENT_FLOOR_END },
	[PHASE_GROUND_RULES] = { INTENT_CONTRIBUTE, INTENT_ADOPT,
	    INTENT_REJECT, INTENT_WITHDRAW, INTENT_POLL_OPEN, INTENT_VOTE,
	    INTENT_REASON, INTENT_POLL_CLOSE, INTENT_POLL_REVEAL,
	    INTENT_ITEM_EDIT, INTENT_DECISION_RULE, INTENT_FAC_CODE_SHOWN },
	[PHASE_DIALOGUE] = { INTENT_QUESTION, INTENT_QUESTION_NEW,
	    INTENT_CONTRIBUTE, INTENT_PIN, INTENT_POLL_OPEN, INTENT_DOT,
	    INTENT_VOTE, INTENT_POLL_CLOSE, INTENT_POLL_REVEAL,
	    INTENT_CONFIDENTIALITY },
	[PHASE_CAUCUS] = { INTENT_CONTRIBUTE, INTENT_REPORT,
	    INTENT_REPORT_REVEAL, INTENT_POLL_OPEN, INTENT_VOTE,
	    INTENT_POLL_CLOSE, INTENT_QUESTION_NEW, INTENT_ITEM_EDIT },
	[PHASE_CHARTER] = { INTENT_SECTION_EDIT, INTENT_SECTION_MERGE,
	    INTENT_SECTION_STATE, INTENT_CONTRIBUTE, INTENT_POLL_OPEN,
	    INTENT_VOTE, INTENT_REASON, INTENT_POLL_CLOSE, INTENT_POLL_REVEAL,
	    INTENT_ADOPT, INTENT_REJECT },
	[PHASE_VISION] = { INTENT_CONTRIBUTE, INTENT_MERGE,
	    INTENT_ITEM_EDIT, INTENT_WITHDRAW, INTENT_POLL_OPEN, INTENT_DOT,
	    INTENT_POLL_CLOSE },
	[PHASE_ACTIONS] = { INTENT_CONTRIBUTE, INTENT_ACTION_SET,
	    INTENT_ACTION_OWNER, INTENT_ACTION_COMMIT, INTENT_MILESTONE,
	    INTENT_MILESTONE_TICK, INTENT_POLL_OPEN, INTENT_DOT,
	    INTENT_POLL_CLOSE, INTENT_POLL_REVEAL, INTENT_MERGE,
	    INTENT_ITEM_EDIT },
	[PHASE_FOLLOWUP] = { INTENT_MEETING, INTENT_ATTEND,
	    INTENT_NEXT_REVIEW, INTENT_CONTRIBUTE, INTENT_ACTION_SET,
	    INTENT_ACTION_OWNER, INTENT_ACTION_COMMIT, INTENT_MILESTONE,
	    INTENT_MILESTONE_TICK, INTENT_MERGE },
};

/* Item kinds intents refer to. */
static const int ref_kinds[] = {
	ITEM_RULE, ITEM_QUESTION, ITEM_ANSWER, ITEM_CAUCUS_QUESTION,
	ITEM_CAUCUS_NOTE, ITEM_SECTION, ITEM_SECTION_TEXT, ITEM_ACTION,
	ITEM_CAUCUS_REPORT, ITEM_GRIEVANCE, ITEM_PROBLEM, ITEM_VISION,
	ITEM_EXPECTATION, ITEM_LESSON, ITEM_EXIT, ITEM_PROGRESS,
};

static size_t	walk_start;	/* items before the walk began */

/* An item of a kind, or 0. */
static uint32_t
pick_kind(const struct workshop *ws, int kind)
{
	uint32_t n = 0, i, k;

	for (i = 0; i < ws->nitems; i++)
		n += ws->items[i].kind == kind;
	if (n == 0)
		return 0;
	k = rnd(n);
	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == kind && k-- == 0)
			return ws->items[i].id;
	return 0;
}

/* An item made during the walk, or of a kind things refer to, or 0. */
static uint32_t
pick_item(const struct workshop *ws)
{
	if (ws->nitems > walk_start && rnd(2) == 0)
		return (uint32_t)(walk_start + 1 +
		    rnd((uint32_t)(ws->nitems - walk_start)));
	return pick_kind(ws, ref_kinds[rnd(sizeof ref_kinds /
	    sizeof ref_kinds[0])]);
}

/* What an intent most often refers to: half the time, its usual ref. */
static void
usual_ref(const struct workshop *ws, struct intent *in)
{
	if (rnd(2) == 0)
		return;
	switch (in->type) {
	case INTENT_ACTION_SET:
	case INTENT_ACTION_OWNER:
	case INTENT_ACTION_COMMIT:
	case INTENT_MILESTONE:
	case INTENT_MILESTONE_TICK:
		in->ref = pick_kind(ws, ITEM_ACTION);
		break;
	case INTENT_VOTE:
	case INTENT_DOT:
	case INTENT_POLL_CLOSE:
	case INTENT_POLL_REVEAL:
		in->ref = (uint32_t)ws->npolls;
		if (in->type == INTENT_DOT && ws->npolls > 0) {
			const struct poll *p = &ws->polls[ws->npolls - 1];

			if (p->noptions > 0)
				in->value = (int32_t)p->options[rnd(
				    (uint32_t)p->noptions)];
			in->value2 = rnd(4) == 0 ? -1 : 1;
		}
		break;
	case INTENT_SECTION_EDIT:
	case INTENT_SECTION_STATE:
		in->ref = pick_kind(ws, ITEM_SECTION);
		break;
	case INTENT_SECTION_MERGE:
		in->ref = pick_kind(ws, ITEM_SECTION_TEXT);
		break;
	case INTENT_REPORT_REVEAL:
		in->ref = pick_kind(ws, ITEM_CAUCUS_REPORT);
		break;
	case INTENT_PIN:
		in->ref = pick_kind(ws, ITEM_ANSWER);
		break;
	case INTENT_QUESTION:
		in->ref = pick_kind(ws, ITEM_QUESTION);
		break;
	case INTENT_ANSWERED:
		in->ref = pick_kind(ws, ITEM_GRIEVANCE);
		break;
	}
}

static uint32_t
pick_id(const struct workshop *ws)
{
	if (rnd(3) == 0)
		return pick_item(ws);
	switch (rnd(8)) {
	case 0:
		return 0;
	case 1:
	case 2:
		return ws->nitems > 0 ? 1 + rnd((uint32_t)ws->nitems) : 0;
	case 3:
		return ws->nitems > 0 ? (uint32_t)ws->nitems - rnd(4) : 0;
	case 4:
		return ws->npolls > 0 ? 1 + rnd((uint32_t)ws->npolls) : 0;
	case 5:
		return (uint32_t)ws->npolls;
	case 6:
		return 1 + rnd((uint32_t)ws->npeople);
	default:
		return 1 + rnd((uint32_t)ws->ngroups);
	}
}

static int32_t
pick_value(const struct workshop *ws)
{
	switch (rnd(7)) {
	case 6:
		return (int32_t)rnd(4);	/* indexes, fields, kinds, answers */
	case 0:
		return (int32_t)rnd(9);
	case 1:
		return -1;
	case 2:
		return (int32_t)pick_id(ws);
	case 3:
		return 20270115 + (int32_t)rnd(14);
	case 4:
		return (int32_t)rnd(21);
	default:
		return (int32_t)rnd(3);
	}
}

static struct intent
draw(const struct workshop *ws, uint32_t *actor)
{
	struct intent in = { 0 };

	if (rnd(3) != 0) {
		const int *t = phase_intents[ws->phase];
		size_t n = 0;

		while (n < 12 && t[n] != 0)
			n++;
		in.type = t[rnd((uint32_t)n)];
	} else
		in.type = 1 + (int)rnd(INTENT_TYPE_MAX);
	in.ref = pick_id(ws);
	in.value = pick_value(ws);
	in.value2 = rnd(3) == 0 ? 0 : pick_value(ws);
	in.text = (char *)texts[rnd(sizeof texts / sizeof texts[0])];
	in.text2 = (char *)texts2[rnd(sizeof texts2 / sizeof texts2[0])];
	in.flags = rnd(2) == 0 ? 0 : 1u << rnd(3);
	*actor = rnd(3) == 0 ? FUZZ_FAC : 1 + rnd((uint32_t)ws->npeople);
	if (in.type == INTENT_CONTRIBUTE && rnd(3) != 0)
		in.value = 0;	/* the phase's own kind */
	usual_ref(ws, &in);
	if (in.type == INTENT_JOIN || in.type == INTENT_ATTEND ||
	    in.type == INTENT_MEETING)
		*actor = MODEL_SYSTEM;
	if (in.type == INTENT_JOIN) {
		static char name[16];

		snprintf(name, sizeof name, "Guest %u", rnd(1000));
		in.text = name;
		in.secret = (char *)FUZZ_TOKEN;
	}
	return in;
}

static void
put(const char *sub, const char *name, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s/seed-%s", outdir, sub, name);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void
add(struct wire_buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		if ((b->data = realloc(b->data, b->cap)) == NULL)
			abort();
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void
add_record(struct wire_buf *file, const struct event *ev)
{
	struct wire_buf rec;
	uint8_t hdr[8];
	uint32_t crc;

	wire_buf_init(&rec);
	if (wire_encode_record(ev, &rec) != 0)
		abort();
	crc = journal_crc32c(0, rec.data, rec.len);
	hdr[0] = rec.len >> 24; hdr[1] = rec.len >> 16;
	hdr[2] = rec.len >> 8; hdr[3] = rec.len;
	hdr[4] = crc >> 24; hdr[5] = crc >> 16; hdr[6] = crc >> 8; hdr[7] = crc;
	add(file, hdr, sizeof hdr);
	add(file, rec.data, rec.len);
	wire_buf_destroy(&rec);
}

/* One walk from room base (phase k); a bare room gives only welcomes. */
static void
walk(const struct fuzz_room *base, int k, int w, bool bare)
{
	struct workshop *ws = fuzz_room_replay(base);
	struct wire_buf reducer, journal, frame;
	struct msg m;
	struct event ev, view;
	struct model_error err;
	uint32_t req[64] = { 0 }, actor, viewers[] = { FUZZ_ANA, FUZZ_OBS,
	    FUZZ_FAC };
	int per_type[INTENT_TYPE_MAX + 1] = { 0 };
	int64_t now = FUZZ_T0 + 3600;
	char name[64];
	size_t v, steps = 0, tries;
	uint8_t ctl, hdr[3], flags = (uint8_t)(k << 4 | 0x4);

	walk_start = ws->nitems;
	wire_buf_init(&reducer);
	wire_buf_init(&journal);
	wire_buf_init(&frame);
	add(&reducer, &(uint8_t){ (uint8_t)k }, 1);
	/* fuzz_journal writes the header and the room's opening itself. */
	add(&journal, &flags, 1);

	for (tries = 0; tries < TRIES && steps < STEPS; tries++) {
		struct intent in = draw(ws, &actor);

		/* One removal (the walk needs people to act) and one move
		 * to another phase (it is the phase's walk) at most. */
		if (per_type[in.type] >= (in.type == INTENT_REMOVE ||
		    in.type == INTENT_PHASE ? 1 : PER_TYPE))
			continue;
		if (actor != MODEL_SYSTEM && actor < 64)
			in.req = ++req[actor];
		if (model_check(ws, actor, &in, now, &ev, &err) != 0) {
			if (getenv("MKSEEDS_DEBUG") != NULL)
				fprintf(stderr, "%d %d: %s\n", ws->phase,
				    in.type, err.msg);
			if (actor != MODEL_SYSTEM && actor < 64)
				req[actor]--;
			continue;
		}
		per_type[in.type]++;
		steps++;
		if (model_commit(ws, &ev, false, &err) != 0)
			abort();
		add_record(&journal, &ev);

		/* The frame as a client sends it. */
		memset(&m, 0, sizeof m);
		m.type = MSG_INTENT;
		m.intent = in;
		m.intent.secret = NULL;
		wire_buf_reset(&frame);
		if (wire_encode(&m, &frame) != 0)
			abort();
		ctl = (uint8_t)(actor & 0x0f) | (steps % 7 == 0 ? 0x10 : 0);
		hdr[0] = ctl;
		hdr[1] = (uint8_t)((frame.len - WIRE_HEADER_SIZE) >> 8);
		hdr[2] = (uint8_t)(frame.len - WIRE_HEADER_SIZE);
		add(&reducer, hdr, 3);
		add(&reducer, frame.data + WIRE_HEADER_SIZE,
		    frame.len - WIRE_HEADER_SIZE);
		if (w == 0 && !bare && steps % 4 == 0) {
			snprintf(name, sizeof name, "intent-%d-%zu", k, steps);
			put("msg", name, frame.data + WIRE_HEADER_SIZE,
			    frame.len - WIRE_HEADER_SIZE);
		}

		/* The event as the room sees it. */
		for (v = 0; w == 0 && !bare && v < 2; v++) {
			if (model_event_audience(ws, &ev, viewers[v]) ==
			    AUDIENCE_NONE)
				continue;
			memset(&m, 0, sizeof m);
			m.type = MSG_EVENT;
			model_event_view(ws, &ev, viewers[v], &view);
			m.event = view;
			wire_buf_reset(&frame);
			if (wire_encode(&m, &frame) != 0)
				abort();
			model_votes_free(view.votes, view.nvotes);
			snprintf(name, sizeof name, "event-%d-%zu-%u", k,
			    steps, viewers[v]);
			put("msg", name, frame.data + WIRE_HEADER_SIZE,
			    frame.len - WIRE_HEADER_SIZE);
		}
	}

	snprintf(name, sizeof name, "walk-%d-%d", k, w);
	if (!bare)
		put("reducer", name, reducer.data, reducer.len);
	if (w == 0 && !bare) {
		put("journal", name, journal.data, journal.len);
		snprintf(name, sizeof name, "torn-%d-%d", k, w);
		put("journal", name, journal.data, journal.len - 3);
	}
	if (w == 0 && bare) {
		for (v = 0; v < 3; v++) {
			fuzz_snapshot(ws, viewers[v], &frame);
			snprintf(name, sizeof name, "welcome-%d-%u", k,
			    viewers[v]);
			put("msg", name, frame.data + WIRE_HEADER_SIZE,
			    frame.len - WIRE_HEADER_SIZE);
		}
	}
	fprintf(stderr, "%sphase %d walk %d: %zu intents in %zu tries, "
	    "%zu items, %zu polls\n", bare ? "bare " : "", k, w, steps,
	    tries, ws->nitems, ws->npolls);
	wire_buf_destroy(&reducer);
	wire_buf_destroy(&journal);
	wire_buf_destroy(&frame);
	model_free(ws);
}

int
main(int argc, char **argv)
{
	static struct fuzz_room bare[PHASE_COUNT];
	int k, w;

	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds DIR\n");
		return 2;
	}
	outdir = argv[1];
	fuzz_rooms_init();
	for (k = 0; k < PHASE_COUNT; k++) {
		fuzz_room_open(&bare[k], k, false);
		for (w = 0; w < WALKS; w++)
			walk(&fuzz_rooms[k], k, w, false);
		walk(&bare[k], k, 0, true);
	}
	return 0;
}
