/*
 * sshtty.c - an SSH participant's terminal, in their screen's process.
 *
 * The hub (sshhub.c) does the SSH; the screen is a process of its own,
 * curses on a terminal it does not own, joined to the hub by a socket, the
 * link.  From the hub come messages (a type, two bytes of length, the
 * payload): first who the person is and their window's size, then what
 * they type and each change of their window's size.  To the hub go the
 * screen's frames, as they are, each in one write, and after the screen
 * its last words.  What the person types is put in a pipe the screen reads
 * as its keyboard.
 *
 * Bounded: typed bytes the pipe has not taken are held up to TTY_HOLD_MAX;
 * past that the link is not read, the hub holds what comes and then
 * libssh's window stops the peer (a 1 MB paste goes through at the speed
 * the screen reads it).
 *
 * The link's end (the person's ssh closed, the network dropped, the hub
 * ended) is told once, from a timer, never from inside a write the screen
 * is making.
 */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "roundtable/net.h"
#include "roundtable/text.h"
#include "net-internal.h"

#define TTY_HOLD_MAX	(128u * 1024)	/* room for a whole message while
					 * half full */
#define LINK_MSG_MAX	(NET_LINK_HEADER + 0xffff)

struct net_ssh_tty {
	int		 link;
	int		 keys[2];	/* the screen reads [0]; we write [1] */
	int		 cols, rows;
	struct chan_hold hold;		/* typed, not in the pipe yet */
	uint8_t		 in[LINK_MSG_MAX];	/* from the link, not taken */
	size_t		 inn;
	struct net_ssh_person who;
	char		 user[64], key_id[80], term[64], lang[64];
	/* on the loop, between start and stop */
	uv_poll_t	 linkw;
	uv_poll_t	 keysw;		/* the pipe, while bytes are held */
	uv_timer_t	 later;
	int		 link_events;
	bool		 started, keysw_on, ended, told;
	void		(*resized)(void *, int, int);
	void		(*gone)(void *);
	void		*ctx;
};

static void	watch(struct net_ssh_tty *);

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int
get_u16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

static void
on_later(uv_timer_t *h)
{
	struct net_ssh_tty *t = h->data;

	if (t->ended && !t->told && t->gone != NULL) {
		t->told = true;
		t->gone(t->ctx);
	}
}

static void
ended(struct net_ssh_tty *t)
{
	t->ended = true;
	if (t->started && !t->told)
		uv_timer_start(&t->later, on_later, 0, 0);
}

/* The messages read so far, as far as the pipe takes their keys. */
static void
take_messages(struct net_ssh_tty *t)
{
	size_t off = 0, len;
	const uint8_t *m;

	while (t->inn - off >= NET_LINK_HEADER) {
		m = t->in + off;
		len = (size_t)get_u16(m + 1);
		if (t->inn - off < NET_LINK_HEADER + len)
			break;
		if (m[0] == NET_LINK_KEYS) {
			if (t->hold.fd_done)
				;	/* nobody reads them */
			else if (t->hold.cap - t->hold.n < len)
				break;	/* when the pipe has taken more */
			else
				chan_hold_take(&t->hold, m + NET_LINK_HEADER,
				    (uint32_t)len);
		} else if (m[0] == NET_LINK_SIZE && len == 4) {
			t->cols = clamp(get_u16(m + 3), 1, NET_SSH_COLS_MAX);
			t->rows = clamp(get_u16(m + 5), 1, NET_SSH_ROWS_MAX);
			if (t->started && t->resized != NULL)
				t->resized(t->ctx, t->cols, t->rows);
		}
		off += NET_LINK_HEADER + len;
	}
	memmove(t->in, t->in + off, t->inn - off);
	t->inn -= off;
}

static void
read_link(struct net_ssh_tty *t)
{
	ssize_t n;

	n = recv(t->link, t->in + t->inn, sizeof t->in - t->inn,
	    MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		ended(t);
		return;
	}
	t->inn += (size_t)n;
	take_messages(t);
}

static void
on_link(uv_poll_t *h, int status, int events)
{
	struct net_ssh_tty *t = h->data;

	(void)events;
	if (status < 0)
		ended(t);
	else
		read_link(t);
	watch(t);
}

static void
on_pipe(uv_poll_t *h, int status, int events)
{
	struct net_ssh_tty *t = h->data;

	(void)events;
	if (status < 0) {
		t->hold.fd_done = true;
		t->hold.n = 0;
	}
	chan_hold_put(&t->hold);
	take_messages(t);
	watch(t);
}

/* The link while there is room to read it into; the pipe only while
 * something waits for it. */
static void
watch(struct net_ssh_tty *t)
{
	bool want = t->hold.n > 0 && t->started;
	int ev = !t->ended && t->inn < sizeof t->in ? UV_READABLE : 0;

	if (!t->started)
		return;
	if (ev != t->link_events) {
		t->link_events = ev;
		if (ev != 0)
			uv_poll_start(&t->linkw, ev, on_link);
		else
			uv_poll_stop(&t->linkw);
	}
	if (want == t->keysw_on)
		return;
	t->keysw_on = want;
	if (want)
		uv_poll_start(&t->keysw, UV_WRITABLE, on_pipe);
	else
		uv_poll_stop(&t->keysw);
}

/* Waits for fd to be ready for events; false after ms or on an error. */
static bool
wait_for(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r;

	do
		r = poll(&p, 1, ms);
	while (r < 0 && errno == EINTR);
	return r > 0;
}

/* A string of the person message, at most len - 1 bytes of it. */
static const uint8_t *
field(const uint8_t *p, const uint8_t *end, char *dst, size_t len)
{
	size_t n = 0;

	while (p < end && *p != '\0') {
		if (n + 1 < len)
			dst[n++] = (char)*p;
		p++;
	}
	dst[n] = '\0';
	return p < end ? p + 1 : end;
}

struct net_ssh_tty *
net_ssh_tty_open(int link)
{
	struct net_ssh_tty *t = xcalloc(1, sizeof *t);
	const uint8_t *p, *end;
	size_t len;
	ssize_t n;

	t->link = link;
	t->keys[0] = t->keys[1] = -1;
	fcntl(link, F_SETFL, fcntl(link, F_GETFL) | O_NONBLOCK);
	/* Who they are comes first, at once. */
	for (;;) {
		if (t->inn >= NET_LINK_HEADER && t->inn >= NET_LINK_HEADER +
		    (size_t)get_u16(t->in + 1))
			break;
		if (!wait_for(link, POLLIN, NET_SSH_AUTH_SECONDS * 1000))
			goto fail;
		n = recv(link, t->in + t->inn, sizeof t->in - t->inn, 0);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0)
			goto fail;
		t->inn += (size_t)n;
	}
	len = (size_t)get_u16(t->in + 1);
	if (t->in[0] != NET_LINK_PERSON || len < 4)
		goto fail;
	p = t->in + NET_LINK_HEADER;
	end = p + len;
	t->cols = clamp(get_u16(p), 1, NET_SSH_COLS_MAX);
	t->rows = clamp(get_u16(p + 2), 1, NET_SSH_ROWS_MAX);
	p = field(p + 4, end, t->user, sizeof t->user);
	p = field(p, end, t->key_id, sizeof t->key_id);
	p = field(p, end, t->term, sizeof t->term);
	(void)field(p, end, t->lang, sizeof t->lang);
	t->who.user = t->user[0] != '\0' ? t->user : NULL;
	t->who.key_id = t->key_id[0] != '\0' ? t->key_id : NULL;
	t->who.term = t->term;
	t->who.lang = t->lang[0] != '\0' ? t->lang : NULL;
	t->inn -= NET_LINK_HEADER + len;
	memmove(t->in, end, t->inn);
	if (pipe2(t->keys, O_CLOEXEC) != 0)
		goto fail;
	fcntl(t->keys[1], F_SETFL, fcntl(t->keys[1], F_GETFL) | O_NONBLOCK);
	chan_hold_init(&t->hold, t->keys[1], TTY_HOLD_MAX);
	/* What came with it: keys typed already, a window change. */
	take_messages(t);
	return t;
fail:
	net_ssh_tty_free(t);
	return NULL;
}

const struct net_ssh_person *
net_ssh_tty_person(const struct net_ssh_tty *t)
{
	return &t->who;
}

int
net_ssh_tty_keys(const struct net_ssh_tty *t)
{
	return t->keys[0];
}

void
net_ssh_tty_size(const struct net_ssh_tty *t, int *cols, int *rows)
{
	*cols = t->cols;
	*rows = t->rows;
}

/* All of buf to the link; -1 if it would take no more.  The hub ends a
 * session whose person takes nothing for NET_SSH_STALL_SECONDS, and the
 * link with it: this waits a little longer than that at most. */
static int
send_all(int link, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = send(link, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			if (!wait_for(link, POLLOUT,
			    (NET_SSH_STALL_SECONDS + 5) * 1000))
				return -1;
			continue;
		}
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

void
net_ssh_tty_write(struct net_ssh_tty *t, const char *buf, size_t len)
{
	if (!t->ended && send_all(t->link, buf, len) != 0)
		ended(t);
}

void
net_ssh_tty_say(struct net_ssh_tty *t, const char *words)
{
	(void)send_all(t->link, words, strlen(words));
}

int
net_ssh_tty_start(struct net_ssh_tty *t, uv_loop_t *loop,
    void (*resized)(void *, int, int), void (*gone)(void *), void *ctx)
{
	t->resized = resized;
	t->gone = gone;
	t->ctx = ctx;
	if (uv_poll_init(loop, &t->linkw, t->link) != 0)
		return -1;
	if (uv_poll_init(loop, &t->keysw, t->keys[1]) != 0 ||
	    uv_timer_init(loop, &t->later) != 0)
		abort();	/* no memory or descriptors: a bug here */
	t->linkw.data = t->keysw.data = t->later.data = t;
	t->started = true;
	t->link_events = 0;
	chan_hold_put(&t->hold);
	watch(t);
	if (t->ended)
		uv_timer_start(&t->later, on_later, 0, 0);
	return 0;
}

void
net_ssh_tty_stop(struct net_ssh_tty *t)
{
	if (!t->started)
		return;
	t->started = false;
	t->keysw_on = false;
	t->told = true;
	/* Nothing to free with them: t outlives the loop's last turn. */
	uv_close((uv_handle_t *)&t->linkw, NULL);
	uv_close((uv_handle_t *)&t->keysw, NULL);
	uv_close((uv_handle_t *)&t->later, NULL);
}

void
net_ssh_tty_free(struct net_ssh_tty *t)
{
	if (t == NULL)
		return;
	if (t->keys[0] >= 0)
		close(t->keys[0]);
	if (t->keys[1] >= 0)
		close(t->keys[1]);
	chan_hold_free(&t->hold);
	free(t);
}
