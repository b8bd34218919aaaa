/*
 * fuzz_journal.c - libFuzzer harness for journal replay: a record file
 * from hostile bytes, loaded as `roundtable serve` and `roundtable export`
 * load one.
 *
 * Build with `make fuzz`; run, for instance:
 *   build/fuzz/fuzz_journal -dict=tests/fuzz/wire.dict -malloc_limit_mb=64 \
 *       -max_total_time=600 tests/fuzz/corpus/journal
 * (scripts/fuzz runs all four and merges what they find).
 *
 * The input is:
 *   byte 0   flags: bit 0 writes a good 16-byte header first; bit 1 sets
 *            the CRC-32C of every record whose length fits, so that
 *            hostile payloads reach the decoder and the model instead of
 *            stopping at the checksum; bit 2 writes, after the header,
 *            the records that open the fuzz room (fuzz-room.h) in the
 *            phase given by the top four bits (mod PHASE_COUNT), so that
 *            short inputs act on a whole room; bit 3 makes that header
 *            version 1's, which serve raises to the current version in
 *            place
 *   the rest the file (after that header and those records)
 * It is written to a file in a private folder (on /dev/shm when there is
 * one), then:
 *   1. journal_read() replays it as export does, each record decoded
 *      and committed into a new model by journal_apply(), as serve does;
 *   2. journal_open() replays it as serve does, into another model, and
 *      cuts off a torn tail;
 *   3. if the open succeeded, one record is appended and the file closed,
 *      and journal_read() reads it again.
 * Besides crashes, leaks and undefined behaviour, it aborts when the two
 * replays disagree (one fails, or they pass different records), when the
 * file the open left behind does not read back cleanly with the new
 * record after the kept ones, when journal_size() is not the file's
 * size, or when a version-1 header the open accepted is not the current
 * version's afterwards.  A room that replays is then exported (report,
 * charter, CSV) to /dev/null, and its snapshot is encoded for the
 * facilitator and decoded.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roundtable/export.h"
#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/wire.h"

#include "fuzz-room.h"

#define F_HEADER	0x1
#define F_CRC		0x2
#define F_ROOM		0x4
#define F_V1		0x8

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct wire_buf	 rooms[PHASE_COUNT];	/* their records */
static char	 dir[64];
static char	 path[96];
static FILE	*devnull;

struct replayed {
	struct workshop	*ws;		/* NULL: count only */
	uint64_t	 records;
	uint64_t	 last_off;	/* offset of the last record passed */
};

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void
append(struct wire_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		if ((b->data = realloc(b->data, b->cap)) == NULL)
			abort();
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct wire_buf rec;
	struct stat st;
	uint8_t hdr[8];
	size_t i;
	int k;

	(void)argc;
	(void)argv;
	fuzz_rooms_init();
	wire_buf_init(&rec);
	for (k = 0; k < PHASE_COUNT; k++) {
		wire_buf_init(&rooms[k]);
		for (i = 0; i < fuzz_rooms[k].nlog; i++) {
			wire_buf_reset(&rec);
			if (wire_encode_record(&fuzz_rooms[k].log[i], &rec) != 0)
				abort();
			put_be32(hdr, (uint32_t)rec.len);
			put_be32(hdr + 4, journal_crc32c(0, rec.data, rec.len));
			append(&rooms[k], hdr, sizeof hdr);
			append(&rooms[k], rec.data, rec.len);
		}
	}
	wire_buf_destroy(&rec);
	snprintf(dir, sizeof dir, "%s/fuzz_journal.XXXXXX",
	    stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" :
	    "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/j.rtj", dir);
	atexit(cleanup);
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	return 0;
}

/* The room's replay (journal_apply), counting. */
static int
replay_record(void *ctx, const uint8_t *payload, size_t len, uint64_t off,
    char *err, size_t errlen)
{
	struct replayed *r = ctx;

	r->records++;
	r->last_off = off;
	if (r->ws == NULL)
		return 0;
	return journal_apply(r->ws, payload, len, off, err, errlen);
}

static void
write_file(const uint8_t *data, size_t size)
{
	uint8_t hdr[JOURNAL_HEADER_SIZE] = "RNDTBLJ\n";
	struct wire_buf b;
	size_t off, len;
	int fd;

	wire_buf_init(&b);
	if (data[0] & (F_HEADER | F_ROOM)) {
		put_be32(hdr + 8, data[0] & F_V1 ? 1 : JOURNAL_VERSION);
		append(&b, hdr, sizeof hdr);
	}
	off = b.len;
	if (data[0] & F_ROOM) {
		const struct wire_buf *r = &rooms[(data[0] >> 4) % PHASE_COUNT];

		append(&b, r->data, r->len);
		off = b.len;
	}
	append(&b, data + 1, size - 1);
	if (data[0] & F_CRC) {
		for (; off + 8 <= b.len; off += 8 + len) {
			len = be32(b.data + off);
			if (len == 0 || len > b.len - off - 8)
				break;
			put_be32(b.data + off + 4,
			    journal_crc32c(0, b.data + off + 8, len));
		}
	}
	unlink(path);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1 ||
	    (b.len > 0 && write(fd, b.data, b.len) != (ssize_t)b.len) ||
	    close(fd) == -1)
		abort();
	wire_buf_destroy(&b);
}

/* Whether the file's header says the current version (after an open,
 * which raises a version-1 header). */
static int
header_current(void)
{
	uint8_t	hdr[JOURNAL_HEADER_SIZE];
	int	fd, ok;

	if ((fd = open(path, O_RDONLY)) == -1)
		abort();
	ok = read(fd, hdr, sizeof hdr) == (ssize_t)sizeof hdr &&
	    be32(hdr + 8) == JOURNAL_VERSION;
	close(fd);
	return ok;
}

/* What `roundtable export` writes from the room journal_read() made
 * (main.c refuses a record that holds no room yet). */
static void
export(const struct workshop *ws)
{
	if (ws->title == NULL)
		return;
	export_report(ws, devnull);
	export_charter(ws, devnull);
	export_actions_csv(ws, devnull);
}

/* What the room journal_open() made sends the facilitator's client. */
static void
serve(const struct workshop *ws)
{
	struct wire_buf b;
	struct workshop *copy;
	char why[160];

	if (ws->title == NULL)
		return;
	wire_buf_init(&b);
	fuzz_snapshot(ws, MODEL_FACILITATOR, &b);
	if ((copy = fuzz_replica(&b, why, sizeof why)) != NULL)
		model_free(copy);
	wire_buf_destroy(&b);
}

static void
bug(const char *what, const char *e1, const char *e2)
{
	fprintf(stderr, "fuzz_journal: %s\n  read: %s\n  open: %s\n", what,
	    e1, e2);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replayed rd = { 0 }, op = { 0 }, again = { 0 };
	struct journal *j;
	struct stat st;
	char warn1[512], err1[512], warn2[512], err2[512];
	static const uint8_t rec[] = { 0x81, 0x00, 0x08 };	/* {type: 8} */
	int rc1, rc2;

	if (size < 1)
		return 0;
	write_file(data, size);

	rd.ws = model_new();
	rc1 = journal_read(path, replay_record, &rd, warn1, sizeof warn1,
	    err1, sizeof err1);
	op.ws = model_new();
	rc2 = journal_open(path, replay_record, &op, &j, warn2, sizeof warn2,
	    err2, sizeof err2);
	if (getenv("FUZZ_TRACE") != NULL)
		fprintf(stderr, "read %d, %llu records, seq %llu: %s%s\n"
		    "open %d, %llu records, seq %llu: %s%s\n", rc1,
		    (unsigned long long)rd.records,
		    (unsigned long long)rd.ws->seq, warn1, err1, rc2,
		    (unsigned long long)op.records,
		    (unsigned long long)op.ws->seq, warn2, err2);
	if (rc1 != rc2 || rd.records != op.records ||
	    rd.last_off != op.last_off || rd.ws->seq != op.ws->seq)
		bug("export and serve replay differently", rc1 == 0 ? warn1 :
		    err1, rc2 == 0 ? warn2 : err2);
	if (rc2 == 0) {
		if (journal_append(j, rec, sizeof rec, err2,
		    sizeof err2) != 0)
			bug("append after open failed", "", err2);
		if (stat(path, &st) != 0 ||
		    (uint64_t)st.st_size != journal_size(j))
			bug("journal_size is not the file's size", "", "");
		journal_close(j);
		if ((data[0] & (F_HEADER | F_ROOM)) && !header_current())
			bug("an older header was served and not raised", "",
			    warn2);
		if (journal_read(path, replay_record, &again, warn1,
		    sizeof warn1, err1, sizeof err1) != 0 ||
		    warn1[0] != '\0' || again.records != op.records + 1)
			bug("the file left by journal_open does not read "
			    "back", err1[0] != '\0' ? err1 : warn1, warn2);
		export(rd.ws);
		serve(op.ws);
	}
	model_free(rd.ws);
	model_free(op.ws);
	return 0;
}
