/*
 * server.c - the room's server: connections, handshake, intents, group
 * commit and filtered broadcast.
 *
 * The path of a change: a frame is read and decoded; the intent is checked
 * by the model, appended to the journal and committed; what must follow it
 * (the ack, the broadcast, a welcome, a presence change) is queued as a
 * task tagged with the newest sequence number.  One fdatasync at a time
 * runs on libuv's thread pool and covers everything appended before it
 * started; when it returns, the tasks it covers are released in order.
 * So nobody hears of a change before it is on disk, and nobody hears of
 * changes out of order.  Writes are batched: queued buffers go out in one
 * write per connection per loop turn, from a prepare handle (uv_try_write,
 * with a uv_write only for what the socket did not take), and not while
 * the connection's last write is still under way (so a client that stops
 * reading costs a pointer per queued message, not a write request per
 * loop turn).
 *
 * Broadcasts are encoded once per audience (everyone, and those who may
 * not see a caucus note), into refcounted buffers shared by connections;
 * the broadcasts one sync releases together also go into one buffer, so
 * most connections get a single iovec for all of them (release_run).
 * After changes, the heartbeat gives the heap's free pages back.
 *
 * When the record cannot be written (disk full, read-only, I/O errors),
 * the room refuses changes with a sentence people can act on and goes on
 * serving what it has: resumes and snapshots.  A failed append leaves the
 * file as it was, so the next change simply tries again.  A failed sync
 * is worse: what it covered may never reach the disk even if a later sync
 * succeeds, so those records are kept until a sync covers them, and after
 * a failure they are cut off and written afresh before anything else, by
 * a timer, until it works (the journal's own policy: journal_keep,
 * journal_synced, journal_redo).  Nothing is acknowledged or shown to
 * anyone before it is on disk, so nothing acknowledged is lost.
 * Newcomers whose join cannot be written wait, told why, and are let in
 * when it can.
 *
 * What the room tells a person over the wire (a refusal, an intent
 * refused) is in English, the msgid, whatever the facilitator's
 * language: each screen says it in its own person's (i18n_from_wire with
 * net_words, below).  What it tells the facilitator (the log, the
 * serving screen) is in the facilitator's language.
 */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>		/* malloc_trim */
#endif

#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"
#include "roundtable/wire.h"

#define HELLO_TIMEOUT_MS	30000	/* to say hello with the right code */
#define LOBBY_TIMEOUT_MS	300000	/* a person at the join code (SSH) */
#define NAME_TIMEOUT_MS		900000	/* with the right code: to type a
					 * name, pick a group */
#define HELLOS_PENDING_MAX	512	/* connections not yet in the room */
#define HELLOS_MAX		20	/* per connection */
#define DOOR_PENDING_PER_PEER	16	/* SSH sessions not yet in the room,
					 * per address */
#define CODE_FAILS_MAX		10	/* wrong codes per address ... */
#define CODE_WINDOW_MS		60000	/* ... in this window */
#define RATE_BURST		40	/* intents per participant */
#define RATE_PER_SEC		20
#define RECORD_RETRY_MS		1000	/* while the record cannot be written */
#define BATCH_KEEP		(1024u * 1024)	/* a spare run buffer kept */

enum {
	ERR_RECORD = 100,	/* the journal cannot be written */
	ERR_RATE = 101,
};

/* Bytes to send, shared by every connection that gets them. */
struct outbuf {
	unsigned	 refs;
	size_t		 len;
	const uint8_t	*data;		/* bytes, or owned */
	uint8_t		*owned;		/* data taken from a wire_buf; NULL */
	size_t		 cap;		/* owned's size */
	struct wire_buf	*home;		/* where owned goes back when let go
					 * of, if that is empty (NULL: freed) */
	uint8_t		 bytes[];
};

/* What a connection has queued: a stretch of a buffer (a reference). */
struct qent {
	struct outbuf	*b;
	size_t		 off, len;
};

enum conn_state { CONN_HELLO, CONN_ROOM, CONN_CLOSING };

struct conn {
	union {			/* a TCP socket, or the room's end of an SSH
				 * session's socketpair (server_adopt) */
		uv_tcp_t	 tcp;
		uv_pipe_t	 pipe;
	};
	struct server	*srv;
	struct conn	*prev, *next;
	struct conn	*dirty_next;
	bool		 dirty;
	bool		 writing;	/* a uv_write is under way */
	int		 state;
	uint32_t	 who;
	uint64_t	 from_seq;	/* gets events after this one */
	struct wire_buf	 in;		/* a partial frame */
	struct qent	*q;
	size_t		 nq, qcap;
	size_t		 qbytes;	/* queued or being written */
	uint64_t	 since, last_rx;
	int		 hellos;
	bool		 lobby;		/* the code was right; name and group next */
	bool		 welcomed;	/* its welcome has gone out */
	uint64_t	 presence_stamp; /* presence changes in its snapshot */
	bool		 linger;	/* closes once its last words are written */
	bool		 door;		/* from the SSH door: a person may be
					 * typing the join code already */
	char		 peer[64];	/* address without port */
	char		*waiting;	/* a newcomer's name while the record
					 * cannot take their join; owned */
	uint32_t	 waiting_group;
	int		 waiting_role;
};

struct write_req {
	uv_write_t	 req;
	struct conn	*c;
	size_t		 n;
	size_t		 bytes;
	struct outbuf	*bufs[];	/* references */
};

enum task_kind { TASK_SEND, TASK_BROADCAST, TASK_PRESENCE };

struct task {
	struct task	*next;
	uint64_t	 seq;
	int		 kind;
	struct conn	*c;		/* TASK_SEND; NULL once it closed */
	struct outbuf	*buf;		/* SEND */
	struct outbuf	*view[AUDIENCE_NONE];	/* BROADCAST: one per audience,
					 * encoded when first needed */
	uint32_t	 who;		/* PRESENCE */
	bool		 present;
	bool		 welcome;	/* SEND: the connection's welcome */
	uint64_t	 stamp;		/* PRESENCE: its place among changes */
	struct event	*ev;		/* BROADCAST: event_keep's, shared */
	/* BROADCAST, filled when released: the people its audience can
	 * single out, and per class of everyone else 1 + their audience
	 * (0: not worked out yet).  See task_audience. */
	bool		 classed;
	uint8_t		 npersons;
	uint32_t	 persons[MODEL_EVENT_PERSONS];
	uint8_t		 audience[MODEL_AUDIENCE_CLASSES];
};

/* Per participant, so reconnecting does not refill it. */
struct bucket {
	double		 tokens;
	uint64_t	 at;
};

struct failure {
	char		 peer[64];
	uint64_t	 start;
	int		 count;
};

/* What release_run works with, kept from run to run: the run's broadcasts
 * in order, where each one's whole view starts in the shared buffer
 * (off[nb]: its length), and for each person some of them single out,
 * those broadcasts in order: a chain through links from head[person]
 * (1 + index; 0 for nobody, as head is between runs). */
struct runlink {
	uint32_t	 ev;
	uint32_t	 next;
};

struct runinfo {
	struct task	**tasks;
	size_t		 *off;
	size_t		  nb, cap;
	uint32_t	 *head;
	size_t		  nhead;
	struct runlink	 *links;
	size_t		  nlinks, linkcap;
};

struct server {
	uv_loop_t		*loop;
	struct workshop		*ws;
	struct journal		*j;
	struct server_hooks	 hooks;
	void			*ctx;

	/* The last events, oldest at recent[first], at most
	 * NET_RESUME_EVENTS of them in at most NET_RESUME_BYTES: a client
	 * that comes back after a short drop gets what it missed instead of
	 * the whole room. */
	struct event		*recent[NET_RESUME_EVENTS];
	size_t			 first, nrecent;
	size_t			 recent_bytes;

	uv_tcp_t		 listener;
	bool			 listening;
	int			 port;
	uv_prepare_t		 flusher;
	uv_timer_t		 heartbeat;
	bool			 heartbeat_on;
	struct conn		*conns;
	size_t			 nconns;
	struct conn		*dirty;
	bool			 released;	/* tasks, since the last heartbeat */

	struct task		*head, **tail;
	uint64_t		 appended;	/* last seq in the journal */
	uint64_t		 synced;	/* last seq known on disk */
	uint64_t		 sync_target;
	bool			 syncing;
	bool			 sync_wanted;	/* at the end of this turn */
	int			 sync_result;
	uv_work_t		 work;
	uint64_t		 synced_size;	/* journal bytes known on disk */
	uint64_t		 sync_size;	/* ... once the sync under way is */
	char			 broken[300];	/* why the record could not be
					 * written; "" once it could again */
	const char		*trouble;	/* the same, for participants */
	uint64_t		 broken_seq;	/* what was appended by then */
	bool			 in_doubt;	/* a sync failed: write the
					 * records past synced_size again
					 * first (journal_redo) */
	uv_timer_t		 retry;
	bool			 retry_on;

	struct wire_buf		 enc;
	struct wire_buf		 batch;		/* a run's shared buffer, being
						 * encoded */
	size_t			 batch_per_event;	/* the last run's bytes
						 * per broadcast, rounded up */
	struct runinfo		 run;
	struct bucket		*buckets;	/* by participant id */
	size_t			 nbuckets;
	size_t			 pending;	/* connections not yet in the room */
	uint64_t		 presence_stamp;	/* presence changes so far */
	bool			 releasing;
	struct failure		 fails[64];
	bool			 closing;
	char			 farewell[200];	/* the room closed: said to
						 * everyone still here */
	int			 open_handles;
	char			 rbuf[WIRE_CLIENT_FRAME_MAX + WIRE_HEADER_SIZE];
};

static void	conn_close(struct conn *, const char *why);
static void	log_drop(struct conn *, const char *why);
static void	release(struct server *);
static void	request_sync(struct server *);
static void	record_failed(struct server *, int, const char *);
static void	record_works(struct server *);
static void	synced_through(struct server *, uint64_t, uint64_t);

/* --- buffers ------------------------------------------------------------ */

/* A buffer of len bytes to fill (in bytes[]). */
static struct outbuf *
outbuf_alloc(size_t len)
{
	struct outbuf *b = xmalloc(sizeof *b + len);

	b->refs = 1;
	b->len = len;
	b->data = b->bytes;
	b->owned = NULL;
	b->home = NULL;
	return b;
}

static struct outbuf *
outbuf_new(const struct wire_buf *wb)
{
	struct outbuf *b = outbuf_alloc(wb->len);

	memcpy(b->bytes, wb->data, wb->len);
	return b;
}

static struct outbuf *
outbuf_ref(struct outbuf *b)
{
	b->refs++;
	return b;
}

/*
 * Takes wb's bytes, leaving it empty: no copy of a run's whole buffer.
 * When the last reference goes they go back to wb if it is still empty
 * and they are not too big to keep: a busy room reuses one buffer from
 * sync to sync instead of asking malloc for a big one each time (which
 * made glibc sort and merge its free lists: a few per cent of the time).
 */
static struct outbuf *
outbuf_take(struct wire_buf *wb)
{
	struct outbuf *b = outbuf_alloc(0);

	b->len = wb->len;
	b->data = b->owned = wb->data;
	b->cap = wb->cap;
	b->home = wb;
	wire_buf_init(wb);
	return b;
}

static void
outbuf_unref(struct outbuf *b)
{
	if (b != NULL && --b->refs == 0) {
		if (b->home != NULL && b->home->data == NULL &&
		    b->cap <= BATCH_KEEP) {
			b->home->data = b->owned;
			b->home->cap = b->cap;
			b->home->len = 0;
		} else
			free(b->owned);
		free(b);
	}
}

/* Encodes m into a fresh shared buffer. */
static struct outbuf *
encode(struct server *srv, const struct msg *m)
{
	wire_buf_reset(&srv->enc);
	if (wire_encode(m, &srv->enc) != 0)
		abort();	/* our own message: a bug */
	return outbuf_new(&srv->enc);
}

/* --- writing ------------------------------------------------------------ */

/* c has something to write this loop turn. */
static void
mark_dirty(struct conn *c)
{
	if (!c->dirty) {
		c->dirty = true;
		c->dirty_next = c->srv->dirty;
		c->srv->dirty = c;
	}
}

/* Queues len bytes of b from off (taking a reference) for c; drops a
 * client that stopped reading. */
static void
conn_queue_part(struct conn *c, struct outbuf *b, size_t off, size_t len)
{
	if (c->state == CONN_CLOSING || c->linger)
		return;
	/* One message larger than the bound (a big room's welcome) still
	 * goes to a client that has read everything before it. */
	if (c->qbytes > 0 && c->qbytes + len > NET_QUEUE_MAX) {
		conn_close(c, _("it stopped reading"));
		return;
	}
	/* Within b; and a write takes at most UINT_MAX bytes from one
	 * buffer (a frame is far smaller; a run's buffer could be bigger
	 * only in a room far past its limits). */
	if (len > b->len || off > b->len - len || len > UINT_MAX)
		abort();
	if (c->nq == c->qcap) {
		c->qcap = c->qcap == 0 ? 8 : c->qcap * 2;
		c->q = xrealloc(c->q, c->qcap * sizeof *c->q);
	}
	c->q[c->nq++] = (struct qent){ outbuf_ref(b), off, len };
	c->qbytes += len;
	mark_dirty(c);
}

static void
conn_queue(struct conn *c, struct outbuf *b)
{
	conn_queue_part(c, b, 0, b->len);
}

static void
conn_send(struct conn *c, const struct msg *m)
{
	struct outbuf *b = encode(c->srv, m);

	conn_queue(c, b);
	outbuf_unref(b);
}

static void
on_written(uv_write_t *req, int status)
{
	struct write_req *w = (struct write_req *)req;
	struct conn *c = w->c;
	size_t i;

	for (i = 0; i < w->n; i++)
		outbuf_unref(w->bufs[i]);
	c->qbytes -= w->bytes;
	c->writing = false;
	free(w);
	if (status < 0 && c->state != CONN_CLOSING)
		conn_close(c, uv_strerror(status));
	else if (c->linger && c->qbytes == 0 && c->state != CONN_CLOSING)
		conn_close(c, NULL);
	else if (c->nq > 0 && c->state != CONN_CLOSING)
		mark_dirty(c);	/* what queued up meanwhile */
}

/* Lets go of a queue array that a burst made long: an idle connection
 * keeps at most a few pointers. */
static void
conn_queue_trim(struct conn *c)
{
	if (c->nq == 0 && c->qcap > 8) {
		free(c->q);
		c->q = NULL;
		c->qcap = 0;
	}
}

/*
 * Writes what c has queued.  Almost always it all fits in the socket at
 * once, and uv_try_write takes it with one writev and nothing else: no
 * write request to allocate, no callback, no epoll_ctl (libuv re-arms the
 * watcher after every completed uv_write).  Whatever does not fit goes in
 * one uv_write, and nothing more is written to c until it completes.
 */
static void
conn_flush(struct conn *c)
{
	struct write_req *w;
	uv_buf_t few[8], *bufs;
	size_t i, n, sent = 0;
	int r;

	c->dirty = false;
	if (c->nq == 0 || c->state == CONN_CLOSING || c->writing)
		return;
	n = c->nq;
	bufs = n <= sizeof few / sizeof few[0] ? few :
	    xmalloc(n * sizeof *bufs);
	for (i = 0; i < n; i++)
		bufs[i] = uv_buf_init((char *)c->q[i].b->data + c->q[i].off,
		    (unsigned)c->q[i].len);
	r = uv_try_write((uv_stream_t *)&c->tcp, bufs, (unsigned)n);
	if (r < 0 && r != UV_EAGAIN) {
		if (bufs != few)
			free(bufs);
		conn_close(c, uv_strerror(r));
		return;
	}
	if (r > 0) {
		/* What went is let go of; the first of the rest may have
		 * gone in part. */
		c->qbytes -= (size_t)r;
		for (i = 0; i < n && (size_t)r >= bufs[i].len; i++) {
			r -= (int)bufs[i].len;
			outbuf_unref(c->q[i].b);
		}
		sent = i;
		if (sent < n) {
			bufs[sent].base += r;
			bufs[sent].len -= (size_t)r;
		}
	}
	c->nq = 0;
	if (sent == n) {
		if (bufs != few)
			free(bufs);
		conn_queue_trim(c);
		if (c->linger && c->qbytes == 0)
			conn_close(c, NULL);
		return;
	}
	w = xmalloc(sizeof *w + (n - sent) * sizeof w->bufs[0]);
	w->c = c;
	w->n = n - sent;
	w->bytes = 0;
	for (i = sent; i < n; i++) {
		w->bufs[i - sent] = c->q[i].b;
		w->bytes += bufs[i].len;
	}
	conn_queue_trim(c);
	if (uv_write(&w->req, (uv_stream_t *)&c->tcp, bufs + sent,
	    (unsigned)w->n, on_written) != 0) {
		for (i = 0; i < w->n; i++)
			outbuf_unref(w->bufs[i]);
		c->qbytes -= w->bytes;
		free(w);
		conn_close(c, _("write failed"));
	} else
		c->writing = true;
	if (bufs != few)
		free(bufs);
}

static void	start_sync(struct server *);

/* Once per loop turn, before the loop sleeps: the sync of what the turn
 * appended, then one write per connection. */
static void
on_prepare(uv_prepare_t *h)
{
	struct server *srv = h->data;
	struct conn *c;

	/* Releasing or writing can close a connection, which asks for
	 * another turn of this: the loop must not sleep on it. */
	do {
		while (srv->sync_wanted)
			start_sync(srv);
		while ((c = srv->dirty) != NULL) {
			srv->dirty = c->dirty_next;
			conn_flush(c);
		}
	} while (srv->sync_wanted);
}

/* --- tasks: what waits for the disk ------------------------------------- */

static struct task *
task_new(struct server *srv, int kind)
{
	struct task *a = xcalloc(1, sizeof *a);

	a->kind = kind;
	a->seq = srv->ws->seq;
	*srv->tail = a;
	srv->tail = &a->next;
	return a;
}

/*
 * A committed event as the server keeps it, without its secret: one
 * allocation with its texts, shared by the resume ring and the task that
 * broadcasts it (event_hold, event_drop).
 */
struct kept {
	unsigned	refs;
	size_t		size;		/* of the allocation */
	struct event	ev;
	char		texts[];
};

static struct event *
event_keep(const struct event *ev)
{
	size_t n1 = ev->text != NULL ? strlen(ev->text) + 1 : 0;
	size_t n2 = ev->text2 != NULL ? strlen(ev->text2) + 1 : 0;
	struct kept *k = xmalloc(sizeof *k + n1 + n2);

	k->refs = 1;
	k->size = sizeof *k + n1 + n2;
	k->ev = *ev;
	k->ev.secret = NULL;
	k->ev.lang = NULL;	/* a record's alone, as the secret */
	if (n1 > 0)
		k->ev.text = memcpy(k->texts, ev->text, n1);
	if (n2 > 0)
		k->ev.text2 = memcpy(k->texts + n1, ev->text2, n2);
	return &k->ev;
}

static struct kept *
kept_of(struct event *e)
{
	return (struct kept *)(void *)((char *)e - offsetof(struct kept, ev));
}

static struct event *
event_hold(struct event *e)
{
	kept_of(e)->refs++;
	return e;
}

static void
event_drop(struct event *e)
{
	if (e != NULL && --kept_of(e)->refs == 0)
		free(kept_of(e));
}

static void
task_free(struct task *a)
{
	int i;

	outbuf_unref(a->buf);
	for (i = 0; i < AUDIENCE_NONE; i++)
		outbuf_unref(a->view[i]);
	event_drop(a->ev);
	free(a);
}

static struct task *
queue_send(struct server *srv, struct conn *c, const struct msg *m)
{
	struct task *a = task_new(srv, TASK_SEND);

	a->c = c;
	a->buf = encode(srv, m);
	return a;
}

/* Appends ev, as viewer may see it, to out. */
static void
encode_view_into(struct server *srv, const struct event *ev, uint32_t viewer,
    struct wire_buf *out)
{
	struct msg m = { .type = MSG_EVENT };

	model_event_view(srv->ws, ev, viewer, &m.event);
	if (wire_encode(&m, out) != 0)
		abort();	/* our own message: a bug */
	model_votes_free(m.event.votes, m.event.nvotes);
}

/* Encodes ev as viewer may see it. */
static struct outbuf *
encode_view(struct server *srv, const struct event *ev, uint32_t viewer)
{
	wire_buf_reset(&srv->enc);
	encode_view_into(srv, ev, viewer, &srv->enc);
	return outbuf_new(&srv->enc);
}

/* The people broadcast a can single out, worked out once. */
static void
task_persons(struct server *srv, struct task *a)
{
	if (!a->classed) {
		a->npersons = (uint8_t)model_event_persons(srv->ws, a->ev,
		    a->persons);
		a->classed = true;
	}
}

/*
 * The form of an event a frame carries for an audience.  The author's
 * view is the whole one (model_event_view), so the author shares its
 * bytes.  (The class cache never holds AUDIENCE_AUTHOR: the author is one
 * of the event's persons, looked at first.)
 */
static int
frame_audience(int audience)
{
	return audience == AUDIENCE_AUTHOR ? AUDIENCE_WHOLE : audience;
}

/*
 * c's audience for broadcast a.  It is worked out once per class of
 * viewer (role and group) and once more for each of the few people the
 * event can single out (model_event_persons): with a thousand people in
 * the room and hundreds of events released at once, asking the model for
 * each pair was a sixth of the server's time.
 */
static int
task_audience(struct server *srv, struct task *a, const struct conn *c)
{
	int cls;
	size_t i;

	if (c->from_seq >= a->seq)
		return AUDIENCE_NONE;	/* in its snapshot already */
	task_persons(srv, a);
	for (i = 0; i < a->npersons; i++)
		if (a->persons[i] == c->who)
			return frame_audience(model_event_audience(srv->ws,
			    a->ev, c->who));
	cls = model_audience_class(srv->ws, c->who);
	if (cls < 0)
		return frame_audience(model_event_audience(srv->ws, a->ev,
		    c->who));
	if (a->audience[cls] == 0)
		a->audience[cls] = (uint8_t)(1 + model_event_audience(srv->ws,
		    a->ev, c->who));
	return a->audience[cls] - 1;
}

/* The event (event_keep's, whose reference this takes) waits for its
 * sync; it is encoded when released, once per audience (whole, nameless,
 * redacted) that has someone in it. */
static void
queue_broadcast(struct server *srv, struct event *kept)
{
	struct task *a = task_new(srv, TASK_BROADCAST);

	a->ev = kept;
}

static bool	connected(struct server *, uint32_t, struct conn *);

static void
queue_presence(struct server *srv, uint32_t who, bool present,
    struct conn *leaving)
{
	struct task *a;

	/* A newer connection of the same person keeps them present. */
	if (!present && connected(srv, who, leaving))
		return;
	if (srv->hooks.presence != NULL)
		srv->hooks.presence(srv->ctx, who, present);
	model_set_present(srv->ws, who, present);
	a = task_new(srv, TASK_PRESENCE);
	a->who = who;
	a->present = present;
	/* Connections whose snapshot was taken after this know it. */
	a->stamp = ++srv->presence_stamp;
}

static void	refuse(struct conn *, int, const char *, bool);

/*
 * The sentences with arguments the room sends people (in English; each
 * screen translates them).  Bit i of words: argument i is one of our
 * sentences too.  Those without arguments are marked where they are
 * sent, and are their own msgids.
 */
#define SAY_REMOVED	N_("the facilitator removed you from the room: %s")
/* A person who stays at the prompts (heartbeat): */
#define SAY_CODE_LATE	N_("the join code was not typed within 5 minutes; " \
			    "connect again to join")
#define SAY_NAME_LATE	N_("joining was not finished within 15 minutes; " \
			    "connect again to join")
#define SAY_NO_REASON	N_("no reason given")
#define SAY_NOT_SAVED	N_("the room cannot save changes right now (%s); " \
			    "nothing was lost — try again in a moment")
#define SAY_VERSION	N_("this room speaks protocol version %d and your " \
			    "roundtable version %u: use the same version of " \
			    "roundtable as the facilitator")
#define SAY_HERE	N_("%.60s is in the room right now; choose another " \
			    "name")
#define SAY_NO_GROUP	N_("there is no stakeholder group called %s")
#define SAY_TAKEN	N_("someone called %.60s has already joined this " \
			    "room; choose another name")
/* SAY_TAKEN as rooms said it until December 2026 (the protocol's number
 * did not change): a screen that meets an older room still translates
 * it. */
#define SAY_TAKEN_OLD	N_("someone called %.60s is already in the room; " \
			    "choose another name")
#define SAY_WAIT	N_("the room cannot let anyone new in right now " \
			    "(%s); you will be let in as soon as it can — " \
			    "please wait")

static const struct i18n_format server_words[] = {
	{ SAY_REMOVED, 1u << 0 },	/* the facilitator's words, or ours */
	{ SAY_NOT_SAVED, 1u << 0 },
	{ SAY_VERSION, 0 },
	{ SAY_HERE, 0 },
	{ SAY_NO_GROUP, 0 },
	{ SAY_TAKEN, 0 },
	{ SAY_TAKEN_OLD, 0 },
	{ SAY_WAIT, 1u << 0 },
	{ NULL, 0 }
};

/* Every table of sentences that may reach a screen from the room.  The
 * model's errors (model_fail) are to have theirs here too. */
const struct i18n_format *const net_words[] = { server_words, NULL };

/* Someone the facilitator removed is told why and hung up on. */
static void
turn_away(struct server *srv, const struct event *ev)
{
	struct conn *c, *next;
	char why[300];

	snprintf(why, sizeof why, SAY_REMOVED, ev->text != NULL ? ev->text :
	    SAY_NO_REASON);
	for (c = srv->conns; c != NULL; c = next) {
		next = c->next;
		if (c->state == CONN_ROOM && c->who == ev->ref)
			refuse(c, REFUSE_REMOVED, why, true);
	}
}

static bool
connected(struct server *srv, uint32_t who, struct conn *except)
{
	struct conn *c;

	/* Not one saying goodbye (replaced by a newer one, or refused):
	 * it is no longer the person's way into the room. */
	for (c = srv->conns; c != NULL; c = c->next)
		if (c != except && c->state == CONN_ROOM && c->who == who &&
		    !c->linger)
			return true;
	return false;
}

static void
run_task(struct server *srv, struct task *a)
{
	struct msg m = { .type = MSG_PRESENCE };
	struct outbuf *b;
	struct conn *c;

	switch (a->kind) {
	case TASK_SEND:
		if (a->c != NULL) {
			conn_queue(a->c, a->buf);
			if (a->welcome)
				a->c->welcomed = true;
		}
		break;
	case TASK_BROADCAST:
		for (c = srv->conns; c != NULL; c = c->next) {
			int k;

			if (c->state != CONN_ROOM || !c->welcomed)
				continue;
			k = task_audience(srv, a, c);
			if (k == AUDIENCE_NONE)
				continue;
			/* Everyone in one audience gets the same bytes. */
			if (a->view[k] == NULL)
				a->view[k] = encode_view(srv, a->ev, c->who);
			conn_queue(c, a->view[k]);
		}
		if (a->ev->type == EVENT_REMOVE)
			turn_away(srv, a->ev);
		if (srv->hooks.event != NULL)
			srv->hooks.event(srv->ctx, a->ev);
		break;
	case TASK_PRESENCE:
		/* The state changed when this was queued (so snapshots taken
		 * since have it); those welcomed before hear it now. */
		m.presence.who = a->who;
		m.presence.present = a->present;
		b = encode(srv, &m);
		for (c = srv->conns; c != NULL; c = c->next)
			if (c->state == CONN_ROOM && c->welcomed &&
			    c->presence_stamp < a->stamp)
				conn_queue(c, b);
		outbuf_unref(b);
		break;
	}
}

/* The tasks that can go out as one run from the head: released ones
 * that are broadcasts (a removal ends it: it hangs up on someone) or
 * plain sends (acks and errors; a welcome ends it).  Sets *nb to the
 * broadcasts among them. */
static size_t
run_length(struct server *srv, size_t *nb)
{
	struct task *a;
	size_t n = 0;

	*nb = 0;
	for (a = srv->head; a != NULL && a->seq <= srv->synced; a = a->next) {
		if (a->kind == TASK_BROADCAST && a->ev->type != EVENT_REMOVE)
			(*nb)++;
		else if (a->kind != TASK_SEND || a->welcome)
			break;
		n++;
	}
	return n;
}

/*
 * One buffer holding, in order, the whole view (AUDIENCE_WHOLE) of each of
 * the run's broadcasts (srv->run, from run_index) that someone sees whole,
 * each encoded straight into it; srv->run.off[j] is where the j-th starts
 * (off[nb]: the end).  Returns NULL when nobody sees any of them whole.
 */
static struct outbuf *
run_buffer(struct server *srv)
{
	struct runinfo *r = &srv->run;
	struct wire_buf *wb = &srv->batch;
	size_t j, want = srv->batch_per_event * r->nb + 4096;
	struct conn *c;

	/* Room for as much per event as the last run took, up to what is
	 * kept between runs: one allocation, not a dozen reallocations as
	 * the buffer doubles (a run of long texts must not make the next
	 * one reserve far more than it needs). */
	wire_buf_reset(wb);
	wire_buf_reserve(wb, want < BATCH_KEEP ? want : BATCH_KEEP);
	for (j = 0; j < r->nb; j++) {
		r->off[j] = wb->len;
		/* Everyone in one audience gets the same bytes: encoded for
		 * the first one found. */
		for (c = srv->conns; c != NULL; c = c->next)
			if (c->state == CONN_ROOM && c->welcomed &&
			    task_audience(srv, r->tasks[j], c) ==
			    AUDIENCE_WHOLE) {
				encode_view_into(srv, r->tasks[j]->ev, c->who,
				    wb);
				break;
			}
	}
	r->off[r->nb] = wb->len;
	if (r->nb > 0)
		srv->batch_per_event = (wb->len + r->nb - 1) / r->nb;
	return wb->len == 0 ? NULL : outbuf_take(wb);
}

/* Queues batch[from, to) for c, if not empty. */
static void
queue_part(struct conn *c, struct outbuf *batch, size_t from, size_t to)
{
	if (from < to)
		conn_queue_part(c, batch, from, to - from);
}

/* Fills srv->run with the broadcasts among the first n tasks and the
 * chains of those that single someone out (not yet the offsets:
 * run_buffer), and returns the first broadcast's seq. */
static uint64_t
run_index(struct server *srv, size_t n)
{
	struct runinfo *r = &srv->run;
	struct task *a;
	size_t i, j, k;
	uint32_t p;

	if (r->cap < n + 1) {
		r->cap = n + 64;
		r->tasks = xrealloc(r->tasks, r->cap * sizeof *r->tasks);
		r->off = xrealloc(r->off, r->cap * sizeof *r->off);
	}
	r->nb = 0;
	for (a = srv->head, i = 0; i < n; a = a->next, i++) {
		if (a->kind != TASK_BROADCAST)
			continue;
		task_persons(srv, a);
		r->tasks[r->nb++] = a;
	}
	if (r->nhead <= srv->ws->npeople) {
		free(r->head);
		r->nhead = srv->ws->npeople + 64;
		r->head = xcalloc(r->nhead, sizeof *r->head);
	}
	/* Backwards, each pushed at the head: every chain in order. */
	r->nlinks = 0;
	for (j = r->nb; j-- > 0;) {
		a = r->tasks[j];
		for (k = 0; k < a->npersons; k++) {
			if ((p = a->persons[k]) >= r->nhead)
				continue;	/* an item's id, not a person */
			if (r->nlinks == r->linkcap) {
				r->linkcap = r->linkcap == 0 ? 256 :
				    r->linkcap * 2;
				r->links = xrealloc(r->links, r->linkcap *
				    sizeof *r->links);
			}
			r->links[r->nlinks].ev = (uint32_t)j;
			r->links[r->nlinks].next = r->head[p];
			r->head[p] = (uint32_t)++r->nlinks;
		}
	}
	return r->nb > 0 ? r->tasks[0]->seq : 0;
}

/* Whether c, singled out by none of the run's broadcasts, sees all of
 * them whole; then so does everyone of its class (role and group) for
 * every broadcast that does not single them out. */
static bool
sees_all(struct server *srv, const struct conn *c)
{
	size_t j;

	for (j = 0; j < srv->run.nb; j++)
		if (task_audience(srv, srv->run.tasks[j], c) != AUDIENCE_WHOLE)
			return false;
	return true;
}

/*
 * c's share of the run: the shared buffer (NULL: nobody sees any of it
 * whole), with c's own form of each broadcast it does not see whole in
 * between (redacted, nameless, none).  When c's class sees the run whole
 * (mine), only the broadcasts that single c's person out need a look;
 * else every one does.
 */
static void
queue_share(struct server *srv, struct conn *c, struct outbuf *batch,
    bool mine)
{
	struct runinfo *r = &srv->run;
	uint32_t l = mine && c->who < r->nhead ? r->head[c->who] : 0;
	size_t from = 0, j = 0;
	struct task *a;
	int k;

	while (c->state == CONN_ROOM && (mine ? l != 0 : j < r->nb)) {
		if (mine) {
			j = r->links[l - 1].ev;
			l = r->links[l - 1].next;
		}
		a = r->tasks[j++];
		if ((k = task_audience(srv, a, c)) == AUDIENCE_WHOLE)
			continue;
		/* The stretch before this broadcast, then its own form. */
		queue_part(c, batch, from, r->off[j - 1]);
		from = r->off[j];
		if (k == AUDIENCE_NONE || c->state != CONN_ROOM)
			continue;
		if (a->view[k] == NULL)
			a->view[k] = encode_view(srv, a->ev, c->who);
		conn_queue(c, a->view[k]);
	}
	if (c->state == CONN_ROOM && batch != NULL)
		queue_part(c, batch, from, batch->len);
}

/*
 * Releases a run of tasks (run_length) holding at least two broadcasts.
 * Their whole views go into one shared buffer; each connection gets the
 * stretches of it it sees whole as one queue entry each (the whole buffer
 * for most: one iovec however many events a sync covered), and the
 * events it sees otherwise (one redacted or nameless for it; none before
 * its welcome) one by one in between, in order.  Then the acks and errors of the run go out, in their order:
 * each connection still hears of every change in order, and of its own
 * intent's ack in the same write as the change.
 *
 * A connection is not looked at event by event when its class sees the
 * whole run whole: only the events that single its person out are (its
 * own, mostly, which it sees whole).  That a class sees the run whole is
 * learnt from one of its members no event singles out.
 */
static void
release_run(struct server *srv, size_t n)
{
	uint64_t first = run_index(srv, n);
	struct outbuf *batch = run_buffer(srv);
	int8_t whole[MODEL_AUDIENCE_CLASSES] = { 0 };	/* 1 yes, -1 no */
	struct runinfo *r = &srv->run;
	struct conn *c;
	struct task *a;
	size_t i, j, k;
	int cls;

	if (batch != NULL)
		for (c = srv->conns; c != NULL; c = c->next)
			if (c->state == CONN_ROOM && c->welcomed &&
			    c->from_seq < first && c->who < r->nhead &&
			    r->head[c->who] == 0 &&
			    (cls = model_audience_class(srv->ws, c->who)) >= 0 &&
			    whole[cls] == 0)
				whole[cls] = sees_all(srv, c) ? 1 : -1;
	for (c = srv->conns; c != NULL; c = c->next) {
		if (c->state != CONN_ROOM || !c->welcomed)
			continue;
		cls = model_audience_class(srv->ws, c->who);
		queue_share(srv, c, batch, batch != NULL && cls >= 0 &&
		    whole[cls] == 1 && c->from_seq < first);
	}
	for (j = 0; j < r->nb; j++)
		for (k = 0; k < r->tasks[j]->npersons; k++)
			if (r->tasks[j]->persons[k] < r->nhead)
				r->head[r->tasks[j]->persons[k]] = 0;
	outbuf_unref(batch);
	for (i = 0; i < n; i++) {
		a = srv->head;
		srv->head = a->next;
		if (srv->head == NULL)
			srv->tail = &srv->head;
		if (a->kind == TASK_SEND && a->c != NULL)
			conn_queue(a->c, a->buf);
		else if (a->kind == TASK_BROADCAST && srv->hooks.event != NULL)
			srv->hooks.event(srv->ctx, a->ev);
		task_free(a);
	}
}

/* Runs every task the disk has caught up with, in order. */
static void
release(struct server *srv)
{
	struct task *a;
	bool any = false;

	/* A connection dropped while releasing must not release the rest
	 * out of order from inside this loop; the loop takes them next. */
	if (srv->releasing)
		return;
	srv->releasing = true;
	while ((a = srv->head) != NULL && a->seq <= srv->synced) {
		size_t n, nb;

		if (a->kind == TASK_BROADCAST &&
		    (n = run_length(srv, &nb)) > 1 && nb > 1) {
			release_run(srv, n);
			any = true;
			continue;
		}
		srv->head = a->next;
		if (srv->head == NULL)
			srv->tail = &srv->head;
		run_task(srv, a);
		task_free(a);
		any = true;
	}
	srv->releasing = false;
	srv->released |= any;
	if (any && srv->hooks.changed != NULL)
		srv->hooks.changed(srv->ctx);
}

static void
sync_work(uv_work_t *w)
{
	struct server *srv = w->data;

	srv->sync_result = journal_sync(srv->j);
}

static void
sync_done(uv_work_t *w, int status)
{
	struct server *srv = w->data;
	int e = srv->sync_result != 0 ? -srv->sync_result : EIO;
	char why[160];

	srv->syncing = false;
	if (status == 0 && srv->sync_result == 0) {
		synced_through(srv, srv->sync_target, srv->sync_size);
		release(srv);
		if (srv->broken[0] != '\0' && srv->synced > srv->broken_seq)
			record_works(srv);
	} else {
		/* What was appended may not be on disk: keep it from
		 * everyone, and write it again before anything else. */
		srv->in_doubt = true;
		snprintf(why, sizeof why, _("the record could not be saved "
		    "to disk (%s)"), strerror(e));
		record_failed(srv, e, why);
	}
	request_sync(srv);
}

/*
 * Something waits for the disk (or for nothing, only its turn): the sync
 * starts at the end of this loop turn (on_prepare), so one fdatasync
 * covers every change read in the turn.  Started at once, it covered the
 * first and left the rest a whole sync longer: under load, a change then
 * waited two turns instead of one and a sync released half as many.
 */
static void
request_sync(struct server *srv)
{
	srv->sync_wanted = true;
}

static void
start_sync(struct server *srv)
{
	srv->sync_wanted = false;
	if (srv->syncing || srv->in_doubt || srv->closing)
		return;
	if (srv->appended > srv->synced) {
		srv->syncing = true;
		srv->sync_target = srv->appended;
		srv->sync_size = journal_size(srv->j);
		srv->work.data = srv;
		if (uv_queue_work(srv->loop, &srv->work, sync_work,
		    sync_done) != 0)
			abort();
		return;
	}
	/* Nothing to sync: tasks queued since are released now. */
	srv->synced = srv->ws->seq;
	release(srv);
}

int
server_flush(struct server *srv)
{
	int r;

	if (srv->syncing)
		return 0;	/* the sync under way will release */
	if (srv->in_doubt)
		return -1;
	r = journal_sync(srv->j);
	if (r != 0)
		return -1;
	synced_through(srv, srv->appended, journal_size(srv->j));
	release(srv);
	return 0;
}

/* --- when the record cannot be written ---------------------------------- */

/* What a participant is told: short, no paths; in English (the
 * facilitator's screen says it with _()). */
static const char *
trouble_for(int e)
{
	switch (e) {
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
		return N_("disk full");
	case EROFS:
	case EACCES:
	case EPERM:
		return N_("the disk is read-only");
	case EFBIG:
		return N_("the record has reached its largest size");
	default:
		return N_("disk error");
	}
}

static void
trouble_msg(struct server *srv, struct model_error *err)
{
	err->code = ERR_RECORD;
	snprintf(err->msg, sizeof err->msg, SAY_NOT_SAVED, srv->trouble);
}

/* The disk holds everything up to event seq and journal byte size. */
static void
synced_through(struct server *srv, uint64_t seq, uint64_t size)
{
	srv->synced = seq;
	srv->synced_size = size;
	journal_synced(srv->j, size);
}

static void	on_retry(uv_timer_t *);

/* An append or a sync failed with errno e: the facilitator is told once,
 * and a timer tries again until the record works. */
static void
record_failed(struct server *srv, int e, const char *why)
{
	char line[sizeof srv->broken + 80];

	srv->trouble = trouble_for(e);
	srv->broken_seq = srv->appended;
	if (srv->broken[0] == '\0') {
		snprintf(srv->broken, sizeof srv->broken, "%s", why);
		snprintf(line, sizeof line, _("the room cannot save changes "
		    "(%s) and refuses them until it can: %s"),
		    _(srv->trouble), why);
		if (srv->hooks.refused != NULL)
			srv->hooks.refused(srv->ctx, line);
	}
	if (!srv->retry_on && !srv->closing) {
		uv_timer_start(&srv->retry, on_retry, RECORD_RETRY_MS,
		    RECORD_RETRY_MS);
		srv->retry_on = true;
	}
}

/*
 * After a failed sync: cuts the record back to what is known to be on
 * disk and appends the records after it again, then syncs as usual.  If
 * that fails too, the timer comes back.
 */
static void
rewrite(struct server *srv)
{
	char	why[300];

	if (journal_redo(srv->j, srv->synced_size, why, sizeof why) != 0) {
		record_failed(srv, errno, why);
		return;
	}
	srv->in_doubt = false;
	srv->broken_seq = srv->synced;	/* the sync of these ends it */
	request_sync(srv);
}

static void	retry_joins(struct server *);

static void
on_retry(uv_timer_t *t)
{
	struct server *srv = t->data;

	if (srv->syncing || srv->closing)
		return;		/* its result decides */
	if (srv->in_doubt) {
		rewrite(srv);
		return;
	}
	/* Mends a half record whose cut-back failed (a no-op otherwise);
	 * a newcomer's join is the write that shows the disk is back. */
	if (journal_rewind(srv->j, journal_size(srv->j), NULL, 0) == 0)
		retry_joins(srv);
}

static void
record_works(struct server *srv)
{
	srv->broken[0] = '\0';
	uv_timer_stop(&srv->retry);
	srv->retry_on = false;
	if (srv->hooks.recovered != NULL)
		srv->hooks.recovered(srv->ctx);
	retry_joins(srv);
}

/* --- intents ------------------------------------------------------------ */

static void	record_attendance(struct server *, uint32_t);

/* Lets go of the oldest event kept for clients that come back. */
static void
forget_oldest(struct server *srv)
{
	struct event *e = srv->recent[srv->first];

	srv->recent_bytes -= kept_of(e)->size;
	event_drop(e);
	srv->recent[srv->first] = NULL;
	srv->first = (srv->first + 1) % NET_RESUME_EVENTS;
	srv->nrecent--;
}

/* Keeps a committed event (event_keep's) for clients that come back,
 * letting the oldest go to stay within the bounds; a client further
 * behind gets a snapshot (can_resume). */
static void
remember(struct server *srv, struct event *kept)
{
	size_t at, size = kept_of(kept)->size;

	while (srv->nrecent > 0 && (srv->nrecent == NET_RESUME_EVENTS ||
	    srv->recent_bytes + size > NET_RESUME_BYTES))
		forget_oldest(srv);
	at = (srv->first + srv->nrecent) % NET_RESUME_EVENTS;
	srv->recent[at] = event_hold(kept);
	srv->nrecent++;
	srv->recent_bytes += size;
}

static void	send_lobby(struct conn *);

/*
 * Someone moved to another group (W, M) sees what that group sees from
 * now on, its caucus notes and draft report-back among it, and no longer
 * what the old one did.  The events before the move were sent as their
 * old group saw them, so each of their connections gets the room again,
 * as on joining: a snapshot taken now, after which the events go on.
 */
static void
resnapshot(struct server *srv, uint32_t who)
{
	struct participant *p = model_person(srv->ws, who);
	struct conn *c;

	if (p == NULL)
		return;
	for (c = srv->conns; c != NULL; c = c->next) {
		struct msg m = { .type = MSG_WELCOME };

		if (c->state != CONN_ROOM || c->who != who)
			continue;
		c->from_seq = srv->ws->seq;
		c->presence_stamp = srv->presence_stamp;
		m.welcome.self = who;
		m.welcome.token = p->token;
		m.now = net_now_ms();
		m.welcome.snapshot_src = srv->ws;
		queue_send(srv, c, &m)->welcome = true;
	}
}

static int
submit(struct server *srv, uint32_t actor, const struct intent *in,
    struct conn *c, struct model_error *err)
{
	struct msg m = { .type = MSG_ACK };
	struct model_error cerr;
	struct event ev, *kept;
	char why[300];

	if (srv->in_doubt) {
		trouble_msg(srv, err);
		return -1;
	}
	if (model_check(srv->ws, actor, in, (int64_t)time(NULL), &ev,
	    err) != 0)
		return -1;
	wire_buf_reset(&srv->enc);
	if (wire_encode_record(&ev, &srv->enc) != 0)
		abort();
	if (journal_append(srv->j, srv->enc.data, srv->enc.len, why,
	    sizeof why) != 0) {
		/* The file is as it was: the next change tries again. */
		record_failed(srv, errno, why);
		trouble_msg(srv, err);
		return -1;
	}
	if (model_commit(srv->ws, &ev, false, &cerr) != 0) {
		/* The model accepted what it now refuses: a bug. */
		fprintf(stderr, _("roundtable: internal error: %s\n"),
		    cerr.msg);
		abort();
	}
	srv->appended = ev.seq;
	kept = event_keep(&ev);
	remember(srv, kept);
	queue_broadcast(srv, kept);
	if (c != NULL) {
		m.ack.req = in->req;
		m.ack.seq = ev.seq;
		queue_send(srv, c, &m);
	}
	request_sync(srv);
	/* A new meeting: whoever is in the room now came to it. */
	if (ev.type == EVENT_MEETING) {
		struct conn *o;

		for (o = srv->conns; o != NULL; o = o->next)
			if (o->state == CONN_ROOM && o->who != 0)
				record_attendance(srv, o->who);
	}
	if (ev.type == EVENT_MOVE)
		resnapshot(srv, ev.ref);
	/* A group added while people are at the prompts: their list of
	 * groups again, so they can choose it. */
	if (ev.type == EVENT_GROUP_ADD) {
		struct conn *o;

		for (o = srv->conns; o != NULL; o = o->next)
			if (o->state == CONN_HELLO && o->lobby && !o->linger)
				send_lobby(o);
	}
	return 0;
}

int
server_submit(struct server *srv, uint32_t actor, const struct intent *in,
    struct model_error *err)
{
	return submit(srv, actor, in, NULL, err);
}

/* Refill-on-use token bucket per participant: no timer, and no refill
 * by reconnecting. */
static bool
rate_ok(struct server *srv, uint32_t who)
{
	uint64_t now = uv_now(srv->loop);
	struct bucket *b;

	if (who >= srv->nbuckets) {
		size_t n = who + 64;

		srv->buckets = xrealloc(srv->buckets, n * sizeof *srv->buckets);
		memset(srv->buckets + srv->nbuckets, 0,
		    (n - srv->nbuckets) * sizeof *srv->buckets);
		while (srv->nbuckets < n)
			srv->buckets[srv->nbuckets++] = (struct bucket){
			    RATE_BURST, now };
	}
	b = &srv->buckets[who];
	b->tokens += (double)(now - b->at) * RATE_PER_SEC / 1000.0;
	if (b->tokens > RATE_BURST)
		b->tokens = RATE_BURST;
	b->at = now;
	if (b->tokens < 1)
		return false;
	b->tokens -= 1;
	return true;
}

static void
on_intent(struct conn *c, struct intent *in)
{
	struct server *srv = c->srv;
	struct participant *p = model_person(srv->ws, c->who);
	struct model_error err;
	struct msg m = { 0 };

	if (in->req != 0 && p != NULL && in->req <= p->last_req) {
		/* Re-sent after a reconnect: it was applied already (its ack
		 * waits for the disk like the first one). */
		m.type = MSG_ACK;
		m.ack.req = in->req;
		queue_send(srv, c, &m);
		request_sync(srv);
		return;
	}
	if (srv->in_doubt) {
		/* Nothing is released until the record is written again:
		 * say so at once. */
		trouble_msg(srv, &err);
		m.type = MSG_ERROR;
		m.error.req = in->req;
		m.error.code = err.code;
		m.error.text = err.msg;
		conn_send(c, &m);
		return;
	}
	if (!rate_ok(srv, c->who)) {
		err.code = ERR_RATE;
		snprintf(err.msg, sizeof err.msg, "%s", N_("too many requests "
		    "at once; wait a moment"));
	} else if (submit(srv, c->who, in, c, &err) == 0)
		return;
	m.type = MSG_ERROR;
	m.error.req = in->req;
	m.error.code = err.code;
	m.error.text = err.msg;
	queue_send(srv, c, &m);
	request_sync(srv);
}

/* --- hello -------------------------------------------------------------- */

static struct failure *
failures_for(struct server *srv, const char *peer, bool create)
{
	struct failure *f, *oldest = &srv->fails[0];
	uint64_t now = uv_now(srv->loop);
	size_t i;

	for (i = 0; i < sizeof srv->fails / sizeof srv->fails[0]; i++) {
		f = &srv->fails[i];
		if (f->count > 0 && now - f->start > CODE_WINDOW_MS)
			f->count = 0;
		if (f->count > 0 && strcmp(f->peer, peer) == 0)
			return f;
		/* A free slot first; else the one that started longest ago. */
		if (oldest->count != 0 && (f->count == 0 ||
		    f->start < oldest->start))
			oldest = f;
	}
	if (!create)
		return NULL;
	snprintf(oldest->peer, sizeof oldest->peer, "%s", peer);
	oldest->start = now;
	oldest->count = 0;
	return oldest;
}

static void
refuse(struct conn *c, int code, const char *why, bool close)
{
	struct msg m = { .type = MSG_REFUSE };

	m.refuse.code = code;
	m.refuse.text = (char *)why;
	conn_send(c, &m);
	/* Time to try again; or, hung up on, to take the words. */
	c->since = uv_now(c->srv->loop);
	if (close) {
		/* Say why, then hang up once it is written; read no more;
		 * and a join it was waiting for (the record) is off. */
		uv_read_stop((uv_stream_t *)&c->tcp);
		c->linger = true;
		free(c->waiting);
		c->waiting = NULL;
	}
}

/*
 * Whoever is welcomed came to this meeting: the record says so once per
 * meeting, through the same path as every other change.  Before the
 * welcome's snapshot is taken, so the newcomer sees it there.  A failure
 * (the record cannot be written) keeps nobody out.
 */
static void
record_attendance(struct server *srv, uint32_t who)
{
	struct intent in = { .type = INTENT_ATTEND, .value = 1 };
	struct model_error err;
	char line[sizeof err.msg + 40];

	if (model_meeting(srv->ws, srv->ws->meeting) == NULL ||
	    model_attended(srv->ws, srv->ws->meeting, who))
		return;
	in.ref = who;
	if (submit(srv, MODEL_SYSTEM, &in, NULL, &err) != 0 &&
	    srv->hooks.log != NULL) {
		snprintf(line, sizeof line, _("attendance not recorded: %s"),
		    err.msg);
		srv->hooks.log(srv->ctx, line);
	}
}

/*
 * Can a replica at seq `from` be brought up to date with the events kept?
 * Those after it must all be there (the oldest kept at most from + 1).
 */
static bool
can_resume(const struct server *srv, uint64_t from)
{
	const struct event *oldest;

	if (from == 0 || from > srv->ws->seq)
		return false;
	if (from == srv->ws->seq)
		return true;
	if (srv->nrecent == 0)
		return false;
	oldest = srv->recent[srv->first];
	return oldest->seq <= from + 1;
}

/* After a resume welcome: the events the replica lacks, each as this
 * person may see it now, then who is present (the replica forgets). */
static void
catch_up(struct server *srv, struct conn *c, uint64_t from)
{
	struct msg m = { .type = MSG_EVENT };
	const struct event *e;
	size_t i;

	for (i = 0; i < srv->nrecent; i++) {
		e = srv->recent[(srv->first + i) % NET_RESUME_EVENTS];
		if (e->seq <= from || model_event_audience(srv->ws, e,
		    c->who) == AUDIENCE_NONE)
			continue;
		model_event_view(srv->ws, e, c->who, &m.event);
		queue_send(srv, c, &m);
		model_votes_free(m.event.votes, m.event.nvotes);
	}
	m = (struct msg){ .type = MSG_PRESENCE };
	for (i = 0; i < srv->ws->npeople; i++)
		if (srv->ws->people[i].present) {
			m.presence.who = srv->ws->people[i].id;
			m.presence.present = true;
			queue_send(srv, c, &m);
		}
}

static void
welcome(struct conn *c, struct participant *p, uint64_t last_seq)
{
	struct server *srv = c->srv;
	struct msg m = { .type = MSG_WELCOME };
	struct conn *o;
	bool resume;

	if (c->state == CONN_HELLO)
		srv->pending--;
	c->state = CONN_ROOM;
	c->who = p->id;
	record_attendance(srv, p->id);
	/* The same person on an older connection (a laptop that lost its
	 * Wi-Fi without saying so, or another screen of theirs): the new
	 * one wins, and the old one, if it is still there, is told why. */
	for (o = srv->conns; o != NULL; o = o->next)
		if (o != c && o->state == CONN_ROOM && o->who == p->id &&
		    !o->linger) {
			log_drop(o, _("replaced by a new connection"));
			refuse(o, REFUSE_REPLACED, N_("you joined the room again "
			    "from another connection, so this one has ended"),
			    true);
		}
	queue_presence(srv, p->id, true, NULL);
	/* The snapshot holds every event so far and every presence change;
	 * what follows reaches this connection after its welcome. */
	c->from_seq = srv->ws->seq;
	c->presence_stamp = srv->presence_stamp;
	m.welcome.self = p->id;
	m.welcome.token = p->token;
	m.now = net_now_ms();	/* the room's clock, for its timebox */
	/* Back after a short drop: only what it missed (a snapshot when
	 * too far behind, or after a restart, which keeps nothing). */
	resume = can_resume(srv, last_seq);
	if (resume)
		m.welcome.resume_from = last_seq;
	else
		m.welcome.snapshot_src = srv->ws;
	queue_send(srv, c, &m)->welcome = true;
	if (resume)
		catch_up(srv, c, last_seq);
	request_sync(srv);
}

static struct participant *
person_by_token(struct server *srv, const char *token)
{
	struct participant *found = NULL;
	size_t i, n = strlen(token);

	if (n != 32)
		return NULL;	/* not one of ours */
	/* Compare with every token, in constant time each. */
	for (i = 0; i < srv->ws->npeople; i++) {
		struct participant *p = &srv->ws->people[i];
		const char *t = p->token;
		size_t k;
		unsigned diff = 0;

		/* Tokens have one length; only the length may leak. */
		if (t == NULL || strlen(t) != n)
			continue;
		for (k = 0; k < n; k++)
			diff |= (unsigned char)token[k] ^ (unsigned char)t[k];
		if (diff == 0)
			found = p;
	}
	return found;
}

static void
send_lobby(struct conn *c)
{
	struct workshop *ws = c->srv->ws;
	struct msg m = { .type = MSG_LOBBY };
	size_t i;

	m.lobby.title = ws->title;
	m.lobby.ngroups = ws->ngroups;
	m.lobby.groups = xcalloc(ws->ngroups + 1, sizeof *m.lobby.groups);
	for (i = 0; i < ws->ngroups; i++)
		m.lobby.groups[i] = ws->groups[i].name;
	conn_send(c, &m);
	free(m.lobby.groups);
}

static void	join_room(struct conn *, const char *, uint32_t, int, bool);

static void
on_hello(struct conn *c, struct msg_hello *h)
{
	struct server *srv = c->srv;
	struct workshop *ws = srv->ws;
	struct participant *p;
	struct group *g = NULL;
	struct failure *f;
	struct model_error err;
	char why[240];
	int role = h->observer ? ROLE_OBSERVER : ROLE_PARTICIPANT;

	if (h->version != WIRE_PROTOCOL_VERSION) {
		snprintf(why, sizeof why, SAY_VERSION, WIRE_PROTOCOL_VERSION,
		    h->version);
		refuse(c, REFUSE_VERSION, why, true);
		return;
	}
	if (++c->hellos > HELLOS_MAX) {
		refuse(c, REFUSE_BUSY, N_("too many attempts; connect again"),
		    true);
		return;
	}
	free(c->waiting);	/* a new hello replaces a waiting one */
	c->waiting = NULL;
	/* Someone coming back: their token is their key, whatever their
	 * address did before. */
	if (h->token != NULL) {
		p = person_by_token(srv, h->token);
		if (p != NULL && p->removed) {
			refuse(c, REFUSE_REMOVED, N_("the facilitator removed "
			    "you from the room; to come back you need the "
			    "join code and a new name"), true);
			return;
		}
		if (p != NULL && h->claim) {
			/* A name kept by the SSH door for someone without a
			 * key: the join code, and only in their absence. */
			if (h->code == NULL || !text_code_equal(h->code,
			    ws->code)) {
				refuse(c, REFUSE_CODE, N_("a join code is "
				    "needed"), false);
				return;
			}
			if (connected(srv, p->id, c)) {
				snprintf(why, sizeof why, SAY_HERE, p->name);
				refuse(c, REFUSE_NAME, why, false);
				return;
			}
		}
		if (p != NULL) {
			welcome(c, p, h->last_seq);
			return;
		}
		refuse(c, REFUSE_TOKEN, N_("the room does not know this "
		    "connection any more; joining again"), false);
		return;
	}
	f = failures_for(srv, c->peer, false);
	if (f != NULL && f->count >= CODE_FAILS_MAX) {
		refuse(c, REFUSE_BUSY, N_("too many wrong join codes from "
		    "this address; wait a minute and try again"), true);
		return;
	}
	if (h->fac_code != NULL) {
		/* A co-facilitator: their own code, no group. */
		if (ws->fac_code == NULL ||
		    !text_code_equal(h->fac_code, ws->fac_code)) {
			f = failures_for(srv, c->peer, true);
			f->count++;
			refuse(c, REFUSE_CODE, N_("wrong co-facilitator code"),
			    false);
			return;
		}
		role = ROLE_COFACILITATOR;
		h->observer = true;	/* no group to ask for */
	} else if (h->code == NULL) {
		/* Someone with a name and no code, looking for their token
		 * first: nothing guessed, nothing counted; and no more time
		 * to say hello than the first one had. */
		uint64_t since = c->since;

		refuse(c, REFUSE_CODE, N_("a join code is needed"), false);
		c->since = since;
		return;
	} else if (!text_code_equal(h->code, ws->code)) {
		f = failures_for(srv, c->peer, true);
		f->count++;
		refuse(c, REFUSE_CODE, N_("wrong join code"), false);
		return;
	}
	if (h->observer) {
		/* Observers and co-facilitators belong to no caucus. */
		free(h->group);
		h->group = NULL;
	}
	/* The code was right: people may take their time over the rest. */
	c->lobby = true;
	c->since = uv_now(srv->loop);
	if (h->name == NULL) {
		send_lobby(c);
		return;
	}
	if (model_check_name(h->name, &err) != 0) {
		refuse(c, REFUSE_NAME, err.msg, false);
		return;
	}
	/* A name is taken for good: only its token brings its owner back,
	 * so nobody can step into an absent person's place.  Said as soon
	 * as the name is given, before a group is asked for. */
	if (model_person_by_name(ws, h->name) != NULL) {
		snprintf(why, sizeof why, SAY_TAKEN, h->name);
		refuse(c, REFUSE_NAME, why, false);
		return;
	}
	if (h->group == NULL && !h->observer) {
		send_lobby(c);
		return;
	}
	if (h->group != NULL && (g = model_group_by_name(ws, h->group)) ==
	    NULL) {
		/* Said back only if it could be a group's name: the text
		 * rules hold for what the server says too. */
		if (model_check_text(h->group, MODEL_NAME_MAX, false,
		    "group", &err) == 0)
			snprintf(why, sizeof why, SAY_NO_GROUP, h->group);
		else
			snprintf(why, sizeof why, "%s", N_("there is no such "
			    "stakeholder group"));
		refuse(c, REFUSE_GROUP, why, false);
		return;
	}
	join_room(c, h->name, g != NULL ? g->id : 0, role, false);
}

/*
 * Lets a newcomer in: their join goes through the record like any change.
 * While the record cannot be written they wait, told why once, and the
 * join is tried again (retry_joins) until it can be.
 */
static void
join_room(struct conn *c, const char *name, uint32_t group, int role,
    bool again)
{
	struct server *srv = c->srv;
	struct intent in = { .type = INTENT_JOIN };
	struct model_error err;
	char token[40], why[240];

	net_make_token(token, sizeof token);
	in.text = (char *)name;
	in.ref = group;
	in.value = role;
	in.secret = token;
	if (submit(srv, MODEL_SYSTEM, &in, NULL, &err) == 0) {
		welcome(c, model_person(srv->ws, (uint32_t)srv->ws->npeople),
		    0);
		return;
	}
	if (err.code != ERR_RECORD) {
		refuse(c, err.code == MODEL_ERR_LIMIT ? REFUSE_FULL :
		    REFUSE_NAME, err.msg, false);
		return;
	}
	c->waiting = xstrdup(name);
	c->waiting_group = group;
	c->waiting_role = role;
	c->since = uv_now(srv->loop);	/* the wait is not theirs */
	if (again)
		return;
	snprintf(why, sizeof why, SAY_WAIT, srv->trouble);
	refuse(c, REFUSE_BUSY, why, false);
}

/* Tries the joins that wait for the record again. */
static void
retry_joins(struct server *srv)
{
	struct conn *c, *next;
	char *name;

	for (c = srv->conns; c != NULL; c = next) {
		next = c->next;
		if (c->state != CONN_HELLO || c->waiting == NULL)
			continue;
		name = c->waiting;
		c->waiting = NULL;
		join_room(c, name, c->waiting_group, c->waiting_role, true);
		free(name);
	}
}

/* --- reading ------------------------------------------------------------ */

static void
on_message(struct conn *c, struct msg *m)
{
	struct msg reply = { .type = MSG_PONG };

	switch (m->type) {
	case MSG_HELLO:
		if (c->state == CONN_HELLO) {
			on_hello(c, &m->hello);
			return;
		}
		/* One more hello from a screen just let in: the list of
		 * groups sent when a group was added crossed its last one,
		 * and it answered that too.  Nothing to do. */
		if (c->state == CONN_ROOM)
			return;
		break;
	case MSG_INTENT:
		if (c->state == CONN_ROOM) {
			on_intent(c, &m->intent);
			return;
		}
		break;
	case MSG_PING:
		conn_send(c, &reply);
		return;
	case MSG_PONG:
		return;
	}
	conn_close(c, _("it sent a message out of turn"));
}

/* Handles every whole frame in buf; returns the bytes used. */
static size_t
frames(struct conn *c, const uint8_t *buf, size_t len)
{
	size_t used = 0;
	uint32_t n;
	struct msg m;
	char err[120];

	while (c->state != CONN_CLOSING && len - used >= WIRE_HEADER_SIZE) {
		if (wire_frame_length(buf + used, WIRE_CLIENT_FRAME_MAX,
		    &n) != 0) {
			conn_close(c, _("it sent an oversized frame"));
			break;
		}
		if (len - used - WIRE_HEADER_SIZE < n)
			break;
		if (wire_decode(buf + used + WIRE_HEADER_SIZE, n, &m, err,
		    sizeof err) != 0) {
			char why[160];

			/* TRANSLATORS: %s is the codec's reason, a technical
			 * detail left in English. */
			snprintf(why, sizeof why, _("it sent a malformed "
			    "message (%s)"), err);
			conn_close(c, why);
			break;
		}
		used += WIRE_HEADER_SIZE + n;
		on_message(c, &m);
		wire_msg_free(&m);
	}
	return used;
}

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	struct conn *c = h->data;

	(void)suggested;
	/* One buffer for every connection: read_cb consumes it at once. */
	*buf = uv_buf_init(c->srv->rbuf, sizeof c->srv->rbuf);
}

static void
on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	struct conn *c = s->data;
	size_t used;

	if (nread < 0) {
		conn_close(c, nread == UV_EOF ? NULL : uv_strerror((int)nread));
		return;
	}
	if (nread == 0 || c->state == CONN_CLOSING)
		return;
	c->last_rx = uv_now(c->srv->loop);
	if (c->in.len == 0) {
		used = frames(c, (uint8_t *)buf->base, (size_t)nread);
		if (c->state != CONN_CLOSING && used < (size_t)nread) {
			wire_buf_reset(&c->in);
			if (c->in.cap < (size_t)nread - used) {
				c->in.cap = (size_t)nread - used;
				c->in.data = xrealloc(c->in.data, c->in.cap);
			}
			memcpy(c->in.data, buf->base + used,
			    (size_t)nread - used);
			c->in.len = (size_t)nread - used;
		}
		return;
	}
	if (c->in.cap < c->in.len + (size_t)nread) {
		/* Doubling: a frame trickling in byte by byte costs little. */
		c->in.cap = c->in.cap * 2 > c->in.len + (size_t)nread ?
		    c->in.cap * 2 : c->in.len + (size_t)nread;
		c->in.data = xrealloc(c->in.data, c->in.cap);
	}
	memcpy(c->in.data + c->in.len, buf->base, (size_t)nread);
	c->in.len += (size_t)nread;
	used = frames(c, c->in.data, c->in.len);
	if (c->state == CONN_CLOSING)
		return;
	memmove(c->in.data, c->in.data + used, c->in.len - used);
	c->in.len -= used;
	if (c->in.len == 0)
		wire_buf_destroy(&c->in);	/* idle clients hold nothing */
}

/* --- connections -------------------------------------------------------- */

static void
on_conn_closed(uv_handle_t *h)
{
	struct conn *c = h->data;
	struct server *srv = c->srv;
	size_t i;

	for (i = 0; i < c->nq; i++)
		outbuf_unref(c->q[i].b);
	free(c->q);
	wire_buf_destroy(&c->in);
	free(c->waiting);
	free(c);
	srv->open_handles--;
}

static void
log_drop(struct conn *c, const char *why)
{
	struct server *srv = c->srv;
	char line[200];

	if (why == NULL || srv->hooks.log == NULL)
		return;
	/* TRANSLATORS: "dropped 192.168.1.20: it stopped answering". */
	snprintf(line, sizeof line, _("dropped %s: %s"),
	    c->peer[0] != '\0' ? c->peer : _("a connection"), why);
	srv->hooks.log(srv->ctx, line);
}

static void
conn_close(struct conn *c, const char *why)
{
	struct server *srv = c->srv;
	struct task *a;

	if (c->state == CONN_CLOSING)
		return;
	log_drop(c, why);
	if (c->state == CONN_HELLO)
		srv->pending--;
	c->state = CONN_CLOSING;
	if (c->who != 0)
		queue_presence(srv, c->who, false, c);
	/* Off the list of connections to write to this turn. */
	if (c->dirty) {
		struct conn **pp;

		for (pp = &srv->dirty; *pp != NULL; pp = &(*pp)->dirty_next)
			if (*pp == c) {
				*pp = c->dirty_next;
				break;
			}
		c->dirty = false;
	}
	for (a = srv->head; a != NULL; a = a->next)
		if (a->c == c)
			a->c = NULL;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		srv->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	srv->nconns--;
	uv_close((uv_handle_t *)&c->tcp, on_conn_closed);
	if (!srv->closing)
		request_sync(srv);
}

static void
on_heartbeat(uv_timer_t *t)
{
	struct server *srv = t->data;
	struct msg ping = { .type = MSG_PING };
	struct outbuf *pb = NULL;
	uint64_t now = uv_now(srv->loop);
	struct conn *c, *next;

	for (c = srv->conns; c != NULL; c = next) {
		next = c->next;
		if (c->linger) {
			/* Refused, its last words on their way: for as long
			 * as it takes them (a peer that reads nothing does
			 * not keep its place). */
			if (now - c->since > NET_DEAD_MS)
				conn_close(c, _("it stopped answering"));
			continue;
		}
		if (c->state == CONN_HELLO && (c->lobby || c->door) &&
		    now - c->since > (c->lobby ? NAME_TIMEOUT_MS :
		    LOBBY_TIMEOUT_MS)) {
			/* A person at the prompts: told, not just hung up
			 * on ("the room closed the connection" says
			 * nothing of what to do). */
			log_drop(c, _("it never finished joining"));
			refuse(c, REFUSE_BUSY, c->lobby ? SAY_NAME_LATE :
			    SAY_CODE_LATE, true);
		} else if (c->state == CONN_HELLO && !c->lobby && !c->door &&
		    now - c->since > HELLO_TIMEOUT_MS)
			conn_close(c, _("it never finished joining"));
		else if (c->door && c->state == CONN_HELLO && c->hellos == 0)
			;	/* a person at the code prompt, their screen
				 * silent until they have typed it: the
				 * lobby's time, not the heartbeat's.  Once
				 * it has said hello it counts silence
				 * itself, and is pinged as any client */
		else if (now - c->last_rx > NET_DEAD_MS)
			conn_close(c, _("it stopped answering"));
		else if (now - c->last_rx >= NET_HEARTBEAT_MS) {
			if (pb == NULL) {
				ping.now = net_now_ms();
				pb = encode(srv, &ping);	/* once */
			}
			conn_queue(c, pb);
		}
	}
	outbuf_unref(pb);
#ifdef __GLIBC__
	/* Joins and bursts leave holes in the heap between what stays (the
	 * connections): a heartbeat after changes gives the whole free pages
	 * back, so an idle room holds little.  Nothing when nothing changed. */
	if (srv->released)
		malloc_trim(0);
#endif
	srv->released = false;
	if (srv->conns == NULL) {
		uv_timer_stop(t);
		srv->heartbeat_on = false;
	}
}

/* A new connection (its handle open and accepted) joins the list; it
 * has HELLO_TIMEOUT_MS to say hello, and counts among the pending. */
static void
conn_start(struct server *srv, struct conn *c)
{
	c->since = c->last_rx = uv_now(srv->loop);
	c->next = srv->conns;
	if (srv->conns != NULL)
		srv->conns->prev = c;
	srv->conns = c;
	srv->nconns++;
	if (srv->farewell[0] != '\0') {
		/* Come while the room closes: told so, as everyone. */
		srv->pending++;
		refuse(c, REFUSE_CLOSED, srv->farewell, true);
		return;
	}
	if (++srv->pending > HELLOS_PENDING_MAX) {
		/* Many half-open joins at once: turn the newest away. */
		conn_close(c, _("too many connections waiting to join"));
		return;
	}
	uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
	if (!srv->heartbeat_on) {
		uv_timer_start(&srv->heartbeat, on_heartbeat, NET_HEARTBEAT_MS,
		    NET_HEARTBEAT_MS);
		srv->heartbeat_on = true;
	}
}

static void
on_connection(uv_stream_t *listener, int status)
{
	struct server *srv = listener->data;
	struct sockaddr_storage sa;
	int salen = sizeof sa;
	struct conn *c;

	if (status < 0)
		return;
	c = xcalloc(1, sizeof *c);
	c->srv = srv;
	uv_tcp_init(srv->loop, &c->tcp);
	c->tcp.data = c;
	srv->open_handles++;
	if (uv_accept(listener, (uv_stream_t *)&c->tcp) != 0) {
		c->state = CONN_CLOSING;
		uv_close((uv_handle_t *)&c->tcp, on_conn_closed);
		return;
	}
	uv_tcp_nodelay(&c->tcp, 1);
	if (uv_tcp_getpeername(&c->tcp, (struct sockaddr *)&sa, &salen) == 0) {
		if (sa.ss_family == AF_INET6)
			uv_ip6_name((struct sockaddr_in6 *)&sa, c->peer,
			    sizeof c->peer);
		else
			uv_ip4_name((struct sockaddr_in *)&sa, c->peer,
			    sizeof c->peer);
	}
	conn_start(srv, c);
}

/* An SSH session waits for a person to type the code, for as long as the
 * lobby allows, so one address must not hold every place among the
 * pending.  live is how many sessions from peer the door has in the hub:
 * those whose connection the room has already closed (refused, timed
 * out) but that are still saying goodbye to a client that reads nothing
 * hold a place too, or one address could start them without end. */
bool
server_may_adopt(const struct server *srv, const char *peer, size_t live)
{
	const struct conn *c;
	size_t waiting = 0, in = 0;

	if (srv->closing)
		return false;
	for (c = srv->conns; c != NULL; c = c->next) {
		if (!c->door || strcmp(c->peer, peer) != 0)
			continue;
		if (c->state == CONN_HELLO)
			waiting++;
		else if (c->state == CONN_ROOM)
			in++;
	}
	if (live > in && live - in > waiting)
		waiting = live - in;
	return waiting < DOOR_PENDING_PER_PEER;
}

int
server_adopt(struct server *srv, int fd, const char *peer)
{
	struct conn *c;

	if (!server_may_adopt(srv, peer, 0)) {
		close(fd);
		return -1;
	}
	c = xcalloc(1, sizeof *c);
	c->door = true;
	c->srv = srv;
	uv_pipe_init(srv->loop, &c->pipe, 0);
	c->pipe.data = c;
	srv->open_handles++;
	if (uv_pipe_open(&c->pipe, fd) != 0) {
		close(fd);
		c->state = CONN_CLOSING;
		uv_close((uv_handle_t *)&c->pipe, on_conn_closed);
		return -1;
	}
	snprintf(c->peer, sizeof c->peer, "%s", peer);
	conn_start(srv, c);
	return 0;
}

/* --- life --------------------------------------------------------------- */

struct server *
server_new(uv_loop_t *loop, struct workshop *ws, struct journal *j,
    const struct server_hooks *hooks, void *ctx)
{
	struct server *srv = xcalloc(1, sizeof *srv);

	srv->loop = loop;
	srv->ws = ws;
	srv->j = j;
	if (hooks != NULL)
		srv->hooks = *hooks;
	srv->ctx = ctx;
	srv->tail = &srv->head;
	srv->appended = srv->synced = ws->seq;
	srv->synced_size = journal_size(j);
	wire_buf_init(&srv->enc);
	wire_buf_init(&srv->batch);
	journal_keep(j, true);
	uv_prepare_init(loop, &srv->flusher);
	srv->flusher.data = srv;
	uv_prepare_start(&srv->flusher, on_prepare);
	uv_timer_init(loop, &srv->heartbeat);
	srv->heartbeat.data = srv;
	uv_timer_init(loop, &srv->retry);
	srv->retry.data = srv;
	srv->open_handles = 3;
	return srv;
}

int
server_listen(struct server *srv, const char *addr, int port, char *err,
    size_t errlen)
{
	struct sockaddr_storage sa;
	int salen = sizeof sa, r;

	if (strchr(addr, ':') != NULL)
		r = uv_ip6_addr(addr, port, (struct sockaddr_in6 *)&sa);
	else
		r = uv_ip4_addr(addr, port, (struct sockaddr_in *)&sa);
	if (r != 0) {
		snprintf(err, errlen, _("%s is not an IP address"), addr);
		return -1;
	}
	uv_tcp_init(srv->loop, &srv->listener);
	srv->listener.data = srv;
	srv->open_handles++;
	srv->listening = true;
	if ((r = uv_tcp_bind(&srv->listener, (struct sockaddr *)&sa, 0)) != 0 ||
	    (r = uv_listen((uv_stream_t *)&srv->listener, 511,
	    on_connection)) != 0) {
		snprintf(err, errlen, _("cannot listen on %s port %d: %s"),
		    addr, port, uv_strerror(r));
		return -1;
	}
	if (uv_tcp_getsockname(&srv->listener, (struct sockaddr *)&sa,
	    &salen) == 0)
		srv->port = ntohs(sa.ss_family == AF_INET6 ?
		    ((struct sockaddr_in6 *)&sa)->sin6_port :
		    ((struct sockaddr_in *)&sa)->sin_port);
	return 0;
}

int
server_port(const struct server *srv)
{
	return srv->port;
}

static void
on_handle_closed(uv_handle_t *h)
{
	struct server *srv = h->data;

	srv->open_handles--;
}

size_t
server_farewell(struct server *srv, const char *why)
{
	struct conn *c;

	if (srv->closing)
		return srv->nconns;
	snprintf(srv->farewell, sizeof srv->farewell, "%s", why);
	if (srv->listening) {
		srv->listening = false;
		uv_close((uv_handle_t *)&srv->listener, on_handle_closed);
	}
	for (c = srv->conns; c != NULL; c = c->next)
		if (c->state != CONN_CLOSING && !c->linger)
			refuse(c, REFUSE_CLOSED, srv->farewell, true);
	return srv->nconns;
}

size_t
server_connections(const struct server *srv)
{
	return srv->nconns;
}

void
server_close(struct server *srv)
{
	struct conn *c;

	srv->closing = true;
	while ((c = srv->conns) != NULL)
		conn_close(c, NULL);
	if (srv->listening)
		uv_close((uv_handle_t *)&srv->listener, on_handle_closed);
	uv_close((uv_handle_t *)&srv->flusher, on_handle_closed);
	uv_close((uv_handle_t *)&srv->heartbeat, on_handle_closed);
	uv_close((uv_handle_t *)&srv->retry, on_handle_closed);
}

bool
server_closed(const struct server *srv)
{
	return srv->open_handles == 0 && !srv->syncing;
}

void
server_free(struct server *srv)
{
	struct task *a, *next;

	if (srv == NULL)
		return;
	/* Closed first (server_closed): nothing refers to it any more. */
	assert(srv->open_handles == 0);
	for (a = srv->head; a != NULL; a = next) {
		next = a->next;
		task_free(a);
	}
	wire_buf_destroy(&srv->enc);
	wire_buf_destroy(&srv->batch);
	while (srv->nrecent > 0)
		forget_oldest(srv);
	free(srv->buckets);
	free(srv->run.tasks);
	free(srv->run.off);
	free(srv->run.head);
	free(srv->run.links);
	free(srv);
}
