/*
 * mkjournal.c - a big journal for the replay benchmark (issue 7), and the
 * replay timed on its own.
 *
 *   mkjournal write FILE [EVENTS [ITEMS [WHAT]]]
 *                                   a new record of EVENTS events
 *                                   (default 1,000,000), or fewer: it
 *                                   stops once ITEMS statements are in
 *                                   (issue 14: a 1,000-item room; 0:
 *                                   no limit).  WHAT: vision (the
 *                                   default), answers (Dialogue: answers
 *                                   to one question) or notes (Caucus:
 *                                   notes under the first caucus
 *                                   question, every group writing)
 *   mkjournal replay FILE           replays it as `roundtable serve` does
 *                                   on start, and prints the time
 *
 * The record is written the way the server writes one: each intent goes
 * through model_check, wire_encode_record, journal_append and
 * model_commit (one fdatasync at the end instead of group commits).  The
 * room opens like `roundtable serve` opens one (title, the default groups,
 * the seed, the co-facilitators' code), 300 people join, the room moves
 * to Framing and vision, and then the people write: a vision statement,
 * edits of their statements, hands raised and lowered, round after round,
 * until EVENTS events are in (items stay under MODEL_ITEMS_MAX).  With
 * answers the room is in Dialogue with a question put to it, with notes
 * in Caucus, and hands take the place of the edits.
 *
 * replay prints "replay: N events, B bytes (X bytes/event) in S s".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/net.h"
#include "roundtable/wire.h"

#define PEOPLE	300

static struct workshop	*ws;
static struct journal	*j;
static struct wire_buf	 enc;
static uint64_t		 events;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* As the server's submit(), without the network. */
static void
submit(uint32_t actor, const struct intent *in)
{
	struct model_error err;
	struct event ev;
	char why[300];

	if (model_check(ws, actor, in, (int64_t)time(NULL), &ev, &err) != 0) {
		fprintf(stderr, "mkjournal: intent %d refused: %s\n", in->type,
		    err.msg);
		exit(1);
	}
	wire_buf_reset(&enc);
	if (wire_encode_record(&ev, &enc) != 0 ||
	    journal_append(j, enc.data, enc.len, why, sizeof why) != 0) {
		fprintf(stderr, "mkjournal: cannot append: %s\n", why);
		exit(1);
	}
	if (model_commit(ws, &ev, false, &err) != 0) {
		fprintf(stderr, "mkjournal: %s\n", err.msg);
		exit(1);
	}
	events++;
}

/* The room's own replay (journal_apply), counting. */
static int
replay_record(void *ctx, const uint8_t *payload, size_t len, uint64_t off,
    char *err, size_t errlen)
{
	if (journal_apply(ctx, payload, len, off, err, errlen) != 0)
		return -1;
	events++;
	return 0;
}

/* A statement of 100-300 bytes, some of it beyond ASCII. */
static void
text(char *out, size_t cap, uint64_t n)
{
	static const char *const words[] = { "water", "for", "every",
	    "village", "café", "trust", "naïve", "Gespräch", "the", "police",
	    "answer", "to", "women", "résumé", "we", "plan", "together" };
	size_t want = 100 + (size_t)(n * 2654435761u % 201), len = 0;
	uint64_t h = n + 1;

	while (len + 12 < want && len + 12 < cap) {
		const char *w;

		h = h * 6364136223846793005ull + 1442695040888963407ull;
		w = words[(h >> 33) % (sizeof words / sizeof words[0])];
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		    len ? " " : "", w);
	}
	out[len] = '\0';
}

enum what { WRITE_VISION, WRITE_ANSWERS, WRITE_NOTES };

static int
write_journal(const char *path, uint64_t want, uint64_t want_items,
    enum what what)
{
	struct intent in, seed[128];
	char warn[300], err[300], tok[40], name[40], t[400];
	uint32_t *last = calloc(PEOPLE + 2, sizeof *last);
	bool *hand = calloc(PEOPLE + 2, sizeof *hand);
	size_t i, n;
	uint64_t round, items = 0;
	double t0 = now_s();

	unlink(path);
	ws = model_new();
	wire_buf_init(&enc);
	if (journal_open(path, replay_record, ws, &j, warn, sizeof warn, err,
	    sizeof err) != 0) {
		fprintf(stderr, "mkjournal: %s\n", err);
		return 1;
	}
	in = (struct intent){ .type = INTENT_CREATE };
	in.text = "Benchmark dialogue";
	in.secret = "BEN-CH1";
	in.value = 20260101;
	submit(MODEL_SYSTEM, &in);
	for (i = 0; model_default_groups[i] != NULL; i++) {
		in = (struct intent){ .type = INTENT_GROUP_ADD };
		in.text = (char *)model_default_groups[i];
		submit(MODEL_SYSTEM, &in);
	}
	n = model_seed(seed, sizeof seed / sizeof seed[0]);
	for (i = 0; i < n; i++)
		submit(MODEL_SYSTEM, &seed[i]);
	in = (struct intent){ .type = INTENT_FAC_CODE };
	in.secret = "FAC-COD-E12-345";
	submit(MODEL_SYSTEM, &in);
	for (i = 0; i < PEOPLE; i++) {
		in = (struct intent){ .type = INTENT_JOIN };
		snprintf(name, sizeof name, "Person %zu", i + 1);
		net_make_token(tok, sizeof tok);
		in.text = name;
		in.ref = (uint32_t)(1 + i % ws->ngroups);
		in.value = ROLE_PARTICIPANT;
		in.secret = tok;
		submit(MODEL_SYSTEM, &in);
	}
	in = (struct intent){ .type = INTENT_PHASE, .value = what ==
	    WRITE_ANSWERS ? PHASE_DIALOGUE : what == WRITE_NOTES ?
	    PHASE_CAUCUS : PHASE_VISION };
	submit(MODEL_FACILITATOR, &in);
	if (what == WRITE_ANSWERS) {
		in = (struct intent){ .type = INTENT_QUESTION_NEW,
		    .value = ITEM_QUESTION };
		in.text = "What would make the streets safe for everyone?";
		submit(MODEL_FACILITATOR, &in);
	}
	/* Rounds of six: a statement, an edit, hands up and down, another
	 * edit, a hand. */
	for (round = 0; events < want && (want_items == 0 ||
	    items < want_items); round++) {
		uint32_t who = (uint32_t)(2 + round % PEOPLE);
		int k = (int)(round % 6);

		if ((last[who] == 0 || what != WRITE_VISION) && k != 0)
			k = 2;		/* nothing to edit yet */
		switch (k) {
		case 0:
			if (ws->nitems + 1 >= MODEL_ITEMS_MAX) {
				k = 2;
				goto hand;
			}
			text(t, sizeof t, round);
			in = (struct intent){ .type = INTENT_CONTRIBUTE };
			in.text = t;
			submit(who, &in);
			last[who] = (uint32_t)ws->nitems;
			items++;
			break;
		case 1:
		case 4:
			text(t, sizeof t, round * 7 + 3);
			in = (struct intent){ .type = INTENT_ITEM_EDIT };
			in.ref = last[who];
			in.text = t;
			submit(who, &in);
			break;
		default:
		hand:
			in = (struct intent){ .type = INTENT_HAND };
			in.value = hand[who] ? 0 : 1;
			hand[who] = !hand[who];
			submit(who, &in);
			break;
		}
	}
	if (journal_sync(j) != 0) {
		fprintf(stderr, "mkjournal: fdatasync failed\n");
		return 1;
	}
	printf("write: %llu events, %llu statements, %llu bytes in %.2f s\n",
	    (unsigned long long)events, (unsigned long long)items,
	    (unsigned long long)journal_size(j), now_s() - t0);
	journal_close(j);
	model_free(ws);
	wire_buf_destroy(&enc);
	free(last);
	free(hand);
	return 0;
}

static int
replay(const char *path)
{
	struct workshop *w = model_new();
	char warn[300], err[300];
	double t0 = now_s(), dt;
	FILE *f;
	long size = 0;

	if (journal_read(path, replay_record, w, warn, sizeof warn, err,
	    sizeof err) != 0) {
		fprintf(stderr, "mkjournal: %s\n", err);
		return 1;
	}
	dt = now_s() - t0;
	if ((f = fopen(path, "rb")) != NULL) {
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		fclose(f);
	}
	printf("replay: %llu events, %ld bytes (%.1f bytes/event) in %.3f s\n",
	    (unsigned long long)events, size, events > 0 ?
	    (double)(size - JOURNAL_HEADER_SIZE) / (double)events : 0, dt);
	model_free(w);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && argc <= 6 && strcmp(argv[1], "write") == 0) {
		enum what what = WRITE_VISION;

		if (argc == 6 && strcmp(argv[5], "answers") == 0)
			what = WRITE_ANSWERS;
		else if (argc == 6 && strcmp(argv[5], "notes") == 0)
			what = WRITE_NOTES;
		else if (argc == 6 && strcmp(argv[5], "vision") != 0)
			goto usage;
		return write_journal(argv[2], argc > 3 ?
		    strtoull(argv[3], NULL, 10) : 1000000, argc > 4 ?
		    strtoull(argv[4], NULL, 10) : 0, what);
	}
	if (argc == 3 && strcmp(argv[1], "replay") == 0)
		return replay(argv[2]);
usage:
	fprintf(stderr, "usage: mkjournal write FILE [EVENTS [ITEMS "
	    "[vision|answers|notes]]] | mkjournal replay FILE\n");
	return 2;
}
