/*
 * journal.c - the durable record: append, sync, replay, recover.
 *
 * The file is a 16-byte header ("RNDTBLJ\n", version, reserved; both words
 * big-endian) and then records of [u32 BE length][u32 BE CRC-32C of the
 * payload][payload].  Invariants:
 *
 * - j->size is always the end of the last whole record: an append either
 *   adds one whole record or, having failed, cuts the file back to j->size.
 *   If even the cut fails, the journal refuses further appends (a record
 *   after half a record would be damage in the middle of the file) until
 *   journal_rewind() manages the cut.
 * - A record is "torn" only when it is the last thing in the file and
 *   nothing valid can be found after its start; anything else that does
 *   not check out is damage, and we never cut damage away by ourselves.
 * - Replay reads the file in large chunks (one pass, no syscall per
 *   record) up to the size it had when replay began.
 * - journal_open takes an exclusive flock() so that two servers never
 *   append to one file; journal_read (export) neither locks nor writes.
 *
 * Threads: journal_sync() only reads j->fd, which is set before the
 * journal is handed out and not changed until journal_close().  Everything
 * else in struct journal belongs to the thread that appends.  So a worker
 * may sync while the loop thread appends; it must not sync after or during
 * journal_close().
 */
#include <sys/types.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roundtable/file.h"
#include "roundtable/i18n.h"
#include "roundtable/journal.h"
#include "roundtable/text.h"

#define RECORD_HEADER	8
#define READ_CHUNK	(1u << 20)	/* replay reads this much at a time */

static const uint8_t journal_magic[8] = {
	'R', 'N', 'D', 'T', 'B', 'L', 'J', '\n'
};

struct journal {
	int		 fd;		/* O_RDWR|O_APPEND, flock'd */
	char		*path;		/* owned; for messages */
	uint64_t	 size;		/* end of the last whole record */
	int		 broken;	/* errno of a failed cut-back, or 0 */
	bool		 keep;		/* journal_keep */
	uint8_t		*kept;		/* records not yet synced: [u64 end]
					 * [u32 length][payload] each */
	size_t		 kept_len, kept_cap;
};

/* What a replay found, for journal_open and journal_read to act on. */
enum tail {
	TAIL_NONE,
	TAIL_CUT,	/* fewer bytes than the record needs */
	TAIL_CHECKSUM,	/* whole, ends at EOF, checksum wrong */
	TAIL_ZEROS	/* zero bytes to EOF (blocks allocated, never written) */
};

struct replay {
	uint64_t	 fsize;		/* file size when replay began */
	uint64_t	 records;	/* good records passed to fn */
	uint64_t	 good_end;	/* end of the last good record */
	enum tail	 tail;
	size_t		 header_len;	/* < 16: empty or torn header */
	uint32_t	 version;	/* the header's */
};

/* A window over the file, moved forward only. */
struct reader {
	int		 fd;
	uint64_t	 fsize;
	uint8_t		*buf;		/* owned */
	size_t		 cap;
	uint64_t	 base;		/* file offset of buf[0] */
	size_t		 len;		/* bytes of buf holding file data */
};

static void set_msg(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_msg(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;

	if (buf == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static uint32_t
get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
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
make_header(uint8_t hdr[JOURNAL_HEADER_SIZE])
{
	memcpy(hdr, journal_magic, sizeof journal_magic);
	put_be32(hdr + 8, JOURNAL_VERSION);
	put_be32(hdr + 12, 0);
}

/*
 * CRC-32C, reflected polynomial 0x82f63b78, eight bytes per step
 * ("slicing by 8"): crc_table[k][b] is the CRC of byte b followed by k zero
 * bytes.  The tables are built once, on first use, from any thread.
 */
static uint32_t		crc_table[8][256];
static pthread_once_t	crc_once = PTHREAD_ONCE_INIT;

static void
crc_init(void)
{
	uint32_t	c;
	int		i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0x82f63b78u : c >> 1;
		crc_table[0][i] = c;
	}
	for (i = 0; i < 256; i++) {
		c = crc_table[0][i];
		for (k = 1; k < 8; k++) {
			c = (c >> 8) ^ crc_table[0][c & 0xff];
			crc_table[k][i] = c;
		}
	}
}

uint32_t
journal_crc32c(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t	*p = buf;
	uint32_t	 hi;

	if (pthread_once(&crc_once, crc_init) != 0)
		abort();
	crc = ~crc;
	while (len >= 8) {
		crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 |
		    (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
		crc = crc_table[7][crc & 0xff] ^
		    crc_table[6][(crc >> 8) & 0xff] ^
		    crc_table[5][(crc >> 16) & 0xff] ^
		    crc_table[4][crc >> 24] ^
		    crc_table[3][hi & 0xff] ^
		    crc_table[2][(hi >> 8) & 0xff] ^
		    crc_table[1][(hi >> 16) & 0xff] ^
		    crc_table[0][hi >> 24];
		p += 8;
		len -= 8;
	}
	while (len-- > 0)
		crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xff];
	return ~crc;
}

/* Writes all of buf at the end of the file, looping over EINTR and short
 * writes.  Returns 0 or -1 with errno set. */
static int
write_all(int fd, const struct iovec *in, int cnt)
{
	struct iovec	 iov[2], *v = iov;
	ssize_t		 n;

	if (cnt < 1 || cnt > 2)
		abort();
	memcpy(iov, in, cnt * sizeof *iov);
	while (cnt > 0) {
		if (v->iov_len == 0) {
			v++;
			cnt--;
			continue;
		}
		n = writev(fd, v, cnt);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		while (n > 0) {
			if ((size_t)n >= v->iov_len) {
				n -= v->iov_len;
				v++;
				cnt--;
			} else {
				v->iov_base = (char *)v->iov_base + n;
				v->iov_len -= n;
				n = 0;
			}
		}
	}
	return 0;
}

static int
truncate_to(int fd, uint64_t size)
{
	while (ftruncate(fd, (off_t)size) == -1) {
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

/* Writes the file header into an empty file and syncs file and directory. */
static int
write_header(int fd, const char *path, char *err, size_t errlen)
{
	uint8_t		hdr[JOURNAL_HEADER_SIZE];
	struct iovec	iov;

	make_header(hdr);
	iov.iov_base = hdr;
	iov.iov_len = sizeof hdr;
	if (write_all(fd, &iov, 1) == -1 || fsync(fd) == -1) {
		set_msg(err, errlen, _("cannot write the header of %s: %s"),
		    path, strerror(errno));
		return -1;
	}
	if (file_sync_dir(path) == -1) {
		set_msg(err, errlen, _("cannot sync the folder of %s: %s"),
		    path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Raises an older file's header to JOURNAL_VERSION before anything is
 * appended to it (one word, in place), synced.  On Linux a pwrite on an
 * O_APPEND descriptor appends whatever the offset: the flag is lifted for
 * the write. */
static int
upgrade_header(int fd, const char *path, char *err, size_t errlen)
{
	uint8_t	word[4];
	ssize_t	n = -1;
	int	flags;

	put_be32(word, JOURNAL_VERSION);
	if ((flags = fcntl(fd, F_GETFL)) != -1 &&
	    fcntl(fd, F_SETFL, flags & ~O_APPEND) != -1) {
		do
			n = pwrite(fd, word, sizeof word, 8);
		while (n == -1 && errno == EINTR);
		if (n >= 0 && n != (ssize_t)sizeof word)
			errno = EIO;	/* four bytes in place: broken */
		if (fcntl(fd, F_SETFL, flags) == -1)
			n = -1;
	}
	if (n != (ssize_t)sizeof word || fdatasync(fd) == -1) {
		set_msg(err, errlen, _("cannot write the header of %s: %s"),
		    path, strerror(errno));
		return -1;
	}
	return 0;
}

static void
reader_init(struct reader *r, int fd, uint64_t fsize)
{
	r->fd = fd;
	r->fsize = fsize;
	r->cap = fsize < READ_CHUNK ? (size_t)fsize : READ_CHUNK;
	if (r->cap == 0)
		r->cap = 1;
	r->buf = xmalloc(r->cap);
	r->base = 0;
	r->len = 0;
}

static void
reader_free(struct reader *r)
{
	free(r->buf);
	r->buf = NULL;
}

/*
 * Returns a pointer to bytes [off, off + n) of the file, reading as much as
 * fits in the buffer; off never goes back and off + n <= fsize.  Returns
 * NULL with errno set on a read error (0 when the file shrank under us).
 */
static const uint8_t *
reader_at(struct reader *r, uint64_t off, size_t n)
{
	uint64_t	 left;
	size_t		 skip, want;
	ssize_t		 got;

	if (off < r->base || n > r->fsize || off > r->fsize - n)
		abort();
	if (off + n <= r->base + r->len)
		return r->buf + (off - r->base);

	skip = off - r->base;
	if (skip >= r->len)
		r->len = 0;
	else {
		memmove(r->buf, r->buf + skip, r->len - skip);
		r->len -= skip;
	}
	r->base = off;
	if (n > r->cap) {
		r->cap = n;
		r->buf = xrealloc(r->buf, r->cap);
	}
	while (r->len < n) {
		want = r->cap - r->len;
		left = r->fsize - (r->base + r->len);
		if (want > left)
			want = (size_t)left;
		got = pread(r->fd, r->buf + r->len, want,
		    (off_t)(r->base + r->len));
		if (got == -1) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		if (got == 0) {
			errno = 0;
			return NULL;
		}
		r->len += (size_t)got;
	}
	return r->buf;
}

static void
read_error(const char *path, char *err, size_t errlen)
{
	if (errno == 0)
		set_msg(err, errlen, _("%s became shorter while it was read; "
		    "is another program changing it?"), path);
	else
		set_msg(err, errlen, _("cannot read %s: %s"), path,
		    strerror(errno));
}

/* Is there a record with a sane length and a matching checksum starting
 * anywhere in [from, fsize)?  -1 on a read error. */
static int
valid_record_after(struct reader *r, uint64_t from, bool *found)
{
	const uint8_t	*p;
	uint64_t	 o;
	uint32_t	 len, crc;

	*found = false;
	for (o = from; r->fsize >= RECORD_HEADER + 1 &&
	    o <= r->fsize - RECORD_HEADER - 1; o++) {
		if ((p = reader_at(r, o, RECORD_HEADER)) == NULL)
			return -1;
		len = get_be32(p);
		crc = get_be32(p + 4);
		if (len == 0 || len > JOURNAL_RECORD_MAX ||
		    len > r->fsize - o - RECORD_HEADER)
			continue;
		if ((p = reader_at(r, o, RECORD_HEADER + len)) == NULL)
			return -1;
		if (journal_crc32c(0, p + RECORD_HEADER, len) == crc) {
			*found = true;
			return 0;
		}
	}
	return 0;
}

/* Are all bytes from off to the end zero?  -1 on a read error. */
static int
zeros_to_end(struct reader *r, uint64_t off, bool *zero)
{
	const uint8_t	*p;
	size_t		 n, i;

	*zero = true;
	while (off < r->fsize) {
		n = r->fsize - off < READ_CHUNK ? (size_t)(r->fsize - off) :
		    READ_CHUNK;
		if ((p = reader_at(r, off, n)) == NULL)
			return -1;
		for (i = 0; i < n; i++) {
			if (p[i] != 0) {
				*zero = false;
				return 0;
			}
		}
		off += n;
	}
	return 0;
}

/* Appends path to buf, quoted for a POSIX shell if it needs it. */
static void
quote_path(char *buf, size_t len, const char *path)
{
	const char	*s;
	size_t		 o = 0;

	if (len == 0)
		return;
	if (*path != '\0' && *path != '-' &&
	    strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._/+-,:@%=") == strlen(path)) {
		snprintf(buf, len, "%s", path);
		return;
	}
	if (*path == '-' && o + 2 < len) {
		buf[o++] = '.';
		buf[o++] = '/';
	}
	if (o + 1 < len)
		buf[o++] = '\'';
	for (s = path; *s != '\0' && o + 5 < len; s++) {
		if (*s == '\'') {
			memcpy(buf + o, "'\\''", 4);
			o += 4;
		} else
			buf[o++] = *s;
	}
	if (o + 1 < len)
		buf[o++] = '\'';
	buf[o] = '\0';
}

/* why: a marked sentence (N_), said in the person's language. */
static void
damage(const char *path, uint64_t off, uint64_t records, const char *why,
    char *err, size_t errlen)
{
	char	quoted[1024];

	quote_path(quoted, sizeof quoted, path);
	/* TRANSLATORS: "head -c 4096 'room.rtj' > good.rtj" is a command:
	 * keep it as it is. */
	if (records == 0)
		set_msg(err, errlen, _("%s: record damaged at byte %" PRIu64
		    " (%s); no record before it is intact (the first %" PRIu64
		    " bytes are an empty record: head -c %" PRIu64
		    " %s > good.rtj)"), path, off, _(why), off, off, quoted);
	else
		set_msg(err, errlen, ngettext("%s: record damaged at byte %"
		    PRIu64 " (%s); the %" PRIu64 " record before it is "
		    "intact. To keep it, copy the first %" PRIu64 " bytes: "
		    "head -c %" PRIu64 " %s > good.rtj", "%s: record damaged "
		    "at byte %" PRIu64 " (%s); the %" PRIu64 " records before "
		    "it are intact. To keep them, copy the first %" PRIu64
		    " bytes: head -c %" PRIu64 " %s > good.rtj",
		    (unsigned long)records), path, off, _(why), records, off,
		    off, quoted);
}

/* Checks a file shorter than the header: empty, or a prefix of a valid
 * header (its creation was cut short), or not ours. */
static int
check_short_header(struct reader *r, const char *path, struct replay *res,
    char *err, size_t errlen)
{
	uint8_t		 hdr[JOURNAL_HEADER_SIZE];
	const uint8_t	*p;
	size_t		 n = (size_t)r->fsize;
	uint32_t	 v;

	res->header_len = n;
	if (n == 0)
		return 0;
	if ((p = reader_at(r, 0, n)) == NULL) {
		read_error(path, err, errlen);
		return -1;
	}
	/* Cut short by this roundtable or by an older one. */
	make_header(hdr);
	for (v = 1; v <= JOURNAL_VERSION; v++) {
		put_be32(hdr + 8, v);
		if (memcmp(p, hdr, n) == 0)
			return 0;
	}
	set_msg(err, errlen, _("%s is not a roundtable record (it is %zu "
	    "bytes long and does not start like one)"), path, n);
	return -1;
}

static int
check_header(const uint8_t *p, const char *path, uint32_t *out, char *err,
    size_t errlen)
{
	uint32_t	version;

	if (memcmp(p, journal_magic, sizeof journal_magic) != 0) {
		set_msg(err, errlen, _("%s is not a roundtable record"), path);
		return -1;
	}
	version = get_be32(p + 8);
	if (version > JOURNAL_VERSION) {
		set_msg(err, errlen, _("%s was written by a newer roundtable "
		    "(record format version %" PRIu32 "); this roundtable "
		    "reads version %d: upgrade roundtable to open it"), path,
		    version, JOURNAL_VERSION);
		return -1;
	}
	if (version == 0) {
		set_msg(err, errlen, _("%s is not a roundtable record "
		    "(record format version 0)"), path);
		return -1;
	}
	/* The reserved word is for later versions; versions 1 and 2 ignore
	 * it. */
	*out = version;
	return 0;
}

/* The end of a record that does not check out at off: a torn tail if
 * nothing valid follows, else damage. */
static int
tail_or_damage(struct reader *r, const char *path, uint64_t off,
    enum tail tail, const char *why, struct replay *res, char *err,
    size_t errlen)
{
	bool	found;

	if (valid_record_after(r, off + 1, &found) == -1) {
		read_error(path, err, errlen);
		return -1;
	}
	if (found) {
		damage(path, off, res->records, why, err, errlen);
		return -1;
	}
	res->tail = tail;
	return 0;
}

/*
 * Reads fd from the start: checks the header and passes every good record
 * to fn.  On success res says where the good part ends and what, if
 * anything, follows it; the caller decides whether to cut.
 */
static int
replay_fd(int fd, const char *path, journal_record_fn fn, void *ctx,
    struct replay *res, char *err, size_t errlen)
{
	struct reader	 r;
	struct stat	 st;
	const uint8_t	*p;
	uint64_t	 off, left;
	uint32_t	 len, crc;
	bool		 zero;
	int		 rc = -1;

	memset(res, 0, sizeof *res);
	if (fstat(fd, &st) == -1) {
		set_msg(err, errlen, _("cannot read %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		set_msg(err, errlen, _("%s is not a regular file"), path);
		return -1;
	}
	res->fsize = (uint64_t)st.st_size;
	res->header_len = JOURNAL_HEADER_SIZE;
	res->good_end = JOURNAL_HEADER_SIZE;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	reader_init(&r, fd, res->fsize);

	if (res->fsize < JOURNAL_HEADER_SIZE) {
		rc = check_short_header(&r, path, res, err, errlen);
		res->good_end = 0;
		goto out;
	}
	if ((p = reader_at(&r, 0, JOURNAL_HEADER_SIZE)) == NULL) {
		read_error(path, err, errlen);
		goto out;
	}
	if (check_header(p, path, &res->version, err, errlen) == -1)
		goto out;

	off = JOURNAL_HEADER_SIZE;
	while (off < res->fsize) {
		left = res->fsize - off;
		if (left < RECORD_HEADER) {
			/* Nothing valid fits after a partial header. */
			res->tail = TAIL_CUT;
			break;
		}
		if ((p = reader_at(&r, off, RECORD_HEADER)) == NULL) {
			read_error(path, err, errlen);
			goto out;
		}
		len = get_be32(p);
		crc = get_be32(p + 4);
		if (len == 0) {
			/* A crash can leave allocated but unwritten blocks
			 * at the end, read back as zeros. */
			if (zeros_to_end(&r, off, &zero) == -1) {
				read_error(path, err, errlen);
				goto out;
			}
			if (zero) {
				res->tail = TAIL_ZEROS;
				break;
			}
			damage(path, off, res->records, N_("its length is 0"),
			    err, errlen);
			goto out;
		}
		if (len > JOURNAL_RECORD_MAX) {
			damage(path, off, res->records, N_("its length is "
			    "impossibly large"), err, errlen);
			goto out;
		}
		if (len > left - RECORD_HEADER) {
			if (tail_or_damage(&r, path, off, TAIL_CUT,
			    N_("its length runs past the end of the file"),
			    res, err, errlen) == -1)
				goto out;
			break;
		}
		if ((p = reader_at(&r, off, RECORD_HEADER + len)) == NULL) {
			read_error(path, err, errlen);
			goto out;
		}
		if (journal_crc32c(0, p + RECORD_HEADER, len) != crc) {
			if (off + RECORD_HEADER + len != res->fsize) {
				damage(path, off, res->records,
				    N_("checksum mismatch"), err, errlen);
				goto out;
			}
			if (tail_or_damage(&r, path, off, TAIL_CHECKSUM,
			    N_("checksum mismatch"), res, err, errlen) == -1)
				goto out;
			break;
		}
		if (fn != NULL) {
			if (err != NULL && errlen > 0)
				err[0] = '\0';
			if (fn(ctx, p + RECORD_HEADER, len, off, err,
			    errlen) != 0) {
				if (err != NULL && errlen > 0 && err[0] == '\0')
					set_msg(err, errlen, _("%s: replay "
					    "stopped at the record at byte %"
					    PRIu64), path, off);
				goto out;
			}
		}
		off += RECORD_HEADER + len;
		res->records++;
		res->good_end = off;
	}
	rc = 0;
out:
	reader_free(&r);
	return rc;
}

/* What was wrong with a record cut off at the end, or NULL. */
static const char *
tail_reason(enum tail tail)
{
	switch (tail) {
	case TAIL_CHECKSUM:
		return _("checksum mismatch");
	case TAIL_ZEROS:
		return _("only zero bytes");
	default:
		return NULL;
	}
}

/*
 * The warning for a last record cut off: kept (journal_open, which drops
 * it) or read (journal_read, which skips it).  Whole sentences for each
 * case, but for the count, a clause of its own.
 */
static void
tail_warning(const char *path, const struct replay *res, bool kept,
    char *warn, size_t warnlen)
{
	const char	*why = tail_reason(res->tail);
	char		 count[64];

	snprintf(count, sizeof count, kept ? ngettext("%" PRIu64 " record "
	    "kept", "%" PRIu64 " records kept", (unsigned long)res->records) :
	    ngettext("%" PRIu64 " record read", "%" PRIu64 " records read",
	    (unsigned long)res->records), res->records);
	/* TRANSLATORS: the last %s is "3 records kept" or "3 records
	 * read". */
	if (kept && why != NULL)
		set_msg(warn, warnlen, _("%s: the last record (bytes %" PRIu64
		    "–%" PRIu64 ") was incomplete (%s) and has been dropped; "
		    "%s"), path, res->good_end, res->fsize - 1, why, count);
	else if (kept)
		set_msg(warn, warnlen, _("%s: the last record (bytes %" PRIu64
		    "–%" PRIu64 ") was incomplete and has been dropped; %s"),
		    path, res->good_end, res->fsize - 1, count);
	else if (why != NULL)
		set_msg(warn, warnlen, _("%s: the last record (bytes %" PRIu64
		    "–%" PRIu64 ") was incomplete (%s) and was skipped; %s"),
		    path, res->good_end, res->fsize - 1, why, count);
	else
		set_msg(warn, warnlen, _("%s: the last record (bytes %" PRIu64
		    "–%" PRIu64 ") was incomplete and was skipped; %s"), path,
		    res->good_end, res->fsize - 1, count);
}

/* Opens path read-write, creating it if missing; *created says which. */
static int
open_or_create(const char *path, bool *created, char *err, size_t errlen)
{
	int	fd;

	*created = false;
	for (;;) {
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (fd != -1 || errno != ENOENT)
			break;
		fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0600);
		if (fd != -1) {
			*created = true;
			break;
		}
		if (errno != EEXIST)
			break;
		/* Someone else created it meanwhile: open theirs. */
	}
	if (fd == -1) {
		set_msg(err, errlen, errno == ENOENT || errno == ENOTDIR ?
		    _("cannot create %s: %s") : _("cannot open %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	return fd;
}

int
journal_open(const char *path, journal_record_fn fn, void *ctx,
    struct journal **out, char *warn, size_t warnlen, char *err,
    size_t errlen)
{
	struct journal	*j;
	struct replay	 res;
	bool		 created;
	int		 fd;

	*out = NULL;
	set_msg(warn, warnlen, "%s", "");
	set_msg(err, errlen, "%s", "");

	if ((fd = open_or_create(path, &created, err, errlen)) == -1)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK) {
		set_msg(err, errlen, _("%s is in use by another roundtable "
		    "(is a workshop already being served from it?)"), path);
		close(fd);
		return -1;
	}
	if (created) {
		if (write_header(fd, path, err, errlen) == -1) {
			/* Leave no headerless file behind. */
			unlink(path);
			close(fd);
			return -1;
		}
		res.good_end = JOURNAL_HEADER_SIZE;
		goto done;
	}

	if (replay_fd(fd, path, fn, ctx, &res, err, errlen) == -1) {
		close(fd);
		return -1;
	}
	if (res.header_len < JOURNAL_HEADER_SIZE) {
		if (truncate_to(fd, 0) == -1 ||
		    write_header(fd, path, err, errlen) == -1) {
			if (err == NULL || errlen == 0 || err[0] == '\0')
				set_msg(err, errlen, _("cannot write the "
				    "header of %s: %s"), path,
				    strerror(errno));
			close(fd);
			return -1;
		}
		if (res.header_len > 0)
			set_msg(warn, warnlen, _("%s: the file header was "
			    "incomplete (%zu of %d bytes) and has been "
			    "rewritten"), path, res.header_len,
			    JOURNAL_HEADER_SIZE);
		res.good_end = JOURNAL_HEADER_SIZE;
	} else if (res.tail != TAIL_NONE) {
		if (truncate_to(fd, res.good_end) == -1 || fsync(fd) == -1) {
			set_msg(err, errlen, _("%s: the last record (from "
			    "byte %" PRIu64 ") is incomplete and cannot be cut "
			    "off: %s"), path, res.good_end, strerror(errno));
			close(fd);
			return -1;
		}
		tail_warning(path, &res, true, warn, warnlen);
	}
	if (res.header_len == JOURNAL_HEADER_SIZE &&
	    res.version < JOURNAL_VERSION &&
	    upgrade_header(fd, path, err, errlen) == -1) {
		close(fd);
		return -1;
	}

done:
	j = xcalloc(1, sizeof *j);
	j->fd = fd;
	j->path = xstrdup(path);
	j->size = res.good_end;
	*out = j;
	return 0;
}

int
journal_read(const char *path, journal_record_fn fn, void *ctx, char *warn,
    size_t warnlen, char *err, size_t errlen)
{
	struct replay	res;
	int		fd, rc;

	set_msg(warn, warnlen, "%s", "");
	set_msg(err, errlen, "%s", "");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		set_msg(err, errlen, _("cannot open %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	rc = replay_fd(fd, path, fn, ctx, &res, err, errlen);
	close(fd);
	if (rc == -1)
		return -1;
	if (res.header_len > 0 && res.header_len < JOURNAL_HEADER_SIZE)
		set_msg(warn, warnlen, _("%s: the file header is incomplete "
		    "(%zu of %d bytes); there are no records"), path,
		    res.header_len, JOURNAL_HEADER_SIZE);
	else if (res.tail != TAIL_NONE)
		tail_warning(path, &res, false, warn, warnlen);
	return 0;
}

static const char *
write_failure(int e)
{
	switch (e) {
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
		return _("the disk is full");
	case EROFS:
	case EACCES:
	case EPERM:
		return _("the record cannot be written (read-only)");
	case EFBIG:
		return _("the file has reached the largest size allowed");
	case EIO:
		return _("the disk reported an input/output error");
	default:
		return strerror(e);
	}
}

static int
append(struct journal *j, const void *payload, size_t len, char *err,
    size_t errlen)
{
	uint8_t		hdr[RECORD_HEADER];
	struct iovec	iov[2];
	int		saved;

	if (j->broken != 0) {
		set_msg(err, errlen, _("%s: an earlier failed write could not "
		    "be undone (%s); restart roundtable, which drops the "
		    "incomplete record"), j->path, strerror(j->broken));
		errno = j->broken;
		return -1;
	}
	if (len == 0 || len > JOURNAL_RECORD_MAX) {
		set_msg(err, errlen, _("%s: a record of %zu bytes cannot be "
		    "written (1 to %u bytes)"), j->path, len,
		    JOURNAL_RECORD_MAX);
		return -1;
	}
	put_be32(hdr, (uint32_t)len);
	put_be32(hdr + 4, journal_crc32c(0, payload, len));
	iov[0].iov_base = hdr;
	iov[0].iov_len = sizeof hdr;
	iov[1].iov_base = (void *)(uintptr_t)payload;
	iov[1].iov_len = len;
	if (write_all(j->fd, iov, 2) == 0) {
		j->size += RECORD_HEADER + len;
		return 0;
	}

	saved = errno;
	if (truncate_to(j->fd, j->size) == -1) {
		j->broken = errno;
		set_msg(err, errlen, _("%s: %s, and the part already written "
		    "could not be removed (%s); restart roundtable, which "
		    "drops the incomplete record"), j->path,
		    write_failure(saved), strerror(errno));
		errno = saved;
		return -1;
	}
	set_msg(err, errlen, _("%s: %s; the record was not written"),
	    j->path, write_failure(saved));
	errno = saved;		/* the caller may say it its own way */
	return -1;
}

/* Keeps a copy of the record just appended, ending at j->size. */
static void
keep_record(struct journal *j, const void *payload, size_t len)
{
	uint64_t	end = j->size;
	uint32_t	n = (uint32_t)len;
	size_t		need = j->kept_len + sizeof end + sizeof n + len;

	if (j->kept_cap < need) {
		j->kept_cap = need > 2 * j->kept_cap ? need : 2 * j->kept_cap;
		j->kept = xrealloc(j->kept, j->kept_cap);
	}
	memcpy(j->kept + j->kept_len, &end, sizeof end);
	memcpy(j->kept + j->kept_len + sizeof end, &n, sizeof n);
	memcpy(j->kept + j->kept_len + sizeof end + sizeof n, payload, len);
	j->kept_len = need;
}

int
journal_append(struct journal *j, const void *payload, size_t len, char *err,
    size_t errlen)
{
	if (append(j, payload, len, err, errlen) != 0)
		return -1;
	if (j->keep)
		keep_record(j, payload, len);
	return 0;
}

void
journal_keep(struct journal *j, bool on)
{
	j->keep = on;
	if (!on)
		j->kept_len = 0;
}

void
journal_synced(struct journal *j, uint64_t size)
{
	size_t		off = 0;
	uint64_t	end;
	uint32_t	n;

	while (off < j->kept_len) {
		memcpy(&end, j->kept + off, sizeof end);
		memcpy(&n, j->kept + off + sizeof end, sizeof n);
		if (end > size)
			break;
		off += sizeof end + sizeof n + n;
	}
	if (off == 0)
		return;
	memmove(j->kept, j->kept + off, j->kept_len - off);
	j->kept_len -= off;
}

int
journal_redo(struct journal *j, uint64_t size, char *err, size_t errlen)
{
	size_t		off = 0;
	uint64_t	end;
	uint32_t	n;

	if (journal_rewind(j, size, err, errlen) != 0)
		return -1;
	while (off < j->kept_len) {
		memcpy(&end, j->kept + off, sizeof end);
		memcpy(&n, j->kept + off + sizeof end, sizeof n);
		if (append(j, j->kept + off + sizeof end + sizeof n, n, err,
		    errlen) != 0)
			return -1;
		/* The same bytes land at the same offsets. */
		if (j->size != end)
			abort();
		off += sizeof end + sizeof n + n;
	}
	return 0;
}

size_t
journal_kept(const struct journal *j)
{
	return j->kept_len;
}

/*
 * Cuts the file back to size, the end of a record (a journal_size() from
 * before), and appends from there.  For records whose sync failed: after a
 * failed fdatasync the kernel may have dropped them while the page cache
 * still shows them, so they are cut and written afresh rather than synced
 * again.  A cut that works also mends an earlier cut-back that failed.
 */
int
journal_rewind(struct journal *j, uint64_t size, char *err, size_t errlen)
{
	int	saved;

	if (size < JOURNAL_HEADER_SIZE || size > j->size)
		abort();	/* not a record boundary of ours: a bug */
	if (truncate_to(j->fd, size) == -1) {
		saved = errno;
		set_msg(err, errlen, _("%s: cannot cut the record back to byte "
		    "%" PRIu64 ": %s"), j->path, size, strerror(saved));
		errno = saved;
		return -1;
	}
	j->size = size;
	j->broken = 0;
	return 0;
}

int
journal_sync(struct journal *j)
{
	while (fdatasync(j->fd) == -1) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

uint64_t
journal_size(const struct journal *j)
{
	return j->size;
}

void
journal_close(struct journal *j)
{
	if (j == NULL)
		return;
	close(j->fd);
	free(j->kept);
	free(j->path);
	free(j);
}
