/*
 * sshrelay.c - moves bytes both ways between an SSH channel and a file
 * descriptor until either side ends.
 *
 * The room's end of an SSH session (a participant's screen on a
 * pseudo-terminal, or the protocol for `roundtable join`) and the native
 * client's end of its tunnel are both this loop.  It runs on its own
 * thread or process with libssh's event loop and never on the room's.
 *
 * Bounded: what the channel brings and the descriptor has not taken yet is
 * held up to RELAY_HOLD_MAX; past that the channel's data waits in libssh,
 * whose window stops the peer.  The descriptor is non-blocking, so a full
 * pseudo-terminal never stops the loop from reading the screen's output
 * (which would deadlock a paste against a redraw).
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

#define RELAY_HOLD_MAX	(256u * 1024)
#define RELAY_CHUNK	(32u * 1024)

struct relay {
	ssh_session	 s;
	ssh_channel	 ch;
	ssh_event	 ev;		/* the session alone: its packets */
	int		 fd;
	const struct relay_hooks *hooks;
	void		*ctx;
	uint8_t		*hold;		/* channel bytes the fd has not taken */
	size_t		 nhold;
	bool		 fd_done;	/* the fd ended or failed */
	bool		 ch_done;	/* the channel ended */
};

static void
put_fd(struct relay *r)
{
	ssize_t n;

	while (r->nhold > 0) {
		n = write(r->fd, r->hold, r->nhold);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			r->fd_done = true;
			r->nhold = 0;
			break;
		}
		memmove(r->hold, r->hold + n, r->nhold - (size_t)n);
		r->nhold -= (size_t)n;
	}
}

/* What the data callback could not take waits in libssh's buffer, and no
 * callback comes for it until the peer sends more: fetch it. */
static void
pull_channel(struct relay *r)
{
	int n;

	while (!r->fd_done && r->nhold < RELAY_HOLD_MAX &&
	    ssh_channel_poll(r->ch, 0) > 0) {
		n = ssh_channel_read_nonblocking(r->ch, r->hold + r->nhold,
		    (uint32_t)(RELAY_HOLD_MAX - r->nhold), 0);
		if (n <= 0)
			break;
		r->nhold += (size_t)n;
		put_fd(r);
	}
}

static int
on_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *userdata)
{
	struct relay *r = userdata;
	size_t take;

	(void)s;
	(void)ch;
	(void)is_stderr;
	if (r->fd_done)
		return (int)len;	/* nobody to give it to */
	take = RELAY_HOLD_MAX - r->nhold;
	if (take > len)
		take = len;
	memcpy(r->hold + r->nhold, data, take);
	r->nhold += take;
	put_fd(r);
	return (int)take;
}

static void
on_eof(ssh_session s, ssh_channel ch, void *userdata)
{
	struct relay *r = userdata;

	(void)s;
	(void)ch;
	r->ch_done = true;
}

static int
on_winch(ssh_session s, ssh_channel ch, int cols, int rows, int px, int py,
    void *userdata)
{
	struct relay *r = userdata;

	(void)s;
	(void)ch;
	(void)px;
	(void)py;
	if (r->hooks != NULL && r->hooks->resize != NULL)
		r->hooks->resize(r->ctx, cols, rows);
	return 0;
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
		r->fd_done = true;
		return;
	}
	if (ssh_channel_write(r->ch, buf, (uint32_t)n) != n)
		r->ch_done = true;
}

int
net_relay(ssh_session s, ssh_channel ch, int fd,
    const struct relay_hooks *hooks, void *ctx)
{
	struct ssh_channel_callbacks_struct cb = { 0 };
	struct relay r = { 0 };

	r.s = s;
	r.ch = ch;
	r.fd = fd;
	r.hooks = hooks;
	r.ctx = ctx;
	r.hold = xmalloc(RELAY_HOLD_MAX);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	cb.userdata = &r;
	cb.channel_data_function = on_data;
	cb.channel_eof_function = on_eof;
	cb.channel_close_function = on_eof;
	cb.channel_pty_window_change_function = on_winch;
	ssh_callbacks_init(&cb);
	ssh_set_channel_callbacks(ch, &cb);
	r.ev = ssh_event_new();
	if (r.ev == NULL || ssh_event_add_session(r.ev, s) != SSH_OK) {
		if (r.ev != NULL)
			ssh_event_free(r.ev);
		free(r.hold);
		return -1;
	}
	while (!r.fd_done && !r.ch_done) {
		struct pollfd p[2];

		p[0].fd = ssh_get_fd(s);
		p[0].events = POLLIN;
		p[1].fd = fd;
		p[1].events = POLLIN | (r.nhold > 0 ? POLLOUT : 0);
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents != 0 &&
		    ssh_event_dopoll(r.ev, 0) == SSH_ERROR)
			break;
		if (p[1].revents & POLLOUT)
			put_fd(&r);
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR))
			read_fd(&r);
		pull_channel(&r);
		if (!ssh_is_connected(s) || ssh_channel_is_closed(ch) ||
		    ssh_channel_is_eof(ch))
			r.ch_done = true;
	}
	/* What the channel brought before it ended still goes to the fd. */
	if (!r.fd_done && r.nhold > 0) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };

		while (r.nhold > 0 && !r.fd_done && poll(&p, 1, 1000) > 0)
			put_fd(&r);
	}
	ssh_event_remove_session(r.ev, s);
	ssh_event_free(r.ev);
	ssh_remove_channel_callbacks(ch, &cb);
	free(r.hold);
	return 0;
}
