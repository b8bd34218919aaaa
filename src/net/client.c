/*
 * client.c - a participant's connection to the room.
 *
 * Holds the replica of the workshop, fed by the server's events through
 * the same model_commit() the server uses.  Whatever happens to the
 * network, the client keeps trying: it resolves, connects, says hello
 * (with its resume token once it has one), and re-sends every intent the
 * server has not acknowledged, in order, with its original request id, so
 * the server can apply it once.  A server that goes quiet for
 * NET_DEAD_MS is treated as gone.  Only a room that says it has closed
 * (REFUSE_CLOSED), or refuses for good, stops the client: a connection
 * that merely drops (a server killed, the Wi-Fi gone) is tried again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"
#include "roundtable/wire.h"
#include "net-internal.h"

enum client_state {
	CL_IDLE,		/* waiting to retry */
	CL_CONNECTING,
	CL_HELLO,		/* connected, not yet welcomed */
	CL_ROOM,
	CL_STOPPED,		/* refused for good, or closing */
};

struct pending {
	struct intent	 in;		/* deep copy */
};

struct client {
	uv_loop_t		*loop;
	char			*host;
	int			 port;
	char			*code, *name, *group, *token, *fac_code;
	bool			 observer;
	bool			 claim;		/* token is a name's, kept by
						 * the SSH door */
	struct client_hooks	 hooks;
	void			*ctx;

	int			 state;
	bool			 tcp_open;
	bool			 closing;
	bool			 ever_joined;
	bool			 need_snapshot;	/* a resume did not fit */
	int			 transport;	/* enum client_transport */
	int			 fd;		/* CLIENT_FD's, until opened */
	char			*pinned;	/* the room's key, once known */
	char			*busy;		/* why the room hangs up on us
						 * for now (REFUSE_BUSY), in
						 * our language */
	struct tunnel		*tunnel;	/* CLIENT_SSH, while connecting */
	union {
		uv_tcp_t	 tcp;
		uv_pipe_t	 pipe;		/* a tunnel's end, or fd */
	};
	uv_connect_t		 connect;
	uv_getaddrinfo_t	 resolve;
	uv_timer_t		 timer;		/* retry, then watchdog */
	uint64_t		 last_rx;

	struct workshop		*ws;
	uint32_t		 self;
	struct wire_buf		 in;
	struct pending		*pend;
	size_t			 npend, pendcap;
	uint32_t		 next_req;
	char			 status[640];
	int			 open_handles;
};

static void	start(struct client *);
static void	drop(struct client *, const char *status);

static void
set_status(struct client *cl, const char *s)
{
	if (s == NULL)
		cl->status[0] = '\0';
	else
		snprintf(cl->status, sizeof cl->status, "%s", s);
	if (cl->hooks.status != NULL)
		cl->hooks.status(cl->ctx, s == NULL ? NULL : cl->status);
}

static void
replace(char **dst, const char *src)
{
	if (src == NULL)
		return;
	free(*dst);
	*dst = xstrdup(src);
}

/* --- writing ------------------------------------------------------------ */

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
send_msg(struct client *cl, const struct msg *m)
{
	struct wire_buf b;
	struct send_req *r;
	uv_buf_t ub;

	if (!cl->tcp_open || (cl->state != CL_HELLO && cl->state != CL_ROOM))
		return;
	wire_buf_init(&b);
	if (wire_encode(m, &b) != 0)
		abort();
	r = xmalloc(sizeof *r + b.len);
	memcpy(r->data, b.data, b.len);
	ub = uv_buf_init((char *)r->data, (unsigned)b.len);
	wire_buf_destroy(&b);
	if (uv_write(&r->req, (uv_stream_t *)&cl->tcp, &ub, 1, on_sent) != 0)
		free(r);
}

static void
send_hello(struct client *cl)
{
	struct msg m = { .type = MSG_HELLO };

	m.hello.version = WIRE_PROTOCOL_VERSION;
	m.hello.code = cl->code;
	m.hello.name = cl->name;
	m.hello.group = cl->group;
	m.hello.token = cl->token;
	m.hello.fac_code = cl->fac_code;
	/* Our replica's place: the room sends only what we missed. */
	m.hello.last_seq = cl->ws != NULL && !cl->need_snapshot ?
	    cl->ws->seq : 0;
	m.hello.observer = cl->observer;
	m.hello.claim = cl->claim && cl->token != NULL;
	send_msg(cl, &m);
}

static void
send_intent(struct client *cl, const struct intent *in)
{
	struct msg m = { .type = MSG_INTENT };

	m.intent = *in;
	send_msg(cl, &m);
}

static void
intent_free(struct intent *in)
{
	free(in->text);
	free(in->text2);
	free(in->secret);
	free(in->lang);
}

void
client_send(struct client *cl, const struct intent *in)
{
	struct intent *copy;

	if (cl->npend == cl->pendcap) {
		cl->pendcap = cl->pendcap == 0 ? 8 : cl->pendcap * 2;
		cl->pend = xrealloc(cl->pend, cl->pendcap * sizeof *cl->pend);
	}
	copy = &cl->pend[cl->npend++].in;
	*copy = *in;
	copy->req = ++cl->next_req;
	copy->text = in->text != NULL ? xstrdup(in->text) : NULL;
	copy->text2 = in->text2 != NULL ? xstrdup(in->text2) : NULL;
	copy->secret = in->secret != NULL ? xstrdup(in->secret) : NULL;
	copy->lang = in->lang != NULL ? xstrdup(in->lang) : NULL;
	if (cl->state == CL_ROOM)
		send_intent(cl, copy);
}

static void
settle(struct client *cl, uint32_t req)
{
	size_t i;

	for (i = 0; i < cl->npend; i++) {
		if (cl->pend[i].in.req != req)
			continue;
		intent_free(&cl->pend[i].in);
		memmove(&cl->pend[i], &cl->pend[i + 1],
		    (cl->npend - i - 1) * sizeof *cl->pend);
		cl->npend--;
		return;
	}
}

/* --- messages ----------------------------------------------------------- */

static void
on_welcome(struct client *cl, struct msg *m)
{
	const struct participant *me;
	size_t i;

	if (m->welcome.room == NULL) {
		/* A resume: our replica stands; the events we missed and
		 * who is present follow. */
		for (i = 0; i < cl->ws->npeople; i++)
			cl->ws->people[i].present = false;
	} else {
		model_free(cl->ws);
		cl->ws = m->welcome.room;
		m->welcome.room = NULL;		/* ours now */
	}
	cl->need_snapshot = false;
	cl->self = m->welcome.self;
	/* Coming back from another process (a token kept on disk), our
	 * request ids must go on above what the room has applied, or the
	 * room would take new requests for re-sent ones. */
	me = model_person(cl->ws, cl->self);
	if (me != NULL && me->last_req >= cl->next_req && cl->npend == 0)
		cl->next_req = me->last_req;
	replace(&cl->token, m->welcome.token);
	cl->state = CL_ROOM;
	cl->ever_joined = true;
	set_status(cl, NULL);
	if (cl->hooks.welcome != NULL)
		cl->hooks.welcome(cl->ctx, cl->ws, cl->self);
	for (i = 0; i < cl->npend; i++)
		send_intent(cl, &cl->pend[i].in);
}

static void
on_message(struct client *cl, struct msg *m)
{
	struct model_error err;
	struct msg pong = { .type = MSG_PONG };
	const char **groups;

	/* The room's clock, for its timebox: the latency of a LAN is well
	 * under the second a screen shows. */
	if ((m->type == MSG_WELCOME || m->type == MSG_PING) && m->now > 0 &&
	    cl->hooks.clock != NULL)
		cl->hooks.clock(cl->ctx, m->now - net_now_ms());
	if (m->type == MSG_LOBBY || m->type == MSG_WELCOME) {
		/* Let in: whatever kept us out before is over. */
		free(cl->busy);
		cl->busy = NULL;
	}
	switch (m->type) {
	case MSG_LOBBY:
		/* The room asks for a name or a group: the person answers,
		 * no longer "joining…" (client_retry says it again). */
		set_status(cl, NULL);
		groups = xcalloc(m->lobby.ngroups + 1, sizeof *groups);
		memcpy(groups, m->lobby.groups,
		    m->lobby.ngroups * sizeof *groups);
		if (cl->hooks.lobby != NULL)
			cl->hooks.lobby(cl->ctx, m->lobby.title,
			    (const char *const *)groups);
		free(groups);
		break;
	case MSG_WELCOME:
		/* A resume must fit the replica we have (the same person, at
		 * the same place); else ask for the whole room. */
		if (m->welcome.room == NULL && (cl->ws == NULL ||
		    cl->ws->seq != m->welcome.resume_from ||
		    (cl->self != 0 && cl->self != m->welcome.self))) {
			cl->need_snapshot = true;
			drop(cl, _("the room sent a bad welcome — "
			    "reconnecting…"));
		} else
			on_welcome(cl, m);
		break;
	case MSG_REFUSE:
		if (m->refuse.code == REFUSE_TOKEN) {
			/* The room was restored from before we joined. */
			free(cl->token);
			cl->token = NULL;
			cl->claim = false;
			send_hello(cl);
			break;
		}
		/* Nothing to retry: another version, removed, or the room
		 * has closed (a later room is another meeting: joining it
		 * is the person's choice, not ours). */
		if (m->refuse.code == REFUSE_VERSION ||
		    m->refuse.code == REFUSE_REMOVED ||
		    m->refuse.code == REFUSE_CLOSED ||
		    m->refuse.code == REFUSE_REPLACED)
			cl->state = CL_STOPPED;
		if (m->refuse.code == REFUSE_CLOSED && cl->ws != NULL) {
			size_t i;

			/* Nobody is in a closed room. */
			for (i = 0; i < cl->ws->npeople; i++)
				cl->ws->people[i].present = false;
			if (cl->hooks.changed != NULL)
				cl->hooks.changed(cl->ctx);
		}
		/* What was refused is not said again; the person is asked,
		 * and is no longer "joining…" while they answer. */
		if (m->refuse.code == REFUSE_CODE ||
		    m->refuse.code == REFUSE_NAME ||
		    m->refuse.code == REFUSE_GROUP)
			set_status(cl, NULL);
		if (m->refuse.code == REFUSE_CODE) {
			free(cl->code);
			cl->code = NULL;
		} else if (m->refuse.code == REFUSE_NAME) {
			free(cl->name);
			cl->name = NULL;
			if (cl->claim) {
				/* That person is here: not theirs to take. */
				free(cl->token);
				cl->token = NULL;
				cl->claim = false;
			}
		} else if (m->refuse.code == REFUSE_GROUP) {
			free(cl->group);
			cl->group = NULL;
		}
		{
			/* The room says it in English; we, in ours. */
			char *why = m->refuse.text != NULL ?
			    i18n_from_wire(m->refuse.text, net_words) :
			    xstrdup(_("refused"));

			if (m->refuse.code == REFUSE_BUSY)
				/* It hangs up next: the reason, not the
				 * hang-up, is what the person should read. */
				replace(&cl->busy, why);
			if (cl->hooks.refused != NULL)
				cl->hooks.refused(cl->ctx, m->refuse.code,
				    why);
			free(why);
		}
		break;
	case MSG_EVENT:
		if (cl->ws == NULL || m->event.seq <= cl->ws->seq)
			break;
		if (model_commit(cl->ws, &m->event, true, &err) != 0) {
			/* Our replica and the room disagree: start afresh. */
			drop(cl, _("out of step with the room — "
			    "reconnecting…"));
			break;
		}
		if (cl->hooks.changed != NULL)
			cl->hooks.changed(cl->ctx);
		break;
	case MSG_PRESENCE:
		if (cl->ws != NULL) {
			model_set_present(cl->ws, m->presence.who,
			    m->presence.present);
			if (cl->hooks.changed != NULL)
				cl->hooks.changed(cl->ctx);
		}
		break;
	case MSG_ACK:
		settle(cl, m->ack.req);
		break;
	case MSG_ERROR:
		settle(cl, m->error.req);
		if (cl->hooks.error != NULL) {
			char *why = m->error.text != NULL ?
			    i18n_from_wire(m->error.text, net_words) :
			    xstrdup(_("refused"));

			cl->hooks.error(cl->ctx, why);
			free(why);
		}
		break;
	case MSG_PING:
		send_msg(cl, &pong);
		break;
	default:
		break;
	}
}

/* --- connection --------------------------------------------------------- */

static void
on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	struct client *cl = h->data;

	if (cl->in.cap - cl->in.len < suggested) {
		cl->in.cap = cl->in.len + suggested;
		cl->in.data = xrealloc(cl->in.data, cl->in.cap);
	}
	*buf = uv_buf_init((char *)cl->in.data + cl->in.len,
	    (unsigned)(cl->in.cap - cl->in.len));
}

static void
on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
	struct client *cl = s->data;
	size_t used = 0;
	uint32_t n;
	struct msg m;
	char err[120], why[200];

	(void)buf;
	if (nread < 0) {
		drop(cl, cl->ever_joined ? _("connection lost — "
		    "reconnecting…") : NULL);
		return;
	}
	cl->in.len += (size_t)nread;
	cl->last_rx = uv_now(cl->loop);
	while (cl->tcp_open && cl->in.len - used >= WIRE_HEADER_SIZE) {
		if (wire_frame_length(cl->in.data + used,
		    WIRE_SERVER_FRAME_MAX, &n) != 0) {
			drop(cl, _("the room sent a frame too large — "
			    "reconnecting…"));
			return;
		}
		if (cl->in.len - used - WIRE_HEADER_SIZE < n)
			break;
		if (wire_decode(cl->in.data + used + WIRE_HEADER_SIZE, n, &m,
		    err, sizeof err) != 0) {
			/* TRANSLATORS: %s is the codec's reason, a technical
			 * detail left in English. */
			snprintf(why, sizeof why, _("the room sent a bad "
			    "message (%s) — reconnecting…"), err);
			drop(cl, why);
			return;
		}
		used += WIRE_HEADER_SIZE + n;
		on_message(cl, &m);
		wire_msg_free(&m);
	}
	if (!cl->tcp_open)
		return;
	memmove(cl->in.data, cl->in.data + used, cl->in.len - used);
	cl->in.len -= used;
}

static void
on_watchdog(uv_timer_t *t)
{
	struct client *cl = t->data;

	if (uv_now(cl->loop) - cl->last_rx > NET_DEAD_MS)
		drop(cl, _("the room stopped answering — reconnecting…"));
}

static void
on_retry(uv_timer_t *t)
{
	start(t->data);
}

static void
on_tcp_closed(uv_handle_t *h)
{
	struct client *cl = h->data;

	cl->open_handles--;
	if (cl->closing || cl->state == CL_STOPPED)
		return;
	cl->state = CL_IDLE;
	uv_timer_start(&cl->timer, on_retry, NET_RETRY_MS, 0);
}

/* Closes the connection; unless stopped, tries again after a pause. */
static void
drop(struct client *cl, const char *status)
{
	char line[300];

	if (cl->state == CL_STOPPED || cl->closing)
		;	/* refused for good: the refusal said why */
	else if (status != NULL)
		set_status(cl, status);
	else if (cl->busy != NULL && cl->transport != CLIENT_FD) {
		/* TRANSLATORS: %s is the room's reason, such as too many
		 * wrong join codes. */
		snprintf(line, sizeof line, _("%s — retrying…"), cl->busy);
		set_status(cl, line);
		free(cl->busy);
		cl->busy = NULL;	/* the next try has its own answer */
	} else if (cl->transport == CLIENT_FD)
		;	/* nothing to retry: start() says the room ended */
	else {
		snprintf(line, sizeof line, _("the room at %s:%d closed the "
		    "connection — retrying…"), cl->host, cl->port);
		set_status(cl, line);
	}
	uv_timer_stop(&cl->timer);
	wire_buf_reset(&cl->in);
	if (cl->state == CL_ROOM && cl->ws != NULL) {
		/* Cut off, we no longer know who is there. */
		size_t i;

		for (i = 0; i < cl->ws->npeople; i++)
			cl->ws->people[i].present = false;
		if (cl->hooks.changed != NULL)
			cl->hooks.changed(cl->ctx);
	}
	if (cl->state != CL_STOPPED)
		cl->state = CL_IDLE;
	if (cl->tcp_open) {
		cl->tcp_open = false;
		uv_read_stop((uv_stream_t *)&cl->tcp);
		uv_close((uv_handle_t *)&cl->tcp, on_tcp_closed);
	} else if (!cl->closing && cl->state != CL_STOPPED)
		uv_timer_start(&cl->timer, on_retry, NET_RETRY_MS, 0);
}

/* The transport is up: say hello. */
static void
connected(struct client *cl)
{
	char *token;
	bool claim = false;

	/* The loop may have been busy (a long paste) since its clock was
	 * last read: the watchdog counts from now. */
	uv_update_time(cl->loop);
	cl->last_rx = uv_now(cl->loop);
	if (cl->hooks.connected != NULL && (token = cl->hooks.connected(
	    cl->ctx, cl->transport == CLIENT_SSH ? cl->pinned : NULL,
	    &claim)) != NULL) {
		free(cl->token);
		cl->token = token;
		cl->claim = claim;
	}
	cl->state = CL_HELLO;
	uv_read_start((uv_stream_t *)&cl->tcp, on_alloc, on_read);
	uv_timer_start(&cl->timer, on_watchdog, NET_HEARTBEAT_MS,
	    NET_HEARTBEAT_MS);
	set_status(cl, cl->ever_joined ? _("rejoining…") : _("joining…"));
	send_hello(cl);
}

static void
on_connected(uv_connect_t *req, int status)
{
	struct client *cl = req->data;
	char line[300];

	if (cl->closing)
		return;
	if (status < 0) {
		snprintf(line, sizeof line, cl->ever_joined ?
		    _("cannot reach %s:%d (%s) — reconnecting…") :
		    _("cannot reach %s:%d (%s) — retrying…"), cl->host,
		    cl->port, uv_strerror(status));
		drop(cl, line);
		return;
	}
	uv_tcp_nodelay(&cl->tcp, 1);
	connected(cl);
}

/* A stream socket that is already connected (a tunnel's end, or a
 * descriptor given) becomes the connection. */
static void
open_fd(struct client *cl, int fd)
{
	uv_pipe_init(cl->loop, &cl->pipe, 0);
	cl->pipe.data = cl;
	cl->tcp_open = true;
	cl->open_handles++;
	if (uv_pipe_open(&cl->pipe, fd) != 0) {
		close(fd);
		drop(cl, _("cannot use the connection to the room"));
		return;
	}
	connected(cl);
}

static void
on_tunnel(struct tunnel *t, void *ctx)
{
	struct client *cl = ctx;
	char line[600];

	cl->tunnel = NULL;
	switch (tunnel_status(t)) {
	case TUNNEL_UP:
		if (cl->pinned == NULL && tunnel_fingerprint(t) != NULL) {
			/* Trust on first use: from now on only this key. */
			cl->pinned = xstrdup(tunnel_fingerprint(t));
			if (cl->hooks.pinned != NULL)
				cl->hooks.pinned(cl->ctx, cl->pinned);
		}
		open_fd(cl, tunnel_take_fd(t));
		break;
	case TUNNEL_KEY_CHANGED:
		snprintf(line, sizeof line, _("the room at %s:%d shows the key "
		    "%s, not %s as when you joined before: it may not be your "
		    "room.  Ask the facilitator which key their screen shows"),
		    cl->host, cl->port, tunnel_fingerprint(t), cl->pinned);
		cl->state = CL_STOPPED;
		set_status(cl, _("not joined: the room's key changed"));
		if (cl->hooks.refused != NULL)
			cl->hooks.refused(cl->ctx, CLIENT_KEY_CHANGED, line);
		break;
	default:
		/* TRANSLATORS: %s is why the room cannot be reached. */
		snprintf(line, sizeof line, cl->ever_joined ?
		    _("%s — reconnecting…") : _("%s — retrying…"),
		    tunnel_error(t));
		cl->state = CL_IDLE;
		set_status(cl, line);
		if (!cl->closing)
			uv_timer_start(&cl->timer, on_retry, NET_RETRY_MS, 0);
		break;
	}
	tunnel_release(t);
}

static void
on_resolved(uv_getaddrinfo_t *req, int status, struct addrinfo *ai)
{
	struct client *cl = req->data;
	char line[300];
	int r;

	cl->open_handles--;
	if (cl->closing) {
		uv_freeaddrinfo(ai);
		return;
	}
	if (status < 0 || ai == NULL) {
		snprintf(line, sizeof line, _("cannot find %s (%s) — "
		    "retrying…"), cl->host, uv_strerror(status));
		uv_freeaddrinfo(ai);
		drop(cl, line);
		return;
	}
	uv_tcp_init(cl->loop, &cl->tcp);
	cl->tcp.data = cl;
	cl->tcp_open = true;
	cl->open_handles++;
	cl->connect.data = cl;
	r = uv_tcp_connect(&cl->connect, &cl->tcp, ai->ai_addr, on_connected);
	uv_freeaddrinfo(ai);
	if (r != 0)
		on_connected(&cl->connect, r);
}

static void
start(struct client *cl)
{
	struct addrinfo hints = { 0 };
	char port[16];

	if (cl->closing || cl->state == CL_STOPPED)
		return;
	cl->state = CL_CONNECTING;
	if (cl->transport == CLIENT_SSH) {
		cl->tunnel = tunnel_start(cl->loop, cl->host, cl->port,
		    cl->pinned, on_tunnel, cl);
		return;
	}
	if (cl->transport == CLIENT_FD) {
		int fd = cl->fd;

		cl->fd = -1;
		if (fd < 0) {
			/* Given once: nothing to come back through. */
			cl->state = CL_STOPPED;
			if (cl->hooks.refused != NULL)
				cl->hooks.refused(cl->ctx, CLIENT_ENDED,
				    cl->busy != NULL ? cl->busy :
				    _(NET_LOST));
			return;
		}
		open_fd(cl, fd);
		return;
	}
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof port, "%d", cl->port);
	cl->resolve.data = cl;
	cl->open_handles++;
	if (uv_getaddrinfo(cl->loop, &cl->resolve, on_resolved, cl->host,
	    port, &hints) != 0) {
		cl->open_handles--;
		drop(cl, _("cannot look up the room's address — "
		    "retrying…"));
	}
}

/* --- life --------------------------------------------------------------- */

struct client *
client_new(uv_loop_t *loop, const char *host, int port,
    const struct client_identity *id, const struct client_hooks *hooks,
    void *ctx)
{
	struct client *cl = xcalloc(1, sizeof *cl);
	char line[300];

	cl->loop = loop;
	cl->host = xstrdup(host);
	cl->port = port;
	replace(&cl->code, id->code);
	replace(&cl->name, id->name);
	replace(&cl->group, id->group);
	replace(&cl->token, id->token);
	replace(&cl->fac_code, id->fac_code);
	cl->observer = id->observer;
	cl->transport = id->transport;
	cl->claim = id->claim;
	cl->fd = id->fd;
	replace(&cl->pinned, id->pinned);
	if (hooks != NULL)
		cl->hooks = *hooks;
	cl->ctx = ctx;
	wire_buf_init(&cl->in);
	uv_timer_init(loop, &cl->timer);
	cl->timer.data = cl;
	cl->open_handles = 1;
	snprintf(line, sizeof line, _("connecting to %s:%d…"), host, port);
	set_status(cl, line);
	start(cl);
	return cl;
}

void
client_retry(struct client *cl, const char *code, const char *name,
    const char *group)
{
	replace(&cl->code, code);
	replace(&cl->name, name);
	replace(&cl->group, group);
	if (cl->state == CL_HELLO) {
		set_status(cl, cl->ever_joined ? _("rejoining…") :
		    _("joining…"));
		send_hello(cl);
	}
}

void
client_resume(struct client *cl, const char *token, bool claim)
{
	replace(&cl->token, token);
	cl->claim = claim;
	if (cl->state == CL_HELLO)
		send_hello(cl);
}

const struct workshop *
client_room(const struct client *cl)
{
	return cl->ws;
}

uint32_t
client_self(const struct client *cl)
{
	return cl->self;
}

const char *
client_token(const struct client *cl)
{
	return cl->token;
}

static void
on_timer_closed(uv_handle_t *h)
{
	struct client *cl = h->data;

	cl->open_handles--;
}

void
client_close(struct client *cl)
{
	cl->closing = true;
	cl->state = CL_STOPPED;
	if (cl->tunnel != NULL) {
		tunnel_release(cl->tunnel);
		cl->tunnel = NULL;
	}
	uv_timer_stop(&cl->timer);
	uv_close((uv_handle_t *)&cl->timer, on_timer_closed);
	if (cl->tcp_open) {
		cl->tcp_open = false;
		uv_close((uv_handle_t *)&cl->tcp, on_tcp_closed);
	}
	/* A lookup under way finishes on its own and sees closing. */
}

void
client_free(struct client *cl)
{
	size_t i;

	if (cl == NULL)
		return;
	for (i = 0; i < cl->npend; i++)
		intent_free(&cl->pend[i].in);
	free(cl->pend);
	model_free(cl->ws);
	wire_buf_destroy(&cl->in);
	free(cl->host);
	free(cl->code);
	free(cl->name);
	free(cl->group);
	free(cl->token);
	free(cl->fac_code);
	free(cl->busy);
	free(cl->pinned);
	if (cl->fd >= 0 && cl->transport == CLIENT_FD)
		close(cl->fd);
	free(cl);
	tunnel_join_all();
}
