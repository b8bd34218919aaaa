/*
 * sshdoor.c - the room's SSH front door, on the room's loop.
 *
 * It only accepts: for each connection it makes a socketpair, starts the
 * session command (sshsession.c, in a process of its own) with the
 * connection as descriptor 3 and one end of the pair as descriptor 4, and
 * gives the other end to the server as a connection from the
 * participant's address.  So every SSH participant is one more client of
 * the same protocol and the same server code: what they may see is decided
 * where it is for everyone, and a fault in one session ends one process.
 *
 * Bounded: at most NET_SSH_SESSIONS_MAX session processes; the server's
 * limit on connections that have not joined yet, per address, covers
 * those still in their handshake and those the room has already closed
 * whose process still runs (saying goodbye to a client that reads
 * nothing: may_start), and each session ends itself if the handshake is
 * not done in NET_SSH_AUTH_SECONDS.  A connection from an address that has
 * as many on their way in as the room allows waits, accepted but without
 * a process (a descriptor each, at most DOOR_QUEUE_MAX in all and
 * DOOR_QUEUE_PER_PEER from one address), until one of them is in or
 * DOOR_QUEUE_WAIT_MS have passed: a crowd behind one address is slowed
 * down (past its 32 waiting places, turned away), and the others do not
 * wait behind it.
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

struct queued {
	int		 sock;
	char		 peer[64];
	uint64_t	 since;
};

struct session_proc {
	uv_process_t		 proc;
	struct door		*door;
	char			 peer[64];
	struct session_proc	*prev, *next;
};

struct door {
	uv_loop_t		*loop;
	struct server		*srv;
	char			**argv;		/* the session command, owned */
	int			 fd;		/* listening socket, or -1 */
	uv_poll_t		 poll;
	bool			 polling;
	uv_timer_t		 rest;		/* after running out of fds */
	uv_timer_t		 requeue;	/* while connections wait */
	struct queued		 queue[DOOR_QUEUE_MAX];
	size_t			 nqueue;
	int			 port;
	struct session_proc	*procs;
	size_t			 nprocs;
	int			 open_handles;
	bool			 closing;
};

static void
on_proc_closed(uv_handle_t *h)
{
	struct session_proc *p = h->data;

	p->door->open_handles--;
	free(p);
}

static void
forget(struct session_proc *p)
{
	struct door *d = p->door;

	if (p->prev != NULL)
		p->prev->next = p->next;
	else
		d->procs = p->next;
	if (p->next != NULL)
		p->next->prev = p->prev;
	d->nprocs--;
	uv_close((uv_handle_t *)&p->proc, on_proc_closed);
}

static void
on_session_exit(uv_process_t *proc, int64_t status, int signo)
{
	(void)status;
	(void)signo;
	forget(proc->data);
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
	uv_process_options_t opt = { 0 };
	uv_stdio_container_t io[5];
	struct session_proc *p;
	int pair[2], i, r;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
		close(sock);
		return;
	}
	for (i = 0; i < 3; i++)
		io[i].flags = UV_IGNORE;
	io[3].flags = UV_INHERIT_FD;
	io[3].data.fd = sock;
	io[4].flags = UV_INHERIT_FD;
	io[4].data.fd = pair[1];
	p = xcalloc(1, sizeof *p);
	p->door = d;
	p->proc.data = p;
	snprintf(p->peer, sizeof p->peer, "%s", peer);
	opt.file = d->argv[0];
	opt.args = d->argv;
	opt.exit_cb = on_session_exit;
	opt.stdio = io;
	opt.stdio_count = 5;
	/* A session of its own (setsid): the facilitator's terminal going
	 * away (its hangup reaches the whole foreground group) is not the
	 * participant's; the room's end is, and each session watches it. */
	opt.flags = UV_PROCESS_DETACHED;
	r = uv_spawn(d->loop, &p->proc, &opt);
	close(sock);
	close(pair[1]);
	if (r != 0) {
		/* libuv wants the handle closed even when the spawn failed. */
		d->open_handles++;
		uv_close((uv_handle_t *)&p->proc, on_proc_closed);
		close(pair[0]);
		return;
	}
	d->open_handles++;
	p->next = d->procs;
	if (d->procs != NULL)
		d->procs->prev = p;
	d->procs = p;
	d->nprocs++;
	/* Refused (too many waiting): the session sees its room end close
	 * and ends. */
	server_adopt(d->srv, pair[0], peer);
}

static void	on_listen(uv_poll_t *, int, int);

/* May one more session start for peer now? */
static bool
may_start(const struct door *d, const char *peer)
{
	const struct session_proc *p;
	size_t live = 0;

	if (d->nprocs >= NET_SSH_SESSIONS_MAX)
		return false;
	for (p = d->procs; p != NULL; p = p->next)
		if (strcmp(p->peer, peer) == 0)
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
		if (d->nprocs >= NET_SSH_SESSIONS_MAX || d->closing) {
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
	return d;
}

int
door_listen(struct door *d, const char *addr, int port, char *err,
    size_t errlen)
{
	struct sockaddr_storage sa;
	socklen_t salen;
	int one = 1, r;

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
	uv_poll_start(&d->poll, UV_READABLE, on_listen);
	return 0;
}

int
door_port(const struct door *d)
{
	return d->port;
}

static void
on_rest_closed(uv_handle_t *h)
{
	struct door *d = h->data;

	d->open_handles--;
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
	d->closing = true;
	if (d->polling) {
		d->polling = false;
		uv_close((uv_handle_t *)&d->poll, on_poll_closed);
		uv_close((uv_handle_t *)&d->rest, on_rest_closed);
		uv_close((uv_handle_t *)&d->requeue, on_rest_closed);
	}
	while (d->nqueue > 0)
		close(d->queue[--d->nqueue].sock);
	/* Sessions in their handshake would wait for their alarm. */
	while (d->procs != NULL) {
		uv_process_kill(&d->procs->proc, SIGTERM);
		forget(d->procs);
	}
}

size_t
door_sessions(const struct door *d)
{
	return d->nprocs;
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
