/*
 * sshrelay.c - moves bytes both ways between an SSH channel and a file
 * descriptor until either side ends: the native client's tunnel, on a
 * thread of its own with libssh's event loop, never on the client's loop;
 * and the hold that the relay, the room's hubs (sshhub.c) and an SSH
 * screen's terminal (sshtty.c) keep what a channel brings in until their
 * descriptor takes it.
 *
 * Bounded: what the channel brings and the descriptor has not taken yet is
 * held up to RELAY_HOLD_MAX; past that the channel's data waits in libssh,
 * whose window stops the peer.  The descriptor is non-blocking, so a full
 * descriptor never stops the loop from reading the other way.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include "roundtable/net.h"
#include "roundtable/text.h"
#include "net-internal.h"

#define RELAY_HOLD_MAX	(256u * 1024)
#define RELAY_CHUNK	(32u * 1024)

struct relay {
	ssh_session	 s;
	ssh_channel	 ch;
	ssh_event	 ev;		/* the session alone: its packets */
	int		 fd;
	struct chan_hold hold;		/* channel bytes the fd has not taken;
					 * hold.fd_done: the fd ended or
					 * failed */
	bool		 ch_done;	/* the channel ended */
};

void
chan_hold_init(struct chan_hold *h, int fd, size_t cap)
{
	h->fd = fd;
	h->buf = xmalloc(cap);
	h->n = 0;
	h->cap = cap;
	h->fd_done = false;
	/* What came before the callback that feeds the hold was set. */
	h->kept = true;
}

void
chan_hold_free(struct chan_hold *h)
{
	free(h->buf);
	h->buf = NULL;
	h->n = 0;
}

void
chan_hold_put(struct chan_hold *h)
{
	ssize_t n;

	while (h->n > 0) {
		n = write(h->fd, h->buf, h->n);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			h->fd_done = true;
			h->n = 0;
			break;
		}
		memmove(h->buf, h->buf + n, h->n - (size_t)n);
		h->n -= (size_t)n;
	}
}

void
chan_hold_pull(struct chan_hold *h, ssh_channel ch)
{
	int n;

	/* Only when libssh kept something: asking it costs a poll(2) of
	 * the socket, once per delivery otherwise. */
	while (h->kept && !h->fd_done && h->n < h->cap) {
		n = ssh_channel_poll(ch, 0);
		if (n == 0)
			h->kept = false;
		if (n <= 0)
			break;
		n = ssh_channel_read_nonblocking(ch, h->buf + h->n,
		    (uint32_t)(h->cap - h->n), 0);
		if (n <= 0)
			break;
		h->n += (size_t)n;
		chan_hold_put(h);
	}
}

uint32_t
chan_hold_take(struct chan_hold *h, const void *data, uint32_t len)
{
	size_t take = h->cap - h->n;

	if (h->fd_done)
		return len;	/* nobody to give it to */
	if (take > len)
		take = len;
	if (take < len)
		h->kept = true;
	memcpy(h->buf + h->n, data, take);
	h->n += take;
	chan_hold_put(h);
	return (uint32_t)take;
}

static int
on_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *userdata)
{
	struct relay *r = userdata;

	(void)s;
	(void)ch;
	(void)is_stderr;
	return (int)chan_hold_take(&r->hold, data, len);
}

static void
on_eof(ssh_session s, ssh_channel ch, void *userdata)
{
	struct relay *r = userdata;

	(void)s;
	(void)ch;
	r->ch_done = true;
}

static void
read_fd(struct relay *r)
{
	uint8_t buf[RELAY_CHUNK];
	ssize_t n;

	n = read(r->fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		/* EOF, or EIO from a pseudo-terminal whose program ended. */
		r->hold.fd_done = true;
		return;
	}
	if (ssh_channel_write(r->ch, buf, (uint32_t)n) != n)
		r->ch_done = true;
}

int
net_relay(ssh_session s, ssh_channel ch, int fd)
{
	struct ssh_channel_callbacks_struct cb = { 0 };
	struct relay r = { 0 };

	r.s = s;
	r.ch = ch;
	r.fd = fd;
	chan_hold_init(&r.hold, fd, RELAY_HOLD_MAX);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	cb.userdata = &r;
	cb.channel_data_function = on_data;
	cb.channel_eof_function = on_eof;
	cb.channel_close_function = on_eof;
	ssh_callbacks_init(&cb);
	ssh_set_channel_callbacks(ch, &cb);
	r.ev = ssh_event_new();
	if (r.ev == NULL || ssh_event_add_session(r.ev, s) != SSH_OK) {
		if (r.ev != NULL)
			ssh_event_free(r.ev);
		/* They point into this frame: gone before the caller's
		 * close could call them. */
		ssh_remove_channel_callbacks(ch, &cb);
		chan_hold_free(&r.hold);
		return -1;
	}
	while (!r.hold.fd_done && !r.ch_done) {
		struct pollfd p[2];

		p[0].fd = ssh_get_fd(s);
		p[0].events = POLLIN;
		p[1].fd = fd;
		p[1].events = POLLIN | (r.hold.n > 0 ? POLLOUT : 0);
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents != 0 &&
		    ssh_event_dopoll(r.ev, 0) == SSH_ERROR)
			break;
		if (p[1].revents & POLLOUT)
			chan_hold_put(&r.hold);
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR))
			read_fd(&r);
		chan_hold_pull(&r.hold, ch);
		if (!ssh_is_connected(s) || ssh_channel_is_closed(ch) ||
		    ssh_channel_is_eof(ch))
			r.ch_done = true;
	}
	/* What the channel brought before it ended still goes to the fd. */
	if (!r.hold.fd_done && r.hold.n > 0) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };

		while (r.hold.n > 0 && !r.hold.fd_done &&
		    poll(&p, 1, 1000) > 0)
			chan_hold_put(&r.hold);
	}
	ssh_event_remove_session(r.ev, s);
	ssh_event_free(r.ev);
	ssh_remove_channel_callbacks(ch, &cb);
	chan_hold_free(&r.hold);
	return 0;
}
