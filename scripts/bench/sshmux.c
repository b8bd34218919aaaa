/*
 * sshmux.c - the load generator's SSH connections, relayed by one thread.
 *
 * `roundtable join` relays its one SSH connection on a thread of its own
 * (src/net/sshclient.c).  A generator of a thousand clients doing the same
 * ran a thousand threads, each woken by every delivery: on loopback the
 * kernel charges the waking of the receiver to the sender, so the room's
 * side paid for the generator's threads, which no room with participants
 * on their own machines pays.  Here each connection is set up as
 * `roundtable join` sets it up (connect, any authentication, the
 * subsystem), on a short-lived thread, and then one relay thread carries
 * all channels to their socketpairs with epoll, as the plain clients are
 * read by one loop.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include <libssh/libssh.h>

#include "roundtable/net.h"
#include "../../src/net/net-internal.h"	/* tunnel_authenticate */
#include "sshmux.h"

#define MUX_CHUNK	(64 * 1024)

struct mux_conn {
	ssh_session	 s;
	ssh_channel	 ch;
	int		 sock;		/* the SSH connection */
	int		 fd;		/* our end of the socketpair */
	/* the loop's side */
	uv_loop_t	*loop;
	char		*host;
	int		 port;
	int		 loop_fd;
	char		 why[200];
	void		(*done)(int, const char *, void *);
	void		*ctx;
	bool		 dead;		/* dropped in this batch */
	struct mux_conn	*next;		/* in a queue */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct mux_conn *to_relay, *to_tell;
static int epfd = -1, wake = -1;
static uv_async_t told;
static pid_t started;		/* the process whose relay thread runs */

static void
die(const char *what)
{
	fprintf(stderr, "sshmux: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;		/* the generator closed it */
		p += w;
		n -= (size_t)w;
	}
}

static struct mux_conn *graveyard;

/* Out of the set now; freed after the batch, which may name it again. */
static void
drop(struct mux_conn *c)
{
	if (c->dead)
		return;
	c->dead = true;
	epoll_ctl(epfd, EPOLL_CTL_DEL, c->sock, NULL);
	epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	c->next = graveyard;
	graveyard = c;
}

static void
bury(void)
{
	struct mux_conn *c;

	while ((c = graveyard) != NULL) {
		graveyard = c->next;
		ssh_channel_free(c->ch);
		ssh_disconnect(c->s);
		ssh_free(c->s);
		free(c->host);
		free(c);
	}
}

/* Everything libssh has for the channel, to the socketpair. */
static bool
from_ssh(struct mux_conn *c, char *buf)
{
	int n;

	for (;;) {
		n = ssh_channel_read_nonblocking(c->ch, buf, MUX_CHUNK, 0);
		if (n < 0 || (n == 0 && (ssh_channel_is_eof(c->ch) ||
		    !ssh_is_connected(c->s))))
			return false;
		if (n == 0)
			return true;
		write_all(c->fd, buf, (size_t)n);
	}
}

static bool
to_ssh(struct mux_conn *c, char *buf)
{
	ssize_t n = read(c->fd, buf, MUX_CHUNK);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return true;
	if (n <= 0)
		return false;
	return ssh_channel_write(c->ch, buf, (uint32_t)n) == n;
}

static void *
relay_main(void *arg)
{
	static char buf[MUX_CHUNK];
	struct epoll_event ev[256];
	struct mux_conn *c, *fresh;
	uint64_t v;
	int i, n;

	(void)arg;
	for (;;) {
		n = epoll_wait(epfd, ev, 256, -1);
		for (i = 0; i < n; i++) {
			if (ev[i].data.ptr == NULL) {
				if (read(wake, &v, sizeof v) < 0)
					continue;
				pthread_mutex_lock(&mu);
				fresh = to_relay;
				to_relay = NULL;
				pthread_mutex_unlock(&mu);
				while ((c = fresh) != NULL) {
					struct epoll_event e = {
						.events = EPOLLIN,
						.data.ptr = c };

					fresh = c->next;
					epoll_ctl(epfd, EPOLL_CTL_ADD, c->sock,
					    &e);
					/* The fd's events: the pointer's low
					 * bit set. */
					e.data.ptr = (char *)c + 1;
					epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd,
					    &e);
					/* What came with the subsystem's
					 * answer. */
					if (!from_ssh(c, buf))
						drop(c);
				}
				continue;
			}
			if ((uintptr_t)ev[i].data.ptr & 1) {
				c = (struct mux_conn *)((char *)ev[i].data.ptr -
				    1);
				if (!c->dead && (!to_ssh(c, buf) ||
				    !from_ssh(c, buf)))
					drop(c);
			} else {
				c = ev[i].data.ptr;
				if (!c->dead && !from_ssh(c, buf))
					drop(c);
			}
		}
		bury();
	}
	return NULL;
}

static void
tell(struct mux_conn *c)
{
	pthread_mutex_lock(&mu);
	c->next = to_tell;
	to_tell = c;
	pthread_mutex_unlock(&mu);
	uv_async_send(&told);
}

static void *
open_main(void *arg)
{
	struct mux_conn *c = arg;
	unsigned port = (unsigned)c->port;
	long timeout = 30;
	int no = 0, yes = 1, pair[2];
	uint64_t one = 1;

	c->loop_fd = -1;
	c->s = ssh_new();
	ssh_options_set(c->s, SSH_OPTIONS_HOST, c->host);
	ssh_options_set(c->s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(c->s, SSH_OPTIONS_USER, "bench");
	ssh_options_set(c->s, SSH_OPTIONS_TIMEOUT, &timeout);
	ssh_options_set(c->s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(c->s, SSH_OPTIONS_NODELAY, &yes);
	if (ssh_connect(c->s) != SSH_OK || tunnel_authenticate(c->s) != 0 ||
	    (c->ch = ssh_channel_new(c->s)) == NULL ||
	    ssh_channel_open_session(c->ch) != SSH_OK ||
	    ssh_channel_request_subsystem(c->ch, NET_SSH_SUBSYSTEM) != SSH_OK ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
		snprintf(c->why, sizeof c->why, "SSH: %s", ssh_get_error(c->s));
		if (c->ch != NULL)
			ssh_channel_free(c->ch);
		ssh_disconnect(c->s);
		ssh_free(c->s);
		tell(c);
		return NULL;
	}
	c->sock = ssh_get_fd(c->s);
	c->fd = pair[0];
	c->loop_fd = pair[1];
	/* Written in full by the relay thread: the generator's loop takes
	 * everything it is sent. */
	setsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &(int){ 1 << 20 },
	    sizeof(int));
	pthread_mutex_lock(&mu);
	c->next = to_relay;
	to_relay = c;
	pthread_mutex_unlock(&mu);
	if (write(wake, &one, sizeof one) < 0)
		die("eventfd");
	/* The loop hears of it through a copy: c belongs to the relay. */
	{
		struct mux_conn *t = calloc(1, sizeof *t);

		if (t == NULL)
			die("calloc");
		t->loop_fd = c->loop_fd;
		t->done = c->done;
		t->ctx = c->ctx;
		tell(t);
	}
	return NULL;
}

static void
on_told(uv_async_t *h)
{
	struct mux_conn *c, *next;

	(void)h;
	pthread_mutex_lock(&mu);
	c = to_tell;
	to_tell = NULL;
	pthread_mutex_unlock(&mu);
	for (; c != NULL; c = next) {
		next = c->next;
		c->done(c->loop_fd, c->loop_fd < 0 ? c->why : NULL, c->ctx);
		free(c->host);
		free(c);
	}
}

int
sshmux_open(uv_loop_t *loop, const char *host, int port,
    void (*done)(int, const char *, void *), void *ctx)
{
	struct epoll_event e = { .events = EPOLLIN, .data.ptr = NULL };
	struct mux_conn *c;
	pthread_attr_t attr;
	pthread_t th;

	/* A child of the generator (--procs) starts its own. */
	if (started != getpid()) {
		started = getpid();
		to_relay = to_tell = NULL;
		if ((epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
		    (wake = eventfd(0, EFD_CLOEXEC)) < 0 ||
		    epoll_ctl(epfd, EPOLL_CTL_ADD, wake, &e) != 0)
			die("epoll");
		uv_async_init(loop, &told, on_told);
		uv_unref((uv_handle_t *)&told);
		if (pthread_create(&th, NULL, relay_main, NULL) != 0)
			die("pthread_create");
		pthread_detach(th);
	}
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return -1;
	c->loop = loop;
	c->host = strdup(host);
	c->port = port;
	c->done = done;
	c->ctx = ctx;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &attr, open_main, c) != 0) {
		pthread_attr_destroy(&attr);
		free(c->host);
		free(c);
		return -1;
	}
	pthread_attr_destroy(&attr);
	return 0;
}
