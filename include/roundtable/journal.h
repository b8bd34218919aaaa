/*
 * journal.h - the durable record: an append-only file of events.
 *
 * Layout: a 16-byte header ("RNDTBLJ\n", then the format version and a
 * reserved word, both 32-bit big-endian), then records of a 32-bit
 * big-endian payload length, a CRC-32C of the payload, and the payload (one
 * event, encoded by wire_encode_record).  Later versions may add fields
 * after the version and keep reading version 1.
 *
 * The journal knows bytes and files; what a record means is the caller's.
 * journal_append() writes with write(2) on the caller's thread and, if the
 * write fails part-way, cuts the file back so the record never half exists;
 * journal_sync() (fdatasync) may run on another thread.
 */
#ifndef ROUNDTABLE_JOURNAL_H
#define ROUNDTABLE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct workshop;

/* 2: a change to a proposed action may take its agreements back (a mark
 * version 1 did not have, which a reader of version 1 would pass over).
 * Records of version 1 read the same; a journal_open of one raises its
 * header to this version, so an older roundtable refuses the file instead
 * of replaying it wrongly. */
#define JOURNAL_VERSION		2
#define JOURNAL_HEADER_SIZE	16
#define JOURNAL_RECORD_MAX	(16u * 1024 * 1024)

struct journal;

/* Called for every good record, in order; return 0 to go on, -1 to stop
 * the replay (it then fails with the message the callback left in err). */
typedef int (*journal_record_fn)(void *ctx, const uint8_t *payload,
    size_t len, uint64_t offset, char *err, size_t errlen);

/*
 * Opens path, creating it (with its header, synced, mode 0600) if missing,
 * and replays every record through fn.  A torn last record (cut short, or
 * failing its checksum with nothing valid after it) is cut off and
 * described in warn (empty when none).  Damage before the tail fails with a
 * message in err that names the offset and how to keep the good part.
 * Returns 0 and sets *out, or -1.
 */
int	 journal_open(const char *path, journal_record_fn fn, void *ctx,
	     struct journal **out, char *warn, size_t warnlen,
	     char *err, size_t errlen);

/* Replays a journal without changing it (export). Torn tails are skipped
 * with a warning; damage fails as in journal_open. */
int	 journal_read(const char *path, journal_record_fn fn, void *ctx,
	     char *warn, size_t warnlen, char *err, size_t errlen);

/* A journal_record_fn that rebuilds a room: ws is the struct workshop to
 * commit each record to, through the reducer, as the server did.  A
 * record that cannot be read or does not fit fails, naming its offset. */
int	 journal_apply(void *ws, const uint8_t *payload, size_t len,
	     uint64_t off, char *err, size_t errlen);
/* journal_open and journal_read with journal_apply into a new room: *ws
 * (the caller's, model_free) is set on success, NULL on failure. */
int	 journal_open_room(const char *path, struct workshop **ws,
	     struct journal **out, char *warn, size_t warnlen,
	     char *err, size_t errlen);
int	 journal_read_room(const char *path, struct workshop **ws,
	     char *warn, size_t warnlen, char *err, size_t errlen);

/* Appends one record.  Returns 0, or -1 with err (e.g. "disk full"), errno
 * set and the file as it was before the call. */
int	 journal_append(struct journal *, const void *payload, size_t len,
	     char *err, size_t errlen);

/* Cuts the file back to size, a journal_size() from before, to write the
 * records after it again (their sync failed).  Not while a sync runs.
 * Returns 0, or -1 with err. */
int	 journal_rewind(struct journal *, uint64_t size, char *err,
	     size_t errlen);

/* fdatasync.  Safe to call from a worker thread while the loop thread does
 * nothing else with this journal but append.  Returns 0 or -errno. */
int	 journal_sync(struct journal *);

/*
 * The durability policy of a room's record (DESIGN.md, durability): a
 * failed fdatasync may have dropped what it covered from the page cache,
 * so a later sync that succeeds proves nothing about those records.  With
 * keeping on, each record appended is also kept in memory until a sync
 * that covered it succeeds (journal_synced); after a failed one,
 * journal_redo cuts the file back to what is known to be on disk and
 * writes the kept records again, at the same offsets, before anything
 * else is appended.  Loop thread only (not while a sync runs).
 */
void	 journal_keep(struct journal *, bool on);
/* A sync begun when the file was size bytes long succeeded: the records
 * up to there are on disk and no longer kept. */
void	 journal_synced(struct journal *, uint64_t size);
/* A sync failed: back to size (the last journal_synced) and the kept
 * records written again.  Returns 0, or -1 with err and errno (try again
 * later: what is kept stays kept). */
int	 journal_redo(struct journal *, uint64_t size, char *err,
	     size_t errlen);
/* Bytes held by journal_keep. */
size_t	 journal_kept(const struct journal *);

/* Bytes in the file (header included). */
uint64_t journal_size(const struct journal *);
void	 journal_close(struct journal *);

/* CRC-32C (Castagnoli) of buf, starting from crc (0 for a fresh one). */
uint32_t journal_crc32c(uint32_t crc, const void *buf, size_t len);

#endif
