/*
 * wire.h - messages <-> msgpack frames.
 *
 * A frame is a 4-byte big-endian body length, then one msgpack map whose
 * keys are small integers.  The length is checked against a maximum before
 * anything is allocated, and wire_check() walks the body once, checking
 * every declared string, array and map length against the bytes left and
 * the nesting depth, before msgpack-c sees it (msgpack-c reserves memory
 * for declared lengths: issues #1013, #1181).
 *
 * Decoded messages own their strings (copied out of msgpack's zone) and are
 * freed with wire_msg_free().  Unknown keys are ignored, so later versions
 * may add fields.  Knows the model's types; knows nothing of sockets.
 */
#ifndef ROUNDTABLE_WIRE_H
#define ROUNDTABLE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define WIRE_PROTOCOL_VERSION	5	/* 3: a room's phases come from its
				 * template; 4: a facilitator sets its
				 * scale; 5: a change to an action takes
				 * back its agreements (a replica must
				 * apply the mark as the room does) */
#define WIRE_HEADER_SIZE	4
#define WIRE_CLIENT_FRAME_MAX	(64u * 1024)		/* client -> server */
#define WIRE_SERVER_FRAME_MAX	(64u * 1024 * 1024)	/* server -> client (snapshots) */
#define WIRE_DEPTH_MAX		8

enum msg_type {
	MSG_NONE = 0,
	MSG_HELLO = 1,		/* c->s */
	MSG_LOBBY = 2,		/* s->c: code accepted, name or group still needed */
	MSG_WELCOME = 3,	/* s->c */
	MSG_REFUSE = 4,		/* s->c, then the server closes */
	MSG_INTENT = 5,		/* c->s */
	MSG_ACK = 6,		/* s->c */
	MSG_ERROR = 7,		/* s->c: an intent was refused */
	MSG_EVENT = 8,		/* s->c */
	MSG_PRESENCE = 9,	/* s->c: who is connected (not journaled) */
	MSG_PING = 10,		/* either way */
	MSG_PONG = 11,
};

enum refuse_code {
	REFUSE_VERSION = 1,
	REFUSE_CODE = 2,	/* wrong join code */
	REFUSE_NAME = 3,	/* name taken or invalid */
	REFUSE_GROUP = 4,
	REFUSE_FULL = 5,
	REFUSE_TOKEN = 6,	/* unknown resume token */
	REFUSE_BUSY = 7,	/* too many attempts, wait */
	REFUSE_PROTOCOL = 8,	/* a malformed message */
	REFUSE_REMOVED = 9,	/* the facilitator removed this person;
				 * text: the reason */
	REFUSE_CLOSED = 10,	/* the room has closed (the facilitator
				 * left, or the server was stopped): do not
				 * come back.  Sent to everyone connected,
				 * after what was queued for them.  An older
				 * client takes it for a refusal and retries,
				 * as it did when the connection dropped */
	REFUSE_REPLACED = 11,	/* the same person joined again on another
				 * connection, which the room keeps: this
				 * one ends, and does not come back (two
				 * screens of one person would take the
				 * room from each other in turn) */
};

struct msg_hello {
	uint32_t	 version;
	char		*code;
	char		*name;		/* NULL: ask */
	char		*group;		/* group name; NULL: ask */
	char		*token;		/* resume token, or NULL */
	uint64_t	 last_seq;
	bool		 observer;
	char		*fac_code;	/* co-facilitators' code: asks to join
					 * as co-facilitator; or NULL */
	bool		 claim;		/* the token was kept for a name by the
					 * SSH door, not by the person: good
					 * only with the code, and only while
					 * that person is absent */
};

struct msg_lobby {
	char		*title;
	char		**groups;	/* group names */
	size_t		 ngroups;
};

struct msg_welcome {
	uint32_t	 self;		/* participant id */
	char		*token;
	/* A resume without a snapshot: the recipient's replica, at this seq,
	 * stands; the events after it follow, then who is present.  0 when
	 * the welcome carries a snapshot. */
	uint64_t	 resume_from;
	struct workshop	*room;		/* decoded snapshot (owned); NULL when encoding from snapshot_src */
	const struct workshop *snapshot_src;	/* encode only: filtered for self */
};

struct msg_refuse {
	int		 code;		/* enum refuse_code */
	char		*text;
};

struct msg_ack {
	uint32_t	 req;
	uint64_t	 seq;		/* 0 when the intent had been applied before */
};

struct msg_error {
	uint32_t	 req;
	int		 code;		/* enum model_errcode, or 100+ for the server's own */
	char		*text;
};

struct msg_presence {
	uint32_t	 who;
	bool		 present;
};

struct msg {
	int			 type;	/* enum msg_type */
	struct msg_hello	 hello;
	struct msg_lobby	 lobby;
	struct msg_welcome	 welcome;
	struct msg_refuse	 refuse;
	struct intent		 intent;
	struct msg_ack		 ack;
	struct msg_error	 error;
	struct event		 event;
	struct msg_presence	 presence;
	/* MSG_WELCOME, MSG_PING: the server's clock when it sent them, in
	 * milliseconds since the epoch; 0 when not said (an older server).
	 * A screen counts a timebox in the server's time with it. */
	int64_t			 now;
};

/* A growable byte buffer. */
struct wire_buf {
	uint8_t	*data;
	size_t	 len;
	size_t	 cap;
};
void	 wire_buf_init(struct wire_buf *);
void	 wire_buf_destroy(struct wire_buf *);
void	 wire_buf_reset(struct wire_buf *);
/* Makes room for n more bytes at once (aborts when memory runs out). */
void	 wire_buf_reserve(struct wire_buf *, size_t n);

/*
 * Appends one frame (header and body) for m to out.  For MSG_WELCOME the
 * snapshot of welcome.snapshot_src is filtered for welcome.self; for
 * MSG_EVENT the event is sent as is (filter it first with
 * model_event_view).  Secrets are never encoded.  Returns 0 or -1.
 */
int	 wire_encode(const struct msg *m, struct wire_buf *out);

/* Reads a frame header: the body length, or -1 when it exceeds max. */
int	 wire_frame_length(const uint8_t hdr[WIRE_HEADER_SIZE], size_t max,
	     uint32_t *len);

/* Walks one msgpack object of exactly len bytes: 0 if every declared
 * length fits and depth stays within WIRE_DEPTH_MAX, else -1. */
int	 wire_check(const uint8_t *body, size_t len);

/* Decodes a frame body (no header) into *m.  Returns 0, or -1 with a short
 * reason in err.  On failure *m holds nothing to free. */
int	 wire_decode(const uint8_t *body, size_t len, struct msg *m,
	     char *err, size_t errlen);
void	 wire_msg_free(struct msg *);

/* Journal records: one event, secrets included, no frame header. */
int	 wire_encode_record(const struct event *, struct wire_buf *out);
/* Decodes a record into *ev (owned strings; free with wire_event_free). */
int	 wire_decode_record(const uint8_t *buf, size_t len, struct event *ev,
	     char *err, size_t errlen);
void	 wire_event_free(struct event *);

#endif
