/*
 * sshasker.c - an SSH client that asks and never listens, for
 * tests/e2e/ssh-abuse.sh.
 *
 * usage: sshasker PORT SECONDS [FROM]
 *
 * Connects to 127.0.0.1:PORT (from the address FROM, 127.0.0.1 by
 * default) with libssh as anyone, through a relay of its own: libssh
 * talks to one end of a socket pair and a thread carries the bytes to
 * and from the room.  Once logged in it stops taking anything the room
 * sends (the relay reads no more from the room, on a socket that holds
 * little), and for SECONDS asks for channel after channel: each is a
 * request libssh on the room's side answers by itself (a refusal), so a
 * room that went on reading such a client would keep every answer it
 * cannot send.  Each request waits until libssh has given the one before
 * to the relay, so what this client holds stays small.  Prints "asked N
 * times, M bytes taken by the room after it stopped listening" and exits
 * 0; 2 if it could not start.  Loopback only.
 */
#define _DEFAULT_SOURCE		/* usleep */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <libssh/libssh.h>

#include "toolssh.h"

static atomic_int	deaf;		/* the relay reads no more from the room */
static atomic_int	done;
static atomic_llong	taken;		/* bytes to the room since deaf */

struct relay {
	int	 inner;		/* libssh's other end */
	int	 room;
};

/* A connection to 127.0.0.1:port, from the address from (or NULL), that
 * holds as little of what comes as the kernel allows. */
static int
connect_room(unsigned port, const char *from)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0), small = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
	if (from != NULL) {
		sa.sin_port = 0;
		if (inet_pton(AF_INET, from, &sa.sin_addr) != 1 ||
		    bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
			close(fd);
			return -1;
		}
	}
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* One way of the relay: what it holds, and how much of it went on. */
struct way {
	char	 buf[65536];
	size_t	 n, off;
};

/* Reads into w from `from` when it is empty and `from` is ready; writes
 * what it holds to `to` when `to` is ready.  -1 when either end is done;
 * else the bytes written. */
static ssize_t
carry(struct way *w, int from, short from_ready, int to, short to_ready)
{
	ssize_t n = 0;

	if (w->n == 0 && (from_ready & (POLLIN | POLLHUP))) {
		if ((n = read(from, w->buf, sizeof w->buf)) <= 0)
			return -1;
		w->n = (size_t)n;
		w->off = 0;
		n = 0;
	}
	if (w->n > 0 && (to_ready & POLLOUT)) {
		if ((n = write(to, w->buf + w->off, w->n - w->off)) <= 0)
			return -1;
		w->off += (size_t)n;
		if (w->off == w->n)
			w->n = 0;
	}
	return n;
}

/* Carries one buffer each way; once deaf, reads nothing from the room. */
static void *
relay(void *arg)
{
	struct relay *r = arg;
	static struct way up, down;
	struct pollfd p[2];
	ssize_t n;

	while (!atomic_load(&done)) {
		p[0].fd = r->inner;
		p[0].events = (up.n == 0 ? POLLIN : 0) |
		    (down.n > 0 ? POLLOUT : 0);
		p[1].fd = r->room;
		p[1].events = (up.n > 0 ? POLLOUT : 0) |
		    (down.n == 0 && !atomic_load(&deaf) ? POLLIN : 0);
		if (poll(p, 2, 100) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if ((n = carry(&up, r->inner, p[0].revents, r->room,
		    p[1].revents)) < 0)
			break;
		if (atomic_load(&deaf))
			atomic_fetch_add(&taken, n);
		if (carry(&down, r->room, p[1].revents, r->inner,
		    p[0].revents) < 0 ||
		    p[0].revents & (POLLERR | POLLNVAL) ||
		    p[1].revents & (POLLERR | POLLNVAL))
			break;
	}
	shutdown(r->inner, SHUT_RDWR);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct relay r;
	pthread_t th;
	ssh_session s;
	ssh_channel ch;
	unsigned port;
	double seconds, t0;
	long long asked = 0;
	int pair[2];

	if ((argc != 3 && argc != 4) || (port = (unsigned)atoi(argv[1])) ==
	    0 || (seconds = atof(argv[2])) <= 0) {
		fprintf(stderr, "usage: sshasker PORT SECONDS [FROM]\n");
		return 2;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0 ||
	    (r.room = connect_room(port, argc == 4 ? argv[3] : NULL)) < 0) {
		perror("sshasker: connect");
		return 2;
	}
	r.inner = pair[1];
	if (pthread_create(&th, NULL, relay, &r) != 0)
		return 2;
	if ((s = ssh_new()) == NULL)
		return 2;
	ssh_options_set(s, SSH_OPTIONS_FD, &pair[0]);
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_USER, "asker");
	ssh_options_set(s, SSH_OPTIONS_STRICTHOSTKEYCHECK, &(int){ 0 });
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &(int){ 0 });
	if (ssh_connect(s) != SSH_OK ||
	    ssh_userauth_password(s, NULL, "x") != SSH_AUTH_SUCCESS) {
		fprintf(stderr, "sshasker: %s\n", ssh_get_error(s));
		return 2;
	}
	atomic_store(&deaf, 1);
	ssh_set_blocking(s, 0);
	t0 = tool_now();
	while (tool_now() - t0 < seconds) {
		/* What went before is with the relay (or stuck behind it). */
		if (ssh_get_status(s) & SSH_WRITE_PENDING) {
			ssh_blocking_flush(s, 0);
			usleep(1000);
			continue;
		}
		if ((ch = ssh_channel_new(s)) == NULL)
			break;
		if (ssh_channel_open_session(ch) == SSH_ERROR) {
			ssh_channel_free(ch);
			break;
		}
		ssh_channel_free(ch);	/* still opening: freed, unanswered */
		asked++;
	}
	printf("asked %lld times, %lld bytes taken by the room after it "
	    "stopped listening\n", asked, atomic_load(&taken));
	fflush(stdout);
	atomic_store(&done, 1);
	pthread_join(th, NULL);
	/* The room's answers are never read: no goodbye either. */
	close(r.room);
	return 0;
}
