/*
 * crashdrive.c - the crash test's load and its judge (scripts/crash-test).
 *
 *   crashdrive --port P --code C [--fac-code F] [--participants N]
 *              [--acks FILE] [--interval MS] [--window N] [--drain S]
 *              [--limit S]
 *   crashdrive --verify STATE ACKFILE
 *
 * The load: N scripted participants on 127.0.0.1 speak the protocol with
 * the project's frames and codec (wire.h) over connections of their own,
 * not src/net/client.c, so the server's promises are checked by code that
 * shares none of the client's assumptions.  With --fac-code a
 * co-facilitator first moves a new room to Expectations, so participants
 * can write.  Each participant joins with a name and a group (spread over
 * the room's groups), keeps the resume token it is given, and sends
 * contributions continuously, each with its own request id, at most
 * --window unacknowledged at a time, one every --interval ms (below the
 * server's rate limit).  Every ack is written to ACKFILE as it arrives.
 * When its connection drops, each participant on its own connects again,
 * says hello with its token and the last sequence number it saw, re-sends
 * every unacknowledged intent in order with its original request id, and
 * carries on.  "ready" on standard output: everyone has joined.
 * SIGTERM or SIGINT stops the load: no new intents; once every
 * participant holds its last ack (or --drain seconds pass) the figures go
 * to ACKFILE and standard output and the driver exits, non-zero when a
 * participant failed to join or resume or something stayed unacknowledged.
 * --limit bounds the whole run.
 *
 * The judge: --verify reads the record through the journal API, replays
 * it through model_commit() (as the server's start does) and prints
 *   acknowledged N  found N  lost N  duplicated N  gaps N  resumed N
 * exiting non-zero when anything acknowledged is missing, anything is in
 * the record twice, a sequence number is missing, or a participant failed
 * to resume.  Also checked: an ack's seq is the event of that request; a
 * refused intent is not in the record; the record holds one join per
 * participant (coming back never took a new join); the record replays.
 *
 * ACKFILE, one line each:
 *   ack ACTOR REQ SEQ          (SEQ 0: applied before, acked on re-send)
 *   refused ACTOR REQ CODE
 *   part ACTOR NAME welcomes N reconnections N resumed N failed N
 *        unacked N sent N
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/net.h"
#include "roundtable/text.h"
#include "roundtable/wire.h"

#define RETRY_MIN_MS	50	/* first pause before connecting again */
#define RETRY_MAX_MS	400	/* the server is back within this */
#define ERRORS_SHOWN	10	/* refusals printed; the rest are counted */

enum part_state {
	P_IDLE,			/* waiting to connect again */
	P_CONNECTING,
	P_HELLO,		/* connected, hello sent */
	P_ROOM,
	P_DONE,			/* the co-facilitator, its work done */
	P_FAILED,		/* refused: could not join or resume */
};

struct drive;

struct part {
	struct drive	*d;
	char		 name[32];
	const char	*group;		/* NULL for the co-facilitator */
	bool		 cofac;
	int		 state;
	bool		 tcp_open;	/* initialised, close not yet done */
	bool		 tcp_closing;
	bool		 hello_token;	/* this connection's hello resumes */
	uv_tcp_t	 tcp;
	uv_connect_t	 connect;
	uv_timer_t	 retry, tick;
	unsigned	 backoff;	/* ms before connecting again */
	struct wire_buf	 in;
	uint32_t	 self;		/* 0 before the first welcome */
	char		*token;
	uint64_t	 last_seq;	/* newest event seen */
	uint64_t	 conn_seq;	/* newest on this connection */
	uint64_t	 last_rx;
	uint32_t	 next_req;
	uint32_t	*pend;		/* unacknowledged requests, in order */
	size_t		 npend, pendcap;

	unsigned	 sent, resent, acked, refused, stray;
	unsigned	 drops, reconnections, welcomes, resumed, failed;
	unsigned	 disorder;	/* events not after the one before */
};

struct drive {
	uv_loop_t	*loop;
	struct sockaddr_in addr;
	const char	*code, *fac_code;
	unsigned	 interval, window, drain_s, limit_s;
	struct part	*parts;
	size_t		 nparts;
	struct part	 cofac;
	char		**groups;
	size_t		 ngroups;
	int		 expectations;	/* the room's Expectations (index) */
	size_t		 joined;
	bool		 started, loading, draining, finished;
	uint64_t	 drain_until;
	unsigned	 errors_shown;
	FILE		*acks;
	uv_signal_t	 sigterm, sigint;
	uv_timer_t	 limit, drain;
	int		 status;
};

static void	part_drop(struct part *, const char *why);
static void	finish(struct drive *, int status);
static void	start_participants(struct drive *);

/* --- sending ------------------------------------------------------------ */

struct send_req {
	uv_write_t	 req;
	uint8_t		 data[];
};

static void
on_sent(uv_write_t *req, int status)
{
	(void)status;	/* a failed write shows up as a failed read */
	free(req);
}

static void
send_msg(struct part *p, const struct msg *m)
{
	struct wire_buf b;
	struct send_req *r;
	uv_buf_t ub;

	if (!p->tcp_open || p->tcp_closing ||
	    (p->state != P_HELLO && p->state != P_ROOM))
		return;
	wire_buf_init(&b);
	if (wire_encode(m, &b) != 0)
		abort();	/* our own message: a bug */
	r = xmalloc(sizeof *r + b.len);
	memcpy(r->data, b.data, b.len);
	ub = uv_buf_init((char *)r->data, (unsigned)b.len);
	wire_buf_destroy(&b);
	if (uv_write(&r->req, (uv_stream_t *)&p->tcp, &ub, 1, on_sent) != 0)
		free(r);
}

static void
send_hello(struct part *p)
{
	struct msg m = { .type = MSG_HELLO };

	m.hello.version = WIRE_PROTOCOL_VERSION;
	if (p->cofac)
		m.hello.fac_code = (char *)p->d->fac_code;
	else
		m.hello.code = (char *)p->d->code;
	m.hello.name = p->name;
	m.hello.group = (char *)p->group;
	m.hello.token = p->token;
	m.hello.last_seq = p->last_seq;
	p->hello_token = p->token != NULL;
	if (p->hello_token)
		p->reconnections++;
	send_msg(p, &m);
}

/* The intent behind a request id: the same bytes every time it is sent. */
static void
send_intent(struct part *p, uint32_t req)
{
	struct msg m = { .type = MSG_INTENT };
	char text[80];

	m.intent.req = req;
	if (p->cofac) {
		m.intent.type = INTENT_PHASE;
		m.intent.value = p->d->expectations;
	} else {
		snprintf(text, sizeof text, "expectation %u from %s", req,
		    p->name);
		m.intent.type = INTENT_CONTRIBUTE;
		m.intent.text = text;
	}
	send_msg(p, &m);
}

static void
submit(struct part *p)
{
	uint32_t req = ++p->next_req;

	if (p->npend == p->pendcap) {
		p->pendcap = p->pendcap == 0 ? 16 : p->pendcap * 2;
		p->pend = xrealloc(p->pend, p->pendcap * sizeof *p->pend);
	}
	p->pend[p->npend++] = req;
	p->sent++;
	send_intent(p, req);
}

/* --- what the room says ------------------------------------------------- */

static void
setup_done(struct part *p)
{
	struct drive *d = p->d;

	p->state = P_DONE;
	part_drop(p, NULL);
	start_participants(d);
}

/* Settles req: an ack (ok, val its seq) or a refusal (val its code). */
static void
settle(struct part *p, uint32_t req, bool ok, uint64_t val, const char *text)
{
	struct drive *d = p->d;
	size_t i;

	for (i = 0; i < p->npend && p->pend[i] != req; i++)
		;
	if (i == p->npend) {
		p->stray++;	/* not ours, or settled already */
		return;
	}
	memmove(&p->pend[i], &p->pend[i + 1],
	    (p->npend - i - 1) * sizeof *p->pend);
	p->npend--;
	if (ok) {
		p->acked++;
		fprintf(d->acks, "ack %u %u %llu\n", p->self, req,
		    (unsigned long long)val);
	} else {
		p->refused++;
		fprintf(d->acks, "refused %u %u %llu\n", p->self, req,
		    (unsigned long long)val);
		if (d->errors_shown++ < ERRORS_SHOWN)
			fprintf(stderr, "driver: %s: request %u refused: %s\n",
			    p->name, req, text != NULL ? text : "?");
	}
	if (p->cofac) {
		if (!ok) {
			fprintf(stderr, "driver: the co-facilitator could not "
			    "move the room to Expectations\n");
			finish(d, 1);
			return;
		}
		setup_done(p);
	}
}

/*
 * The co-facilitator's welcome: the room's groups, and its phase.  A
 * phase is named by its index in the room's template (Preparing the
 * process comes before Expectations in the default one), so the room's
 * snapshot says which index to ask for.
 */
static void
setup(struct part *p, const struct workshop *room)
{
	struct drive *d = p->d;
	size_t i;

	d->ngroups = room->ngroups;
	d->groups = xcalloc(room->ngroups, sizeof *d->groups);
	for (i = 0; i < room->ngroups; i++)
		d->groups[i] = xstrdup(room->groups[i].name);
	d->expectations = model_step_of_kind(room, PHASE_EXPECTATIONS, 0);
	if (d->expectations < 0) {
		fprintf(stderr, "driver: the room's process has no "
		    "Expectations phase\n");
		finish(d, 1);
	} else if (room->phase == PHASE_EXPECTATIONS)
		setup_done(p);
	else if (room->phase == PHASE_WELCOME)
		submit(p);
	else {
		fprintf(stderr, "driver: the room is in %s; the crash test "
		    "needs a new one\n", model_phase_name(room->phase));
		finish(d, 1);
	}
}

static void
on_welcome(struct part *p, struct msg *m)
{
	struct drive *d = p->d;
	const struct workshop *room = m->welcome.room;
	bool first = p->self == 0;
	size_t i;

	/* A resume without a snapshot fits only the place we said. */
	if (m->welcome.token == NULL || (room == NULL &&
	    (m->welcome.resume_from == 0 ||
	    m->welcome.resume_from != p->last_seq))) {
		p->last_seq = 0;	/* next time, the whole room */
		part_drop(p, "a welcome without a room or a token");
		return;
	}
	if (!first && m->welcome.self != p->self) {
		fprintf(stderr, "driver: %s came back as participant %u, not "
		    "%u\n", p->name, m->welcome.self, p->self);
		p->failed++;
		p->state = P_FAILED;
		part_drop(p, NULL);
		return;
	}
	if (p->hello_token)
		p->resumed++;
	p->self = m->welcome.self;
	free(p->token);
	p->token = xstrdup(m->welcome.token);
	p->last_seq = p->conn_seq = room != NULL ? room->seq :
	    m->welcome.resume_from;
	p->state = P_ROOM;
	p->welcomes++;
	p->backoff = RETRY_MIN_MS;
	if (first && p->cofac) {
		setup(p, room);
		return;
	}
	if (first && ++d->joined == d->nparts) {
		printf("ready: %zu participants joined\n", d->nparts);
		fflush(stdout);
	}
	/* In order, with their request ids: the room applies each once. */
	for (i = 0; i < p->npend; i++) {
		send_intent(p, p->pend[i]);
		p->resent++;
	}
}

static void
on_message(struct part *p, struct msg *m)
{
	struct drive *d = p->d;
	struct msg pong = { .type = MSG_PONG };

	switch (m->type) {
	case MSG_WELCOME:
		on_welcome(p, m);
		break;
	case MSG_LOBBY:
	case MSG_REFUSE:
		fprintf(stderr, "driver: %s was refused%s: %s\n", p->name,
		    p->hello_token ? " on resuming" : "",
		    m->type == MSG_LOBBY ? "asked for a name or group" :
		    m->refuse.text != NULL ? m->refuse.text : "no reason");
		p->failed++;
		p->state = P_FAILED;
		part_drop(p, NULL);
		/* Nothing can be measured without everyone in. */
		if (p->self == 0)
			finish(d, 1);
		break;
	case MSG_EVENT:
		if (m->event.seq <= p->conn_seq)
			p->disorder++;
		p->conn_seq = m->event.seq;
		if (m->event.seq > p->last_seq)
			p->last_seq = m->event.seq;
		break;
	case MSG_ACK:
		settle(p, m->ack.req, true, m->ack.seq, NULL);
		break;
	case MSG_ERROR:
		settle(p, m->error.req, false, (uint64_t)m->error.code,
		    m->error.text);
		break;
	case MSG_PING:
		send_msg(p, &pong);
		break;
	default:
		break;
	}
}

/* --- connection --------------------------------------------------------- */

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	struct part *p = h->data;

	if (p->in.cap - p->in.len < suggested) {
		p->in.cap = p->in.len + suggested;
		p->in.data = xrealloc(p->in.data, p->in.cap);
	}
	*buf = uv_buf_init((char *)p->in.data + p->in.len,
	    (unsigned)(p->in.cap - p->in.len));
}

static void
on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	struct part *p = s->data;
	size_t used = 0;
	uint32_t n;
	struct msg m;
	char err[120];

	(void)buf;
	if (nread < 0) {
		part_drop(p, NULL);
		return;
	}
	p->in.len += (size_t)nread;
	p->last_rx = uv_now(p->d->loop);
	while (!p->tcp_closing && p->in.len - used >= WIRE_HEADER_SIZE) {
		if (wire_frame_length(p->in.data + used,
		    WIRE_SERVER_FRAME_MAX, &n) != 0) {
			part_drop(p, "a frame too large");
			return;
		}
		if (p->in.len - used - WIRE_HEADER_SIZE < n)
			break;
		if (wire_decode(p->in.data + used + WIRE_HEADER_SIZE, n, &m,
		    err, sizeof err) != 0) {
			part_drop(p, err);
			return;
		}
		used += WIRE_HEADER_SIZE + n;
		on_message(p, &m);
		wire_msg_free(&m);
	}
	if (p->tcp_closing)
		return;
	memmove(p->in.data, p->in.data + used, p->in.len - used);
	p->in.len -= used;
}

static void	part_connect(struct part *);

static void
on_retry(uv_timer_t *t)
{
	struct part *p = t->data;

	part_connect(p);
	p->backoff = p->backoff * 2 > RETRY_MAX_MS ? RETRY_MAX_MS :
	    p->backoff * 2;
}

static void
on_tcp_closed(uv_handle_t *h)
{
	struct part *p = h->data;
	struct drive *d = p->d;

	p->tcp_open = p->tcp_closing = false;
	wire_buf_reset(&p->in);
	if (d->finished || p->state != P_IDLE)
		return;
	/* Spread out, so twenty reconnections do not land as one. */
	uv_timer_start(&p->retry, on_retry,
	    p->backoff + (uint64_t)(rand() % RETRY_MIN_MS), 0);
}

/* Closes the connection; a participant still in the game tries again. */
static void
part_drop(struct part *p, const char *why)
{
	if (why != NULL)
		fprintf(stderr, "driver: %s: dropping the connection: %s\n",
		    p->name, why);
	if (p->state == P_ROOM)
		p->drops++;
	if (p->state != P_FAILED && p->state != P_DONE)
		p->state = P_IDLE;
	if (p->tcp_open && !p->tcp_closing) {
		p->tcp_closing = true;
		uv_close((uv_handle_t *)&p->tcp, on_tcp_closed);
	}
}

static void
on_connect(uv_connect_t *req, int status)
{
	struct part *p = req->data;

	if (status < 0 || p->tcp_closing) {
		part_drop(p, NULL);
		return;
	}
	uv_tcp_nodelay(&p->tcp, 1);
	p->last_rx = uv_now(p->d->loop);
	p->conn_seq = 0;
	p->state = P_HELLO;
	if (uv_read_start((uv_stream_t *)&p->tcp, on_alloc, on_read) != 0) {
		part_drop(p, "cannot read");
		return;
	}
	send_hello(p);
}

static void
part_connect(struct part *p)
{
	struct drive *d = p->d;

	if (d->finished || p->tcp_open || p->state != P_IDLE)
		return;
	uv_tcp_init(d->loop, &p->tcp);
	p->tcp.data = p;
	p->tcp_open = true;
	p->state = P_CONNECTING;
	p->last_rx = uv_now(d->loop);
	p->connect.data = p;
	if (uv_tcp_connect(&p->connect, &p->tcp,
	    (const struct sockaddr *)&d->addr, on_connect) != 0)
		part_drop(p, NULL);
}

/* Every --interval ms: a new intent when the window allows; and a
 * connection that went silent is given up. */
static void
on_tick(uv_timer_t *t)
{
	struct part *p = t->data;
	struct drive *d = p->d;
	uint64_t now = uv_now(d->loop);

	if ((p->state == P_CONNECTING || p->state == P_HELLO ||
	    p->state == P_ROOM) && now - p->last_rx > NET_DEAD_MS) {
		part_drop(p, "the room stopped answering");
		return;
	}
	if (d->loading && p->state == P_ROOM && p->npend < d->window)
		submit(p);
}

static void
part_init(struct drive *d, struct part *p, const char *name,
    const char *group, bool cofac)
{
	memset(p, 0, sizeof *p);
	p->d = d;
	snprintf(p->name, sizeof p->name, "%s", name);
	p->group = group;
	p->cofac = cofac;
	p->state = P_IDLE;
	p->backoff = RETRY_MIN_MS;
	wire_buf_init(&p->in);
	uv_timer_init(d->loop, &p->retry);
	uv_timer_init(d->loop, &p->tick);
	p->retry.data = p->tick.data = p;
}

static void
part_close(struct part *p)
{
	part_drop(p, NULL);
	uv_close((uv_handle_t *)&p->retry, NULL);
	uv_close((uv_handle_t *)&p->tick, NULL);
}

static void
part_free(struct part *p)
{
	wire_buf_destroy(&p->in);
	free(p->token);
	free(p->pend);
}

/* --- the run ------------------------------------------------------------ */

static void
start_participants(struct drive *d)
{
	size_t i;

	if (d->started)
		return;
	d->started = true;
	d->loading = true;
	for (i = 0; i < d->nparts; i++) {
		struct part *p = &d->parts[i];
		char name[32];

		snprintf(name, sizeof name, "crash-p%02zu", i + 1);
		part_init(d, p, name, d->groups[i % d->ngroups], false);
		part_connect(p);
		/* Staggered ticks: a steady stream rather than bursts. */
		uv_timer_start(&p->tick, on_tick,
		    d->interval + i * d->interval / d->nparts, d->interval);
	}
}

static void
on_drain(uv_timer_t *t)
{
	struct drive *d = t->data;
	size_t i, waiting = 0;

	for (i = 0; i < d->nparts; i++) {
		const struct part *p = &d->parts[i];

		if (p->state != P_FAILED && (p->state != P_ROOM ||
		    p->npend > 0))
			waiting++;
	}
	if (waiting == 0) {
		finish(d, 0);
		return;
	}
	if (uv_now(d->loop) >= d->drain_until) {
		fprintf(stderr, "driver: after %u s, %zu participants still "
		    "wait for acks or a connection\n", d->drain_s, waiting);
		finish(d, 1);
	}
}

static void
on_stop(uv_signal_t *h, int signum)
{
	struct drive *d = h->data;

	(void)signum;
	if (d->draining || d->finished)
		return;
	if (!d->started) {
		fprintf(stderr, "driver: stopped before the load started\n");
		finish(d, 1);
		return;
	}
	d->loading = false;
	d->draining = true;
	d->drain_until = uv_now(d->loop) + (uint64_t)d->drain_s * 1000;
	uv_timer_start(&d->drain, on_drain, 0, 100);
}

static void
on_limit(uv_timer_t *t)
{
	struct drive *d = t->data;

	fprintf(stderr, "driver: not stopped after %u s; giving up\n",
	    d->limit_s);
	finish(d, 1);
}

static void
write_part(struct drive *d, const struct part *p)
{
	fprintf(d->acks, "part %u %s welcomes %u reconnections %u resumed %u "
	    "failed %u unacked %zu sent %u\n", p->self, p->name, p->welcomes,
	    p->reconnections, p->resumed, p->failed, p->npend, p->sent);
}

/* Writes the figures and closes every handle; the loop then ends. */
static void
finish(struct drive *d, int status)
{
	unsigned sent = 0, resent = 0, acked = 0, refused = 0, stray = 0;
	unsigned drops = 0, recon = 0, resumed = 0, failed = 0, disorder = 0;
	size_t i, unacked = 0;

	if (d->finished)
		return;
	d->finished = true;
	if (d->cofac.self != 0)
		write_part(d, &d->cofac);
	for (i = 0; d->started && i < d->nparts; i++) {
		const struct part *p = &d->parts[i];

		write_part(d, p);
		sent += p->sent;
		resent += p->resent;
		acked += p->acked;
		refused += p->refused;
		stray += p->stray;
		drops += p->drops;
		recon += p->reconnections;
		resumed += p->resumed;
		failed += p->failed;
		disorder += p->disorder;
		unacked += p->npend;
	}
	if (fflush(d->acks) != 0) {
		fprintf(stderr, "driver: cannot write the acks: %s\n",
		    strerror(errno));
		status = 1;
	}
	printf("driver: %zu participants: sent %u (re-sent %u), acknowledged "
	    "%u, refused %u, unacked at the end %zu, stray acks %u\n",
	    d->nparts, sent, resent, acked, refused, unacked, stray);
	printf("driver: connections lost %u, reconnections %u, resumed %u, "
	    "failed %u, events out of order %u\n", drops, recon, resumed,
	    failed, disorder);
	fflush(stdout);
	if (failed > 0 || unacked > 0 || disorder > 0)
		status = 1;
	d->status = status;

	part_close(&d->cofac);
	for (i = 0; d->started && i < d->nparts; i++)
		part_close(&d->parts[i]);
	uv_close((uv_handle_t *)&d->sigterm, NULL);
	uv_close((uv_handle_t *)&d->sigint, NULL);
	uv_close((uv_handle_t *)&d->limit, NULL);
	uv_close((uv_handle_t *)&d->drain, NULL);
}

static int
drive(struct drive *d, int port, const char *ackpath)
{
	uv_loop_t loop;
	size_t i;

	if ((d->acks = fopen(ackpath, "w")) == NULL) {
		fprintf(stderr, "crashdrive: %s: %s\n", ackpath,
		    strerror(errno));
		return 1;
	}
	uv_ip4_addr("127.0.0.1", port, &d->addr);
	uv_loop_init(&loop);
	d->loop = &loop;
	srand((unsigned)uv_hrtime());
	d->parts = xcalloc(d->nparts, sizeof *d->parts);

	uv_signal_init(&loop, &d->sigterm);
	uv_signal_init(&loop, &d->sigint);
	d->sigterm.data = d->sigint.data = d;
	uv_signal_start(&d->sigterm, on_stop, SIGTERM);
	uv_signal_start(&d->sigint, on_stop, SIGINT);
	uv_timer_init(&loop, &d->limit);
	uv_timer_init(&loop, &d->drain);
	d->limit.data = d->drain.data = d;
	uv_timer_start(&d->limit, on_limit, (uint64_t)d->limit_s * 1000, 0);
	signal(SIGPIPE, SIG_IGN);

	part_init(d, &d->cofac, "crash-cofac", NULL, true);
	if (d->fac_code != NULL)
		part_connect(&d->cofac);
	else {
		/* A room already in Expectations, with the default groups. */
		for (d->ngroups = 0; model_default_groups[d->ngroups] != NULL;
		    d->ngroups++)
			;
		d->groups = xcalloc(d->ngroups, sizeof *d->groups);
		for (i = 0; i < d->ngroups; i++)
			d->groups[i] = xstrdup(model_default_groups[i]);
		start_participants(d);
	}
	uv_run(&loop, UV_RUN_DEFAULT);

	part_free(&d->cofac);
	for (i = 0; d->started && i < d->nparts; i++)
		part_free(&d->parts[i]);
	free(d->parts);
	for (i = 0; i < d->ngroups; i++)
		free(d->groups[i]);
	free(d->groups);
	if (uv_loop_close(&loop) != 0)
		fprintf(stderr, "crashdrive: handles left open\n");
	if (fclose(d->acks) != 0)
		d->status = 1;
	return d->status;
}

/* --- the judge ---------------------------------------------------------- */

struct rec {
	uint32_t	 actor;
	uint32_t	 req;
	uint64_t	 seq;	/* the event; for an ack, the seq acked */
};

struct rec_list {
	struct rec	*v;
	size_t		 n, cap;
};

static void
rec_add(struct rec_list *l, uint32_t actor, uint32_t req, uint64_t seq)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 1024 : l->cap * 2;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = (struct rec){ actor, req, seq };
}

static int
by_pair(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	if (x->req != y->req)
		return x->req < y->req ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
by_seq(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* How many records hold (actor, req); sorted by pair. */
static size_t
count_pair(const struct rec_list *l, uint32_t actor, uint32_t req)
{
	struct rec key = { actor, req, 0 };
	size_t lo = 0, hi = l->n, n = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (by_pair(&l->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < l->n && l->v[lo].actor == actor && l->v[lo].req == req;
	    lo++)
		n++;
	return n;
}

static const struct rec *
find_seq(const struct rec_list *l, uint64_t seq)
{
	struct rec key = { 0, 0, seq };

	return bsearch(&key, l->v, l->n, sizeof *l->v, by_seq);
}

struct judge {
	struct workshop	*ws;
	struct rec_list	 recs;		/* events with a request id */
	uint64_t	 events, last_seq, gaps, joins;
	bool		 replay_failed;
	char		 replay_err[300];
};

static int
judge_record(void *ctx, const uint8_t *payload, size_t len, uint64_t off,
    char *err, size_t errlen)
{
	struct judge *j = ctx;
	struct event ev;
	char why[120];

	if (wire_decode_record(payload, len, &ev, why, sizeof why) != 0) {
		snprintf(err, errlen, "record at byte %llu cannot be read "
		    "(%s)", (unsigned long long)off, why);
		return -1;
	}
	j->events++;
	/* Each missing number counts; one going back counts once. */
	if (ev.seq > j->last_seq + 1)
		j->gaps += ev.seq - j->last_seq - 1;
	else if (ev.seq <= j->last_seq)
		j->gaps++;
	if (ev.seq > j->last_seq)
		j->last_seq = ev.seq;
	if (ev.req != 0)
		rec_add(&j->recs, ev.actor, ev.req, ev.seq);
	if (ev.type == EVENT_JOIN)
		j->joins++;
	/* The same replay as the server's start: it must load. */
	if (!j->replay_failed && journal_apply(j->ws, payload, len, off, why,
	    sizeof why) != 0) {
		j->replay_failed = true;
		snprintf(j->replay_err, sizeof j->replay_err, "event %llu "
		    "does not replay: %s", (unsigned long long)ev.seq, why);
	}
	wire_event_free(&ev);
	return 0;
}

struct ack_file {
	struct rec_list	 acks, refused;
	unsigned	 parts, welcomes, reconnections, resumed, failed;
	unsigned	 unacked;
	uint32_t	*actors;	/* the driver's participants */
	size_t		 nactors;
};

static int
read_acks(const char *path, struct ack_file *a)
{
	FILE *f = fopen(path, "r");
	char line[256], name[64];
	unsigned actor, req, w, rc, rs, fl, un, sent;
	unsigned long long v;
	int lineno = 0;

	if (f == NULL) {
		fprintf(stderr, "crashdrive: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (sscanf(line, "ack %u %u %llu", &actor, &req, &v) == 3)
			rec_add(&a->acks, actor, req, v);
		else if (sscanf(line, "refused %u %u %llu", &actor, &req,
		    &v) == 3)
			rec_add(&a->refused, actor, req, 0);
		else if (sscanf(line, "part %u %63s welcomes %u reconnections "
		    "%u resumed %u failed %u unacked %u sent %u", &actor, name,
		    &w, &rc, &rs, &fl, &un, &sent) == 8) {
			a->parts++;
			a->welcomes += w;
			a->reconnections += rc;
			a->resumed += rs;
			a->failed += fl;
			a->unacked += un;
			a->actors = xrealloc(a->actors, (a->nactors + 1) *
			    sizeof *a->actors);
			a->actors[a->nactors++] = actor;
		} else {
			fprintf(stderr, "crashdrive: %s:%d: not an ack, a "
			    "refusal or a participant\n", path, lineno);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	if (a->parts == 0) {
		fprintf(stderr, "crashdrive: %s: no participants (did the "
		    "driver finish?)\n", path);
		return -1;
	}
	return 0;
}

static bool
ours(const struct ack_file *a, uint32_t actor)
{
	size_t i;

	for (i = 0; i < a->nactors; i++)
		if (a->actors[i] == actor)
			return true;
	return false;
}

static int
verify(const char *state, const char *ackpath)
{
	struct judge j = { 0 };
	struct ack_file a = { 0 };
	struct rec_list byseq = { 0 };
	const struct rec *r;
	char warn[512], err[512];
	size_t i, n;
	uint64_t found = 0, lost = 0, dup = 0, mismatch = 0;
	uint64_t refused_in = 0, unacked_in = 0, again = 0;
	int status = 0;

	if (read_acks(ackpath, &a) != 0)
		return 1;
	j.ws = model_new();
	if (journal_read(state, judge_record, &j, warn, sizeof warn, err,
	    sizeof err) != 0) {
		fprintf(stderr, "crashdrive: %s: %s\n", state, err);
		status = 1;
		goto out;
	}
	if (warn[0] != '\0')
		printf("record: warning: %s\n", warn);

	/* The pairs in the record, sorted: duplicates sit side by side. */
	byseq.v = xmalloc((j.recs.n + 1) * sizeof *byseq.v);
	memcpy(byseq.v, j.recs.v, j.recs.n * sizeof *byseq.v);
	byseq.n = j.recs.n;
	qsort(byseq.v, byseq.n, sizeof *byseq.v, by_seq);
	qsort(j.recs.v, j.recs.n, sizeof *j.recs.v, by_pair);
	qsort(a.acks.v, a.acks.n, sizeof *a.acks.v, by_pair);
	for (i = 0; i < j.recs.n; i += n) {
		for (n = 1; i + n < j.recs.n &&
		    j.recs.v[i + n].actor == j.recs.v[i].actor &&
		    j.recs.v[i + n].req == j.recs.v[i].req; n++)
			;
		dup += n - 1;
		if (ours(&a, j.recs.v[i].actor) && count_pair(&a.acks,
		    j.recs.v[i].actor, j.recs.v[i].req) == 0)
			unacked_in++;
	}

	for (i = 0; i < a.acks.n; i++) {
		const struct rec *k = &a.acks.v[i];

		if (count_pair(&j.recs, k->actor, k->req) > 0)
			found++;
		else
			lost++;
		/* An ack with a seq names the event: it must be that one. */
		if (k->seq == 0)
			again++;
		else if ((r = find_seq(&byseq, k->seq)) == NULL ||
		    r->actor != k->actor || r->req != k->req)
			mismatch++;
	}
	for (i = 0; i < a.refused.n; i++)
		if (count_pair(&j.recs, a.refused.v[i].actor,
		    a.refused.v[i].req) > 0)
			refused_in++;

	printf("record: %llu events, sequence 1..%llu, %zu with a request "
	    "id, %llu joins\n", (unsigned long long)j.events,
	    (unsigned long long)j.last_seq, j.recs.n,
	    (unsigned long long)j.joins);
	printf("checks: acked on re-send (applied before) %llu, ack seq not "
	    "its event %llu, refused but recorded %llu, recorded never acked "
	    "%llu, unacked at the end %u, resume attempts %u, failed to "
	    "resume %u\n", (unsigned long long)again,
	    (unsigned long long)mismatch, (unsigned long long)refused_in,
	    (unsigned long long)unacked_in, a.unacked, a.reconnections,
	    a.failed);
	if (j.replay_failed)
		printf("replay: %s\n", j.replay_err);
	printf("acknowledged %zu  found %llu  lost %llu  duplicated %llu  "
	    "gaps %llu  resumed %u\n", a.acks.n, (unsigned long long)found,
	    (unsigned long long)lost, (unsigned long long)dup,
	    (unsigned long long)j.gaps, a.resumed);
	/* Everyone joined once: resuming never made a second join. */
	if (lost > 0 || dup > 0 || j.gaps > 0 || mismatch > 0 ||
	    refused_in > 0 || a.failed > 0 || a.unacked > 0 ||
	    j.replay_failed || j.joins != a.parts || a.acks.n == 0)
		status = 1;
out:
	model_free(j.ws);
	free(j.recs.v);
	free(byseq.v);
	free(a.acks.v);
	free(a.refused.v);
	free(a.actors);
	return status;
}

/* --- main --------------------------------------------------------------- */

static const char usage[] =
"usage: crashdrive --port P --code C [--fac-code F] [--participants N]\n"
"                  [--acks FILE] [--interval MS] [--window N] [--drain S]\n"
"                  [--limit S]\n"
"       crashdrive --verify STATE ACKFILE\n";

static int
number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "code", required_argument, NULL, 'c' },
		{ "fac-code", required_argument, NULL, 'f' },
		{ "participants", required_argument, NULL, 'n' },
		{ "acks", required_argument, NULL, 'a' },
		{ "interval", required_argument, NULL, 'i' },
		{ "window", required_argument, NULL, 'w' },
		{ "drain", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'l' },
		{ "verify", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct drive d = { 0 };
	const char *acks = "acks";
	long port = -1, v;
	bool check = false;
	int ch;

	d.nparts = 20;
	d.interval = 60;	/* 16 a second each: the server allows 20 */
	d.window = 8;
	d.drain_s = 30;
	d.limit_s = 900;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			if (number(optarg, 1, 65535, &port) != 0)
				goto bad;
			break;
		case 'c':
			d.code = optarg;
			break;
		case 'f':
			d.fac_code = optarg;
			break;
		case 'n':
			if (number(optarg, 1, 1000, &v) != 0)
				goto bad;
			d.nparts = (size_t)v;
			break;
		case 'a':
			acks = optarg;
			break;
		case 'i':
			if (number(optarg, 1, 60000, &v) != 0)
				goto bad;
			d.interval = (unsigned)v;
			break;
		case 'w':
			if (number(optarg, 1, 1000, &v) != 0)
				goto bad;
			d.window = (unsigned)v;
			break;
		case 'd':
			if (number(optarg, 1, 3600, &v) != 0)
				goto bad;
			d.drain_s = (unsigned)v;
			break;
		case 'l':
			if (number(optarg, 1, 86400, &v) != 0)
				goto bad;
			d.limit_s = (unsigned)v;
			break;
		case 'V':
			check = true;
			break;
		default:
			goto bad;
		}
	}
	if (check) {
		if (argc - optind != 2)
			goto bad;
		return verify(argv[optind], argv[optind + 1]);
	}
	if (optind != argc || port < 0 || d.code == NULL)
		goto bad;
	return drive(&d, (int)port, acks);
bad:
	fputs(usage, stderr);
	return 2;
}
