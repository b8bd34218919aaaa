/*
 * test_journal.c - the record on disk as the facilitator meets it: records
 * come back in order after a restart, a record cut short by a crash is
 * dropped with a warning, damage stops the start with a message that says
 * where and how to keep the good part, and a failed write leaves the file
 * as it was.
 *
 * Every test works in its own mkdtemp() folder under /tmp.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "roundtable/journal.h"

#define MSG	512

struct fixture {
	char	dir[64];
	char	path[128];	/* dir/roundtable.rtj */
	char	other[128];	/* dir/good.rtj */
};

/* Records as a replay handed them over (copies). */
struct rec {
	uint8_t		*p;
	size_t		 len;
	uint64_t	 off;
};

struct seen {
	struct rec	*r;
	size_t		 n;
	size_t		 stop_at;	/* return -1 at this record, if > 0 */
};

static int
collect(void *ctx, const uint8_t *p, size_t len, uint64_t off, char *err,
    size_t errlen)
{
	struct seen	*s = ctx;

	if (s->stop_at > 0 && s->n + 1 == s->stop_at) {
		snprintf(err, errlen, "the callback refused record %zu",
		    s->n + 1);
		return -1;
	}
	s->r = realloc(s->r, (s->n + 1) * sizeof *s->r);
	assert_non_null(s->r);
	s->r[s->n].p = malloc(len);
	assert_non_null(s->r[s->n].p);
	memcpy(s->r[s->n].p, p, len);
	s->r[s->n].len = len;
	s->r[s->n].off = off;
	s->n++;
	return 0;
}

static void
seen_free(struct seen *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->r[i].p);
	free(s->r);
	memset(s, 0, sizeof *s);
}

/* Payload i of length len: recognisable bytes, different per record. */
static uint8_t *
payload(size_t i, size_t len)
{
	uint8_t	*p = malloc(len);
	size_t	 k;

	assert_non_null(p);
	for (k = 0; k < len; k++)
		p[k] = (uint8_t)(i * 31 + k * 7 + (k >> 8));
	return p;
}

static uint64_t
file_size(const char *path)
{
	struct stat	st;

	assert_int_equal(stat(path, &st), 0);
	return (uint64_t)st.st_size;
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	uint8_t	*buf;
	long	 n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc(n > 0 ? (size_t)n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
spit(const char *path, const void *buf, size_t len)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	if (len > 0)
		assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
flip_byte(const char *path, uint64_t off, uint8_t mask)
{
	uint8_t	*buf;
	size_t	 len;

	buf = slurp(path, &len);
	assert_true(off < len);
	buf[off] ^= mask;
	spit(path, buf, len);
	free(buf);
}

static void
cut_file(const char *path, uint64_t size)
{
	assert_int_equal(truncate(path, (off_t)size), 0);
}

/* Writes a fresh journal of n records with the given sizes; ends[i] is the
 * end offset of record i. */
static void
make_journal(const char *path, const size_t *sizes, size_t n, uint64_t *ends)
{
	struct journal	*j;
	char		 warn[MSG], err[MSG];
	uint8_t		*p;
	size_t		 i;

	unlink(path);
	assert_int_equal(journal_open(path, NULL, NULL, &j, warn, sizeof warn,
	    err, sizeof err), 0);
	for (i = 0; i < n; i++) {
		p = payload(i, sizes[i]);
		assert_int_equal(journal_append(j, p, sizes[i], err,
		    sizeof err), 0);
		free(p);
		if (ends != NULL)
			ends[i] = journal_size(j);
	}
	assert_int_equal(journal_sync(j), 0);
	journal_close(j);
}

/* Asserts s starts with records 0..n-1 as make_journal wrote them. */
static void
assert_first_records(const struct seen *s, const size_t *sizes, size_t n)
{
	uint64_t	 off = JOURNAL_HEADER_SIZE;
	uint8_t		*p;
	size_t		 i;

	assert_true(s->n >= n);
	for (i = 0; i < n; i++) {
		assert_int_equal(s->r[i].off, off);
		assert_int_equal(s->r[i].len, sizes[i]);
		p = payload(i, sizes[i]);
		assert_memory_equal(s->r[i].p, p, sizes[i]);
		free(p);
		off += 8 + sizes[i];
	}
}

/* Asserts s holds exactly records 0..n-1 as make_journal wrote them. */
static void
assert_records(const struct seen *s, const size_t *sizes, size_t n)
{
	assert_int_equal(s->n, n);
	assert_first_records(s, sizes, n);
}

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	assert_non_null(f);
	strcpy(f->dir, "/tmp/rtj-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/roundtable.rtj", f->dir);
	snprintf(f->other, sizeof f->other, "%s/good.rtj", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;
	struct dirent	*de;
	DIR		*d;
	char		 p[512];

	if ((d = opendir(f->dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof p, "%s/%s", f->dir, de->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
test_crc32c(void **state)
{
	const char	*check = "123456789";
	uint8_t		 buf[32];
	size_t		 i;

	(void)state;
	/* The standard check value and the iSCSI vectors (RFC 3720 B.4). */
	assert_int_equal(journal_crc32c(0, check, 9), 0xe3069283u);
	memset(buf, 0, sizeof buf);
	assert_int_equal(journal_crc32c(0, buf, sizeof buf), 0x8a9136aau);
	memset(buf, 0xff, sizeof buf);
	assert_int_equal(journal_crc32c(0, buf, sizeof buf), 0x62a8ab43u);
	for (i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)i;
	assert_int_equal(journal_crc32c(0, buf, sizeof buf), 0x46dd794eu);
	for (i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(31 - i);
	assert_int_equal(journal_crc32c(0, buf, sizeof buf), 0x113fdb5cu);
	/* Chaining: any split gives the same CRC. */
	for (i = 0; i <= 9; i++)
		assert_int_equal(journal_crc32c(journal_crc32c(0, check, i),
		    check + i, 9 - i), 0xe3069283u);
	assert_int_equal(journal_crc32c(0, "", 0), 0);
}

static void
test_create(void **state)
{
	struct fixture	*f = *state;
	struct journal	*j;
	struct seen	 s = { 0 };
	struct stat	 st;
	char		 warn[MSG], err[MSG];
	uint8_t		*buf;
	size_t		 len;

	assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_non_null(j);
	assert_string_equal(warn, "");
	assert_int_equal(s.n, 0);
	assert_int_equal(journal_size(j), JOURNAL_HEADER_SIZE);
	journal_close(j);

	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	buf = slurp(f->path, &len);
	assert_int_equal(len, 16);
	assert_memory_equal(buf, "RNDTBLJ\n\0\0\0\2\0\0\0\0", 16);
	free(buf);

	/* A missing folder is a clear error and creates nothing. */
	snprintf(f->other, sizeof f->other, "%s/no/such.rtj", f->dir);
	assert_int_equal(journal_open(f->other, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	assert_null(j);
	assert_non_null(strstr(err, f->other));
	assert_non_null(strstr(err, "No such file"));
}

static void
test_append_reopen_replay(void **state)
{
	struct fixture	*f = *state;
	/* Includes records larger than the replay's read chunk. */
	const size_t	 sizes[] = { 1, 7, 300, 70000, 3 << 20, 1, 65536 };
	const size_t	 n = sizeof sizes / sizeof sizes[0];
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[7];
	uint8_t		*p;

	make_journal(f->path, sizes, n, ends);
	assert_int_equal(file_size(f->path), ends[n - 1]);

	assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_records(&s, sizes, n);
	assert_int_equal(journal_size(j), ends[n - 1]);
	seen_free(&s);

	/* Appending after a reopen continues the same record. */
	p = payload(n, 10);
	assert_int_equal(journal_append(j, p, 10, err, sizeof err), 0);
	free(p);
	assert_int_equal(journal_size(j), ends[n - 1] + 18);
	journal_close(j);
	assert_int_equal(file_size(f->path), ends[n - 1] + 18);

	assert_int_equal(journal_read(f->path, collect, &s, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_int_equal(s.n, n + 1);
	assert_first_records(&s, sizes, n);
	assert_int_equal(s.r[n].off, ends[n - 1]);
	assert_int_equal(s.r[n].len, 10);
	seen_free(&s);
}

struct counter {
	size_t		n;
	uint64_t	off;
	int		bad;
};

static int
check_small(void *ctx, const uint8_t *p, size_t len, uint64_t off, char *err,
    size_t errlen)
{
	struct counter	*c = ctx;
	uint32_t	 v;

	(void)err;
	(void)errlen;
	memcpy(&v, p, sizeof v);
	if (len != 4 + c->n % 37 || v != c->n || off != c->off)
		c->bad++;
	c->n++;
	c->off += 8 + len;
	return 0;
}

/* Many small records: records straddle every read chunk boundary. */
static void
test_many_records(void **state)
{
	struct fixture	*f = *state;
	struct journal	*j;
	struct counter	 c = { 0, JOURNAL_HEADER_SIZE, 0 };
	char		 warn[MSG], err[MSG];
	uint8_t		 buf[64];
	uint32_t	 v;
	const size_t	 n = 200000;

	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	memset(buf, 'x', sizeof buf);
	for (v = 0; v < n; v++) {
		memcpy(buf, &v, sizeof v);
		assert_int_equal(journal_append(j, buf, 4 + v % 37, err,
		    sizeof err), 0);
	}
	journal_close(j);

	assert_int_equal(journal_read(f->path, check_small, &c, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_int_equal(c.n, n);
	assert_int_equal(c.bad, 0);
	assert_int_equal(c.off, file_size(f->path));
}

/* Cut the file at every byte inside the last of three records. */
static void
test_torn_tail_every_offset(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 20, 5, 40 };
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG], want[MSG];
	uint64_t	 ends[3], cut;
	uint8_t		*p;

	for (cut = 0; ; cut++) {
		make_journal(f->path, sizes, 3, ends);
		if (ends[1] + cut >= ends[2])
			break;
		cut_file(f->path, ends[1] + cut);

		assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
		    sizeof warn, err, sizeof err), 0);
		assert_records(&s, sizes, 2);
		seen_free(&s);
		if (cut == 0)
			assert_string_equal(warn, "");
		else {
			snprintf(want, sizeof want, "%s: the last record "
			    "(bytes %" PRIu64 "\xe2\x80\x93%" PRIu64 ") was "
			    "incomplete and has been dropped; 2 records kept",
			    f->path, ends[1], ends[1] + cut - 1);
			assert_string_equal(warn, want);
		}
		assert_int_equal(journal_size(j), ends[1]);
		assert_int_equal(file_size(f->path), ends[1]);

		/* The record goes on where the good part ended. */
		p = payload(2, sizes[2]);
		assert_int_equal(journal_append(j, p, sizes[2], err,
		    sizeof err), 0);
		free(p);
		journal_close(j);
		assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
		    sizeof warn, err, sizeof err), 0);
		assert_string_equal(warn, "");
		assert_records(&s, sizes, 3);
		seen_free(&s);
		journal_close(j);
	}
	assert_int_equal(cut, 8 + sizes[2]);
}

/* journal_read skips a torn tail but leaves the file alone. */
static void
test_read_leaves_file(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 20, 5, 40 };
	struct seen	 s = { 0 };
	struct stat	 st0, st1;
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[3];
	uint8_t		*before, *after;
	size_t		 lb, la;

	make_journal(f->path, sizes, 3, ends);
	cut_file(f->path, ends[2] - 3);
	before = slurp(f->path, &lb);
	assert_int_equal(stat(f->path, &st0), 0);

	assert_int_equal(journal_read(f->path, collect, &s, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_records(&s, sizes, 2);
	seen_free(&s);
	assert_non_null(strstr(warn, "incomplete"));
	assert_non_null(strstr(warn, "2 records read"));

	after = slurp(f->path, &la);
	assert_int_equal(stat(f->path, &st1), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(after, before, lb);
	assert_int_equal(st1.st_mtim.tv_sec, st0.st_mtim.tv_sec);
	assert_int_equal(st1.st_mtim.tv_nsec, st0.st_mtim.tv_nsec);
	free(before);
	free(after);

	/* A missing file is an error and stays missing. */
	assert_int_equal(journal_read(f->other, collect, &s, warn, sizeof warn,
	    err, sizeof err), -1);
	assert_non_null(strstr(err, f->other));
	assert_int_equal(access(f->other, F_OK), -1);
}

/* Expects open and read to refuse path with damage at byte off after
 * `before` good records, and the file to be untouched. */
static void
assert_damage(const char *path, uint64_t off, size_t before)
{
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG], want[128];
	uint8_t		*b0, *b1;
	size_t		 l0, l1;

	b0 = slurp(path, &l0);
	assert_int_equal(journal_open(path, collect, &s, &j, warn, sizeof warn,
	    err, sizeof err), -1);
	assert_null(j);
	snprintf(want, sizeof want, "damaged at byte %" PRIu64 " ", off);
	assert_non_null(strstr(err, want));
	snprintf(want, sizeof want, "head -c %" PRIu64 " %s > ", off, path);
	assert_non_null(strstr(err, want));
	assert_int_equal(s.n, before);
	seen_free(&s);

	assert_int_equal(journal_read(path, collect, &s, warn, sizeof warn,
	    err, sizeof err), -1);
	assert_non_null(strstr(err, want));
	seen_free(&s);

	b1 = slurp(path, &l1);
	assert_int_equal(l1, l0);
	assert_memory_equal(b1, b0, l0);
	free(b0);
	free(b1);
}

static void
test_damage_payload(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 9 };
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[3], off;

	/* Every payload byte of the first and second record. */
	make_journal(f->path, sizes, 3, ends);
	for (off = JOURNAL_HEADER_SIZE + 8; off < ends[1]; off++) {
		if (off >= ends[0] && off < ends[0] + 8)
			continue;
		make_journal(f->path, sizes, 3, ends);
		flip_byte(f->path, off, 0x20);
		if (off < ends[0])
			assert_damage(f->path, JOURNAL_HEADER_SIZE, 0);
		else
			assert_damage(f->path, ends[0], 1);
	}

	/* The message's advice works: the prefix is a clean record. */
	make_journal(f->path, sizes, 3, ends);
	flip_byte(f->path, ends[1] - 1, 0x01);
	assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	seen_free(&s);
	assert_non_null(strstr(err, "the 1 record before it is intact"));
	assert_non_null(strstr(err, "checksum mismatch"));
	{
		uint8_t	*buf;
		size_t	 len;

		buf = slurp(f->path, &len);
		spit(f->other, buf, ends[0]);
		free(buf);
	}
	assert_int_equal(journal_read(f->other, collect, &s, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_records(&s, sizes, 1);
	seen_free(&s);
}

/* Every bit of the length and checksum fields of records 1 and 2. */
static void
test_damage_record_header(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 9, 17 };
	uint64_t	 ends[4], start;
	int		 rec, byte, bit;

	for (rec = 0; rec < 2; rec++) {
		for (byte = 0; byte < 8; byte++) {
			for (bit = 0; bit < 8; bit++) {
				make_journal(f->path, sizes, 4, ends);
				start = rec == 0 ? JOURNAL_HEADER_SIZE :
				    ends[rec - 1];
				flip_byte(f->path, start + byte, 1u << bit);
				assert_damage(f->path, start, (size_t)rec);
			}
		}
	}
}

/* A last record whose length was made shorter is not a torn write: its
 * end no longer meets the end of the file. */
static void
test_damage_last_length(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 9 };
	uint64_t	 ends[3];

	make_journal(f->path, sizes, 3, ends);
	flip_byte(f->path, ends[1] + 3, 0x01);	/* 9 -> 8 */
	assert_damage(f->path, ends[1], 2);
}

static void
test_damage_message(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 9, 17 };
	struct journal	*j;
	char		 warn[MSG], err[MSG], want[MSG];
	uint64_t	 ends[4];

	make_journal(f->path, sizes, 4, ends);
	flip_byte(f->path, ends[1] + 8, 0x80);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s: record damaged at byte %" PRIu64
	    " (checksum mismatch); the 2 records before it are intact. "
	    "To keep them, copy the first %" PRIu64 " bytes: head -c %"
	    PRIu64 " %s > good.rtj", f->path, ends[1], ends[1], ends[1],
	    f->path);
	assert_string_equal(err, want);
}

/* A damaged last record with nothing after it is a torn write. */
static void
test_last_record_checksum(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 9 };
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[3], off;

	/* Each byte of its checksum and payload. */
	make_journal(f->path, sizes, 3, ends);
	for (off = ends[1] + 4; off < ends[2]; off++) {
		make_journal(f->path, sizes, 3, ends);
		flip_byte(f->path, off, 0x04);
		assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
		    sizeof warn, err, sizeof err), 0);
		assert_records(&s, sizes, 2);
		seen_free(&s);
		assert_non_null(strstr(warn, "checksum mismatch"));
		assert_non_null(strstr(warn, "dropped; 2 records kept"));
		assert_int_equal(file_size(f->path), ends[1]);
		journal_close(j);
	}
}

/* Blocks allocated at the end but never written read back as zeros. */
static void
test_zero_tail(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30 };
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[2];
	uint8_t		 zeros[4096] = { 0 };
	uint8_t		*buf;
	size_t		 len;

	make_journal(f->path, sizes, 2, ends);
	buf = slurp(f->path, &len);
	buf = realloc(buf, len + sizeof zeros);
	memcpy(buf + len, zeros, sizeof zeros);
	spit(f->path, buf, len + sizeof zeros);

	assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_records(&s, sizes, 2);
	seen_free(&s);
	assert_non_null(strstr(warn, "dropped"));
	assert_int_equal(file_size(f->path), ends[1]);
	journal_close(j);

	/* Zeros and then something else is damage. */
	buf[len + 100] = 1;
	spit(f->path, buf, len + sizeof zeros);
	assert_damage(f->path, ends[1], 2);
	free(buf);
}

static void
test_wrong_magic(void **state)
{
	struct fixture	*f = *state;
	struct journal	*j;
	char		 warn[MSG], err[MSG], want[MSG];
	uint8_t		*buf;
	size_t		 len;

	spit(f->path, "# Minutes of the meeting\nWe met.\n", 33);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	assert_null(j);
	snprintf(want, sizeof want, "%s is not a roundtable record", f->path);
	assert_string_equal(err, want);
	assert_int_equal(journal_read(f->path, NULL, NULL, warn, sizeof warn,
	    err, sizeof err), -1);
	assert_string_equal(err, want);
	assert_int_equal(file_size(f->path), 33);

	/* Shorter than a header and not the start of one. */
	spit(f->path, "hello", 5);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	assert_non_null(strstr(err, want));
	buf = slurp(f->path, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(buf, "hello", 5);
	free(buf);

	/* A header prefix followed by a different version word. */
	spit(f->path, "RNDTBLJ\n\0\0\0\7", 12);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	assert_non_null(strstr(err, want));
	assert_int_equal(file_size(f->path), 12);
}

static void
test_newer_version(void **state)
{
	struct fixture	*f = *state;
	struct journal	*j;
	char		 warn[MSG], err[MSG];

	spit(f->path, "RNDTBLJ\n\0\0\0\3\0\0\0\0\0\0\0\1\0\0\0\0x", 25);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	assert_null(j);
	assert_non_null(strstr(err, f->path));
	assert_non_null(strstr(err, "newer"));
	assert_non_null(strstr(err, "version 3"));
	assert_non_null(strstr(err, "version 2"));
	assert_int_equal(journal_read(f->path, NULL, NULL, warn, sizeof warn,
	    err, sizeof err), -1);
	assert_non_null(strstr(err, "version 3"));
	assert_int_equal(file_size(f->path), 25);
}

/*
 * A record of version 1 (before a change could take an action's
 * agreements back) opens as it was, and its header becomes version 2,
 * so that a roundtable of version 1 will not replay what this one
 * appends without the mark; reading it (export) changes nothing.
 */
static void
test_older_version_raised(void **state)
{
	struct fixture	*f = *state;
	struct journal	*j;
	char		 warn[MSG], err[MSG];
	struct seen	 s = { 0 };
	uint8_t		*buf;
	size_t		 len;

	spit(f->path, "RNDTBLJ\n\0\0\0\1\0\0\0\0", 16);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_int_equal(journal_append(j, "one", 3, err, sizeof err), 0);
	journal_close(j);
	buf = slurp(f->path, &len);
	assert_int_equal(len, JOURNAL_HEADER_SIZE + 8 + 3);
	assert_memory_equal(buf, "RNDTBLJ\n\0\0\0\2\0\0\0\0", 16);
	free(buf);
	assert_int_equal(journal_read(f->path, collect, &s, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_int_equal(s.n, 1);
	assert_memory_equal(s.r[0].p, "one", 3);
	seen_free(&s);

	spit(f->path, "RNDTBLJ\n\0\0\0\1\0\0\0\0", 16);
	assert_int_equal(journal_read(f->path, NULL, NULL, warn, sizeof warn,
	    err, sizeof err), 0);
	buf = slurp(f->path, &len);
	assert_memory_equal(buf, "RNDTBLJ\n\0\0\0\1\0\0\0\0", 16);
	free(buf);
}

/* A creation cut short leaves a prefix of the header. */
static void
test_torn_header(void **state)
{
	struct fixture	*f = *state;
	const char	 hdr[] = "RNDTBLJ\n\0\0\0\2\0\0\0\0";
	const char	 old[] = "RNDTBLJ\n\0\0\0\1\0\0\0\0";
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG];
	uint8_t		*buf;
	size_t		 i, k, len;

	/* Each prefix of the header, then each of an older roundtable's
	 * (version 1) from where they differ: both are rewritten whole. */
	for (i = 0; i < 2 * JOURNAL_HEADER_SIZE - 12; i++) {
		k = i < JOURNAL_HEADER_SIZE ? i : i - JOURNAL_HEADER_SIZE + 12;
		spit(f->path, i < JOURNAL_HEADER_SIZE ? hdr : old, k);
		assert_int_equal(journal_read(f->path, collect, &s, warn,
		    sizeof warn, err, sizeof err), 0);
		assert_int_equal(s.n, 0);
		assert_int_equal(file_size(f->path), k);
		if (k == 0)
			assert_string_equal(warn, "");
		else
			assert_non_null(strstr(warn, "header is incomplete"));

		assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
		    sizeof warn, err, sizeof err), 0);
		assert_int_equal(s.n, 0);
		if (k == 0)
			assert_string_equal(warn, "");
		else {
			assert_non_null(strstr(warn, f->path));
			assert_non_null(strstr(warn, "rewritten"));
		}
		assert_int_equal(journal_size(j), JOURNAL_HEADER_SIZE);
		assert_int_equal(journal_append(j, "x", 1, err, sizeof err),
		    0);
		journal_close(j);

		buf = slurp(f->path, &len);
		assert_int_equal(len, JOURNAL_HEADER_SIZE + 9);
		assert_memory_equal(buf, hdr, JOURNAL_HEADER_SIZE);
		free(buf);
		assert_int_equal(journal_read(f->path, collect, &s, warn,
		    sizeof warn, err, sizeof err), 0);
		assert_int_equal(s.n, 1);
		assert_int_equal(s.r[0].len, 1);
		seen_free(&s);
	}
}

/*
 * A write that fails part-way (the file size limit, EFBIG) leaves the file
 * as it was.  The limit is lowered only around the one append, and raised
 * back before anything else writes (cmocka's output may go to a file).
 */
static void
test_append_failure(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30 };
	struct journal	*j;
	struct seen	 s = { 0 };
	struct rlimit	 old, lim;
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[2], before;
	uint8_t		*p;
	void		(*oldsig)(int);
	int		 rc, rc2, pass;

	make_journal(f->path, sizes, 2, ends);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	before = journal_size(j);
	p = payload(7, 100);

	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	oldsig = signal(SIGXFSZ, SIG_IGN);
	for (pass = 0; pass < 2; pass++) {
		/* Pass 0: room for part of the record; pass 1: none. */
		lim = old;
		lim.rlim_cur = before + (pass == 0 ? 20 : 0);
		assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
		rc = journal_append(j, p, 100, err, sizeof err);
		rc2 = setrlimit(RLIMIT_FSIZE, &old);
		assert_int_equal(rc2, 0);

		assert_int_equal(rc, -1);
		assert_non_null(strstr(err, f->path));
		assert_non_null(strstr(err, "largest size allowed"));
		assert_non_null(strstr(err, "the record was not written"));
		assert_int_equal(file_size(f->path), before);
		assert_int_equal(journal_size(j), before);
	}
	signal(SIGXFSZ, oldsig);

	/* With room again, the next record lands where it belongs. */
	assert_int_equal(journal_append(j, p, 100, err, sizeof err), 0);
	journal_close(j);
	free(p);
	assert_int_equal(journal_read(f->path, collect, &s, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_int_equal(s.n, 3);
	assert_first_records(&s, sizes, 2);
	assert_int_equal(s.r[2].off, before);
	assert_int_equal(s.r[2].len, 100);
	seen_free(&s);

	/* And without it: exactly the earlier records. */
	make_journal(f->path, sizes, 2, ends);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	p = payload(7, 100);
	oldsig = signal(SIGXFSZ, SIG_IGN);
	lim = old;
	lim.rlim_cur = before + 50;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	rc = journal_append(j, p, 100, err, sizeof err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, oldsig);
	free(p);
	assert_int_equal(rc, -1);
	journal_close(j);
	assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_records(&s, sizes, 2);
	seen_free(&s);
	journal_close(j);
}

static void
test_append_bad_length(void **state)
{
	struct fixture	*f = *state;
	struct journal	*j;
	char		 warn[MSG], err[MSG];
	uint8_t		*big;

	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_int_equal(journal_append(j, "", 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot be written"));
	big = calloc(1, JOURNAL_RECORD_MAX + 1);
	assert_non_null(big);
	assert_int_equal(journal_append(j, big, JOURNAL_RECORD_MAX + 1, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "16777217 bytes"));
	assert_int_equal(journal_size(j), JOURNAL_HEADER_SIZE);
	assert_int_equal(file_size(f->path), JOURNAL_HEADER_SIZE);
	/* The largest record is fine. */
	assert_int_equal(journal_append(j, big, JOURNAL_RECORD_MAX, err,
	    sizeof err), 0);
	free(big);
	journal_close(j);
	assert_int_equal(file_size(f->path),
	    JOURNAL_HEADER_SIZE + 8 + JOURNAL_RECORD_MAX);
	assert_int_equal(journal_read(f->path, NULL, NULL, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_string_equal(warn, "");
}

static void
test_callback_stops(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 9 };
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[3];

	make_journal(f->path, sizes, 3, ends);
	s.stop_at = 2;
	assert_int_equal(journal_open(f->path, collect, &s, &j, warn,
	    sizeof warn, err, sizeof err), -1);
	assert_null(j);
	assert_string_equal(err, "the callback refused record 2");
	assert_int_equal(s.n, 1);
	seen_free(&s);
	s.stop_at = 3;
	assert_int_equal(journal_read(f->path, collect, &s, warn, sizeof warn,
	    err, sizeof err), -1);
	assert_string_equal(err, "the callback refused record 3");
	seen_free(&s);
	assert_int_equal(file_size(f->path), ends[2]);
}

/* Two servers must never append to one record. */
static void
test_open_twice(void **state)
{
	struct fixture	*f = *state;
	struct journal	*j, *j2;
	char		 warn[MSG], err[MSG];

	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j2, warn,
	    sizeof warn, err, sizeof err), -1);
	assert_null(j2);
	assert_non_null(strstr(err, "in use"));
	/* Export may still read it. */
	assert_int_equal(journal_read(f->path, NULL, NULL, warn, sizeof warn,
	    err, sizeof err), 0);
	journal_close(j);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j2, warn,
	    sizeof warn, err, sizeof err), 0);
	journal_close(j2);
}

struct syncer {
	struct journal	*j;
	pthread_mutex_t	 mu;	/* guards the fields below */
	int		 stop;
	int		 fails;
	int		 count;
};

static void *
sync_loop(void *arg)
{
	struct syncer	*sy = arg;
	int		 stop, r;

	for (;;) {
		pthread_mutex_lock(&sy->mu);
		stop = sy->stop;
		pthread_mutex_unlock(&sy->mu);
		if (stop)
			break;
		r = journal_sync(sy->j);
		pthread_mutex_lock(&sy->mu);
		if (r != 0)
			sy->fails++;
		sy->count++;
		pthread_mutex_unlock(&sy->mu);
	}
	return NULL;
}

/* Waits until the worker has finished more than `after` syncs. */
static int
syncs_after(struct syncer *sy, int after)
{
	int	count;

	for (;;) {
		pthread_mutex_lock(&sy->mu);
		count = sy->count;
		pthread_mutex_unlock(&sy->mu);
		if (count > after)
			return count;
		sched_yield();
	}
}

/* Syncs on a worker while the test thread appends. */
static void
test_sync_from_thread(void **state)
{
	struct fixture	*f = *state;
	struct syncer	 sy = { 0 };
	struct counter	 c = { 0, JOURNAL_HEADER_SIZE, 0 };
	pthread_t	 t;
	char		 warn[MSG], err[MSG];
	uint8_t		 buf[64];
	uint32_t	 v;
	int		 n;

	assert_int_equal(journal_open(f->path, NULL, NULL, &sy.j, warn,
	    sizeof warn, err, sizeof err), 0);
	pthread_mutex_init(&sy.mu, NULL);
	assert_int_equal(pthread_create(&t, NULL, sync_loop, &sy), 0);
	syncs_after(&sy, 0);
	memset(buf, 'y', sizeof buf);
	for (v = 0; v < 2000; v++) {
		memcpy(buf, &v, sizeof v);
		assert_int_equal(journal_append(sy.j, buf, 4 + v % 37, err,
		    sizeof err), 0);
	}
	/* One whole sync after the last append. */
	pthread_mutex_lock(&sy.mu);
	n = sy.count;
	pthread_mutex_unlock(&sy.mu);
	syncs_after(&sy, n + 1);
	pthread_mutex_lock(&sy.mu);
	sy.stop = 1;
	pthread_mutex_unlock(&sy.mu);
	assert_int_equal(pthread_join(t, NULL), 0);
	pthread_mutex_destroy(&sy.mu);
	assert_int_equal(sy.fails, 0);
	journal_close(sy.j);

	assert_int_equal(journal_read(f->path, check_small, &c, warn,
	    sizeof warn, err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_int_equal(c.n, 2000);
	assert_int_equal(c.bad, 0);
}

/*
 * After a failed sync the records it covered are cut off and written
 * again: journal_rewind cuts back to a record boundary, appends land
 * there, and a replay finds every record once.  A failed append says why
 * in errno too (the server words it for participants).
 */
static void
test_rewind_writes_again(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 40, 50 };
	struct journal	*j;
	struct seen	 s = { 0 };
	struct rlimit	 old, lim;
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[2], full;
	uint8_t		*p;
	void		(*oldsig)(int);
	size_t		 i;
	int		 rc, e;

	make_journal(f->path, sizes, 2, ends);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	for (i = 2; i < 4; i++) {
		p = payload(i, sizes[i]);
		assert_int_equal(journal_append(j, p, sizes[i], err,
		    sizeof err), 0);
		free(p);
	}
	full = journal_size(j);

	assert_int_equal(journal_rewind(j, ends[1], err, sizeof err), 0);
	assert_int_equal(journal_size(j), ends[1]);
	assert_int_equal(file_size(f->path), ends[1]);

	/* A failed append in between: errno says why; the file is kept. */
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	oldsig = signal(SIGXFSZ, SIG_IGN);
	lim = old;
	lim.rlim_cur = ends[1] + 4;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	p = payload(2, sizes[2]);
	rc = journal_append(j, p, sizes[2], err, sizeof err);
	e = errno;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, oldsig);
	assert_int_equal(rc, -1);
	assert_int_equal(e, EFBIG);
	assert_int_equal(file_size(f->path), ends[1]);
	free(p);

	for (i = 2; i < 4; i++) {
		p = payload(i, sizes[i]);
		assert_int_equal(journal_append(j, p, sizes[i], err,
		    sizeof err), 0);
		free(p);
	}
	assert_int_equal(journal_size(j), full);
	assert_int_equal(journal_sync(j), 0);
	journal_close(j);
	assert_int_equal(journal_read(f->path, collect, &s, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_records(&s, sizes, 4);
	seen_free(&s);
}

/*
 * The room's durability policy: with keeping on, what was appended since
 * the last good sync is held; journal_synced lets go of what a sync
 * covered; after a failed sync journal_redo writes the rest again, so the
 * file holds every record once, even if the records past the last good
 * sync were lost from the disk (here: overwritten with zeros).
 */
static void
test_keep_and_redo(void **state)
{
	struct fixture	*f = *state;
	const size_t	 sizes[] = { 12, 30, 40, 50 };
	struct journal	*j;
	struct seen	 s = { 0 };
	char		 warn[MSG], err[MSG];
	uint64_t	 ends[2], synced;
	uint8_t		*p, *buf;
	size_t		 i, len;

	make_journal(f->path, sizes, 2, ends);
	assert_int_equal(journal_open(f->path, NULL, NULL, &j, warn,
	    sizeof warn, err, sizeof err), 0);
	journal_keep(j, true);
	assert_int_equal(journal_kept(j), 0);
	synced = journal_size(j);
	assert_int_equal(synced, ends[1]);
	for (i = 2; i < 4; i++) {
		p = payload(i, sizes[i]);
		assert_int_equal(journal_append(j, p, sizes[i], err,
		    sizeof err), 0);
		free(p);
	}
	assert_int_equal(journal_kept(j), 2 * 12 + sizes[2] + sizes[3]);

	/* The sync failed, and the disk lost what it covered. */
	buf = slurp(f->path, &len);
	memset(buf + synced, 0, len - synced);
	spit(f->path, buf, len);
	free(buf);
	assert_int_equal(journal_redo(j, synced, err, sizeof err), 0);
	assert_int_equal(journal_size(j), file_size(f->path));
	assert_int_equal(journal_kept(j), 2 * 12 + sizes[2] + sizes[3]);
	assert_int_equal(journal_sync(j), 0);
	journal_synced(j, journal_size(j));
	assert_int_equal(journal_kept(j), 0);
	journal_close(j);
	assert_int_equal(journal_read(f->path, collect, &s, warn, sizeof warn,
	    err, sizeof err), 0);
	assert_string_equal(warn, "");
	assert_records(&s, sizes, 4);
	seen_free(&s);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_crc32c),
		T(test_create),
		T(test_append_reopen_replay),
		T(test_many_records),
		T(test_torn_tail_every_offset),
		T(test_read_leaves_file),
		T(test_damage_payload),
		T(test_damage_record_header),
		T(test_damage_last_length),
		T(test_damage_message),
		T(test_last_record_checksum),
		T(test_zero_tail),
		T(test_wrong_magic),
		T(test_newer_version),
		T(test_older_version_raised),
		T(test_torn_header),
		T(test_append_failure),
		T(test_append_bad_length),
		T(test_callback_stops),
		T(test_open_twice),
		T(test_sync_from_thread),
		T(test_rewind_writes_again),
		T(test_keep_and_redo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
