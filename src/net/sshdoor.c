/*
 * sshdoor.c - the room's SSH front door, on the room's loop.
 *
 * It only accepts: for each connection it makes a socketpair and hands the
 * connection and one end of the pair to a hub (sshhub.c, a process that
 * does the SSH of many connections), and gives the other end to the
 * server as a connection from the participant's address.  So every SSH
 * participant is one more client of the same protocol and the same server
 * code: what they may see is decided where it is for everyone.  There are
 * NET_SSH_HUBS hubs, each new connection going to the one with the
 * fewest: a fault in a hub drops its share of the SSH connections, not
 * all of them.  They are started with the door, and each again if it ends
 * while the room is open (after HUB_RESTART_MS: its participants connect
 * again).
 *
 * Bounded: at most NET_SSH_SESSIONS_MAX sessions in the hubs; the server's
 * limit on connections that have not joined yet, per address, covers
 * those still in their handshake and those the room has already closed
 * that a hub is still saying goodbye to (a client that reads nothing:
 * may_start), and a hub ends a handshake not done in
 * NET_SSH_AUTH_SECONDS.  A connection from an address that has as many on
 * their way in as the room allows waits, accepted but not handed on (a
 * descriptor each, at most DOOR_QUEUE_MAX in all and DOOR_QUEUE_PER_PEER
 * from one address), until one of them is in or DOOR_QUEUE_WAIT_MS have
 * passed: a crowd behind one address is slowed down (past its 32 waiting
 * places, turned away), and the others do not wait behind it.
 */
#define _GNU_SOURCE	/* accept4 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"

#define DOOR_QUEUE_MAX		256
#define DOOR_QUEUE_PER_PEER	32	/* so one address cannot fill it */
#define DOOR_QUEUE_CHECK_MS	200
#define DOOR_QUEUE_WAIT_MS	20000	/* less than a handshake's time, so
					 * what a silent session held is not
					 * passed on to one that waited as
					 * long */
#define HUB_RESTART_MS		500
#define HUB_BACKOFF_MS		5000	/* after a hub that ended at once */

struct queued {
	int		 sock;
	char		 peer[64];
	uint64_t	 since;
};

struct door;

/* One of the hubs. */
struct hub_proc {
	struct door		*door;
	uv_process_t		 proc;
	bool			 running;	/* its handle is open */
	int			 ctl;		/* our end of its socket, or -1 */
	uv_poll_t		 ctlw;
	bool			 ctlw_open;
	uv_timer_t		 restart;
	uint64_t		 since;		/* when it was started */
	size_t			 n;		/* sessions in it */
};

/* A session in a hub. */
struct handed {
	uint32_t	 id;
	char		 peer[64];
	struct hub_proc	*hub;
	struct handed	*prev, *next;
};

struct door {
	uv_loop_t		*loop;
	struct server		*srv;
	char			**argv;		/* the hub's command, owned */
	int			 fd;		/* listening socket, or -1 */
	uv_poll_t		 poll;
	bool			 polling;
	uv_timer_t		 rest;		/* after running out of fds */
	uv_timer_t		 requeue;	/* while connections wait */
	struct queued		 queue[DOOR_QUEUE_MAX];
	size_t			 nqueue;
	int			 port;
	struct hub_proc		 hubs[NET_SSH_HUBS];
	uint32_t		 next_id;
	struct handed		*handed;
	size_t			 nhanded;
	int			 open_handles;
	bool			 closing;
};

static void
forget(struct door *d, struct handed *h)
{
	if (h->prev != NULL)
		h->prev->next = h->next;
	else
		d->handed = h->next;
	if (h->next != NULL)
		h->next->prev = h->prev;
	d->nhanded--;
	h->hub->n--;
	free(h);
}

static void
on_handle_closed(uv_handle_t *h)
{
	struct door *d = h->data;

	d->open_handles--;
}

static void	on_ctl(uv_poll_t *, int, int);
static void	start_hub(struct hub_proc *);

/* A hub's handles have the hub as their data. */
static void
on_hub_handle_closed(uv_handle_t *h)
{
	struct hub_proc *hub = h->data;

	hub->door->open_handles--;
}

/* A hub's socket is closed: the hub ends once its last session has;
 * what it held is no longer ours to count. */
static void
close_ctl(struct hub_proc *hub)
{
	struct door *d = hub->door;
	struct handed *h, *next;

	if (hub->ctl < 0)
		return;
	if (hub->ctlw_open) {
		hub->ctlw_open = false;
		uv_close((uv_handle_t *)&hub->ctlw, on_hub_handle_closed);
	}
	close(hub->ctl);
	hub->ctl = -1;
	for (h = d->handed; h != NULL; h = next) {
		next = h->next;
		if (h->hub == hub)
			forget(d, h);
	}
}

static void
on_restart(uv_timer_t *t)
{
	struct hub_proc *hub = t->data;

	if (!hub->door->closing)
		start_hub(hub);
}

static void
on_hub_exit(uv_process_t *proc, int64_t status, int signo)
{
	struct hub_proc *hub = proc->data;
	struct door *d = hub->door;

	(void)status;
	(void)signo;
	close_ctl(hub);
	hub->running = false;
	uv_close((uv_handle_t *)&hub->proc, on_hub_handle_closed);
	/* Again at once, unless it could not even start: then not in a
	 * loop. */
	if (!d->closing)
		uv_timer_start(&hub->restart, on_restart, uv_now(d->loop) -
		    hub->since < 2000 ? HUB_BACKOFF_MS : HUB_RESTART_MS, 0);
}

/* A hub's word that a session is over. */
static void
on_ctl(uv_poll_t *p, int status, int events)
{
	struct hub_proc *hub = p->data;
	struct door *d = hub->door;
	struct net_ssh_handoff m;
	struct handed *h;
	ssize_t r;

	(void)events;
	if (status < 0) {
		close_ctl(hub);
		return;
	}
	for (;;) {
		r = recv(hub->ctl, &m, sizeof m, MSG_DONTWAIT);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0) {
			close_ctl(hub);	/* the hub is ending */
			return;
		}
		if (r != sizeof m)
			continue;
		for (h = d->handed; h != NULL; h = h->next)
			if (h->id == m.id && h->hub == hub) {
				forget(d, h);
				break;
			}
	}
}

static void
start_hub(struct hub_proc *hub)
{
	struct door *d = hub->door;
	uv_process_options_t opt = { 0 };
	uv_stdio_container_t io[4];
	int pair[2], i, r;

	if (hub->running || d->closing)
		return;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
		uv_timer_start(&hub->restart, on_restart, HUB_RESTART_MS, 0);
		return;
	}
	for (i = 0; i < 3; i++)
		io[i].flags = UV_IGNORE;
	io[3].flags = UV_INHERIT_FD;
	io[3].data.fd = pair[1];
	hub->proc.data = hub;
	opt.file = d->argv[0];
	opt.args = d->argv;
	opt.exit_cb = on_hub_exit;
	opt.stdio = io;
	opt.stdio_count = 4;
	/* A session of its own (setsid): the facilitator's terminal going
	 * away (its hangup reaches the whole foreground group) is not the
	 * participants'; the room's end is, and the hub sees it. */
	opt.flags = UV_PROCESS_DETACHED;
	r = uv_spawn(d->loop, &hub->proc, &opt);
	close(pair[1]);
	d->open_handles++;
	if (r != 0) {
		/* libuv wants the handle closed even when the spawn failed. */
		uv_close((uv_handle_t *)&hub->proc, on_hub_handle_closed);
		close(pair[0]);
		uv_timer_start(&hub->restart, on_restart, HUB_BACKOFF_MS, 0);
		return;
	}
	hub->running = true;
	hub->since = uv_now(d->loop);
	hub->ctl = pair[0];
	uv_poll_init(d->loop, &hub->ctlw, hub->ctl);
	hub->ctlw.data = hub;
	hub->ctlw_open = true;
	d->open_handles++;
	uv_poll_start(&hub->ctlw, UV_READABLE, on_ctl);
}

/* The hub a new session goes to: of those running, the one with the
 * fewest; NULL if none is. */
static struct hub_proc *
pick_hub(const struct door *d)
{
	const struct hub_proc *best = NULL;
	size_t i;

	for (i = 0; i < NET_SSH_HUBS; i++)
		if (d->hubs[i].ctl >= 0 && (best == NULL ||
		    d->hubs[i].n < best->n))
			best = &d->hubs[i];
	return (struct hub_proc *)best;
}

static void
peer_name(const struct sockaddr_storage *sa, char *out, size_t len)
{
	out[0] = '\0';
	if (sa->ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
		    out, (socklen_t)len);
	else if (sa->ss_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		    out, (socklen_t)len);
}

static void
start_session(struct door *d, int sock, const char *peer)
{
	struct net_ssh_handoff m = { .id = ++d->next_id };
	char cbuf[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = { &m, sizeof m };
	struct msghdr msg = { 0 };
	struct cmsghdr *c;
	struct hub_proc *hub = pick_hub(d);
	struct handed *h;
	int pair[2], fds[2];
	ssize_t r;

	if (hub == NULL || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
	    pair) != 0) {
		close(sock);
		return;
	}
	fds[0] = sock;
	fds[1] = pair[1];
	memset(cbuf, 0, sizeof cbuf);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof cbuf;
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof fds);
	memcpy(CMSG_DATA(c), fds, sizeof fds);
	do
		r = sendmsg(hub->ctl, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	close(sock);
	close(pair[1]);
	if (r != (ssize_t)sizeof m) {
		/* The hub is not taking any (it ended, or is far behind):
		 * this one is turned away. */
		close(pair[0]);
		return;
	}
	h = xcalloc(1, sizeof *h);
	h->id = m.id;
	snprintf(h->peer, sizeof h->peer, "%s", peer);
	h->hub = hub;
	hub->n++;
	h->next = d->handed;
	if (d->handed != NULL)
		d->handed->prev = h;
	d->handed = h;
	d->nhanded++;
	/* Refused (too many waiting): the hub sees its room end close
	 * and says goodbye. */
	server_adopt(d->srv, pair[0], peer);
}

static void	on_listen(uv_poll_t *, int, int);

/* May one more session start for peer now? */
static bool
may_start(const struct door *d, const char *peer)
{
	const struct handed *h;
	size_t live = 0;

	if (pick_hub(d) == NULL || d->nhanded >= NET_SSH_SESSIONS_MAX)
		return false;
	for (h = d->handed; h != NULL; h = h->next)
		if (strcmp(h->peer, peer) == 0)
			live++;
	return server_may_adopt(d->srv, peer, live);
}

/* The waiting, oldest first: in when their address has room, gone when
 * their time is up. */
static void
on_requeue(uv_timer_t *h)
{
	struct door *d = h->data;
	uint64_t now = uv_now(d->loop);
	size_t i, n = 0;

	for (i = 0; i < d->nqueue; i++) {
		struct queued *q = &d->queue[i];

		if (now - q->since > DOOR_QUEUE_WAIT_MS)
			close(q->sock);
		else if (may_start(d, q->peer))
			start_session(d, q->sock, q->peer);
		else
			d->queue[n++] = *q;
	}
	d->nqueue = n;
	if (n == 0)
		uv_timer_stop(&d->requeue);
}

/* How many from peer are waiting. */
static size_t
queued_from(const struct door *d, const char *peer)
{
	size_t i, n = 0;

	for (i = 0; i < d->nqueue; i++)
		if (strcmp(d->queue[i].peer, peer) == 0)
			n++;
	return n;
}

static void
enqueue(struct door *d, int sock, const char *peer)
{
	struct queued *q;

	if (d->nqueue == DOOR_QUEUE_MAX ||
	    queued_from(d, peer) >= DOOR_QUEUE_PER_PEER) {
		close(sock);
		return;
	}
	q = &d->queue[d->nqueue++];
	q->sock = sock;
	snprintf(q->peer, sizeof q->peer, "%s", peer);
	q->since = uv_now(d->loop);
	if (!uv_is_active((uv_handle_t *)&d->requeue))
		uv_timer_start(&d->requeue, on_requeue, DOOR_QUEUE_CHECK_MS,
		    DOOR_QUEUE_CHECK_MS);
}

static void
on_rested(uv_timer_t *h)
{
	struct door *d = h->data;

	if (d->polling)
		uv_poll_start(&d->poll, UV_READABLE, on_listen);
}

static void
on_listen(uv_poll_t *h, int status, int events)
{
	struct door *d = h->data;
	struct sockaddr_storage sa;
	socklen_t salen;
	char peer[64];
	int sock, n;

	(void)events;
	if (status < 0)
		return;
	/* A few at a time, so the loop stays fair to the room. */
	for (n = 0; n < 16; n++) {
		salen = sizeof sa;
		sock = accept4(d->fd, (struct sockaddr *)&sa, &salen,
		    SOCK_CLOEXEC);
		if (sock < 0 && (errno == EMFILE || errno == ENFILE ||
		    errno == ENOBUFS || errno == ENOMEM)) {
			/* Out of descriptors: the connection stays in the
			 * backlog and the socket stays readable; rest a
			 * second rather than spin. */
			uv_poll_stop(&d->poll);
			uv_timer_start(&d->rest, on_rested, 1000, 0);
			return;
		}
		if (sock < 0)
			return;
		if (d->nhanded >= NET_SSH_SESSIONS_MAX || d->closing) {
			close(sock);
			continue;
		}
		peer_name(&sa, peer, sizeof peer);
		/* Past the room's limit for this address, no process is
		 * started yet; nor while others from it wait (in turn). */
		if (!may_start(d, peer) || queued_from(d, peer) > 0)
			enqueue(d, sock, peer);
		else
			start_session(d, sock, peer);
	}
}

struct door *
door_new(uv_loop_t *loop, struct server *srv, const char *const *argv)
{
	struct door *d = xcalloc(1, sizeof *d);
	size_t i, n;

	for (n = 0; argv[n] != NULL; n++)
		;
	d->argv = xcalloc(n + 1, sizeof *d->argv);
	for (i = 0; i < n; i++)
		d->argv[i] = xstrdup(argv[i]);
	d->loop = loop;
	d->srv = srv;
	d->fd = -1;
	for (i = 0; i < NET_SSH_HUBS; i++) {
		d->hubs[i].door = d;
		d->hubs[i].ctl = -1;
	}
	return d;
}

int
door_listen(struct door *d, const char *addr, int port, char *err,
    size_t errlen)
{
	struct sockaddr_storage sa;
	socklen_t salen;
	int one = 1, r;
	size_t i;

	memset(&sa, 0, sizeof sa);
	if (strchr(addr, ':') != NULL) {
		r = uv_ip6_addr(addr, port, (struct sockaddr_in6 *)&sa);
		salen = sizeof(struct sockaddr_in6);
	} else {
		r = uv_ip4_addr(addr, port, (struct sockaddr_in *)&sa);
		salen = sizeof(struct sockaddr_in);
	}
	if (r != 0) {
		snprintf(err, errlen, _("%s is not an IP address"), addr);
		return -1;
	}
	d->fd = socket(sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (d->fd < 0 ||
	    setsockopt(d->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(d->fd, (struct sockaddr *)&sa, salen) != 0 ||
	    listen(d->fd, 511) != 0) {
		snprintf(err, errlen, _("cannot listen for SSH on %s port %d: "
		    "%s"), addr, port, strerror(errno));
		if (d->fd >= 0)
			close(d->fd);
		d->fd = -1;
		return -1;
	}
	salen = sizeof sa;
	if (getsockname(d->fd, (struct sockaddr *)&sa, &salen) == 0)
		d->port = ntohs(sa.ss_family == AF_INET6 ?
		    ((struct sockaddr_in6 *)&sa)->sin6_port :
		    ((struct sockaddr_in *)&sa)->sin_port);
	uv_poll_init(d->loop, &d->poll, d->fd);
	d->poll.data = d;
	uv_timer_init(d->loop, &d->rest);
	d->rest.data = d;
	uv_timer_init(d->loop, &d->requeue);
	d->requeue.data = d;
	d->polling = true;
	d->open_handles += 3;
	for (i = 0; i < NET_SSH_HUBS; i++) {
		uv_timer_init(d->loop, &d->hubs[i].restart);
		d->hubs[i].restart.data = &d->hubs[i];
		d->open_handles++;
	}
	uv_poll_start(&d->poll, UV_READABLE, on_listen);
	for (i = 0; i < NET_SSH_HUBS; i++)
		start_hub(&d->hubs[i]);
	return 0;
}

int
door_port(const struct door *d)
{
	return d->port;
}

static void
on_poll_closed(uv_handle_t *h)
{
	struct door *d = h->data;

	d->open_handles--;
	close(d->fd);
	d->fd = -1;
}

void
door_close(struct door *d)
{
	size_t i;
	bool was_listening = d->polling;

	d->closing = true;
	if (d->polling) {
		d->polling = false;
		uv_close((uv_handle_t *)&d->poll, on_poll_closed);
		uv_close((uv_handle_t *)&d->rest, on_handle_closed);
		uv_close((uv_handle_t *)&d->requeue, on_handle_closed);
	}
	while (d->nqueue > 0)
		close(d->queue[--d->nqueue].sock);
	/* Each hub sees its socket close: it ends the handshakes and says
	 * goodbye to the others as the room closes their way in, then
	 * ends; it is not ours to wait for. */
	for (i = 0; i < NET_SSH_HUBS; i++) {
		struct hub_proc *hub = &d->hubs[i];

		if (was_listening)
			uv_close((uv_handle_t *)&hub->restart,
			    on_hub_handle_closed);
		close_ctl(hub);
		if (hub->running) {
			hub->running = false;
			uv_close((uv_handle_t *)&hub->proc, on_hub_handle_closed);
		}
	}
}

size_t
door_sessions(const struct door *d)
{
	return d->nhanded;
}

bool
door_closed(const struct door *d)
{
	return d->open_handles == 0;
}

void
door_free(struct door *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; d->argv[i] != NULL; i++)
		free(d->argv[i]);
	free(d->argv);
	free(d);
}
